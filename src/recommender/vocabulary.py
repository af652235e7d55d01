"""Names the layers share: entry types, partner roles, score parts and the sides of an approach.

Each is defined once here and imported; the labels people read live in ``kb/taxonomy.yaml``.
"""

from __future__ import annotations

from typing import Final

#: Facets a case profile and an entry share; each maps to a vocabulary of the same name.
FACETS: Final = ("phenomena", "domains", "age_groups", "roles", "levels")
#: The facet matched by age overlap rather than by shared ids.
AGE_FACET: Final = "age_groups"
#: The facets matched as sets of ids.
SET_FACETS: Final = tuple(facet for facet in FACETS if facet != AGE_FACET)

#: Entry types in display order.
ENTRY_TYPES: Final = ("interventie", "instrument", "werkwijze", "partner")
PARTNER_TYPE: Final = "partner"
#: Types a professional applies in a case (partners are organisations, not steps).
STEP_TYPES: Final = ("interventie", "instrument", "werkwijze")

#: Roles a partner can have in an entry, in the order explanations list them.
PARTNER_ROLES: Final = ("uitvoering", "regie", "besluit", "verwijzer", "informatie")
ROLE_ORDER: Final = {role: position for position, role in enumerate(PARTNER_ROLES)}

#: The status of an entry that no longer applies: never ranked, never suggested.
WITHDRAWN_STATUS: Final = "vervallen"

#: The weighted signals that add up to an entry's score (the keys of ``Ranking.signals``).
DENSE: Final = "dense"
LEXICAL: Final = "lexical"
#: The facet match (a score part, not the list of facets).
FACET_MATCH: Final = "facets"
COMBINATION: Final = "combination"
CASES: Final = "cases"
#: The case shows a situation the entry is made for (its ``requires`` or ``protects``).
SITUATION: Final = "situation"
CONTRA: Final = "contra"
#: The score parts in display order, and the sum they add up to.
SCORE_PARTS: Final = (DENSE, LEXICAL, FACET_MATCH, COMBINATION, CASES, SITUATION, CONTRA)
TOTAL: Final = "total"

#: The sides of an integrated approach and the domains that count for each.
CARE_SIDE: Final = "zorg"
SECURITY_SIDE: Final = "veiligheid"
GOVERNANCE_SIDE: Final = "samenwerking"
CARE_DOMAINS: Final = frozenset({"zorg", "jeugdbescherming"})
SECURITY_DOMAINS: Final = frozenset({"strafrecht", "bestuursrecht"})
GOVERNANCE_DOMAIN: Final = "samenwerking"
GOVERNANCE_LEVELS: Final = frozenset({"strategisch", "bestuurlijk"})
#: The level of work with the person, family or case itself.
OPERATIONAL_LEVEL: Final = "uitvoerend"

#: Values of ``scope`` and of the frame's ``question_kind`` (vocabularies in taxonomy.yaml).
CASE_SCOPE: Final = "casus"
ORGANISATION_SCOPE: Final = "organisatie"
POLICY_QUESTION: Final = "beleid"

#: Lanes of the plan that code treats apart (the others come from taxonomy.yaml as they are).
SAFETY_LANE: Final = "veiligheid-eerst"
REGIE_LANE: Final = "regie"

#: The section whose text says when an entry does not apply; it never counts as a match.
CONTRA_SECTION: Final = "Wanneer niet"

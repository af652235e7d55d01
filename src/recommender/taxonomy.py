"""Controlled vocabularies from ``kb/taxonomy.yaml``."""

from __future__ import annotations

import difflib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .vocabulary import FACETS as FACETS
from .yamlsafe import load_yaml

#: Vocabularies every taxonomy file must define, in display order.
VOCABULARIES: tuple[str, ...] = (
    "types",
    "phenomena",
    "domains",
    "age_groups",
    "roles",
    "levels",
    "evidence",
    "partner_roles",
    "statuses",
    "for_whom",
    "scopes",
    "question_kinds",
    "person_roles",
    "signals",
    "lanes",
)


#: Dutch names of the facets, for messages and exports.
FACET_NAMES: dict[str, str] = {
    "phenomena": "Fenomenen",
    "domains": "Domeinen",
    "age_groups": "Leeftijd",
    "roles": "Rollen",
    "levels": "Niveaus",
}


class Term(BaseModel):
    """One controlled term with its Dutch and English label."""

    model_config = ConfigDict(extra="forbid")

    nl: str
    en: str
    definitie: str
    min: int | None = Field(default=None, strict=True, description="Lowest age (age groups only).")
    max: int | None = Field(default=None, strict=True, description="Highest age (age groups only).")
    trefwoorden: list[str] = Field(
        default_factory=list,
        description="Words (Dutch, English) that point to this term in free text.",
    )
    domeinen: list[str] = Field(
        default_factory=list, description="Lanes only: the entry domains that feed this lane."
    )
    kant: str | None = Field(
        default=None,
        description="Lanes only: the side of the approach (zorg, veiligheid, samenwerking).",
    )
    onveilig: bool = Field(
        default=False,
        description="Signals only: someone is unsafe now, so protective steps come first.",
    )

    def label(self, language: str = "nl") -> str:
        """Return the label in ``language`` ('nl' or 'en')."""
        return self.en if language == "en" else self.nl


class Taxonomy(BaseModel):
    """All vocabularies, keyed by vocabulary name then term id."""

    model_config = ConfigDict(extra="forbid")

    types: dict[str, Term]
    phenomena: dict[str, Term]
    domains: dict[str, Term]
    age_groups: dict[str, Term]
    roles: dict[str, Term]
    levels: dict[str, Term]
    evidence: dict[str, Term]
    partner_roles: dict[str, Term]
    statuses: dict[str, Term]
    for_whom: dict[str, Term]
    scopes: dict[str, Term]
    question_kinds: dict[str, Term]
    person_roles: dict[str, Term]
    signals: dict[str, Term]
    lanes: dict[str, Term]

    @classmethod
    def from_file(cls, path: Path) -> Taxonomy:
        """Load and validate a taxonomy YAML file."""
        data, _ = load_yaml(path.read_text(encoding="utf-8-sig"))
        return cls.model_validate(data)

    def vocabulary(self, name: str) -> dict[str, Term]:
        """Return the terms of vocabulary ``name``."""
        return getattr(self, name)

    def ids(self, name: str) -> list[str]:
        """Return the valid ids of vocabulary ``name`` in file order."""
        return list(self.vocabulary(name))

    def label(self, name: str, term_id: str, language: str = "nl") -> str:
        """Return the label of ``term_id`` in vocabulary ``name``, or the id itself if unknown."""
        term = self.vocabulary(name).get(term_id)
        return term.label(language) if term else term_id

    def suggest(self, name: str, term_id: str) -> str | None:
        """Return the valid id closest to ``term_id``, if any is reasonably close."""
        # 0.8, not difflib's 0.6 or 0.7: at 0.7 'erkend' was answered with 'onbekend', its opposite.
        matches = difflib.get_close_matches(term_id, self.ids(name), n=1, cutoff=0.8)
        return matches[0] if matches else None

    def age_range(self, group: str) -> tuple[int, int]:
        """Return the inclusive numeric age range of an age group."""
        term = self.age_groups[group]
        return (term.min if term.min is not None else 0, term.max if term.max is not None else 120)

    def age_groups_for(self, age: int) -> list[str]:
        """Return the age groups whose range contains ``age``."""
        return [g for g in self.age_groups if self.age_range(g)[0] <= age <= self.age_range(g)[1]]

"""The user's corrections to a case frame: the household as confirmed, signals added or denied.

The reader (:mod:`recommender.frame`) reads persons and signals from the text; on the Casus page
the user can correct both. A correction replaces what was read, it does not add to a guess.
"""

from __future__ import annotations

from .frame import CaseFrame, Person, Signal
from .lexicon import load_lexicon
from .profile import CaseProfile, Member
from .taxonomy import Taxonomy

#: Evidence recorded for a signal the user confirmed or added.
CONFIRMED = "bevestigd door de gebruiker"


def member_label(member: Member, language: str = "nl") -> str:
    """Return how a plan addresses a member: 'de moeder', 'de jongen (13)'."""
    relation = load_lexicon().relations.get(member.relation)
    name = (relation.en if language == "en" else relation.nl) if relation else member.relation
    return f"{name} ({member.age})" if member.age is not None else name


def persons_from_members(members: list[Member]) -> list[Person]:
    """Return the members as frame persons; the first marked subject (else the first) is it."""
    subject = next((n for n, m in enumerate(members) if m.subject), 0)
    persons = []
    seen: dict[str, int] = {}
    for number, member in enumerate(members):
        seen[member.relation] = seen.get(member.relation, 0) + 1
        key = (
            member.relation
            if seen[member.relation] == 1
            else f"{member.relation}-{seen[member.relation]}"
        )
        persons.append(
            Person(
                key=key,
                relation=member.relation,
                label=member_label(member),
                label_en=member_label(member, "en"),
                age=member.age,
                ages=[member.age] if member.age is not None else [],
                roles=sorted(set(member.roles)),
                is_subject=number == subject,
            )
        )
    return persons


def apply_corrections(frame: CaseFrame, profile: CaseProfile, taxonomy: Taxonomy) -> CaseFrame:
    """Return ``frame`` with the profile's confirmed members and signal corrections applied."""
    if profile.members is None and not profile.signals and not profile.without_signals:
        return frame
    update: dict[str, object] = {}
    if profile.members is not None:
        persons = persons_from_members(profile.members)
        subject = next((p for p in persons if p.is_subject), None)
        age = subject.age if subject is not None else None
        groups = taxonomy.age_groups_for(age) if age is not None else []
        update |= {
            "persons": persons,
            "subject_age": age,
            "subject_age_group": groups[0] if groups else None,
        }
    denied = set(profile.without_signals)
    kept = [s for s in frame.signals if s.id not in denied]
    have = {s.id for s in kept}
    added = [
        Signal(id=s, evidence=CONFIRMED, source="gebruiker")
        for s in profile.signals
        if s not in have and s not in denied
    ]
    negated = [s for s in frame.negated if s.id not in set(profile.signals)]
    negated += [
        Signal(id=s, evidence=CONFIRMED, source="gebruiker")
        for s in sorted(denied)
        if s not in {n.id for n in negated}
    ]
    update |= {"signals": kept + added, "negated": negated}
    return frame.model_copy(update=update)

"""Whether an entry applies to a case: hard age limits, preconditions, contra-indications, scope, region.

The rules come from each entry's own front matter (``age_min``/``age_max``, ``requires``,
``excludes``, ``scope``, ``region``; see ``docs/kb-format.md``), never from a particular case. All
entries are checked at once as array operations, so the check stays cheap at 100,000 entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .lexicon import CHILD_UNSAFE, JUSTICE_CONTACT, load_lexicon
from .schema import NATIONWIDE, Entry
from .taxonomy import Taxonomy
from .text import fold
from .vocabulary import CASE_SCOPE, OPERATIONAL_LEVEL, ORGANISATION_SCOPE, POLICY_QUESTION

if TYPE_CHECKING:
    from .frame import CaseFrame, Person
    from .profile import CaseProfile

#: The lexicon's kind of relation for a household or a family as a whole.
GROUP_KIND = "group"
#: Below this age a person is a minor; below ``YOUNG_ADULT_AGE`` still a 'jeugdige'.
ADULT_AGE = 18
YOUNG_ADULT_AGE = 27
#: Below this age nobody is criminally responsible (art. 486 Sv), so never an offender.
CRIMINAL_RESPONSIBILITY_AGE = 12
#: ``for_whom`` ids that stand for a person; the age limits of an entry acting on other kinds
#: (an organisation, a premises, professionals) are never checked against the subject.
PERSON_TARGETS = ("jeugdige", "ouder", "gezin", "uitbuiter-dader", "volwassen-slachtoffer")
#: Frame roles that make the subject an offender, a victim or a parent.
OFFENDER_ROLES = frozenset({"dader-verdachte", "uitbuiter"})
VICTIM_ROLES = frozenset({"slachtoffer"})
PARENT_ROLES = frozenset({"ouder-opvoeder"})
#: Entry fields that make a step a criminal-law step on a young offender (Halt, jeugdreclassering,
#: a GBM or PIJ): its first domain is criminal law, it acts on the young person, it targets
#: offenders and not victims.
CRIMINAL_LAW_DOMAIN = "strafrecht"
YOUNG_TARGET = "jeugdige"
OFFENDER_FACET_ROLE = "dader"
VICTIM_FACET_ROLE = "slachtoffer"


def is_young_offender_step(entry: Entry) -> bool:
    """Return whether ``entry`` is a criminal-law step on a young offender, by its own fields."""
    return (
        bool(entry.domains)
        and entry.domains[0] == CRIMINAL_LAW_DOMAIN
        and YOUNG_TARGET in entry.for_whom
        and OFFENDER_FACET_ROLE in entry.roles
        and VICTIM_FACET_ROLE not in entry.roles
    )


def read_as_victim_only(roles: frozenset[str]) -> bool:
    """Return whether the frame read a person as a victim and not as an offender or exploiter."""
    return bool(roles & VICTIM_ROLES) and not roles & OFFENDER_ROLES


def person_targets(age: int | None, roles: frozenset[str]) -> frozenset[str]:
    """Return the ``for_whom`` kinds of another person in the case (age may be unknown)."""
    if age is not None:
        return subject_targets(age, roles)
    kinds = set()
    if roles & PARENT_ROLES:
        kinds.add("ouder")
    if roles & OFFENDER_ROLES:
        kinds.add("uitbuiter-dader")
    return frozenset(kinds)


def subject_targets(age: int, roles: frozenset[str]) -> frozenset[str]:
    """Return the ``for_whom`` kinds the subject of a case belongs to.

    Entries acting on one of these kinds have their age limits checked against the subject.
    When the frame found no role, a minor of 12 or older may be offender as well as victim.
    """
    kinds = {"gezin"}
    if age < YOUNG_ADULT_AGE:
        kinds.add("jeugdige")
    if roles & PARENT_ROLES:
        kinds.add("ouder")
    offender = bool(roles & OFFENDER_ROLES) or (not roles and age >= CRIMINAL_RESPONSIBILITY_AGE)
    if offender and age >= CRIMINAL_RESPONSIBILITY_AGE:
        kinds.add("uitbuiter-dader")
    if age >= ADULT_AGE and (roles & VICTIM_ROLES or not roles):
        kinds.add("volwassen-slachtoffer")
    return frozenset(kinds)


@dataclass(frozen=True)
class CaseFacts:
    """What the fit rules need to know about a case (read from its frame).

    Attributes:
        subject_age: Age in years of the person the question is about, if known.
        subject_roles: The subject's roles in the frame (person_roles ids).
        others: Age (or None) and roles of every other person in the frame.
        subject_span: Age range chosen by the user (age groups) when no exact age is known.
        signals: Situation signals that hold (negated ones excluded).
        question_kind: ``casus`` for a concrete case, ``beleid`` for a policy question.
        region: The municipality or region the case is in, if named.
        dangers: The unsafe signals that hold; a minor read as a victim counts as an unsafe
            child. Protective steps with ``protects`` lead only for one of these.
        mixed: The user asked at the level of the case and of policy at once, so case steps
            and organisation steps are ranked together.
        described: The case has a description; without one no precondition can be read, so
            a missing one rules nothing out.
        negated: Signals the description explicitly denies ('niet bekend bij de politie').
    """

    subject_age: int | None = None
    subject_roles: frozenset[str] = frozenset()
    others: tuple[tuple[int | None, frozenset[str]], ...] = ()
    subject_span: tuple[int, int] | None = None
    signals: frozenset[str] = frozenset()
    question_kind: str = CASE_SCOPE
    region: str | None = None
    dangers: frozenset[str] = frozenset()
    mixed: bool = False
    described: bool = True
    negated: frozenset[str] = frozenset()

    @property
    def unsafe(self) -> bool:
        """Return whether a child, victim or reporter is unsafe now."""
        return bool(self.dangers)

    @property
    def is_policy(self) -> bool:
        """Return whether the question is about policy or organisation rather than one case."""
        return self.question_kind == POLICY_QUESTION


@dataclass(frozen=True)
class Fit:
    """The outcome of the fit rules for every entry of a :class:`FitMatrix`.

    Attributes:
        fits: Entries that may be recommended for the case.
        other_scope: Entries that fit but belong to the other group (organisation-level steps in a
            concrete case, case steps for a policy question).
        elsewhere: Entries bound to another region than the case's.
        age_misfit, missing_precondition, contra_signal: Why an entry does not fit.
        no_offender: A criminal-law step on a young offender while the case reads the young
            person as a victim only and names no young offender it could act on.
        no_criminal_case: A criminal-law step on a young offender while the description says
            there is no contact with police or justice ('nog geen politiecontact').
    """

    fits: np.ndarray
    other_scope: np.ndarray
    elsewhere: np.ndarray
    age_misfit: np.ndarray
    missing_precondition: np.ndarray
    contra_signal: np.ndarray
    no_offender: np.ndarray
    no_criminal_case: np.ndarray


class FitMatrix:
    """The applicability fields of a list of entries as arrays."""

    def __init__(self, entries: Sequence[Entry], taxonomy: Taxonomy) -> None:
        self.entries = list(entries)
        self.signal_ids = taxonomy.ids("signals")
        column = {signal: position for position, signal in enumerate(self.signal_ids)}
        count, width = len(self.entries), len(self.signal_ids)

        def signal_matrix(field: str) -> np.ndarray:
            matrix = np.zeros((count, width), dtype=bool)
            for row, entry in enumerate(self.entries):
                for signal in getattr(entry, field):
                    if signal in column:
                        matrix[row, column[signal]] = True
            return matrix

        self.requires = signal_matrix("requires")
        self.excludes = signal_matrix("excludes")
        self.protects = signal_matrix("protects")
        self.has_requirement = self.requires.any(axis=1)
        self.answers_any_danger = ~self.protects.any(axis=1)
        # Hard limits are the entry's own numbers only; age groups are a soft facet.
        self.age_low = np.array(
            [e.age_min if e.age_min is not None else -1 for e in self.entries], dtype=np.int32
        )
        self.age_high = np.array(
            [e.age_max if e.age_max is not None else 999 for e in self.entries], dtype=np.int32
        )
        self.upper_limit = np.array([e.age_max is not None for e in self.entries], dtype=bool)
        # An entry without for_whom is checked against whoever the case is about.
        self.untargeted = np.array([not e.for_whom for e in self.entries], dtype=bool)
        self.acts_on = {
            kind: np.array([kind in e.for_whom for e in self.entries], dtype=bool)
            for kind in PERSON_TARGETS
        }
        scopes = [set(e.scope) for e in self.entries]
        # An entry with both scopes competes in both groups.
        self.organisation = np.array([s == {ORGANISATION_SCOPE} for s in scopes], dtype=bool)
        self.not_for_organisation = np.array([ORGANISATION_SCOPE not in s for s in scopes])
        self.region = [fold(e.region) for e in self.entries]
        self.regional = np.array([e.region.lower() != NATIONWIDE for e in self.entries])
        self.protective = np.array([e.protective for e in self.entries], dtype=bool)
        self.first_response = np.array([e.first_response for e in self.entries], dtype=bool)
        self.young_offender_step = np.array(
            [is_young_offender_step(e) for e in self.entries], dtype=bool
        )

    def _signal_vector(self, signals: frozenset[str]) -> np.ndarray:
        return np.array([signal in signals for signal in self.signal_ids], dtype=bool)

    def answers_danger(self, facts: CaseFacts) -> np.ndarray:
        """Return per entry whether it answers a danger in the case (``protects``, see above).

        A report to Veilig Thuis answers a child unsafe at home, not threatened enforcement
        officers: only steps that answer what makes someone unsafe here lead the answer.
        """
        present = self._signal_vector(facts.dangers)
        return self.answers_any_danger | (self.protects & present).any(axis=1)

    def made_for(self, facts: CaseFacts) -> tuple[np.ndarray, np.ndarray]:
        """Return per entry whether the case shows what it is made for, by its own fields.

        Returns:
            Whether a precondition in ``requires`` holds (13b and drugs in a premises), and
            whether the entry is a protective step whose ``protects`` names a danger in the case
            (Veilig Thuis and an unsafe child). An entry without these fields gets neither.
        """
        present = self._signal_vector(facts.signals)
        requirement_met = (self.requires & present).any(axis=1)
        if not facts.described:
            requirement_met[:] = False
        danger_answered = (self.protects & self._signal_vector(facts.dangers)).any(axis=1)
        return requirement_met, danger_answered

    def situation_signals(self, row: int, facts: CaseFacts) -> list[str]:
        """Return the signals of the case that ``row`` is made for (for the explanation)."""
        entry = self.entries[row]
        found = [s for s in entry.requires if s in facts.signals] if facts.described else []
        found += [s for s in entry.protects if s in facts.dangers and s not in found]
        return found

    def age_fits(self, age: int, roles: frozenset[str] = frozenset()) -> np.ndarray:
        """Return per entry whether the subject (``age``, ``roles``) is within its hard limits.

        Limits only apply to entries that act on the kind of person the subject is: the age
        limit of a house ban on the adult who is the danger says nothing about the child.
        """
        applies = self.untargeted.copy()
        for kind in subject_targets(age, roles):
            applies |= self.acts_on[kind]
        inside = (self.age_low <= age) & (age <= self.age_high)
        return inside | ~applies

    def check(self, facts: CaseFacts) -> Fit:
        """Return which entries fit the case, and why the others do not."""
        count = len(self.entries)
        age_misfit = np.zeros(count, dtype=bool)
        if facts.subject_age is not None:
            age_misfit = ~self.age_fits(facts.subject_age, facts.subject_roles)
            # A step acting on someone else in the case (the father who is the danger, a
            # brother of 19) still fits when that person is within its limits. Relatives named
            # without an age are mostly adults: they fit a step without an upper age limit, not
            # one for young people only (adolescent criminal law for 'een neef').
            for age, roles in facts.others:
                kinds = person_targets(age, roles)
                if not kinds:
                    continue
                applies = np.zeros(count, dtype=bool)
                for kind in kinds:
                    applies |= self.acts_on[kind]
                inside = (
                    (self.age_low <= age) & (age <= self.age_high)
                    if age is not None
                    else ~self.upper_limit
                )
                age_misfit &= ~(applies & inside)
        elif facts.subject_span is not None:
            low, high = facts.subject_span
            # A chosen age group only rules an entry out when the two ranges do not meet at all.
            age_misfit = (self.age_low > high) | (self.age_high < low)
        no_offender = self._no_offender(facts)
        present = self._signal_vector(facts.signals)
        missing = self.has_requirement & ~(self.requires & present).any(axis=1)
        if not facts.described:
            missing[:] = False
        contra = (self.excludes & present).any(axis=1)
        if facts.mixed:
            other_scope = np.zeros(count, dtype=bool)
        elif facts.is_policy:
            other_scope = self.not_for_organisation.copy()
        else:
            other_scope = self.organisation.copy()
        wanted_region = fold(facts.region) if facts.region else None
        elsewhere = self.regional & np.array(
            [wanted_region is None or region != wanted_region for region in self.region],
            dtype=bool,
        )
        # Jeugdreclassering, a GBM or a PIJ follow a criminal case; a text that says there is
        # no police or justice contact rules them out.
        no_case = self.young_offender_step & (JUSTICE_CONTACT in facts.negated)
        fits = ~(age_misfit | missing | contra | no_offender | no_case)
        return Fit(fits, other_scope, elsewhere, age_misfit, missing, contra, no_offender, no_case)

    def _no_offender(self, facts: CaseFacts) -> np.ndarray:
        """Return per entry whether it is a step on a young offender the case does not have.

        A sanction such as jeugdreclassering needs a young suspect. When the frame reads the
        subject as a victim and not as an offender (the 12-year-old used as a lookout by his
        brother), it fits only if another person in the case is read as an offender within its
        age limits; someone named without an age counts only for a step without an upper limit.
        """
        if not read_as_victim_only(facts.subject_roles):
            return np.zeros(len(self.entries), dtype=bool)
        offender_within = np.zeros(len(self.entries), dtype=bool)
        for age, roles in facts.others:
            if not roles & OFFENDER_ROLES:
                continue
            if age is None:
                offender_within |= ~self.upper_limit
            else:
                offender_within |= (self.age_low <= age) & (age <= self.age_high)
        return self.young_offender_step & ~offender_within

    def everything_fits(self) -> Fit:
        """Return a fit in which no rule applies (for the plain retrieval baselines)."""
        none = np.zeros(len(self.entries), dtype=bool)
        return Fit(~none, none, none, none, none, none, none, none)

    def reasons(self, row: int, fit: Fit, facts: CaseFacts, taxonomy: Taxonomy) -> list[str]:
        """Return, in Dutch, why entry ``row`` does not fit (empty when it fits)."""
        entry = self.entries[row]
        reasons = []
        if fit.age_misfit[row]:
            if entry.age_max is None:
                limits = f"{entry.age_min} jaar en ouder"
            else:
                limits = f"{entry.age_min or 0} tot en met {entry.age_max} jaar"
            age = (
                f"{facts.subject_age} jaar"
                if facts.subject_age is not None
                else "de gekozen leeftijd"
            )
            reasons.append(f"bedoeld voor {limits}; het gaat om {age}")
        if fit.missing_precondition[row]:
            needed = " of ".join(taxonomy.label("signals", s) for s in entry.requires).lower()
            reasons.append(f"vereist: {needed}; dat staat niet in de beschrijving")
        if fit.contra_signal[row]:
            hit = [s for s in entry.excludes if s in facts.signals]
            reasons.append(
                "niet bij: " + ", ".join(taxonomy.label("signals", s) for s in hit).lower()
            )
        if fit.no_offender[row]:
            reasons.append(
                "een stap voor een jeugdige verdachte of dader; in de beschrijving is de jeugdige"
                " slachtoffer, geen verdachte"
            )
        if fit.no_criminal_case[row]:
            reasons.append(
                "volgt op een strafzaak; volgens de beschrijving is er geen contact met politie of"
                " justitie"
            )
        return reasons


def _is_individual(person: Person | None) -> bool:
    """Return whether ``person`` is one person (or a few), not a household or family as a whole."""
    if person is None:
        return False
    relation = load_lexicon().relations.get(person.relation)
    return relation is None or relation.kind != GROUP_KIND


def case_facts(frame: CaseFrame, profile: CaseProfile, taxonomy: Taxonomy) -> CaseFacts:
    """Return what the fit rules need from a case frame and the profile's own choices.

    An age the user typed in the age field wins over the frame's reading of the text; chosen
    age groups count only when no exact age is known.
    """
    age = profile.age if profile.age is not None else frame.subject_age
    span = None if age is not None else profile.age_span(taxonomy)
    subject = frame.subject
    roles = frozenset(subject.roles) if subject is not None else frozenset()
    signals = frozenset(frame.signal_ids())
    young_victim = any(
        person.age is not None and person.age < ADULT_AGE and VICTIM_ROLES & set(person.roles)
        for person in frame.persons
    )
    dangers = {s for s in signals if s in taxonomy.signals and taxonomy.signals[s].onveilig}
    if young_victim:
        # A minor read as a victim is an unsafe child when choosing the protective steps.
        dangers.add(CHILD_UNSAFE)
    # The kind of question comes from the text. A case without text, or one the user placed at the
    # operational and a policy level at once, ranks case and organisation steps together: a
    # mayor's question about one family is still a case, so levels alone never make it policy.
    # A situation with no person at its centre (a family's businesses, premises in a street) is
    # neither a person's case nor policy: both kinds of step may answer it.
    levels = set(profile.levels)
    mixed = (
        not profile.text.strip()
        or (OPERATIONAL_LEVEL in levels and bool(levels - {OPERATIONAL_LEVEL}))
        or (frame.question_kind != POLICY_QUESTION and not _is_individual(subject))
    )
    return CaseFacts(
        subject_age=age,
        subject_roles=roles,
        others=tuple(
            (person.age, frozenset(person.roles))
            for person in frame.persons
            if not person.is_subject
        ),
        subject_span=span,
        signals=signals,
        question_kind=frame.question_kind,
        region=frame.region,
        dangers=frozenset(dangers),
        mixed=mixed,
        described=bool(profile.text.strip()),
        negated=frozenset(frame.negated_ids()),
    )

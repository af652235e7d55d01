"""The case frame: who a question is about, how old, what is unsafe, and what kind of question.

:func:`read_frame` reads a :class:`~recommender.profile.CaseProfile` (its text and chosen
facets) by patterns and word lists: persons and their ages and roles from
``data/frame_lexicon.yaml``, situation signals from the ``signals`` trefwoorden in
``kb/taxonomy.yaml``, with negation scope from :mod:`recommender.negation`. Derived signals are
rules over the frame (an exploiter who is family, a child with violence at home), never per
case. Every pattern is anchored or bounded, so reading is linear in the (already cut) text.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .frame_persons import (
    Draft,
    Mention,
    draft_label,
    find_mentions,
    group_for,
    is_generic,
    is_minor,
    mark_question,
    merge_mentions,
)
from .frame_roles import assign_roles, cue_matches
from .lexicon import (
    CARER,
    CHILD_UNSAFE,
    DRUGS_IN_PREMISES,
    EXPLOITATION,
    EXPLOITER,
    FAMILY_EXPLOITATION,
    PARENT_DETAINED,
    PROFESSIONAL,
    PROFESSIONALS_INTIMIDATED,
    REPORTER,
    REPORTER_AT_RISK,
    VICTIM,
    VIOLENCE_AT_HOME,
    WITNESS,
    LexiconIndex,
    by_first,
    lexicon_index,
    phrase_stems,
)
from .negation import Scanned, negated_mask, scan
from .profile import CaseProfile
from .taxonomy import Taxonomy
from .vocabulary import CASE_SCOPE, POLICY_QUESTION

SignalSource = Literal["tekst", "afgeleid", "gebruiker"]


class Person(BaseModel):
    """Someone in the case: the child it is about, a parent, the uncles, 'the family'."""

    key: str = Field(description="Stable id within the frame, e.g. 'oom' or 'kind-2'.")
    relation: str = Field(
        description="Relation id from the frame lexicon (jongen, moeder, oom, ...)."
    )
    label: str = Field(description="Dutch display label, e.g. 'de jongen (13)'.")
    label_en: str = Field(default="", description="English display label, e.g. 'the boy (13)'.")
    age: int | None = Field(default=None, description="Years; the youngest when several ages.")
    ages: list[int] = Field(default_factory=list, description="Every age given ('19 en 20').")
    plural: bool = False
    roles: list[str] = Field(default_factory=list, description="person_roles ids.")
    is_subject: bool = False


class Signal(BaseModel):
    """A situation signal (taxonomy ``signals`` id) with the words that show it."""

    id: str
    evidence: str = Field(description="The words in the text, or the rule that derived it.")
    source: SignalSource = "tekst"


class CaseFrame(BaseModel):
    """How the reader understands a case; serialise with ``model_dump(mode="json")``."""

    persons: list[Person] = Field(default_factory=list)
    subject_age: int | None = None
    subject_age_group: str | None = None
    signals: list[Signal] = Field(default_factory=list)
    negated: list[Signal] = Field(default_factory=list)
    question_kind: str = CASE_SCOPE
    region: str | None = None

    @property
    def subject(self) -> Person | None:
        """Return the person the question is about, if any."""
        return next((person for person in self.persons if person.is_subject), None)

    def signal_ids(self) -> list[str]:
        """Return the ids of the signals that play."""
        return [signal.id for signal in self.signals]

    def negated_ids(self) -> list[str]:
        """Return the ids of the signals the text denies."""
        return [signal.id for signal in self.negated]


# --- compiled word lists -----------------------------------------------------------------


class _SignalMatcher:
    """The taxonomy's signal trefwoorden as stem sequences, keyed by their first stem."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.by_first = by_first(
            [
                (phrase_stems(word), signal_id)
                for signal_id, term in taxonomy.signals.items()
                for word in term.trefwoorden
            ]
        )

    def find(self, scanned: Scanned) -> list[tuple[str, int, int]]:
        """Return (signal id, first word, end word) of every keyword occurrence."""
        found = []
        for position, token in enumerate(scanned.stems):
            for needle, signal_id in self.by_first.get(token, ()):
                if tuple(scanned.stems[position : position + len(needle)]) == needle:
                    found.append((signal_id, position, position + len(needle)))
        return found


_matchers: dict[int, _SignalMatcher] = {}


def _matcher(taxonomy: Taxonomy) -> _SignalMatcher:
    # Keyed by identity: a Recommender keeps one taxonomy for its lifetime.
    matcher = _matchers.get(id(taxonomy))
    if matcher is None or matcher.taxonomy is not taxonomy:
        if len(_matchers) > 8:
            _matchers.clear()
        matcher = _matchers[id(taxonomy)] = _SignalMatcher(taxonomy)
    return matcher


# --- the reader ----------------------------------------------------------------------------


def read_frame(profile: CaseProfile, taxonomy: Taxonomy) -> CaseFrame:
    """Read the case frame of ``profile``: persons, ages, roles, signals, question kind, region.

    Args:
        profile: The case as entered: text (cut to ``MAX_TEXT_CHARS``) and chosen facets.
        taxonomy: The vocabularies; signals and their trefwoorden come from here.

    Returns:
        The frame. Facets the user chose win over what the text suggests.
    """
    text, _ = profile.truncated_text()
    compiled = lexicon_index()
    scanned = scan(text)
    keyword_hits = _matcher(taxonomy).find(scanned)
    # A negation inside a keyword ('wil geen hulp') is part of it, not a trigger.
    ignore = frozenset(
        position
        for _, start, end in keyword_hits
        for position in range(start, end)
        if scanned.folded[position] in compiled.triggers
    )
    mask = negated_mask(scanned, ignore)
    mentions, writer = find_mentions(text, scanned, compiled, taxonomy)
    drafts = merge_mentions(mentions, compiled)
    mark_question(scanned, mentions, drafts)
    pronoun_roles: set[str] = set()
    pronoun_objects: list[tuple[int, str]] = []
    cues = cue_matches(scanned, compiled, mask)
    # Where a role verb stands ('pimps', 'uitgebuit door'), the roles follow from it instead.
    cued = {position for _, start, end in cues for position in range(start, end)}
    writer_harmed = assign_roles(
        scanned,
        compiled,
        mentions,
        cues,
        drafts,
        pronoun_roles,
        writer,
        pronoun_objects,
    )
    for draft in drafts.values():
        kind = compiled.lexicon.relations[draft.relation].kind
        if kind == "parent":
            draft.roles.add(CARER)
        elif kind == "professional":
            draft.roles.add(PROFESSIONAL)

    signals: dict[str, Signal] = {}
    negated: dict[str, Signal] = {}
    for signal_id, start, end in keyword_hits:
        evidence = text[scanned.spans[start][0] : scanned.spans[end - 1][1]]
        target = negated if mask[start] else signals
        target.setdefault(signal_id, Signal(id=signal_id, evidence=evidence))
        if (
            signal_id == EXPLOITATION
            and not mask[start]
            and not compiled.sets["possessive_pronouns"] & set(scanned.folded[start:end])
            and not cued & set(range(start, end))
        ):
            _mark_exploited(start, text, scanned, mentions, drafts)

    for draft in drafts.values():
        if PROFESSIONAL in draft.roles and VICTIM in draft.roles:
            signals.setdefault(
                PROFESSIONALS_INTIMIDATED,
                Signal(
                    id=PROFESSIONALS_INTIMIDATED,
                    evidence=f"{draft_label(draft, compiled)} wordt bedreigd of aangevallen",
                    source="afgeleid",
                ),
            )
    question_kind = _question_kind(scanned, compiled, drafts)
    subject_key = (
        None
        if question_kind == POLICY_QUESTION
        else _choose_subject(drafts, compiled, taxonomy, signals)
    )
    if subject_key is not None:
        drafts[subject_key].roles |= pronoun_roles
        for position, role in pronoun_objects:
            target = _pronoun_target(position, subject_key, mentions, drafts, scanned)
            if target is not None:
                drafts[target].roles.add(role)
    _derive(scanned, compiled, taxonomy, drafts, subject_key, signals, mask, frozenset(negated))
    if writer_harmed:
        signals.setdefault(
            PROFESSIONALS_INTIMIDATED,
            Signal(
                id=PROFESSIONALS_INTIMIDATED,
                evidence="de schrijver (professional) wordt bedreigd",
                source="afgeleid",
            ),
        )
    for signal_id in signals:
        negated.pop(signal_id, None)

    frame = CaseFrame(
        persons=[_person(draft, compiled, draft.key == subject_key) for draft in drafts.values()],
        signals=list(signals.values()),
        negated=list(negated.values()),
        question_kind=question_kind,
        region=_region(scanned, compiled),
    )
    hint = None
    if subject_key is not None:
        draft = drafts[subject_key]
        hint = draft.age_group or compiled.lexicon.relations[draft.relation].age_group
    _apply_facets(frame, profile, taxonomy, compiled, hint)
    return frame


def _choose_subject(
    drafts: dict[str, Draft],
    compiled: LexiconIndex,
    taxonomy: Taxonomy,
    signals: dict[str, Signal],
) -> str | None:
    """Pick the person the question is about (see docs/benchmarks.md for how well this works)."""
    relations = compiled.lexicon.relations
    people = sorted(drafts.values(), key=lambda draft: draft.first)
    if not people:
        return None
    kinds = {draft.key: relations[draft.relation].kind for draft in people}
    # A note that opens with a threatened professional is about him; one that opens with the
    # man who threatens is about that man ('Een man van 34 bedreigt buren en hulpverleners').
    if PROFESSIONALS_INTIMIDATED in signals and kinds[people[0].key] == "professional":
        return people[0].key
    asked = [d for d in people if d.in_question and kinds[d.key] not in ("professional", "group")]
    if asked:
        return asked[0].key
    candidates = [d for d in people if kinds[d.key] != "professional"]
    if not candidates:
        return None
    first = candidates[0]
    # Parents, groups and neighbours open many notes, but the question is then about the child.
    yields = kinds[first.key] in ("parent", "group", "other") or (
        kinds[first.key] == "relative" and not is_minor(first, compiled, taxonomy)
    )
    if VICTIM not in first.roles and yields:
        minor = next(
            (
                d
                for d in candidates
                if is_minor(d, compiled, taxonomy)
                and not is_generic(d, compiled)
                and not d.modifier_only
            ),
            None,
        )
        if minor is not None:
            return minor.key
    return first.key


def _named_before_in_clause(
    position: int, mentions: list[Mention], scanned: Scanned
) -> list[Mention]:
    """Return the persons named before ``position`` in its own clause, in text order."""
    clause = scanned.clause[position]
    return [
        m for m in mentions if m.key and m.start < position and scanned.clause[m.start] == clause
    ]


def _mark_exploited(
    position: int, text: str, scanned: Scanned, mentions: list[Mention], drafts: dict[str, Draft]
) -> None:
    """Make the person an exploitation indicator is said of a victim.

    'Zijn tante woont op zolder, werkt elke dag en mag nooit naar buiten': the indicator names
    no one, so it is said of the first person of its own clause or, when its clause names no
    one, of the last person named before it in the same sentence. Professionals and whoever
    exploits are passed over.
    """
    begin = scanned.spans[position][0]
    # The first person of its own clause is who it is said of ('Man van 38 werkt voor een
    # schoonmaakbedrijf van zijn neef en krijgt niets betaald'); else the last one before.
    own = _named_before_in_clause(position, mentions, scanned)
    for mention in own[:1] + list(reversed(mentions)):
        if mention.start >= position or mention.key is None:
            continue
        if _SENTENCE_END & set(text[scanned.spans[mention.start][1] : begin]):
            return
        draft = drafts[mention.key]
        if PROFESSIONAL in draft.roles or EXPLOITER in draft.roles:
            continue
        draft.roles.add(VICTIM)
        return


def _pronoun_target(
    position: int,
    subject_key: str,
    mentions: list[Mention],
    drafts: dict[str, Draft],
    scanned: Scanned,
) -> str | None:
    """Return whom an object pronoun ('haar', 'hem') means: the subject, unless that is a group
    or the one who acts in the pronoun's own clause (None when no one else is named).

    'Moeder (31), drie kinderen. Partner mishandelt haar': a singular pronoun cannot mean the
    children, so it means the last single person named before it, outside its own clause (where
    the one who acts stands) and not a professional.
    """
    clause = scanned.clause[position]
    # Nobody beats themselves: in 'Haar vriend mishandelt haar' the person named right before
    # the pronoun, in its clause, is the one who acts ('hij vertelt dat zijn oom hem slaat').
    before = _named_before_in_clause(position, mentions, scanned)
    acts_here = bool(before) and before[-1].key == subject_key
    if not drafts[subject_key].plural and not acts_here:
        return subject_key
    for mention in reversed(mentions):
        if (
            mention.start >= position
            or mention.key is None
            or scanned.clause[mention.start] == clause
        ):
            continue
        draft = drafts[mention.key]
        if not draft.plural and PROFESSIONAL not in draft.roles:
            return draft.key
    return None if acts_here else subject_key


def _question_kind(scanned: Scanned, compiled: LexiconIndex, drafts: dict[str, Draft]) -> str:
    """Return 'beleid' for a policy or organisation question without a concrete person.

    Policy words count even when negated: 'without breaking privacy rules' is about privacy.
    """
    if any(draft.ages for draft in drafts.values()):
        return CASE_SCOPE
    for position, token in enumerate(scanned.stems):
        for needle in compiled.policy.get(token, ()):
            if tuple(scanned.stems[position : position + len(needle)]) == needle:
                return POLICY_QUESTION
    return CASE_SCOPE


def _region(scanned: Scanned, compiled: LexiconIndex) -> str | None:
    for position, word in enumerate(scanned.folded):
        for needle, region in compiled.regions.get(word, ()):
            if tuple(scanned.folded[position : position + len(needle)]) == needle:
                return region
    return None


def _derive(
    scanned: Scanned,
    compiled: LexiconIndex,
    taxonomy: Taxonomy,
    drafts: dict[str, Draft],
    subject_key: str | None,
    signals: dict[str, Signal],
    mask: list[bool],
    denied: frozenset[str],
) -> None:
    """Add the signals that follow from the frame itself, except those the text denies."""
    relations = compiled.lexicon.relations

    def add(signal_id: str, evidence: str) -> None:
        # 'Geen zorgen over de veiligheid van de kinderen, maar ...': the writer's own word wins.
        if signal_id in denied:
            return
        signals.setdefault(signal_id, Signal(id=signal_id, evidence=evidence, source="afgeleid"))

    def family(draft: Draft) -> bool:
        return relations[draft.relation].relative or relations[draft.relation].kind == "relative"

    minors = [
        d
        for d in drafts.values()
        if is_minor(d, compiled, taxonomy) and not is_generic(d, compiled)
    ]
    for draft in drafts.values():
        label = draft_label(draft, compiled)
        if EXPLOITER in draft.roles:
            add(EXPLOITATION, f"{label} zet iemand in")
            if family(draft):
                add(FAMILY_EXPLOITATION, f"{label} zet iemand in en is familie")
        if draft.detained and relations[draft.relation].kind == "parent":
            add(PARENT_DETAINED, f"{label} zit vast")
        if family(draft):
            for target in draft.harmed_by:
                victim = drafts.get(subject_key if target == "__subject__" else target)
                if victim is not None and victim in minors:
                    add(
                        CHILD_UNSAFE,
                        f"{draft_label(victim, compiled)} wordt bedreigd of geslagen door familie",
                    )
        if VICTIM in draft.roles and draft.roles & {WITNESS, REPORTER}:
            add(REPORTER_AT_RISK, f"{label} meldt of getuigt en wordt bedreigd")
    if FAMILY_EXPLOITATION in signals:
        # Read from its own keywords ('voor zijn ooms'): exploitation by family is exploitation.
        add(EXPLOITATION, signals[FAMILY_EXPLOITATION].evidence)
    if minors and VIOLENCE_AT_HOME in signals:
        add(
            CHILD_UNSAFE,
            f"geweld thuis en {draft_label(minors[0], compiled)} is minderjarig",
        )
    if minors and _at_home(scanned, compiled, mask, "weapon_words"):
        add(
            CHILD_UNSAFE,
            f"een wapen in huis en {draft_label(minors[0], compiled)} is minderjarig",
        )
    if minors and _at_home(scanned, compiled, mask, "drug_site_words"):
        add(
            CHILD_UNSAFE,
            f"drugsproductie in huis en {draft_label(minors[0], compiled)} is minderjarig",
        )
    premises = signals.get(DRUGS_IN_PREMISES)
    if minors and premises is not None and _names_home(premises.evidence, compiled):
        # Dealing from the home ('verkoopt vanuit de woning') brings buyers and rivals to the
        # door of the child who lives there, as production does.
        add(
            CHILD_UNSAFE,
            f"drugs in huis en {draft_label(minors[0], compiled)} is minderjarig",
        )


#: A weapon (or a drug site) and the home count together within this many words in one
#: sentence: notes list facts with commas ('inval in de woning, wapens gevonden, kinderen waren
#: thuis').
WEAPON_HOME_WINDOW = 6
_SENTENCE_END = frozenset(".!?")


def _names_home(evidence: str, compiled: LexiconIndex) -> bool:
    """Return whether the words a signal was read from name the home ('vanuit de woning')."""
    return any(word in compiled.sets["home_words"] for word in scan(evidence).folded)


def _at_home(scanned: Scanned, compiled: LexiconIndex, mask: list[bool], words: str) -> bool:
    """Return whether a word of the lexicon set ``words`` is said of the home, not negated."""
    weapons, homes = compiled.sets[words], compiled.sets["home_words"]
    folded, spans, text = scanned.folded, scanned.spans, scanned.text
    for p, word in enumerate(folded):
        if word not in weapons or mask[p]:
            continue
        low, high = max(0, p - WEAPON_HOME_WINDOW), min(len(folded), p + WEAPON_HOME_WINDOW + 1)
        for q in range(low, high):
            if folded[q] not in homes:
                continue
            first, last = sorted((p, q))
            between = text[spans[first][1] : spans[last][0]]
            if scanned.clause[q] == scanned.clause[p] or not _SENTENCE_END & set(between):
                return True
    return False


def _person(draft: Draft, compiled: LexiconIndex, is_subject: bool) -> Person:
    return Person(
        key=draft.key,
        relation=draft.relation,
        label=draft_label(draft, compiled),
        label_en=draft_label(draft, compiled, "en"),
        age=min(draft.ages) if draft.ages else None,
        ages=draft.ages,
        plural=draft.plural,
        roles=sorted(draft.roles),
        is_subject=is_subject,
    )


def _apply_facets(
    frame: CaseFrame,
    profile: CaseProfile,
    taxonomy: Taxonomy,
    compiled: LexiconIndex,
    group_hint: str | None,
) -> None:
    """Let the facets the user chose correct the text: age, age group, roles.

    ``group_hint`` is the age group the words themselves give ('tiener', 'baby').
    """
    subject = frame.subject
    if (
        subject is None
        and frame.question_kind == CASE_SCOPE
        and (profile.age is not None or len(profile.age_groups) == 1)
    ):
        # Several age groups chosen at once (kind to volwassene) describe a family or a
        # network, not one person the question is about.
        group = (
            group_for(profile.age, taxonomy) if profile.age is not None else profile.age_groups[0]
        )
        relation = compiled.lexicon.relation_for_age_group.get(group or "")
        if relation is not None:
            subject = Person(
                key=relation,
                relation=relation,
                label=compiled.lexicon.relations[relation].nl,
                label_en=compiled.lexicon.relations[relation].en,
                is_subject=True,
            )
            frame.persons.insert(0, subject)
    if subject is None:
        return
    if profile.age is not None:
        subject.age, subject.ages = profile.age, [profile.age]
    frame.subject_age = subject.age
    if subject.age is not None:
        frame.subject_age_group = group_for(subject.age, taxonomy)
    elif len(profile.age_groups) == 1:
        frame.subject_age_group = profile.age_groups[0]
    else:
        frame.subject_age_group = group_hint
    facet_roles = compiled.lexicon.facet_roles
    extra = {facet_roles[role] for role in profile.roles if role in facet_roles}
    subject.roles = sorted(set(subject.roles) | extra)

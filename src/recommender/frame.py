"""The case frame: who a question is about, how old, what is unsafe, and what kind of question.

:func:`read_frame` reads a :class:`~recommender.profile.CaseProfile` (its text and chosen
facets) by patterns and word lists: persons and their ages and roles from
``data/frame_lexicon.yaml``, situation signals from the ``signals`` trefwoorden in
``kb/taxonomy.yaml``, with negation scope from :mod:`recommender.negation`. Derived signals are
rules over the frame (an exploiter who is family, a child with violence at home), never per
case. Every pattern is anchored or bounded, so reading is linear in the (already cut) text.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, Field

from .lexicon import CUE_GROUPS, CueGroup, Lexicon, load_lexicon, phrase_stems, phrase_words
from .negation import Scanned, negated_mask, scan
from .profile import CaseProfile
from .taxonomy import Taxonomy

SignalSource = Literal["tekst", "afgeleid", "kenmerk"]

#: Adults and children are told apart at this age (years).
ADULT_AGE = 18

_PREFIX_AGE = re.compile(
    r"\b(\d{1,2}) ?-? ?(jarige?n?|years? ?-? ?old|maanden ?oude?|months? ?-? ?old)\b", re.IGNORECASE
)
_NUMBER = re.compile(r"\s*(\d{1,3})")
_MORE_NUMBER = re.compile(r"\s*(?:,|en\b|and\b|&)\s*(\d{1,3})")
_UNIT = re.compile(r"\s*(jaar|jr|years?|maanden|maand|months?|weken|weeks?)\b", re.IGNORECASE)
_MONTH_UNITS = ("maand", "month")
_WEEK_UNITS = ("week", "weken")
# At most this many ages in one list ('(4, 8 en 12)'); keeps the loop bounded.
_MAX_AGES = 6


class Person(BaseModel):
    """Someone in the case: the child it is about, a parent, the uncles, 'the family'."""

    key: str = Field(description="Stable id within the frame, e.g. 'oom' or 'kind-2'.")
    relation: str = Field(
        description="Relation id from the frame lexicon (jongen, moeder, oom, ...)."
    )
    label: str = Field(description="Dutch display label, e.g. 'de jongen (13)'.")
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
    question_kind: str = "casus"
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


@dataclass(frozen=True)
class _Compiled:
    lexicon: Lexicon
    # folded word tuple -> (relation id, plural); longest phrases tried first.
    relation_words: dict[tuple[str, ...], tuple[str, bool]]
    relation_first: dict[str, list[tuple[tuple[str, ...], tuple[str, bool]]]]
    cues: dict[str, list[tuple[tuple[str, ...], CueGroup | Literal["exploit_for"]]]]
    policy: dict[str, list[tuple[str, ...]]]
    regions: dict[str, list[tuple[tuple[str, ...], str]]]
    hedges: re.Pattern[str]
    triggers: frozenset[str]
    sets: dict[str, frozenset[str]] = field(default_factory=dict)


def _by_first(phrases: list[tuple[tuple[str, ...], object]]) -> dict[str, list]:
    index: dict[str, list] = {}
    for needle, value in phrases:
        if needle:
            index.setdefault(needle[0], []).append((needle, value))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


@lru_cache(maxsize=1)
def _compiled() -> _Compiled:
    lexicon = load_lexicon()
    relation_words: dict[tuple[str, ...], tuple[str, bool]] = {}
    for relation_id, relation in lexicon.relations.items():
        for word in relation.words:
            relation_words[phrase_words(word)] = (relation_id, False)
        for word in relation.plural:
            relation_words[phrase_words(word)] = (relation_id, True)
    cues = _by_first(
        [(phrase_stems(cue), group) for group in CUE_GROUPS for cue in lexicon.role_cues[group]]
        + [(phrase_stems(cue), "exploit_for") for cue in lexicon.exploit_for]
    )
    policy = _by_first([(phrase_stems(cue), None) for cue in lexicon.policy_cues])
    regions = _by_first(
        [
            (phrase_words(name), region)
            for region, names in lexicon.regions.items()
            for name in names
        ]
    )
    hedges = "|".join(re.escape(word) for word in lexicon.age_hedges)
    negation = lexicon.negation
    return _Compiled(
        lexicon=lexicon,
        relation_words=relation_words,
        relation_first=_by_first(list(relation_words.items())),
        cues=cues,
        policy={first: [needle for needle, _ in entries] for first, entries in policy.items()},
        regions=regions,
        hedges=re.compile(
            rf"\s*,?\s*(?:\(|(?:van|of|aged|age)\s+(?:(?:{hedges})\s+)?)", re.IGNORECASE
        ),
        triggers=frozenset(negation.determiner_triggers) | frozenset(negation.adverb_triggers),
        sets={
            name: frozenset(getattr(lexicon, name))
            for name in (
                "self_reference_before",
                "self_reference_after",
                "subject_pronouns",
                "object_pronouns",
                "agent_markers",
                "passive_markers",
                "possessive_links",
                "coordinators",
                "between_persons",
                "writer_pronouns",
                "relative_pronouns",
                "weapon_words",
                "home_words",
            )
        },
    )


class _SignalMatcher:
    """The taxonomy's signal trefwoorden as stem sequences, keyed by their first stem."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.by_first = _by_first(
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


# --- persons -------------------------------------------------------------------------------


@dataclass
class _Mention:
    start: int  # first word
    end: int  # word after the last
    relation: str | None  # None for a pronoun that points to the subject
    plural: bool = False
    ages: list[int] = field(default_factory=list)
    age_group: str | None = None
    modifier: bool = False  # 'de vriend van moeder': moeder only qualifies another person
    bare: bool = False  # known only by an age ('een 13-jarige')
    key: str | None = None


@dataclass
class _Draft:
    key: str
    relation: str
    first: int
    plural: bool = False
    ages: list[int] = field(default_factory=list)
    age_group: str | None = None
    roles: set[str] = field(default_factory=set)
    detained: bool = False
    harmed_by: set[str] = field(default_factory=set)
    in_question: bool = False
    modifier_only: bool = True
    bare: bool = False


def _relation_mentions(scanned: Scanned, compiled: _Compiled) -> tuple[list[_Mention], list[int]]:
    """Return the person words and pronouns, and where a professional writer means himself.

    The second list holds the positions of 'mij'/'me' once the writer said he is a
    professional ('Jeugdbeschermer hier. Vader dreigt mij.').
    """
    sets = compiled.sets
    relations = compiled.lexicon.relations
    mentions: list[_Mention] = []
    writer: list[int] = []
    professional_writer = False
    position = 0
    size = len(scanned)
    while position < size:
        hit = _relation_at(scanned, compiled, position)
        if hit is None:
            word = scanned.folded[position]
            if word in sets["subject_pronouns"] or (
                word in sets["object_pronouns"]
                and _relation_at(scanned, compiled, position + 1) is None
            ):
                mentions.append(_Mention(position, position + 1, None))
            elif professional_writer and word in sets["writer_pronouns"]:
                writer.append(position)
            position += 1
            continue
        length, (relation_id, plural) = hit
        if relations[relation_id].kind == "professional" and _self_reference(
            scanned, sets, position, length
        ):
            professional_writer = True
        else:
            mentions.append(_Mention(position, position + length, relation_id, plural))
        position += length
    return mentions, writer


def _relation_at(
    scanned: Scanned, compiled: _Compiled, position: int
) -> tuple[int, tuple[str, bool]] | None:
    """Return (length, (relation, plural)) of the longest person word at ``position``."""
    if position >= len(scanned):
        return None
    for needle, found in compiled.relation_first.get(scanned.folded[position], ()):
        if tuple(scanned.folded[position : position + len(needle)]) == needle:
            # "her ex-partner's family": the family is meant, not the partner.
            end = scanned.spans[position + len(needle) - 1][1]
            if scanned.text[end : end + 2] in ("'s", "’s"):
                return None
            return len(needle), found
    return None


def _self_reference(
    scanned: Scanned, sets: dict[str, frozenset[str]], start: int, length: int
) -> bool:
    """Whether a professional word names the writer ('Als wijkagent', 'Jeugdbeschermer hier.')."""
    if start > 0 and scanned.folded[start - 1] in sets["self_reference_before"]:
        return True
    end = start + length
    if start == 0:
        if end < len(scanned) and scanned.folded[end] in sets["self_reference_after"]:
            return True
        return end >= len(scanned) or scanned.clause[end] != scanned.clause[start]
    return False


def _ages_after(text: str, position: int, compiled: _Compiled) -> list[int]:
    """Return the ages written right after a person word ('van 13', '(6 en 9)', ', aged 11')."""
    lead = compiled.hedges.match(text, position)
    if lead is None:
        return []
    first = _NUMBER.match(text, lead.end())
    if first is None:
        return []
    numbers = [int(first.group(1))]
    cursor = first.end()
    while len(numbers) < _MAX_AGES:
        more = _MORE_NUMBER.match(text, cursor)
        if more is None:
            break
        numbers.append(int(more.group(1)))
        cursor = more.end()
    unit = _UNIT.match(text, cursor)
    return _in_years(numbers, unit.group(1).lower() if unit else "jaar")


def _in_years(numbers: list[int], unit: str) -> list[int]:
    if unit.startswith(_WEEK_UNITS):
        return [0 for _ in numbers]
    if unit.startswith(_MONTH_UNITS):
        return [number // 12 for number in numbers]
    return [number for number in numbers if number <= 120]


def _word_at(scanned: Scanned, char: int) -> int:
    """Return the index of the first word starting at or after ``char``."""
    return bisect_left(scanned.spans, (char, -1))


def _find_mentions(
    text: str, scanned: Scanned, compiled: _Compiled, taxonomy: Taxonomy
) -> tuple[list[_Mention], list[int]]:
    mentions, writer = _relation_mentions(scanned, compiled)
    modifiers = compiled.lexicon.age_group_modifiers
    by_start = {mention.start: mention for mention in mentions if mention.relation}
    for mention in mentions:
        if mention.relation is None:
            continue
        mention.ages = _ages_after(text, scanned.spans[mention.end - 1][1], compiled)
        before = mention.start - 1
        if before >= 0 and scanned.folded[before] in modifiers:
            mention.age_group = modifiers[scanned.folded[before]]
    for match in _PREFIX_AGE.finditer(text):
        ages = _in_years([int(match.group(1))], match.group(2).lower().replace("oude", ""))
        after = _word_at(scanned, match.end())
        target = next((by_start[p] for p in (after, after + 1) if p in by_start), None)
        if target is not None:
            target.ages = target.ages or ages
            continue
        group = _group_for(ages[0], taxonomy) if ages else None
        relation = compiled.lexicon.relation_for_age_group.get(group or "")
        if relation:
            start = max(0, _word_at(scanned, match.start()))
            bare = _Mention(start, max(start + 1, after), relation, ages=ages, bare=True)
            mentions.append(bare)
    mentions.sort(key=lambda mention: mention.start)
    _mark_modifiers(scanned, compiled, mentions)
    return mentions, writer


def _mark_modifiers(scanned: Scanned, compiled: _Compiled, mentions: list[_Mention]) -> None:
    links = compiled.sets["possessive_links"]
    ends = set()
    for mention in mentions:
        if mention.relation:
            # An age between the person and 'van' keeps the link: 'de oom (39) van twee jongens'.
            end = mention.end
            while end < len(scanned) and scanned.folded[end].isdigit():
                end += 1
            ends.add(end)
    for mention in mentions:
        for link in range(mention.start - 1, max(-1, mention.start - 5), -1):
            if scanned.clause[link] != scanned.clause[mention.start]:
                break
            if scanned.folded[link] in links and link in ends:
                mention.modifier = True
                break


def _group_for(age: int, taxonomy: Taxonomy) -> str | None:
    groups = taxonomy.age_groups_for(age)
    return groups[0] if groups else None


# --- roles ---------------------------------------------------------------------------------


def _cue_matches(
    scanned: Scanned, compiled: _Compiled, mask: list[bool]
) -> list[tuple[CueGroup | Literal["exploit_for"], int, int]]:
    """Return (group, first word, end word) of every role cue that is not negated."""
    found: list[tuple[CueGroup | Literal["exploit_for"], int, int]] = []
    position = 0
    size = len(scanned)
    while position < size:
        for needle, group in compiled.cues.get(scanned.stems[position], ()):
            if tuple(scanned.stems[position : position + len(needle)]) == needle:
                if not mask[position]:
                    found.append((group, position, position + len(needle)))
                position += len(needle) - 1
                break
        position += 1
    return found


@dataclass
class _Clause:
    """The persons of one clause around a cue."""

    here: list[_Mention]
    before: list[_Mention]  # before the cue, without modifiers ('moeder' in 'vriend van moeder')
    after: list[_Mention]
    antecedent: _Mention | None  # the word a 'die'/'who' right before the cue points to


def _clause_at(
    scanned: Scanned,
    sets: dict[str, frozenset[str]],
    mentions: list[_Mention],
    start: int,
    end: int,
) -> _Clause:
    clause = scanned.clause[start]
    here = [m for m in mentions if scanned.clause[m.start] == clause]
    antecedent = None
    preceding = [m for m in here if m.end <= start]
    if preceding:
        last = preceding[-1]
        between = scanned.folded[last.end : start]
        if between and between[0] in sets["relative_pronouns"] and len(between) <= 4:
            antecedent = last
    elif start > 0:
        # 'haar broer, die dealt': the comma opened a new clause, the antecedent ends the last one.
        opening = start
        while opening > 0 and scanned.clause[opening - 1] == clause:
            opening -= 1
        if start - opening <= 3 and scanned.folded[opening] in sets["relative_pronouns"]:
            antecedent = next((m for m in mentions if m.end == opening and m.relation), None)
    return _Clause(
        here=here,
        before=[m for m in preceding if not m.modifier],
        after=[m for m in here if m.start >= end],
        antecedent=antecedent,
    )


def _assign_roles(
    scanned: Scanned,
    compiled: _Compiled,
    mentions: list[_Mention],
    cues: list[tuple[CueGroup | Literal["exploit_for"], int, int]],
    drafts: dict[str, _Draft],
    pronoun_roles: set[str],
    writer: list[int],
) -> bool:
    """Give persons roles from the verbs around them, clause by clause.

    A clause without any person word ('..., maar wordt bedreigd') is about the subject:
    typed notes drop it all the time.

    Returns:
        Whether the writer, a professional, is threatened or harmed ('vader dreigt mij').
    """
    sets = compiled.sets
    subject = _Mention(-1, -1, None)  # stands for the subject, chosen later
    writer_harmed = False

    def give(mention: _Mention | None, role: str, here: list[_Mention]) -> list[_Mention]:
        given = _coordinated(scanned, sets, mention, here) if mention else []
        for person in given:
            if person.key is None:
                pronoun_roles.add(role)
            else:
                drafts[person.key].roles.add(role)
        return given

    for group, start, end in cues:
        around = _clause_at(scanned, sets, mentions, start, end)
        here = around.here
        if group == "exploit_for":
            agent = next((m for m in around.after if m.start - end <= 2 and m.relation), None)
            if agent is not None:
                give(agent, "uitbuiter", here)
                give(
                    around.antecedent or (around.before[-1] if around.before else subject),
                    "slachtoffer",
                    here,
                )
            continue
        if group in ("exploit", "harm"):
            agent, patient = _agent_and_patient(scanned, sets, around, start, end)
            if patient is None and (
                not here or any(w in sets["object_pronouns"] for w in scanned.folded[start:end])
            ):
                patient = subject
            agents = give(agent, "uitbuiter" if group == "exploit" else "dader-verdachte", here)
            patients = give(patient, "slachtoffer", here)
            if group == "harm":
                writer_harmed = writer_harmed or any(
                    start - 3 <= w < end + 2 and scanned.clause[w] == scanned.clause[start]
                    for w in writer
                )
                for doer in agents:
                    if doer.key:
                        drafts[doer.key].harmed_by.update(p.key or "__subject__" for p in patients)
            continue
        holder = (
            around.antecedent
            or (around.before[-1] if around.before else None)
            or (around.after[0] if around.after else None)
        )
        if holder is None and not here:
            holder = subject
        if group == "detain":
            for person in _coordinated(scanned, sets, holder, here) if holder else []:
                if person.key:
                    drafts[person.key].detained = True
            continue
        give(
            holder,
            {"offend": "dader-verdachte", "report": "melder", "witness": "getuige"}[group],
            here,
        )
    return writer_harmed


def _agent_and_patient(
    scanned: Scanned, sets: dict[str, frozenset[str]], around: _Clause, start: int, end: int
) -> tuple[_Mention | None, _Mention | None]:
    """Return who acts and who undergoes an exploit or harm verb."""
    before, after = around.before, around.after
    clause = scanned.clause[start]
    agent = _agent(scanned, sets, around.here, clause)
    if agent is not None:
        patient = around.antecedent if around.antecedent is not agent else None
        patient = patient or next((m for m in reversed(before) if m is not agent), None)
        return agent, patient or next((m for m in after if m is not agent), None)
    # Passive when 'wordt'/'is' stands between the last person and the verb.
    since = before[-1].end if before else 0
    passive = any(
        scanned.folded[p] in sets["passive_markers"]
        for p in range(since, start)
        if scanned.clause[p] == clause
    )
    if passive:
        return None, around.antecedent or (before[-1] if before else None)
    # Active voice. An object pronoun before the verb is undergoing it ('die haar laat werken').
    doers = [m for m in before if m.relation or scanned.folded[m.start] in sets["subject_pronouns"]]
    if around.antecedent is not None and around.antecedent not in doers:
        doers.append(around.antecedent)
    objects = [m for m in before if m not in doers and m.start >= (doers[-1].end if doers else 0)]
    if after:
        return (doers[-1] if doers else None), after[0]
    if objects:
        return (doers[-1] if doers else None), objects[-1]
    # Dutch puts both before the verb in a subordinate clause: 'zagen hoe vader moeder sloeg'.
    if len(doers) >= 2 and _adjacent(scanned, sets, doers[-2], doers[-1]):
        return doers[-2], doers[-1]
    return (doers[-1] if doers else None), None


def _adjacent(
    scanned: Scanned, sets: dict[str, frozenset[str]], first: _Mention, second: _Mention
) -> bool:
    between = scanned.folded[first.end : second.start]
    return len(between) <= 1 and all(word in sets["between_persons"] for word in between)


def _coordinated(
    scanned: Scanned, sets: dict[str, frozenset[str]], mention: _Mention, here: list[_Mention]
) -> list[_Mention]:
    """Return ``mention`` with the persons joined to it by 'en'/'and' ('zus en broer')."""
    if mention.start < 0:
        return [mention]
    group = [mention]
    ordered = sorted(here, key=lambda m: m.start)
    index = next((i for i, m in enumerate(ordered) if m is mention), None)
    if index is None:
        return group
    for step in (1, -1):
        current = index
        while 0 <= current + step < len(ordered):
            left, right = sorted((ordered[current], ordered[current + step]), key=lambda m: m.start)
            # Ages in between do not break the link: 'zus (15) en broer (17)'.
            between = [w for w in scanned.folded[left.end : right.start] if not w.isdigit()]
            if not (
                0 < len(between) <= 3
                and any(word in sets["coordinators"] for word in between)
                and all(
                    word in sets["coordinators"] or word in sets["between_persons"]
                    for word in between
                )
            ):
                break
            current += step
            group.append(ordered[current])
    return group


def _agent(
    scanned: Scanned, sets: dict[str, frozenset[str]], here: list[_Mention], clause: int
) -> _Mention | None:
    """Return the person right after 'door'/'by' in the clause, if any.

    A pronoun there ('door hem') points to someone else than the subject, so it is skipped.
    """
    for mention in here:
        if mention.relation is None:
            continue
        for link in range(mention.start - 1, max(-1, mention.start - 5), -1):
            if scanned.clause[link] != clause:
                break
            if scanned.folded[link] in sets["agent_markers"]:
                return mention
    return None


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
    compiled = _compiled()
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
    mentions, writer = _find_mentions(text, scanned, compiled, taxonomy)
    drafts = _merge(mentions, compiled)
    _mark_question(scanned, mentions, drafts)
    pronoun_roles: set[str] = set()
    writer_harmed = _assign_roles(
        scanned,
        compiled,
        mentions,
        _cue_matches(scanned, compiled, mask),
        drafts,
        pronoun_roles,
        writer,
    )
    for draft in drafts.values():
        kind = compiled.lexicon.relations[draft.relation].kind
        if kind == "parent":
            draft.roles.add("ouder-opvoeder")
        elif kind == "professional":
            draft.roles.add("professional")

    signals: dict[str, Signal] = {}
    negated: dict[str, Signal] = {}
    for signal_id, start, end in keyword_hits:
        evidence = text[scanned.spans[start][0] : scanned.spans[end - 1][1]]
        target = negated if mask[start] else signals
        target.setdefault(signal_id, Signal(id=signal_id, evidence=evidence))

    question_kind = _question_kind(scanned, compiled, drafts, mask)
    subject_key = None if question_kind == "beleid" else _choose_subject(drafts, compiled, signals)
    if subject_key is not None:
        drafts[subject_key].roles |= pronoun_roles
    _derive(scanned, compiled, drafts, subject_key, signals, mask)
    if writer_harmed:
        signals.setdefault(
            "intimidatie-professionals",
            Signal(
                id="intimidatie-professionals",
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


def _merge(mentions: list[_Mention], compiled: _Compiled) -> dict[str, _Draft]:
    """Join mentions of the same relation into one person, unless number or ages differ.

    'Moeder van een 15-jarige ... haar zoon': a person known only by age is the one child
    named later without an age.
    """
    drafts: dict[str, _Draft] = {}
    for mention in mentions:
        if mention.relation is None:
            continue
        plural = mention.plural or len(mention.ages) > 1
        key = mention.relation
        number = 1
        while key in drafts and (
            drafts[key].plural != plural
            or (mention.ages and drafts[key].ages and drafts[key].ages != mention.ages)
        ):
            number += 1
            key = f"{mention.relation}-{number}"
        draft = drafts.get(key)
        if draft is None:
            draft = drafts[key] = _Draft(
                key=key, relation=mention.relation, first=mention.start, bare=mention.bare
            )
        draft.plural = plural
        draft.ages = draft.ages or mention.ages
        draft.age_group = draft.age_group or mention.age_group
        draft.modifier_only = draft.modifier_only and mention.modifier
        draft.bare = draft.bare and mention.bare
        mention.key = key
    relations = compiled.lexicon.relations
    for bare in [d for d in drafts.values() if d.bare and not d.plural]:
        named = [
            d
            for d in drafts.values()
            if relations[d.relation].kind == "child" and not d.bare and not d.plural and not d.ages
        ]
        if len(named) == 1:
            target = named[0]
            target.ages, target.first = bare.ages, min(target.first, bare.first)
            for mention in mentions:
                if mention.key == bare.key:
                    mention.key = target.key
            del drafts[bare.key]
    return drafts


def _mark_question(scanned: Scanned, mentions: list[_Mention], drafts: dict[str, _Draft]) -> None:
    """Mark persons named in the closing question ('Is de baby daar veilig?')."""
    text = scanned.text.rstrip()
    if not text.endswith("?") or not scanned.spans:
        return
    opening = max(text.rfind(mark, 0, len(text) - 1) for mark in ".!?\n") + 1
    first_word = _word_at(scanned, opening)
    for mention in mentions:
        if mention.key and mention.start >= first_word:
            drafts[mention.key].in_question = True


def _is_minor(draft: _Draft, compiled: _Compiled) -> bool:
    relation = compiled.lexicon.relations[draft.relation]
    if draft.ages:
        return min(draft.ages) < ADULT_AGE
    group = draft.age_group or relation.age_group
    if group in ("kind", "jongere"):
        return True
    return relation.kind == "child" and draft.relation != "jongvolwassene"


def _choose_subject(
    drafts: dict[str, _Draft], compiled: _Compiled, signals: dict[str, Signal]
) -> str | None:
    """Pick the person the question is about (see docs/benchmarks.md for how well this works)."""
    relations = compiled.lexicon.relations
    people = sorted(drafts.values(), key=lambda draft: draft.first)
    if not people:
        return None
    kinds = {draft.key: relations[draft.relation].kind for draft in people}
    if "intimidatie-professionals" in signals:
        professional = next((d for d in people if kinds[d.key] == "professional"), None)
        if professional is not None:
            return professional.key
    asked = [d for d in people if d.in_question and kinds[d.key] not in ("professional", "group")]
    if asked:
        return asked[0].key
    candidates = [d for d in people if kinds[d.key] != "professional"]
    if not candidates:
        return None
    first = candidates[0]
    # Parents, groups and neighbours open many notes, but the question is then about the child.
    yields = kinds[first.key] in ("parent", "group", "other") or (
        kinds[first.key] == "relative" and not _is_minor(first, compiled)
    )
    if "slachtoffer" not in first.roles and yields:
        minor = next(
            (
                d
                for d in candidates
                if _is_minor(d, compiled) and not _generic(d) and not d.modifier_only
            ),
            None,
        )
        if minor is not None:
            return minor.key
    return first.key


def _generic(draft: _Draft) -> bool:
    # 'minderjarigen', 'jongeren' without an age are a category, not a person in the case.
    return draft.relation == "jongere" and draft.plural and not draft.ages


def _question_kind(
    scanned: Scanned, compiled: _Compiled, drafts: dict[str, _Draft], mask: list[bool]
) -> str:
    """Return 'beleid' for a policy or organisation question without a concrete person."""
    if any(draft.ages for draft in drafts.values()):
        return "casus"
    # Not negated: 'without breaking privacy rules' is still about privacy rules.
    del mask
    for position, token in enumerate(scanned.stems):
        for needle in compiled.policy.get(token, ()):
            if tuple(scanned.stems[position : position + len(needle)]) == needle:
                return "beleid"
    return "casus"


def _region(scanned: Scanned, compiled: _Compiled) -> str | None:
    for position, word in enumerate(scanned.folded):
        for needle, region in compiled.regions.get(word, ()):
            if tuple(scanned.folded[position : position + len(needle)]) == needle:
                return region
    return None


def _derive(
    scanned: Scanned,
    compiled: _Compiled,
    drafts: dict[str, _Draft],
    subject_key: str | None,
    signals: dict[str, Signal],
    mask: list[bool],
) -> None:
    """Add the signals that follow from the frame itself."""
    relations = compiled.lexicon.relations

    def add(signal_id: str, evidence: str) -> None:
        signals.setdefault(signal_id, Signal(id=signal_id, evidence=evidence, source="afgeleid"))

    def family(draft: _Draft) -> bool:
        return relations[draft.relation].relative or relations[draft.relation].kind == "relative"

    minors = [d for d in drafts.values() if _is_minor(d, compiled) and not _generic(d)]
    for draft in drafts.values():
        label = _label(draft, compiled)
        if "uitbuiter" in draft.roles and family(draft):
            add("uitbuiting-door-familie", f"{label} zet iemand in en is familie")
        if draft.detained and relations[draft.relation].kind == "parent":
            add("ouder-gedetineerd", f"{label} zit vast")
        if family(draft):
            for target in draft.harmed_by:
                victim = drafts.get(subject_key if target == "__subject__" else target)
                if victim is not None and victim in minors:
                    add(
                        "kind-onveilig",
                        f"{_label(victim, compiled)} wordt bedreigd of geslagen door familie",
                    )
        if draft.roles >= {"getuige", "slachtoffer"} or draft.roles >= {"melder", "slachtoffer"}:
            add("melder-in-gevaar", f"{label} meldt of getuigt en wordt bedreigd")
    if minors and "geweld-thuis" in signals:
        add("kind-onveilig", f"geweld thuis en {_label(minors[0], compiled)} is minderjarig")
    if minors and _weapon_at_home(scanned, compiled, mask):
        add("kind-onveilig", f"een wapen in huis en {_label(minors[0], compiled)} is minderjarig")


def _weapon_at_home(scanned: Scanned, compiled: _Compiled, mask: list[bool]) -> bool:
    weapons, homes = compiled.sets["weapon_words"], compiled.sets["home_words"]
    weapon_clauses = {
        scanned.clause[p]
        for p, word in enumerate(scanned.folded)
        if word in weapons and not mask[p]
    }
    return any(
        word in homes and scanned.clause[p] in weapon_clauses
        for p, word in enumerate(scanned.folded)
    )


def _label(draft: _Draft, compiled: _Compiled) -> str:
    relation = compiled.lexicon.relations[draft.relation]
    name = (relation.nl_plural or relation.nl) if draft.plural else relation.nl
    if not draft.ages:
        return name
    ages = [str(age) for age in draft.ages]
    shown = ages[0] if len(ages) == 1 else f"{', '.join(ages[:-1])} en {ages[-1]}"
    return f"{name} ({shown})"


def _person(draft: _Draft, compiled: _Compiled, is_subject: bool) -> Person:
    return Person(
        key=draft.key,
        relation=draft.relation,
        label=_label(draft, compiled),
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
    compiled: _Compiled,
    group_hint: str | None,
) -> None:
    """Let the facets the user chose correct the text: age, age group, roles.

    ``group_hint`` is the age group the words themselves give ('tiener', 'baby').
    """
    subject = frame.subject
    if (
        subject is None
        and frame.question_kind == "casus"
        and (profile.age is not None or profile.age_groups)
    ):
        group = (
            _group_for(profile.age, taxonomy) if profile.age is not None else profile.age_groups[0]
        )
        relation = compiled.lexicon.relation_for_age_group.get(group or "", "jongere")
        subject = Person(
            key=relation,
            relation=relation,
            label=compiled.lexicon.relations[relation].nl,
            is_subject=True,
        )
        frame.persons.insert(0, subject)
    if subject is None:
        return
    if profile.age is not None:
        subject.age, subject.ages = profile.age, [profile.age]
    frame.subject_age = subject.age
    if subject.age is not None:
        frame.subject_age_group = _group_for(subject.age, taxonomy)
    elif len(profile.age_groups) == 1:
        frame.subject_age_group = profile.age_groups[0]
    else:
        frame.subject_age_group = group_hint
    facet_roles = compiled.lexicon.facet_roles
    extra = {facet_roles[role] for role in profile.roles if role in facet_roles}
    subject.roles = sorted(set(subject.roles) | extra)

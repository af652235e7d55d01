"""Persons in a case text: who is named, how old, singular or plural, and who qualifies whom.

Part of the case frame (:mod:`recommender.frame`). Person words come from
``data/frame_lexicon.yaml``; ages are read by anchored patterns right after or before a person
word ('jongen van 13', 'de ouders (19 en 20)', 'a 15-year-old girl', 'baby van 6 maanden').
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from .lexicon import LexiconIndex
from .negation import Scanned
from .taxonomy import Taxonomy

#: Adults and children are told apart at this age (years).
ADULT_AGE = 18

_PREFIX_AGE = re.compile(
    r"\b(\d{1,2}) ?-? ?(jarige?n?|years? ?-? ?old|maanden ?oude?|months? ?-? ?old)\b", re.IGNORECASE
)
# A name with its age in brackets ('Rayan (16)', 'mevrouw De Wit (78)'): a person of that age.
_NAMED_AGE = re.compile(r"\b[A-ZÀ-Ý][a-zà-ÿ'-]+\s*\((\d{1,2})\)")
_NUMBER = re.compile(r"\s*(\d{1,3})")
_MORE_NUMBER = re.compile(r"\s*(?:,|en\b|and\b|&)\s*(\d{1,3})")
_UNIT = re.compile(r"\s*(jaar|jr|years?|maanden|maand|months?|weken|weeks?)\b", re.IGNORECASE)
_MONTH_UNITS = ("maand", "month")
_WEEK_UNITS = ("week", "weken")
# At most this many ages in one list ('(4, 8 en 12)'); keeps the loop bounded.
_MAX_AGES = 6


@dataclass
class Mention:
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
class Draft:
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


def _relation_mentions(scanned: Scanned, compiled: LexiconIndex) -> tuple[list[Mention], list[int]]:
    """Return the person words and pronouns, and where a professional writer means himself.

    The second list holds the positions of 'mij'/'me' once the writer said he is a
    professional ('Jeugdbeschermer hier. Vader dreigt mij.').
    """
    sets = compiled.sets
    relations = compiled.lexicon.relations
    mentions: list[Mention] = []
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
                mentions.append(Mention(position, position + 1, None))
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
            mentions.append(Mention(position, position + length, relation_id, plural))
        position += length
    return mentions, writer


def _relation_at(
    scanned: Scanned, compiled: LexiconIndex, position: int
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


def _ages_after(text: str, position: int, compiled: LexiconIndex) -> list[int]:
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


def word_at(scanned: Scanned, char: int) -> int:
    """Return the index of the first word starting at or after ``char``."""
    return bisect_left(scanned.spans, (char, -1))


def find_mentions(
    text: str, scanned: Scanned, compiled: LexiconIndex, taxonomy: Taxonomy
) -> tuple[list[Mention], list[int]]:
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
        after = word_at(scanned, match.end())
        target = next((by_start[p] for p in (after, after + 1) if p in by_start), None)
        if target is not None:
            target.ages = target.ages or ages
            continue
        group = group_for(ages[0], taxonomy) if ages else None
        relation = compiled.lexicon.relation_for_age_group.get(group or "")
        if relation:
            start = max(0, word_at(scanned, match.start()))
            bare = Mention(start, max(start + 1, after), relation, ages=ages, bare=True)
            mentions.append(bare)
    covered = {p for mention in mentions for p in range(mention.start, mention.end)}
    by_end = {mention.end: mention for mention in mentions if mention.relation}
    for match in _NAMED_AGE.finditer(text):
        start = word_at(scanned, match.start())
        if start in covered:
            continue
        ages = [int(match.group(1))]
        # A name right after a person word is that person ('mevrouw De Wit (78)').
        named = next((by_end[p] for p in (start, start - 1) if p in by_end), None)
        if named is not None:
            named.ages = named.ages or ages
            continue
        relation = compiled.lexicon.relation_for_age_group.get(group_for(ages[0], taxonomy) or "")
        if relation:
            mentions.append(Mention(start, start + 1, relation, ages=ages, bare=True))
    mentions.sort(key=lambda mention: mention.start)
    _mark_modifiers(scanned, compiled, mentions)
    return mentions, writer


def _mark_modifiers(scanned: Scanned, compiled: LexiconIndex, mentions: list[Mention]) -> None:
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


def group_for(age: int, taxonomy: Taxonomy) -> str | None:
    groups = taxonomy.age_groups_for(age)
    return groups[0] if groups else None


def merge_mentions(mentions: list[Mention], compiled: LexiconIndex) -> dict[str, Draft]:
    """Join mentions of the same relation into one person, unless number or ages differ.

    'Moeder van een 15-jarige ... haar zoon': a person known only by age is the one child
    named later without an age.
    """
    drafts: dict[str, Draft] = {}
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
            draft = drafts[key] = Draft(
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


def mark_question(scanned: Scanned, mentions: list[Mention], drafts: dict[str, Draft]) -> None:
    """Mark persons named in the closing question ('Is de baby daar veilig?')."""
    text = scanned.text.rstrip()
    if not text.endswith("?") or not scanned.spans:
        return
    opening = max(text.rfind(mark, 0, len(text) - 1) for mark in ".!?\n") + 1
    first_word = word_at(scanned, opening)
    for mention in mentions:
        if mention.key and mention.start >= first_word:
            drafts[mention.key].in_question = True


def is_minor(draft: Draft, compiled: LexiconIndex, taxonomy: Taxonomy) -> bool:
    """Whether a person is under 18, by age, by the words' age group, or as a child word."""
    relation = compiled.lexicon.relations[draft.relation]
    if draft.ages:
        return min(draft.ages) < ADULT_AGE
    group = draft.age_group or relation.age_group
    if group is not None:
        return taxonomy.age_range(group)[1] < ADULT_AGE
    return relation.kind == "child"


def is_generic(draft: Draft, compiled: LexiconIndex) -> bool:
    """Whether a person word names a category ('minderjarigen', 'jongeren'), not people."""
    generic = compiled.lexicon.relations[draft.relation].generic_plural
    return generic and draft.plural and not draft.ages


def draft_label(draft: Draft, compiled: LexiconIndex, language: str = "nl") -> str:
    """Return the display label: 'de jongen (13)', 'de ouders (19 en 20)', 'the uncle'."""
    relation = compiled.lexicon.relations[draft.relation]
    if language == "en":
        name = (relation.en_plural or relation.en) if draft.plural else relation.en
        joiner = "and"
    else:
        name = (relation.nl_plural or relation.nl) if draft.plural else relation.nl
        joiner = "en"
    if not draft.ages:
        return name
    ages = [str(age) for age in draft.ages]
    shown = ages[0] if len(ages) == 1 else f"{', '.join(ages[:-1])} {joiner} {ages[-1]}"
    return f"{name} ({shown})"

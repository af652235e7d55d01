"""The word lists of the case frame and of negation, from ``data/frame_lexicon.yaml``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .text import stem, words
from .vocabulary import CASE_SCOPE, POLICY_QUESTION

RelationKind = Literal["child", "parent", "relative", "adult", "group", "other", "professional"]

#: Role-cue groups: exploit (uitbuiter -> slachtoffer), harm (dader -> slachtoffer), offend
#: (dader-verdachte), report (melder), witness (getuige), detain (zit vast).
CueGroup = Literal["exploit", "harm", "offend", "report", "witness", "detain"]
CUE_GROUPS: tuple[CueGroup, ...] = get_args(CueGroup)

LEXICON_FILE = "frame_lexicon.yaml"

# Vocabulary ids (kb/taxonomy.yaml) that the frame's rules name; tests check that they exist.
VICTIM = "slachtoffer"
OFFENDER = "dader-verdachte"
EXPLOITER = "uitbuiter"
CARER = "ouder-opvoeder"
WITNESS = "getuige"
REPORTER = "melder"
PROFESSIONAL = "professional"
CHILD_UNSAFE = "kind-onveilig"
VIOLENCE_AT_HOME = "geweld-thuis"
FAMILY_EXPLOITATION = "uitbuiting-door-familie"
EXPLOITATION = "uitbuiting"
PARENT_DETAINED = "ouder-gedetineerd"
REPORTER_AT_RISK = "melder-in-gevaar"
PROFESSIONALS_INTIMIDATED = "intimidatie-professionals"
#: Earlier contact with police or justice; denied, no criminal case follows (applicability).
JUSTICE_CONTACT = "eerder-in-beeld"
#: Drugs sold, grown or stored in a premises; said of the home where a minor lives, unsafe.
DRUGS_IN_PREMISES = "drugs-in-pand"

#: The ids above per vocabulary.
RULE_IDS: dict[str, tuple[str, ...]] = {
    "person_roles": (
        VICTIM,
        OFFENDER,
        EXPLOITER,
        CARER,
        WITNESS,
        REPORTER,
        PROFESSIONAL,
    ),
    "question_kinds": (CASE_SCOPE, POLICY_QUESTION),
    "signals": (
        CHILD_UNSAFE,
        VIOLENCE_AT_HOME,
        FAMILY_EXPLOITATION,
        EXPLOITATION,
        DRUGS_IN_PREMISES,
        PARENT_DETAINED,
        REPORTER_AT_RISK,
        PROFESSIONALS_INTIMIDATED,
        JUSTICE_CONTACT,
    ),
}


class Relation(BaseModel):
    """How a person is named: 'jongen', 'ooms', 'the mother'."""

    model_config = ConfigDict(extra="forbid")

    nl: str
    nl_plural: str | None = None
    en: str
    en_plural: str | None = None
    kind: RelationKind
    relative: bool = False
    generic_plural: bool = Field(
        default=False,
        description="The plural names a category, not people ('jongeren').",
    )
    age_group: str | None = None
    words: list[str] = Field(default_factory=list)
    plural: list[str] = Field(default_factory=list)


class NegationWords(BaseModel):
    """Negation triggers, where their scope ends, and negation after a keyword."""

    model_config = ConfigDict(extra="forbid")

    determiner_triggers: list[str]
    adverb_triggers: list[str]
    pseudo_after: list[str]
    terminators: list[str]
    window: int = Field(ge=1, le=30)
    post_phrases: list[str]
    post_window: int = Field(ge=0, le=10)


class Lexicon(BaseModel):
    """All word lists of ``frame_lexicon.yaml``."""

    model_config = ConfigDict(extra="forbid")

    relations: dict[str, Relation]
    relation_for_age_group: dict[str, str]
    age_group_modifiers: dict[str, str | None]
    age_hedges: list[str]
    self_reference_before: list[str]
    self_reference_after: list[str]
    subject_pronouns: list[str]
    object_pronouns: list[str]
    possessive_pronouns: list[str]
    writer_pronouns: list[str]
    relative_pronouns: list[str]
    role_cues: dict[CueGroup, list[str]]
    exploit_for: list[str]
    agent_markers: list[str]
    passive_markers: list[str]
    coordinators: list[str]
    between_persons: list[str]
    possessive_links: list[str]
    facet_roles: dict[str, str]
    weapon_words: list[str]
    drug_site_words: list[str]
    home_words: list[str]
    policy_cues: list[str]
    regions: dict[str, list[str]]
    negation: NegationWords


def phrase_stems(phrase: str) -> tuple[str, ...]:
    """Return the stems of every word of ``phrase`` (stop words kept: 'voor zijn ooms')."""
    return tuple(stem(word) for word in words(phrase))


def phrase_words(phrase: str) -> tuple[str, ...]:
    """Return the folded words of ``phrase``, unstemmed."""
    return tuple(words(phrase))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load and validate the packaged lexicon once.

    Raises:
        ValueError: naming the file and the field when the lexicon is malformed.
    """
    text = resources.files("recommender.data").joinpath(LEXICON_FILE).read_text(encoding="utf-8")
    try:
        return Lexicon.model_validate(yaml.safe_load(text))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in problem['loc'])}: {problem['msg']}"
            for problem in error.errors()
        )
        raise ValueError(f"{LEXICON_FILE}: {problems}") from error


#: A role cue group, or "exploit_for": work or crime done for the person named next.
CueOrFor = CueGroup | Literal["exploit_for"]


@dataclass(frozen=True)
class LexiconIndex:
    """The lexicon compiled for matching: phrases keyed by their first word or stem."""

    lexicon: Lexicon
    # folded word tuple -> (relation id, plural); longest phrases tried first.
    relation_words: dict[tuple[str, ...], tuple[str, bool]]
    relation_first: dict[str, list[tuple[tuple[str, ...], tuple[str, bool]]]]
    cues: dict[str, list[tuple[tuple[str, ...], CueOrFor]]]
    policy: dict[str, list[tuple[str, ...]]]
    regions: dict[str, list[tuple[tuple[str, ...], str]]]
    hedges: re.Pattern[str]
    triggers: frozenset[str]
    sets: dict[str, frozenset[str]] = field(default_factory=dict)


def by_first(phrases: list[tuple[tuple[str, ...], Any]]) -> dict[str, list[Any]]:
    """Index (needle, value) pairs by the needle's first item, longest needles first."""
    index: dict[str, list] = {}
    for needle, value in phrases:
        if needle:
            index.setdefault(needle[0], []).append((needle, value))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


@lru_cache(maxsize=1)
def lexicon_index() -> LexiconIndex:
    """Return the packaged lexicon compiled once."""
    lexicon = load_lexicon()
    relation_words: dict[tuple[str, ...], tuple[str, bool]] = {}
    for relation_id, relation in lexicon.relations.items():
        for word in relation.words:
            relation_words[phrase_words(word)] = (relation_id, False)
        for word in relation.plural:
            relation_words[phrase_words(word)] = (relation_id, True)
    # Cues match word for word: stems would let nouns act as verbs ('uitbuiting', 'bedreiging').
    cues = by_first(
        [(phrase_words(cue), group) for group in CUE_GROUPS for cue in lexicon.role_cues[group]]
        + [(phrase_words(cue), "exploit_for") for cue in lexicon.exploit_for]
    )
    policy = by_first([(phrase_stems(cue), None) for cue in lexicon.policy_cues])
    regions = by_first(
        [
            (phrase_words(name), region)
            for region, names in lexicon.regions.items()
            for name in names
        ]
    )
    hedges = "|".join(re.escape(word) for word in lexicon.age_hedges)
    negation = lexicon.negation
    return LexiconIndex(
        lexicon=lexicon,
        relation_words=relation_words,
        relation_first=by_first(list(relation_words.items())),
        cues=cues,
        policy={first: [needle for needle, _ in entries] for first, entries in policy.items()},
        regions=regions,
        # An age in apposition ('Girl, 13, stopped going to school') needs a closing mark after
        # the number, so a count ('a boy, 3 brothers') is not read as an age.
        hedges=re.compile(
            rf"\s*,\s*(?=\d{{1,2}}\s*(?:[,.;:]|$))"
            # Case notes list children with a bare number ('zoon 17, dochter 12)'); a count
            # ('zoon 2 keer aangehouden') has a word after it, not a closing mark.
            rf"|\s+(?=\d{{1,2}}\s*(?:[,;:)]|\.(?:\s|$)|(?:en|and)\s|$))"
            # An initial may stand between the person and the age ('Moeder Y. (31)').
            rf"|(?:\s+(?-i:[A-Z])\.)?\s*,?\s*(?:\(|(?:van|of|aged|age)\s+(?:(?:{hedges})\s+)?)",
            re.IGNORECASE,
        ),
        triggers=frozenset(negation.determiner_triggers) | frozenset(negation.adverb_triggers),
        sets={
            name: frozenset(getattr(lexicon, name))
            for name in (
                "self_reference_before",
                "self_reference_after",
                "subject_pronouns",
                "object_pronouns",
                "possessive_pronouns",
                "agent_markers",
                "passive_markers",
                "possessive_links",
                "coordinators",
                "between_persons",
                "writer_pronouns",
                "relative_pronouns",
                "weapon_words",
                "drug_site_words",
                "home_words",
            )
        },
    )

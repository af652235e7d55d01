"""The word lists of the case frame and of negation, from ``data/frame_lexicon.yaml``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .text import stem, words

RelationKind = Literal["child", "parent", "relative", "adult", "group", "other", "professional"]

#: Role-cue groups: exploit (uitbuiter -> slachtoffer), harm (dader -> slachtoffer), offend
#: (dader-verdachte), report (melder), witness (getuige), detain (zit vast).
CueGroup = Literal["exploit", "harm", "offend", "report", "witness", "detain"]
CUE_GROUPS: tuple[CueGroup, ...] = get_args(CueGroup)

LEXICON_FILE = "frame_lexicon.yaml"


class Relation(BaseModel):
    """How a person is named: 'jongen', 'ooms', 'the mother'."""

    model_config = ConfigDict(extra="forbid")

    nl: str
    nl_plural: str | None = None
    en: str
    kind: RelationKind
    relative: bool = False
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

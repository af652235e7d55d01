"""Negation scope in a free description: 'geen drugs in de panden', 'not known to the police'.

A trigger ('geen', 'niet', 'no', 'not') negates the words after it up to the end of its clause,
a terminator ('maar', 'wel', 'en', 'but') or a fixed window; a phrase after a keyword ('van
overlast is geen sprake') negates the words before it the same way. The case frame and the
phenomenon inference both use this, so a negated keyword never yields a signal or a phenomenon.
Every step is a single pass over the words with a bounded window: linear in the text length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import load_lexicon, phrase_stems
from .text import fold, stem

_WORD = re.compile(r"\w\w+")
# Punctuation that ends a clause; commas too, because typed notes list facts with them.
_CLAUSE_END = re.compile(r"[.,;:!?\n]")


@dataclass(frozen=True)
class Scanned:
    """The words of a text with their spans, folded forms, stems and clause numbers."""

    text: str
    folded: list[str]
    stems: list[str]
    spans: list[tuple[int, int]]
    clause: list[int]

    def __len__(self) -> int:
        return len(self.folded)


def scan(text: str) -> Scanned:
    """Split ``text`` into words (two characters or longer) and number their clauses."""
    ends = [match.start() for match in _CLAUSE_END.finditer(text)]
    folded: list[str] = []
    spans: list[tuple[int, int]] = []
    clause: list[int] = []
    boundary = 0
    for match in _WORD.finditer(text):
        while boundary < len(ends) and ends[boundary] < match.start():
            boundary += 1
        folded.append(fold(match.group()))
        spans.append(match.span())
        clause.append(boundary)
    return Scanned(text, folded, [stem(word) for word in folded], spans, clause)


@dataclass(frozen=True)
class _Rules:
    triggers: frozenset[str]
    pseudo_after: frozenset[str]
    terminators: frozenset[str]
    window: int
    post_phrases: tuple[tuple[str, ...], ...]
    post_first: frozenset[str]
    post_window: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    words = load_lexicon().negation
    post = tuple(phrase_stems(phrase) for phrase in words.post_phrases)
    return _Rules(
        triggers=frozenset(words.determiner_triggers) | frozenset(words.adverb_triggers),
        pseudo_after=frozenset(words.pseudo_after),
        terminators=frozenset(words.terminators),
        window=words.window,
        post_phrases=post,
        post_first=frozenset(phrase[0] for phrase in post if phrase),
        post_window=words.post_window,
    )


def negated_mask(scanned: Scanned, ignore: frozenset[int] = frozenset()) -> list[bool]:
    """Return per word whether it lies in the scope of a negation.

    Args:
        scanned: The words of the text.
        ignore: Word positions that are not triggers, because they belong to a keyword that
            itself contains a negation ('wil geen hulp', 'niet naar school').
    """
    rules = _rules()
    size = len(scanned)
    mask = [False] * size
    folded, clause = scanned.folded, scanned.clause
    for position, word in enumerate(folded):
        if position in ignore:
            continue
        if word in rules.triggers:
            following = position + 1
            if following < size and folded[following] in rules.pseudo_after:
                continue
            for other in range(following, min(size, following + rules.window)):
                if clause[other] != clause[position] or folded[other] in rules.terminators:
                    break
                mask[other] = True
        if scanned.stems[position] in rules.post_first and _post_phrase_at(scanned, position):
            for other in range(position - 1, max(-1, position - 1 - rules.post_window), -1):
                if clause[other] != clause[position] or folded[other] in rules.terminators:
                    break
                mask[other] = True
    return mask


def _post_phrase_at(scanned: Scanned, position: int) -> bool:
    for phrase in _rules().post_phrases:
        if tuple(scanned.stems[position : position + len(phrase)]) == phrase:
            return True
    return False


def strip_negated(text: str) -> str | None:
    """Return ``text`` without its negated words, or None when nothing in it is negated."""
    scanned = scan(text)
    mask = negated_mask(scanned)
    if not any(mask):
        return None
    return " ".join(
        text[start:end]
        for (start, end), negated in zip(scanned.spans, mask, strict=True)
        if not negated
    )

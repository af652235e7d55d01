"""Facets read from free text, for professionals who only type a description.

Phenomena come from the keywords in ``kb/taxonomy.yaml`` (stemmed, so 'dealt' finds 'dealen');
ages come from patterns such as '(13)', '13 jaar', '13-jarige' or '15-year-old'. The
recommender only uses them for facets the user left empty, and says so in the answer.
A negated keyword ('geen drugs in de panden') infers nothing: see :mod:`recommender.negation`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .negation import strip_negated
from .taxonomy import Taxonomy
from .text import tokenize

_AGE_PATTERNS = (
    re.compile(r"\((\d{1,2})\)"),
    re.compile(r"\b(\d{1,2})[- ]?(?:jaar|jarige|jr\b)", re.IGNORECASE),
    re.compile(
        r"\b(?:van|is|ben|wordt) (\d{1,2})\b(?! (?:keer|euro|uur|dagen|weken|maanden|mensen|woningen|kinderen))",
        re.IGNORECASE,
    ),
    re.compile(r"\b(\d{1,2})[- ]years?[- ]old\b", re.IGNORECASE),
    re.compile(r"\baged (\d{1,2})\b", re.IGNORECASE),
)


@dataclass
class InferredFacets:
    """What the text suggests, with the words that suggested it."""

    phenomena: list[str] = field(default_factory=list)
    ages: list[int] = field(default_factory=list)
    evidence: dict[str, list[str]] = field(default_factory=dict)

    def age_groups(self, taxonomy: Taxonomy) -> list[str]:
        """Return the age groups of every age found, in taxonomy order."""
        found = {group for age in self.ages for group in taxonomy.age_groups_for(age)}
        return [group for group in taxonomy.ids("age_groups") if group in found]


class KeywordIndex:
    """The phenomena's keywords as token sequences, keyed by their first token."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.by_first_token: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        self.keywords = [
            (term_id, list(term.trefwoorden)) for term_id, term in taxonomy.phenomena.items()
        ]
        for term_id, words in self.keywords:
            for word in words:
                needle = tuple(tokenize(word))
                if needle:
                    self.by_first_token.setdefault(needle[0], []).append((needle, term_id, word))

    def find(self, tokens: list[str]) -> dict[str, list[str]]:
        """Return per phenomenon (taxonomy order) the keywords that occur in ``tokens``."""
        found: set[tuple[str, str]] = set()
        for position, token in enumerate(tokens):
            for needle, term_id, word in self.by_first_token.get(token, ()):
                if tuple(tokens[position : position + len(needle)]) == needle:
                    found.add((term_id, word))
        matches = {}
        for term_id, words in self.keywords:
            hits = [word for word in words if (term_id, word) in found]
            if hits:
                matches[term_id] = hits
        return matches


def infer_facets(
    text: str,
    taxonomy: Taxonomy,
    keywords: KeywordIndex | None = None,
    tokens: list[str] | None = None,
) -> InferredFacets:
    """Return the phenomena and ages that ``text`` mentions.

    Args:
        text: The free description.
        taxonomy: The vocabularies with their keywords.
        keywords: The taxonomy's :class:`KeywordIndex`, when the caller keeps one.
        tokens: ``tokenize(text)``, when already known.
    """
    inferred = InferredFacets()
    if not text.strip():
        return inferred
    # Only the negated words are dropped; the caller's tokens stay valid when there are none.
    affirmed = strip_negated(text)
    if affirmed is not None:
        tokens = tokenize(affirmed)
    matches = (keywords or KeywordIndex(taxonomy)).find(
        tokenize(text) if tokens is None else tokens
    )
    inferred.phenomena = list(matches)
    inferred.evidence = matches
    ages: list[int] = []
    for pattern in _AGE_PATTERNS:
        ages.extend(int(match) for match in pattern.findall(text))
    inferred.ages = sorted({age for age in ages if 0 <= age <= 99})
    return inferred

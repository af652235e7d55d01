"""Facets read from free text, for professionals who only type a description.

Phenomena come from the keywords in ``kb/taxonomy.yaml`` (stemmed, so 'dealt' finds 'dealen');
ages come from patterns such as '(13)', '13 jaar', '13-jarige' or '15-year-old'. The
recommender only uses them for facets the user left empty, and says so in the answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

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


@lru_cache(maxsize=4096)
def _keyword_tokens(word: str) -> tuple[str, ...]:
    return tuple(tokenize(word))


def _contains(haystack: list[str], needle: tuple[str, ...], words: set[str]) -> bool:
    width = len(needle)
    if width == 0 or not words.issuperset(needle):
        return False
    if width == 1:
        return True
    return any(tuple(haystack[i : i + width]) == needle for i in range(len(haystack) - width + 1))


def infer_facets(text: str, taxonomy: Taxonomy) -> InferredFacets:
    """Return the phenomena and ages that ``text`` mentions."""
    inferred = InferredFacets()
    if not text.strip():
        return inferred
    tokens = tokenize(text)
    token_set = set(tokens)
    for term_id, term in taxonomy.phenomena.items():
        words = [
            word for word in term.trefwoorden if _contains(tokens, _keyword_tokens(word), token_set)
        ]
        if words:
            inferred.phenomena.append(term_id)
            inferred.evidence[term_id] = words
    ages: list[int] = []
    for pattern in _AGE_PATTERNS:
        ages.extend(int(match) for match in pattern.findall(text))
    inferred.ages = sorted({age for age in ages if 0 <= age <= 99})
    return inferred

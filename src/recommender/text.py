"""Dutch text normalisation, tokenisation and stemming shared by BM25 and the explanations."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_DUTCH, STOPWORDS_EN

_WORD = re.compile(r"\w\w+", re.UNICODE)

# Queries may be English while the content is Dutch, so both stop-word lists apply.
STOPWORDS: frozenset[str] = frozenset(STOPWORDS_DUTCH) | frozenset(STOPWORDS_EN)


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so 'beëindiging' and 'beeindiging' match."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def stem(word: str) -> str:
    """Return the Dutch Snowball stem of a folded word."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Return the folded words of ``text`` (two characters or longer)."""
    return _WORD.findall(fold(text))


def tokenize(text: str) -> list[str]:
    """Return the stemmed, stop-word-free tokens of ``text`` for BM25."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit()]


def tokenize_many(texts: list[str]) -> list[list[str]]:
    """Tokenise a list of texts."""
    stemmer = _stemmer()
    return [
        stemmer.stemWords([w for w in words(t) if w not in STOPWORDS and not w.isdigit()])
        for t in texts
    ]

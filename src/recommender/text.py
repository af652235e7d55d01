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


def _diacritics_table() -> dict[int, str]:
    table = {}
    for code in range(0xC0, 0x250):
        base = "".join(
            ch for ch in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(ch)
        )
        if base != chr(code):
            table[code] = base
    return table


# A translation table is far faster than decomposing every character of every passage.
_FOLD = _diacritics_table()


def fold(text: str) -> str:
    """Lower-case and strip diacritics, so 'beëindiging' and 'beeindiging' match."""
    return text.lower().translate(_FOLD)


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Dutch Snowball stem of a folded word."""
    return _stemmer().stemWord(word)


def words(text: str) -> list[str]:
    """Return the folded words of ``text`` (two characters or longer)."""
    return _WORD.findall(fold(text))


def tokenize(text: str) -> list[str]:
    """Return the stemmed, stop-word-free tokens of ``text`` for BM25."""
    return [stem(w) for w in words(text) if w not in STOPWORDS and not w.isdigit()]


def stems_of(match_text: str) -> str:
    """Return the stem of one raw word as it appears in a text (folded first)."""
    return stem(fold(match_text))


def tokenize_many(texts: list[str]) -> list[list[str]]:
    """Tokenise a list of texts."""
    stemmer = _stemmer()
    return [
        stemmer.stemWords([w for w in words(t) if w not in STOPWORDS and not w.isdigit()])
        for t in texts
    ]


_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|^\s*[-*]\s+", re.MULTILINE)


def passage_body(text: str, section: str) -> str:
    """Return the readable body of a passage: without the 'title — section:' prefix and emphasis."""
    body = (text.partition(": ")[2] if section else "") or text
    # The KB's own Markdown emphasis would clash with the term markers.
    return _MARKDOWN_EMPHASIS.sub("", body)


def stem_positions(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return, per stem of a non-stop word in ``text``, the (start, end) of each occurrence."""
    positions: dict[str, list[tuple[int, int]]] = {}
    for match in _WORD.finditer(text):
        if fold(match.group()) not in STOPWORDS:
            positions.setdefault(stems_of(match.group()), []).append(match.span())
    return positions

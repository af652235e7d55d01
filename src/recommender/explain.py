"""Explanations: matched facets and the best matching passage with the query terms marked."""

from __future__ import annotations

import re

import numpy as np

from .index import SearchIndex
from .results import Passage
from .text import STOPWORDS, fold, stem, tokenize

SNIPPET_CHARS = 320
_WORD = re.compile(r"\w\w+", re.UNICODE)
_MARKDOWN_EMPHASIS = re.compile(r"\*\*|__|^\s*[-*]\s+", re.MULTILINE)


def best_passage(
    index: SearchIndex, entry_id: str, query_vector: np.ndarray | None, query_text: str
) -> Passage | None:
    """Return the passage of ``entry_id`` that best matches the query, with its terms marked.

    A passage scores by cosine similarity plus the share of query stems it contains.
    """
    rows = index.passage_rows.get(entry_id, [])
    if not rows:
        return None
    query_stems = set(tokenize(query_text))
    best_row, best_score = rows[0], -np.inf
    for row in rows:
        passage = index.passages[row]
        dense = float(index.vectors[row] @ query_vector) if query_vector is not None else 0.0
        overlap = len(query_stems & set(tokenize(passage.text))) / max(1, len(query_stems))
        score = dense + 0.5 * overlap
        if score > best_score:
            best_row, best_score = row, score
    passage = index.passages[best_row]
    body = passage.text.split(": ", 1)[1] if passage.section else passage.text
    # The KB's own Markdown emphasis would clash with the term markers.
    body = _MARKDOWN_EMPHASIS.sub("", body)
    snippet, terms = mark_terms(body, query_stems)
    return Passage(section=passage.section or "Samenvatting", snippet=snippet, terms=terms)


def mark_terms(
    text: str, query_stems: set[str], width: int = SNIPPET_CHARS
) -> tuple[str, list[str]]:
    """Cut a window of ``text`` around the first query term and wrap matching words in ``**``."""
    matches = [
        m
        for m in _WORD.finditer(text)
        if fold(m.group()) not in STOPWORDS and stem(fold(m.group())) in query_stems
    ]
    start = 0
    if matches and matches[0].start() > width // 3:
        start = text.rfind(" ", 0, matches[0].start() - width // 4) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = max(start + 1, text.rfind(" ", start, end))
    window = text[start:end]
    terms: list[str] = []
    pieces: list[str] = []
    cursor = 0
    for match in matches:
        if match.start() < start or match.end() > end:
            continue
        local_start, local_end = match.start() - start, match.end() - start
        pieces.append(window[cursor:local_start])
        pieces.append(f"**{match.group()}**")
        cursor = local_end
        if match.group().lower() not in terms:
            terms.append(match.group().lower())
    pieces.append(window[cursor:])
    snippet = "".join(pieces).replace("\n", " ")
    return ("…" if start else "") + snippet + ("…" if end < len(text) else ""), terms

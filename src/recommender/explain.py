"""Explanations: matched facets and the best matching passage with the query terms marked."""

from __future__ import annotations

import numpy as np

from .index import SearchIndex
from .results import Passage
from .text import word_spans

SNIPPET_CHARS = 320


def best_passage(
    index: SearchIndex,
    entry_id: str,
    query_vector: np.ndarray | None,
    query_stems: frozenset[str],
) -> Passage | None:
    """Return the passage of ``entry_id`` that best matches the query, with its terms marked.

    A passage scores by cosine similarity plus the share of query stems it contains.
    """
    rows = index.passage_rows.get(entry_id, [])
    if not rows:
        return None
    dense = (
        index.vectors[rows] @ query_vector
        if query_vector is not None
        else np.zeros(len(rows), dtype=np.float32)
    )
    stems = index.passage_stems
    overlap = np.array([len(query_stems & stems[row]) for row in rows], dtype=np.float32)
    best_row = rows[int(np.argmax(dense + 0.5 * overlap / max(1, len(query_stems))))]
    passage = index.passages[best_row]
    body, spans = index.passage_body(best_row)
    snippet, terms = mark_terms(body, query_stems, spans=spans)
    return Passage.model_construct(
        section=passage.section or "Samenvatting", snippet=snippet, terms=terms
    )


def mark_terms(
    text: str,
    query_stems: frozenset[str],
    width: int = SNIPPET_CHARS,
    spans: list[tuple[int, int, str]] | None = None,
) -> tuple[str, list[str]]:
    """Cut a window of ``text`` around the first query term and wrap matching words in ``**``."""
    spans = word_spans(text) if spans is None else spans
    matches = [(s, e) for s, e, word_stem in spans if word_stem in query_stems]
    start = 0
    if matches and matches[0][0] > width // 3:
        start = text.rfind(" ", 0, matches[0][0] - width // 4) + 1
    end = min(len(text), start + width)
    if end < len(text):
        end = max(start + 1, text.rfind(" ", start, end))
    window = text[start:end]
    terms: list[str] = []
    pieces: list[str] = []
    cursor = 0
    for match_start, match_end in matches:
        if match_start < start or match_end > end:
            continue
        word = text[match_start:match_end]
        pieces.append(window[cursor : match_start - start])
        pieces.append(f"**{word}**")
        cursor = match_end - start
        if word.lower() not in terms:
            terms.append(word.lower())
    pieces.append(window[cursor:])
    snippet = "".join(pieces).replace("\n", " ")
    return ("…" if start else "") + snippet + ("…" if end < len(text) else ""), terms

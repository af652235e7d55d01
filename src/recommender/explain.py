"""Explanations: matched facets and the best matching passage with the query terms marked."""

from __future__ import annotations

import numpy as np

from .index import SearchIndex
from .text import stem_positions

SNIPPET_CHARS = 320


def best_passages(
    index: SearchIndex,
    entry_ids: list[str],
    query_vector: np.ndarray | None,
    query_stems: frozenset[str],
) -> list[dict[str, object] | None]:
    """Return, per entry, the passage that best matches the query, with its terms marked.

    A passage scores by cosine similarity plus the share of query stems it contains. All
    passages of all entries are scored in one matrix product.
    """
    groups = [index.passage_rows.get(entry_id, []) for entry_id in entry_ids]
    rows = [row for group in groups for row in group]
    if not rows:
        return [None] * len(entry_ids)
    score = (
        index.vectors[rows] @ query_vector
        if query_vector is not None
        else np.zeros(len(rows), dtype=np.float32)
    )
    if query_stems:
        stems = index.passage_stems
        overlap = np.fromiter(
            (len(query_stems & stems[row]) for row in rows), np.float32, len(rows)
        )
        score = score + 0.5 * overlap / len(query_stems)
    values = score.tolist()
    passages: list[dict[str, object] | None] = []
    start = 0
    for group in groups:
        if not group:
            passages.append(None)
            continue
        best = max(range(start, start + len(group)), key=values.__getitem__)
        best_row = group[best - start]
        start += len(group)
        body, positions = index.passage_body(best_row)
        snippet, terms = mark_terms(body, query_stems, positions=positions)
        section = index.passages[best_row].section or "Samenvatting"
        passages.append({"section": section, "snippet": snippet, "terms": terms})
    return passages


def mark_terms(
    text: str,
    query_stems: frozenset[str],
    width: int = SNIPPET_CHARS,
    positions: dict[str, list[tuple[int, int]]] | None = None,
) -> tuple[str, list[str]]:
    """Cut a window of ``text`` around the first query term and wrap matching words in ``**``."""
    positions = stem_positions(text) if positions is None else positions
    matches = sorted(span for stem in query_stems if stem in positions for span in positions[stem])
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

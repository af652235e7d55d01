"""Explanations: why a ranked entry is shown, or why one that matches does not fit.

Per result row: the matched facets, the best matching passage with the query terms marked, the
strong entries it combines with, the vignettes whose experts chose it and the score parts. All
of it is read from a :class:`recommender.ranked.Ranking` and an :class:`ExplainContext`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .applicability import FitMatrix
from .config import RankingConfig
from .facets import SET_FACETS
from .index import SearchIndex
from .profile import CaseProfile
from .ranked import PreparedQuery, Ranking, shown_scores
from .schema import Entry
from .taxonomy import FACET_NAMES, Taxonomy
from .text import stem_positions
from .vocabulary import SCORE_PARTS, TOTAL

SNIPPET_CHARS = 320


@dataclass(frozen=True)
class ExplainContext:
    """What explaining needs besides the ranking, compiled once per KB (rows index ``entries``)."""

    entries: Sequence[Entry]
    index: SearchIndex
    taxonomy: Taxonomy
    fit: FitMatrix
    config: RankingConfig
    #: Per row the entry's age span (None without age limits).
    age_spans: Sequence[tuple[int, int] | None]
    #: Per row the rows it is linked to by ``combines_with`` (either way).
    neighbour_rows: Sequence[np.ndarray]
    #: Per vignette id its title and the entries its experts chose.
    casussen: Mapping[str, tuple[str, frozenset[str]]]


def matched_facets(
    entry: Entry,
    profile: CaseProfile,
    span: tuple[int, int] | None,
    age_groups: list[str],
    entry_span: tuple[int, int] | None,
) -> tuple[dict[str, list[str]], str | None]:
    """Return the profile's ids that ``entry`` carries, per facet, and a note on age overlap."""
    matched: dict[str, list[str]] = {}
    for facet in SET_FACETS:
        have = getattr(entry, facet)
        hits = [term for term in getattr(profile, facet) if term in have]
        if hits:
            matched[facet] = hits
    age_note = None
    if span is not None:
        groups = [group for group in age_groups if group in entry.age_groups]
        if groups:
            matched["age_groups"] = groups
        if entry_span is not None:
            low, high = max(span[0], entry_span[0]), min(span[1], entry_span[1])
            if low <= high:
                age_note = (
                    f"leeftijd {entry_span[0]}-{entry_span[1]} overlapt met {span[0]}-{span[1]}"
                )
    return matched, age_note


def explain_rows(
    rows: list[int], ranking: Ranking, context: ExplainContext
) -> list[dict[str, Any]]:
    """Return ``rows`` of ``ranking`` as results (the :class:`recommender.results.Result` shape)."""
    query, taxonomy = ranking.query, context.taxonomy
    safety = set(ranking.safety_first)
    entries = [context.entries[row] for row in rows]
    passages = best_passages(
        context.index, [e.id for e in entries], query.vector, frozenset(query.tokens)
    )
    profile = query.scoring_profile
    top = set(ranking.order[: context.config.combination_sources])
    similar = [context.casussen[casus_id] for casus_id, _ in ranking.similar_cases]
    span = profile.age_span(taxonomy)
    age_groups = profile.effective_age_groups(taxonomy)
    parts = (TOTAL, *SCORE_PARTS)
    values = {part: shown_scores(ranking.signals[part], rows) for part in parts}
    results = []
    for position, (row, entry, passage) in enumerate(zip(rows, entries, passages, strict=True)):
        matched, age_note = matched_facets(entry, profile, span, age_groups, context.age_spans[row])
        combines = [
            context.entries[n].title for n in context.neighbour_rows[row].tolist() if n in top
        ]
        results.append(
            {
                "id": entry.id,
                "type": entry.type,
                "title": entry.title,
                "summary": entry.summary,
                "evidence": entry.evidence,
                "status": entry.status,
                "score": values[TOTAL][position],
                "protective": bool(context.fit.protective[row]),
                "safety_first": row in safety,
                "region": entry.region,
                "scope": entry.scope,
                "decision_maker": entry.decision_maker,
                "why": {
                    "matched_facets": matched,
                    "age_overlap": age_note,
                    "passage": passage,
                    "combines_with": list(dict.fromkeys(combines)),
                    "similar_cases": [title for title, ids in similar if entry.id in ids],
                    "situation": context.fit.situation_signals(row, query.facts),
                    "score_parts": {part: values[part][position] for part in SCORE_PARTS},
                },
            }
        )
    return results


def not_fitting(ranking: Ranking, context: ExplainContext) -> list[dict[str, Any]]:
    """Return the best-matching entries that do not fit, each with the reasons why not."""
    shown = []
    for row in ranking.not_fitting[: context.config.not_fitting_count]:
        entry = context.entries[row]
        shown.append(
            {
                "id": entry.id,
                "title": entry.title,
                "type": entry.type,
                "reasons": context.fit.reasons(
                    row, ranking.fit, ranking.query.facts, context.taxonomy
                ),
            }
        )
    return shown


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


def query_notices(query: PreparedQuery, taxonomy: Taxonomy) -> list[str]:
    """Return what the answer must say about how the case was read: cut text, inferred facets."""
    notices = []
    text, cut = query.profile.truncated_text()
    if cut:
        notices.append(
            f"De beschrijving is ingekort tot de eerste {len(text):,} tekens voor het zoeken."
        )
    if query.inferred:
        described = "; ".join(
            f"{FACET_NAMES[facet].lower()}: {', '.join(taxonomy.label(facet, t) for t in terms)}"
            for facet, terms in query.inferred.items()
        )
        notices.append(f"Afgeleid uit de beschrijving (niet zelf gekozen): {described}.")
    return notices

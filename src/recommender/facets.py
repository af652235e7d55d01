"""Facet match between a case profile and every entry at once, as matrix arithmetic.

An entries x terms 0/1 matrix over all facets is built once (column-major); a profile reads
only the columns of the terms it chose, so matching 100,000 entries is a few array operations
instead of a Python loop.
The per-entry :func:`recommender.ranking.facet_match` gives the same number and explains it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .config import RankingConfig
from .profile import CaseProfile
from .schema import Entry
from .taxonomy import Taxonomy
from .vocabulary import SET_FACETS as SET_FACETS

UMBRELLA_PHENOMENON = "ondermijning"


def f_beta_array(
    hits: np.ndarray, wanted: np.ndarray | int, offered: np.ndarray, beta: float
) -> np.ndarray:
    """Vectorised F-beta of ``hits`` matches out of ``wanted`` profile and ``offered`` entry terms.

    The arrays broadcast, so one call scores every entry on every facet. No hits means a
    recall and precision of 0, hence a score of 0 (also where nothing is wanted or offered).
    """
    recall = np.minimum(1.0, hits / np.maximum(wanted, 1))
    precision = np.minimum(1.0, hits / np.maximum(offered, 1))
    return (1 + beta**2) * precision * recall / np.maximum(beta**2 * precision + recall, 1e-12)


class FacetMatrix:
    """Precomputed facet membership of a list of entries."""

    def __init__(self, entries: Sequence[Entry], taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.terms = {facet: taxonomy.ids(facet) for facet in SET_FACETS}
        # One entries x (all terms of all set facets) matrix; a facet's terms are its columns.
        self.column = {
            (facet, term): column
            for column, (facet, term) in enumerate(
                (facet, term) for facet in SET_FACETS for term in self.terms[facet]
            )
        }
        self.membership = np.zeros((len(entries), len(self.column)), dtype=np.float32, order="F")
        for row, entry in enumerate(entries):
            for facet in SET_FACETS:
                for term in getattr(entry, facet):
                    column = self.column.get((facet, term))
                    if column is not None:
                        self.membership[row, column] = 1.0
        self.offered = np.stack(
            [
                self.membership[:, [self.column[facet, t] for t in self.terms[facet]]].sum(axis=1)
                for facet in SET_FACETS
            ],
            axis=1,
        )
        self.has_umbrella = self.membership[:, self.column["phenomena", UMBRELLA_PHENOMENON]] > 0
        #: Each entry's numeric age range, or None; the arrays hold -1 where there is none.
        self.age_spans = [entry_age_span(entry, taxonomy) for entry in entries]
        self.age_low = np.array(
            [span[0] if span else -1 for span in self.age_spans], dtype=np.int32
        )
        self.age_high = np.array(
            [span[1] if span else -1 for span in self.age_spans], dtype=np.int32
        )

    def scores(self, profile: CaseProfile, config: RankingConfig) -> np.ndarray:
        """Return the facet score in [0, 1] of every entry for ``profile``."""
        count = len(self.age_low)
        active: list[int] = []
        columns: list[list[int]] = []
        asked: list[str] = []
        for position, facet in enumerate(SET_FACETS):
            terms = [t for t in getattr(profile, facet) if (facet, t) in self.column]
            if terms:
                active.append(position)
                columns.append([self.column[facet, term] for term in terms])
            if facet == "phenomena":
                asked = terms
        # Only the chosen terms' columns are read; they are contiguous (column-major storage).
        hits = np.empty((count, len(active)), dtype=np.float32)
        for slot, wanted_columns in enumerate(columns):
            hits[:, slot] = self.membership[:, wanted_columns].sum(axis=1)
        if asked:
            # 'ondermijning' on an entry earns part credit for each specific phenomenon it lacks.
            missing = sum(1 for t in asked if t != UMBRELLA_PHENOMENON)
            umbrella_hit = self.has_umbrella if UMBRELLA_PHENOMENON in asked else 0.0
            extra = config.umbrella_credit * (missing - (hits[:, 0] - umbrella_hit))
            hits[:, 0] += np.where(self.has_umbrella & (extra > 0), extra, 0.0)
        wanted = np.array([len(c) for c in columns], dtype=np.float32)
        weights = np.array(
            [config.facet_weights.get(SET_FACETS[p], 0.0) for p in active], dtype=np.float32
        )
        weighted = f_beta_array(hits, wanted, self.offered[:, active], config.facet_beta) @ weights
        total = float(weights.sum())
        span = profile.age_span(self.taxonomy)
        if span is not None:
            weight = config.facet_weights.get("age", 0.0)
            known = self.age_low >= 0
            overlap = (
                np.maximum(self.age_low, span[0]) <= np.minimum(self.age_high, span[1])
            ).astype(float)
            weighted = weighted + weight * np.where(known, overlap, config.unknown_age_credit)
            total += weight
        if not total:
            return np.zeros(count, dtype=np.float32)
        return (weighted / total).astype(np.float32)


def entry_age_span(entry: Entry, taxonomy: Taxonomy) -> tuple[int, int] | None:
    """Return an entry's numeric age range: its own numbers, else the range of its age groups."""
    if entry.age_range is not None:
        return entry.age_range
    ranges = [taxonomy.age_range(g) for g in entry.age_groups if g in taxonomy.age_groups]
    if not ranges:
        return None
    return (min(r[0] for r in ranges), max(r[1] for r in ranges))

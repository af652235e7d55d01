"""Facet match between a case profile and every entry at once, as matrix arithmetic.

Per facet an entries x terms 0/1 matrix is built once; a profile becomes a 0/1 vector, so
matching 100,000 entries is a handful of matrix-vector products instead of a Python loop.
The per-entry :func:`recommender.ranking.facet_match` gives the same number and explains it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .profile import CaseProfile
from .schema import Entry
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    from .ranking import RankingConfig

SET_FACETS: tuple[str, ...] = ("phenomena", "domains", "roles", "levels")
UMBRELLA_PHENOMENON = "ondermijning"


def f_beta_array(hits: np.ndarray, wanted: int, offered: np.ndarray, beta: float) -> np.ndarray:
    """Vectorised F-beta of ``hits`` matches out of ``wanted`` profile and ``offered`` entry terms."""
    if wanted <= 0:
        return np.zeros_like(hits, dtype=np.float64)
    recall = np.minimum(1.0, hits / wanted)
    # Where an entry offers no terms it has no hits either, so dividing by 1 keeps precision 0.
    precision = np.minimum(1.0, hits / np.maximum(offered, 1))
    denominator = beta**2 * precision + recall
    score = np.divide(
        (1 + beta**2) * precision * recall,
        denominator,
        out=np.zeros_like(denominator, dtype=np.float64),
        where=denominator > 0,
    )
    return np.where((hits > 0) & (offered > 0), score, 0.0)


class FacetMatrix:
    """Precomputed facet membership of a list of entries."""

    def __init__(self, entries: Sequence[Entry], taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.terms = {facet: taxonomy.ids(facet) for facet in SET_FACETS}
        self.membership: dict[str, np.ndarray] = {}
        for facet, terms in self.terms.items():
            column = {term: i for i, term in enumerate(terms)}
            matrix = np.zeros((len(entries), len(terms)), dtype=np.float32)
            for row, entry in enumerate(entries):
                for term in getattr(entry, facet):
                    if term in column:
                        matrix[row, column[term]] = 1.0
            self.membership[facet] = matrix
        self.offered = {facet: m.sum(axis=1) for facet, m in self.membership.items()}
        umbrella = self.terms["phenomena"].index(UMBRELLA_PHENOMENON)
        self.has_umbrella = self.membership["phenomena"][:, umbrella] > 0
        low = np.full(len(entries), -1, dtype=np.int32)
        high = np.full(len(entries), -1, dtype=np.int32)
        for row, entry in enumerate(entries):
            span = entry_age_span(entry, taxonomy)
            if span is not None:
                low[row], high[row] = span
        self.age_low, self.age_high = low, high

    def scores(self, profile: CaseProfile, config: RankingConfig) -> np.ndarray:
        """Return the facet score in [0, 1] of every entry for ``profile``."""
        count = len(self.age_low)
        weighted = np.zeros(count, dtype=np.float64)
        total = 0.0
        for facet in SET_FACETS:
            wanted = [t for t in getattr(profile, facet) if t in self.terms[facet]]
            if not wanted:
                continue
            query = np.zeros(len(self.terms[facet]), dtype=np.float32)
            for term in wanted:
                query[self.terms[facet].index(term)] = 1.0
            hits = self.membership[facet] @ query
            if facet == "phenomena":
                missing = sum(1 for t in wanted if t != UMBRELLA_PHENOMENON)
                extra = config.umbrella_credit * (missing - (hits - _umbrella_hit(wanted, self)))
                hits = hits + np.where(self.has_umbrella & (extra > 0), extra, 0.0)
            weight = config.facet_weights.get(facet, 0.0)
            weighted += weight * f_beta_array(
                hits, len(wanted), self.offered[facet], config.facet_beta
            )
            total += weight
        span = profile.age_span(self.taxonomy)
        if span is not None:
            weight = config.facet_weights.get("age", 0.0)
            known = self.age_low >= 0
            overlap = (
                np.maximum(self.age_low, span[0]) <= np.minimum(self.age_high, span[1])
            ).astype(float)
            weighted += weight * np.where(known, overlap, config.unknown_age_credit)
            total += weight
        return (weighted / total if total else weighted).astype(np.float32)


def _umbrella_hit(wanted: list[str], matrix: FacetMatrix) -> np.ndarray:
    """Return 1 for entries where an asked-for 'ondermijning' itself is among the hits."""
    if UMBRELLA_PHENOMENON not in wanted:
        return np.zeros_like(matrix.age_low, dtype=np.float32)
    return matrix.has_umbrella.astype(np.float32)


def entry_age_span(entry: Entry, taxonomy: Taxonomy) -> tuple[int, int] | None:
    """Return an entry's numeric age range: its own numbers, else the range of its age groups."""
    if entry.age_range is not None:
        return entry.age_range
    ranges = [taxonomy.age_range(g) for g in entry.age_groups if g in taxonomy.age_groups]
    if not ranges:
        return None
    return (min(r[0] for r in ranges), max(r[1] for r in ranges))

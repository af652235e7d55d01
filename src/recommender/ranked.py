"""What ranking hands on: a prepared query, a scored, fit-checked :class:`Ranking`, top rows.

Kept apart from :mod:`recommender.ranking` so that the modules composing an answer from a
ranking (the plan, partners, explanations) depend on these types, not on the ranker.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .applicability import CaseFacts, Fit
from .frame import CaseFrame
from .profile import CaseProfile


@dataclass(frozen=True)
class PreparedQuery:
    """A validated profile with what scoring needs derived from it once."""

    profile: CaseProfile
    #: How the case was read: persons, signals, the kind of question.
    frame: CaseFrame
    #: What the fit rules need from the frame.
    facts: CaseFacts
    #: The profile with the facets read from the text filled in.
    scoring_profile: CaseProfile
    inferred: dict[str, list[str]]
    #: Tokens of the description followed by the labels of the chosen facets.
    tokens: list[str]
    #: BM25 score of every entry for ``tokens``.
    lexical: np.ndarray
    vector: np.ndarray | None
    #: Nearest vignettes per (excluded vignette, number of neighbours), filled on first use.
    neighbours: dict[tuple[str | None, int], list[tuple[str, float]]] = field(
        default_factory=dict, repr=False, compare=False
    )


@dataclass(frozen=True)
class Ranking:
    """A scored, fit-checked case: what plan, partners and explanations are composed from.

    Row numbers index :attr:`Recommender.entries`.
    """

    query: PreparedQuery
    #: Per-entry score parts (see :data:`recommender.vocabulary.SCORE_PARTS`) and the total.
    signals: dict[str, np.ndarray]
    fit: Fit
    #: Rows that fit this case, best first; when someone is unsafe the protective steps are
    #: lifted to just below the best ``config.safety_position`` matches.
    order: list[int]
    #: The protective steps for the danger in this case, in the order the plan's safety lane
    #: takes them (empty when nobody is unsafe).
    safety_first: list[int]
    #: Rows that fit but belong to the other group (organisation steps in a case, or the reverse).
    other_scope: list[int]
    #: Rows bound to another region than the case's.
    elsewhere: list[int]
    #: Rows that match but do not fit (age, a missing precondition, a contra-indication).
    not_fitting: list[int]
    #: The vignettes nearest to the case (id, similarity) whose expert choices fed ``cases``.
    similar_cases: list[tuple[str, float]] = field(default_factory=list)


def top_indices(values: np.ndarray, count: int) -> np.ndarray:
    """Return the indices of the ``count`` largest values, largest first, ties in index order.

    A partial sort first: at 100,000 entries a full sort per query would cost milliseconds.
    """
    count = min(count, len(values))
    if count <= 0:
        return np.empty(0, dtype=np.int64)
    candidates = np.arange(len(values))
    if count < len(values):
        candidates = np.sort(np.argpartition(-values, count - 1)[:count])
    return candidates[np.argsort(-values[candidates], kind="stable")]


def shown_scores(values: np.ndarray, rows: list[int]) -> list[float]:
    """Return ``values`` at ``rows`` as an answer shows them: rounded to four places."""
    return np.round(values[rows].astype(np.float64), 4).tolist()

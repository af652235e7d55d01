"""Retrieval quality on the evaluation set: hit@5, nDCG@10, recall@10 and partner recall@8.

The set (``tests/eval/cases.yaml``) was written by hand, independently of the ranking code:
per case the entries an expert expects (graded 2 = essential, 1 = relevant) and the
partners to involve. Every run reports the fused ranker next to BM25 only and dense only.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from pydantic import BaseModel, ConfigDict, Field

from .paths import REPO_ROOT
from .ranking import PreparedQuery, RankingConfig, Recommender

DEFAULT_CASES = REPO_ROOT / "tests" / "eval" / "cases.yaml"


class EvalCase(BaseModel):
    """One hand-written case with the expected answer."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str = ""
    phenomena: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list)
    age_groups: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)
    expected: dict[str, int]
    expected_partners: list[str] = Field(default_factory=list)

    def profile(self) -> dict[str, object]:
        """Return the case as a profile mapping."""
        return self.model_dump(exclude={"id", "expected", "expected_partners"})


class Scores(BaseModel):
    """Mean metrics over a set of cases."""

    cases: int
    hit_at_5: float
    ndcg_at_10: float
    recall_at_10: float
    partner_recall_at_8: float


def load_cases(path: Path | None = None) -> list[EvalCase]:
    """Load and validate the evaluation cases."""
    with (path or DEFAULT_CASES).open(encoding="utf-8") as handle:
        return [EvalCase.model_validate(item) for item in yaml.safe_load(handle)]


def ndcg(ranked: list[str], gains: dict[str, int], k: int = 10) -> float:
    """Return nDCG@k with gain 2^grade - 1."""
    dcg = sum((2 ** gains.get(doc, 0) - 1) / math.log2(i + 2) for i, doc in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    best = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / best if best else 0.0


def evaluate(recommender: Recommender, cases: Iterable[EvalCase]) -> Scores:
    """Run every case through ``recommender`` and average the metrics."""
    hits, ndcgs, recalls, partner_recalls = [], [], [], []
    for case in cases:
        answer = recommender.recommend(case.profile(), top_k=10)
        ranked = [r.id for r in answer.results]
        relevant = set(case.expected)
        hits.append(float(bool(relevant & set(ranked[:5]))))
        ndcgs.append(ndcg(ranked, case.expected))
        recalls.append(len(relevant & set(ranked[:10])) / len(relevant))
        if case.expected_partners:
            found = {p.id for p in answer.partners[:8]}
            partner_recalls.append(
                len(found & set(case.expected_partners)) / len(case.expected_partners)
            )
    count = len(hits)

    def mean(values: list[float]) -> float:
        return round(sum(values) / len(values), 4) if values else 0.0

    return Scores(
        cases=count,
        hit_at_5=mean(hits),
        ndcg_at_10=mean(ndcgs),
        recall_at_10=mean(recalls),
        partner_recall_at_8=mean(partner_recalls),
    )


def single_signal(config: RankingConfig, signal: str) -> RankingConfig:
    """Return ``config`` reduced to one signal ('dense' or 'lexical'), without any boost."""
    return config.model_copy(
        update={
            "dense_weight": 1.0 if signal == "dense" else 0.0,
            "lexical_weight": 1.0 if signal == "lexical" else 0.0,
            "facet_weight": 0.0,
            "combination_weight": 0.0,
            "casus_weight": 0.0,
        }
    )


def baselines(config: RankingConfig) -> dict[str, RankingConfig]:
    """Return the configured ranker and the two single-signal baselines."""
    return {
        "hybride (ingesteld)": config,
        "alleen BM25": single_signal(config, "lexical"),
        "alleen dense": single_signal(config, "dense"),
    }


def compare(recommender: Recommender, cases: list[EvalCase]) -> dict[str, Scores]:
    """Evaluate the configured ranker and both baselines on the same index in one run."""
    results = {}
    for name, config in baselines(recommender.config).items():
        results[name] = evaluate(recommender.with_config(config), cases)
    return results


def weight_grid() -> list[RankingConfig]:
    """Return the candidate weightings searched by :func:`tune`.

    Dense, BM25 and facet weights in steps of 0.1 summing to 1, times three strengths of each
    boost (combines_with links and similar vignettes).
    """
    steps = [round(0.1 * i, 1) for i in range(11)]
    configs = []
    for dense, lexical in itertools.product(steps, steps):
        facet = round(1.0 - dense - lexical, 1)
        if facet < 0:
            continue
        for combination, casus in itertools.product((0.0, 0.2, 0.4), (0.0, 0.2, 0.4)):
            configs.append(
                RankingConfig(
                    dense_weight=dense,
                    lexical_weight=lexical,
                    facet_weight=facet,
                    combination_weight=combination,
                    casus_weight=casus,
                )
            )
    return configs


def ranking_quality(
    recommender: Recommender, prepared: list[tuple[EvalCase, PreparedQuery]]
) -> float:
    """Return the mean nDCG@10 from scores alone (no explanations): the fast path for tuning."""
    values = []
    for case, query in prepared:
        total = recommender.score(query)["total"]
        ranked = [
            recommender.index.entry_ids[row]
            for row in np.argsort(-total, kind="stable")
            if not recommender._is_partner[row]
        ][:10]
        values.append(ndcg(ranked, case.expected))
    return float(np.mean(values)) if values else 0.0


@dataclass
class TuningRow:
    """One weighting with its nDCG@10 on all cases and on each half."""

    config: RankingConfig
    all_cases: float
    even_half: float
    odd_half: float


def tune(recommender: Recommender, cases: list[EvalCase]) -> list[TuningRow]:
    """Grid-search the weights; report each weighting on all cases and on both halves.

    The halves give a two-fold check on overfitting: a weighting chosen on the even half
    is judged on the odd half and the other way round (see :func:`cross_validated`).
    """
    prepared = [
        (case, recommender.prepare(recommender.parse_profile(case.profile()))) for case in cases
    ]
    even, odd = prepared[::2], prepared[1::2]
    rows = []
    for config in weight_grid():
        variant = recommender.with_config(config)
        rows.append(
            TuningRow(
                config,
                ranking_quality(variant, prepared),
                ranking_quality(variant, even),
                ranking_quality(variant, odd),
            )
        )
    rows.sort(key=lambda row: -row.all_cases)
    return rows


def cross_validated(rows: list[TuningRow]) -> tuple[float, float]:
    """Return nDCG@10 on the odd half for the weighting best on the even half, and vice versa."""
    best_even = max(rows, key=lambda row: row.even_half)
    best_odd = max(rows, key=lambda row: row.odd_half)
    return best_even.odd_half, best_odd.even_half


def scores_table(results: dict[str, Scores]) -> str:
    """Return a Markdown table of the scores per ranker."""
    lines = [
        "| ranker | hit@5 | nDCG@10 | recall@10 | partner recall@8 |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, s in results.items():
        lines.append(
            f"| {name} | {s.hit_at_5:.3f} | {s.ndcg_at_10:.3f} | {s.recall_at_10:.3f} | {s.partner_recall_at_8:.3f} |"
        )
    return "\n".join(lines)

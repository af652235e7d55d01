"""Answer quality on the evaluation sets: hits, misfits, protective steps and partners.

The sets in ``tests/eval/`` were written by hand, independently of the ranking code: per case
the entries an expert expects (graded 2 = essential, 1 = relevant), the partners to involve,
and for the practitioner set also the clear misfits (``must_not``, each with its reason) and,
where someone is unsafe, the protective steps of which one must be offered (``protect``).
Every run reports the ranker next to BM25 only and dense only (plain retrieval, no fit rules).
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

from .config import RankingConfig
from .paths import REPO_ROOT
from .ranked import PreparedQuery
from .ranking import Recommender
from .vocabulary import FACETS, SAFETY_LANE

DEFAULT_CASES = REPO_ROOT / "tests" / "eval" / "cases.yaml"
PRACTICE_CASES = REPO_ROOT / "tests" / "eval" / "practice.yaml"
#: The sets ``recommender eval`` runs by default, by name.
DEFAULT_SETS = {"bestaand (56)": DEFAULT_CASES, "praktijk": PRACTICE_CASES}


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
    age: int | None = None
    expected: dict[str, int]
    expected_partners: list[str] = Field(default_factory=list)
    #: Clear misfits for this case, each with its reason (age, scope, precondition, region).
    must_not: dict[str, str] = Field(default_factory=dict)
    #: Protective steps of which at least one belongs in the top ten (someone is unsafe).
    protect: list[str] = Field(default_factory=list)
    #: Kind of case, for the per-kind table (e.g. jeugd, gezin, volwassene, bestuur).
    kind: str = "algemeen"
    language: str = "nl"

    def profile(self) -> dict[str, object]:
        """Return the case as a profile mapping."""
        return self.model_dump(include={"text", *FACETS, "age"})


class Scores(BaseModel):
    """Mean metrics over a set of cases."""

    cases: int
    hit_at_5: float
    ndcg_at_10: float
    recall_at_10: float
    partner_recall_at_8: float | None = Field(
        None, description="Mean partner recall over the cases that name expected partners."
    )
    misfit_at_5: float | None = Field(
        None, description="Share of cases with a must_not entry among the first five."
    )
    protect_at_10: float | None = Field(
        None, description="Share of cases with protect where one of them is in the top ten."
    )


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
    misfits: list[float] = []
    protected: list[float] = []
    for case in cases:
        answer = recommender.recommend(case.profile(), top_k=10)
        ranked = [r.id for r in answer.results]
        if case.must_not:
            misfits.append(float(bool(set(case.must_not) & set(ranked[:5]))))
        if case.protect:
            protected.append(float(bool(set(case.protect) & set(ranked[:10]))))
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
        partner_recall_at_8=mean(partner_recalls) if partner_recalls else None,
        misfit_at_5=mean(misfits) if misfits else None,
        protect_at_10=mean(protected) if protected else None,
    )


def by_kind(recommender: Recommender, cases: list[EvalCase]) -> dict[str, Scores]:
    """Return the scores of ``recommender`` per kind of case."""
    kinds: dict[str, list[EvalCase]] = {}
    for case in cases:
        kinds.setdefault(case.kind, []).append(case)
    return {kind: evaluate(recommender, group) for kind, group in sorted(kinds.items())}


class PlanScores(BaseModel):
    """How well the plans hold what practitioners expect, beside the top eight by score."""

    cases: int
    plan_recall: float = Field(description="Share of expected entries that the plan holds.")
    top8_recall: float = Field(description="The same for the first eight of the ranking.")
    plans_with_misfit: int = Field(description="Plans holding a must_not entry.")
    top8_with_misfit: int
    safety_first: float | None = Field(
        None, description="Share of cases with protect whose plan opens with the safety lane."
    )
    mean_items: float


def plan_scores(recommender: Recommender, cases: Iterable[EvalCase]) -> PlanScores:
    """Return plan recall, misfits and safety-first over ``cases``, beside the top eight."""
    expected = held = held_top8 = 0
    misfit_plans = misfit_top8 = 0
    safety: list[float] = []
    sizes: list[int] = []
    count = 0
    for case in cases:
        count += 1
        answer = recommender.recommend(case.profile(), top_k=10)
        plan_ids = set(answer.plan.entry_ids())
        top8 = {r.id for r in answer.results[:8]}
        wanted = set(case.expected)
        expected += len(wanted)
        held += len(wanted & plan_ids)
        held_top8 += len(wanted & top8)
        misfit_plans += bool(set(case.must_not) & plan_ids)
        misfit_top8 += bool(set(case.must_not) & top8)
        sizes.append(len(plan_ids))
        if case.protect:
            lanes = answer.plan.lanes
            safety.append(float(bool(lanes) and lanes[0].id == SAFETY_LANE))
    return PlanScores(
        cases=count,
        plan_recall=round(held / expected, 4) if expected else 0.0,
        top8_recall=round(held_top8 / expected, 4) if expected else 0.0,
        plans_with_misfit=misfit_plans,
        top8_with_misfit=misfit_top8,
        safety_first=round(sum(safety) / len(safety), 4) if safety else None,
        mean_items=round(sum(sizes) / len(sizes), 2) if sizes else 0.0,
    )


class Agreement(BaseModel):
    """How many of the experts' choices in the workshop vignettes the tool also offers."""

    vignettes: int
    expert_choices: int
    shared_plan_or_top10: int
    shared_top10: int

    @property
    def share(self) -> float:
        """Return the share of expert choices found in the plan or the top ten."""
        return self.shared_plan_or_top10 / self.expert_choices if self.expert_choices else 0.0


def workshop_agreement(recommender: Recommender) -> Agreement:
    """Answer every vignette leaving itself out, and count the expert choices the tool shares."""
    choices = shared = shared_top = 0
    vignettes = recommender.kb.casussen
    for casus_id, casus in sorted(vignettes.items()):
        profile = casus.profile.model_dump()
        answer = recommender.recommend(profile, top_k=10, exclude_casus=casus_id)
        offered_top = {r.id for r in answer.results}
        offered = offered_top | set(answer.plan.entry_ids())
        expert = {choice.id for choice in casus.expert_entries}
        choices += len(expert)
        shared += len(expert & offered)
        shared_top += len(expert & offered_top)
    return Agreement(
        vignettes=len(vignettes),
        expert_choices=choices,
        shared_plan_or_top10=shared,
        shared_top10=shared_top,
    )


def plan_table(scores: PlanScores) -> str:
    """Return a Markdown table of the plan beside the first eight of the ranking."""
    safety = "–" if scores.safety_first is None else f"{scores.safety_first:.3f}"
    return "\n".join(
        [
            "| antwoord | recall verwacht | met misfit | veiligheid eerst | gem. stappen |",
            "|---|---:|---:|---:|---:|",
            f"| plan | {scores.plan_recall:.3f} | {scores.plans_with_misfit} van {scores.cases}"
            f" | {safety} | {scores.mean_items:.1f} |",
            f"| eerste acht op score | {scores.top8_recall:.3f} | {scores.top8_with_misfit} van"
            f" {scores.cases} | – | 8 |",
        ]
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
            "contra_weight": 0.0,
            "situation_weight": 0.0,
            "danger_weight": 0.0,
            "apply_fit": False,
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
    entries = recommender.entries
    for case, query in prepared:
        ranked = [entries[row].id for row in recommender.rank_query(query).order[:10]]
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
        "| ranker | cases | hit@5 | nDCG@10 | recall@10 | partner recall@8 | misfit@5 | protect@10 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def optional(value: float | None) -> str:
        return "–" if value is None else f"{value:.3f}"

    for name, s in results.items():
        lines.append(
            f"| {name} | {s.cases} | {s.hit_at_5:.3f} | {s.ndcg_at_10:.3f} | {s.recall_at_10:.3f}"
            f" | {optional(s.partner_recall_at_8)} | {optional(s.misfit_at_5)} | {optional(s.protect_at_10)} |"
        )
    return "\n".join(lines)

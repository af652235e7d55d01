"""The weight grid of session 8: situation score, safety position and the two boosts.

Run with ``.venv/bin/python benchmarks/weights.py``. Ranks both evaluation sets (the 56 existing
and the practitioner cases) with every weighting of the grid, through ``rank_query`` (the top
ten of the ranked list, no explanations), and prints a Markdown table of the best weightings:
nDCG@10 on all cases, on the even and odd halves, and per set. A weighting counts only when no
case has a ``must_not`` entry among its first five and every case with ``protect`` has one of
them in its top ten. The two-fold check is the one of ``recommender eval --tune``: the weighting
best on one half, judged on the other. The table in ``docs/benchmarks.md`` ("Sessie 8") came
from this grid.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from recommender.evaluation import (  # noqa: E402
    DEFAULT_CASES,
    PRACTICE_CASES,
    EvalCase,
    load_cases,
    ndcg,
)
from recommender.ranked import PreparedQuery  # noqa: E402
from recommender.ranking import Recommender  # noqa: E402

#: The values tried per setting (``RankingConfig`` field -> values).
GRID: dict[str, tuple[float, ...]] = {
    "situation_weight": (0.0, 0.1, 0.15, 0.2, 0.25),
    "danger_weight": (0.0, 0.1, 0.15, 0.2, 0.25),
    "combination_weight": (0.2, 0.4, 0.6),
    "inferred_facet_factor": (0.5, 1.0),
    "safety_position": (0, 2, 4),
    "casus_weight": (0.2, 0.3, 0.4),
}


def score(
    recommender: Recommender, prepared: list[tuple[EvalCase, PreparedQuery]]
) -> tuple[list[float], int, int]:
    """Return nDCG@10 per case, the cases with a misfit in the top five, and those without a
    protective step in the top ten."""
    values, misfits, unprotected = [], 0, 0
    entries = recommender.entries
    for case, query in prepared:
        ranked = [entries[row].id for row in recommender.rank_query(query).order[:10]]
        values.append(ndcg(ranked, case.expected))
        misfits += bool(set(case.must_not) & set(ranked[:5]))
        unprotected += bool(case.protect) and not set(case.protect) & set(ranked)
    return values, misfits, unprotected


def mean(values: list[float]) -> float:
    """Return the mean of ``values`` (0 for none)."""
    return sum(values) / len(values) if values else 0.0


def main() -> None:
    """Run the grid and print the best weightings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=10, help="How many weightings to print.")
    args = parser.parse_args()
    recommender = Recommender.load()
    existing, practice = load_cases(DEFAULT_CASES), load_cases(PRACTICE_CASES)
    cases = existing + practice
    prepared = [(c, recommender.prepare(recommender.parse_profile(c.profile()))) for c in cases]
    rows = []
    for values in itertools.product(*GRID.values()):
        settings = dict(zip(GRID, values, strict=True))
        variant = recommender.with_config(recommender.config.model_copy(update=settings))
        per_case, misfits, unprotected = score(variant, prepared)
        if misfits or unprotected:
            continue
        rows.append(
            {
                "settings": settings,
                "all": mean(per_case),
                "even": mean(per_case[::2]),
                "odd": mean(per_case[1::2]),
                "existing": mean(per_case[: len(existing)]),
                "practice": mean(per_case[len(existing) :]),
            }
        )
    rows.sort(key=lambda row: -row["all"])
    names = list(GRID)
    current = {name: getattr(recommender.config, name) for name in names}
    print("| " + " | ".join(names) + " | all | even | odd | existing | practice |")
    print("|" + "---:|" * (len(names) + 5))
    shown = rows[: args.top] + [r for r in rows[args.top :] if r["settings"] == current]
    for row in shown:
        cells = [f"{row['settings'][n]:g}" for n in names]
        cells += [f"{row[k]:.3f}" for k in ("all", "even", "odd", "existing", "practice")]
        marker = " (ingesteld)" if row["settings"] == current else ""
        print("| " + " | ".join(cells) + f" |{marker}")
    best_even = max(rows, key=lambda row: row["even"])
    best_odd = max(rows, key=lambda row: row["odd"])
    print(
        f"\nTwo-fold: best on the even half -> odd {best_even['odd']:.3f};"
        f" best on the odd half -> even {best_odd['even']:.3f} ({len(rows)} weightings qualify)."
    )


if __name__ == "__main__":
    main()

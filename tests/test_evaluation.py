"""The evaluation set and the metrics."""

from __future__ import annotations

import pytest

from recommender.evaluation import (
    PRACTICE_CASES,
    EvalCase,
    baselines,
    evaluate,
    load_cases,
    ndcg,
    plan_scores,
    scores_table,
    workshop_agreement,
)
from recommender.loader import load_kb
from recommender.ranking import RankingConfig

from .conftest import REAL_KB

CASES = load_cases()
KB = load_kb(REAL_KB)


def test_set_is_large_and_varied() -> None:
    assert len(CASES) >= 40
    assert sum(1 for c in CASES if not c.text.strip()) >= 3  # facets only
    assert sum(1 for c in CASES if c.text and not (c.phenomena or c.roles or c.levels)) >= 3
    english = [c for c in CASES if " the " in f" {c.text.lower()} "]
    assert len(english) >= 3


def test_every_expected_id_exists_with_the_right_type() -> None:
    for case in CASES:
        assert case.expected and max(case.expected.values()) == 2, case.id
        for slug, grade in case.expected.items():
            assert slug in KB.entries and KB.entries[slug].type != "partner", (case.id, slug)
            assert grade in (1, 2)
        for slug in case.expected_partners:
            assert KB.entries[slug].type == "partner", (case.id, slug)


def test_ids_are_unique() -> None:
    assert len({c.id for c in CASES}) == len(CASES)


def test_ndcg() -> None:
    assert ndcg(["a", "b"], {"a": 2, "b": 1}) == pytest.approx(1.0)
    assert ndcg(["x", "y"], {"a": 2}) == 0.0
    assert 0 < ndcg(["b", "a"], {"a": 2, "b": 1}) < 1


def test_baselines_switch_off_every_other_signal() -> None:
    configs = baselines(RankingConfig())
    bm25 = configs["alleen BM25"]
    assert (bm25.dense_weight, bm25.facet_weight, bm25.combination_weight, bm25.casus_weight) == (
        0,
        0,
        0,
        0,
    )
    dense = configs["alleen dense"]
    assert (
        dense.lexical_weight,
        dense.facet_weight,
        dense.combination_weight,
        dense.casus_weight,
    ) == (0, 0, 0, 0)


def test_evaluate_small(small_recommender) -> None:
    case = EvalCase(
        id="t1",
        text="jongen vervoert drugs voor zijn oom",
        phenomena=["drugscriminaliteit"],
        expected={"gezinstherapie-test": 2, "sluiting-test": 1},
        expected_partners=["zorgpartner-test"],
    )
    scores = evaluate(small_recommender, [case])
    assert scores.cases == 1 and scores.hit_at_5 == 1.0 and scores.partner_recall_at_8 == 1.0
    assert 0 < scores.ndcg_at_10 <= 1


def test_partner_recall_is_absent_when_no_case_names_partners(small_recommender) -> None:
    """A set without expected partners reports no partner recall, not a recall of zero."""
    case = EvalCase(
        id="t2",
        text="jongen vervoert drugs voor zijn oom",
        phenomena=["drugscriminaliteit"],
        expected={"gezinstherapie-test": 2},
    )
    scores = evaluate(small_recommender, [case])
    assert scores.partner_recall_at_8 is None
    assert "| – |" in scores_table({"hybride": scores})


@pytest.mark.slow
def test_real_kb_meets_the_quality_floor(real_recommender) -> None:
    """A regression floor well below the measured scores (docs/benchmarks.md), not the target."""
    scores = evaluate(real_recommender, CASES)
    assert scores.hit_at_5 >= 0.85
    # Measured 0.63 with the situation score part (0.55 before it, 0.47 before the frame).
    assert scores.ndcg_at_10 >= 0.58


@pytest.mark.slow
def test_practitioner_cases_get_no_misfits_and_the_protective_steps(real_recommender) -> None:
    """Floors just below the measured figures on the practitioner set (misfit@5 0.00,
    protect@10 1.00, nDCG@10 0.67)."""
    scores = evaluate(real_recommender, load_cases(PRACTICE_CASES))
    assert scores.misfit_at_5 is not None and scores.misfit_at_5 <= 0.03
    assert scores.protect_at_10 is not None and scores.protect_at_10 >= 0.94
    assert scores.ndcg_at_10 >= 0.62


@pytest.mark.slow
def test_plans_hold_what_practitioners_expect_and_lead_with_safety(real_recommender) -> None:
    """Floors just below the measured plan figures (recall 0.69, no plan with a misfit,
    safety first in 18 of 18 protect cases; workshop agreement 101 of 150)."""
    scores = plan_scores(real_recommender, load_cases(PRACTICE_CASES))
    assert scores.plan_recall >= 0.65
    assert scores.plans_with_misfit == 0
    assert scores.safety_first is not None and scores.safety_first >= 0.94
    assert plan_scores(real_recommender, CASES).plans_with_misfit == 0
    agreement = workshop_agreement(real_recommender)
    assert agreement.share >= 0.63, agreement


PRACTICE = load_cases(PRACTICE_CASES)


def test_practitioner_set_is_large_mostly_text_and_partly_english() -> None:
    assert len(PRACTICE) >= 40
    assert len({c.id for c in PRACTICE}) == len(PRACTICE)
    text_only = [c for c in PRACTICE if c.text and not (c.phenomena or c.roles or c.levels)]
    assert len(text_only) >= 0.8 * len(PRACTICE)
    assert sum(1 for c in PRACTICE if c.language == "en") >= 3
    assert sum(1 for c in PRACTICE if c.protect) >= 15


def test_practitioner_cases_name_real_entries_and_give_reasons() -> None:
    for case in PRACTICE:
        for slug in [*case.expected, *case.must_not, *case.protect]:
            assert slug in KB.entries and KB.entries[slug].type != "partner", (case.id, slug)
        assert not set(case.expected) & set(case.must_not), case.id
        assert all(len(reason) >= 5 for reason in case.must_not.values()), case.id
        # What must be offered to keep someone safe is a protective step in the KB.
        assert all(KB.entries[slug].protective for slug in case.protect), case.id

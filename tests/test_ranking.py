"""Fusion, facet match, fit order, the integrated package and withdrawn entries."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.plan import entry_sides
from recommender.profile import CaseProfile
from recommender.ranked import top_indices
from recommender.ranking import RankingConfig, f_beta, facet_match, lift
from recommender.vocabulary import SCORE_PARTS

from .conftest import withdrawn

KOERIER = {
    "text": "Jongen van 14 vervoert drugs voor zijn oom; thuis ligt drugs opgeslagen in de schuur.",
    "phenomena": ["criminele-uitbuiting", "drugscriminaliteit"],
    "roles": ["dader"],
}


def test_f_beta_prefers_specific_entries() -> None:
    assert f_beta(1, 1, 1, 2.0) == pytest.approx(1.0)
    assert f_beta(1, 1, 7, 2.0) < f_beta(1, 1, 2, 2.0) < 1.0
    assert f_beta(0, 1, 3, 2.0) == 0.0


def test_signal_weights_drop_facets_without_facets() -> None:
    config = RankingConfig(
        dense_weight=0.2, lexical_weight=0.2, facet_weight=0.6, inferred_facet_factor=0.5
    )
    assert config.signal_weights(True) == pytest.approx((0.2, 0.2, 0.6))
    assert config.signal_weights(False) == pytest.approx((0.5, 0.5, 0.0))
    dense, lexical, facet = config.signal_weights(True, inferred_only=True)
    assert facet == pytest.approx(0.3 / 0.7) and dense + lexical + facet == pytest.approx(1.0)


def test_facet_match_explains_matches(small_recommender) -> None:
    entry = small_recommender.kb.entries["gezinstherapie-test"]
    profile = CaseProfile(phenomena=["drugscriminaliteit"], roles=["dader"], age=14)
    score, matched, age_note = facet_match(
        entry, profile, small_recommender.taxonomy, RankingConfig()
    )
    assert 0 < score <= 1
    assert matched == {
        "phenomena": ["drugscriminaliteit"],
        "roles": ["dader"],
        "age_groups": ["jongere"],
    }
    assert age_note == "leeftijd 12-17 overlapt met 14-14"


def test_age_outside_range_scores_lower(small_recommender) -> None:
    entry = small_recommender.kb.entries["gezinstherapie-test"]
    taxonomy = small_recommender.taxonomy
    inside = facet_match(entry, CaseProfile(age=14), taxonomy, RankingConfig())[0]
    outside = facet_match(entry, CaseProfile(age=40), taxonomy, RankingConfig())[0]
    assert inside == 1.0 and outside == 0.0


def test_umbrella_phenomenon_gives_partial_credit(small_recommender) -> None:
    entry = small_recommender.kb.entries["casusoverleg-test"]  # carries only 'ondermijning'
    score = facet_match(
        entry, CaseProfile(phenomena=["witwassen"]), small_recommender.taxonomy, RankingConfig()
    )[0]
    assert 0 < score < 1


def test_score_parts_add_up(small_recommender) -> None:
    profile = small_recommender.parse_profile(KOERIER)
    signals = small_recommender.score(profile)
    rows = [r for r, e in enumerate(small_recommender._entries) if e.type != "partner"]
    parts = sum(signals[p][rows] for p in SCORE_PARTS)
    assert np.allclose(parts, signals["total"][rows], atol=1e-5)


def test_recommend_ranks_the_fitting_entry_first(small_recommender) -> None:
    answer = small_recommender.recommend(KOERIER, top_k=4)
    assert answer.results[0].id == "gezinstherapie-test"
    assert all(r.type != "partner" for r in answer.results)
    assert [r.score for r in answer.results] == sorted(
        (r.score for r in answer.results), reverse=True
    )
    why = answer.results[0].why
    assert why.matched_facets["phenomena"] == ["criminele-uitbuiting", "drugscriminaliteit"]
    assert why.passage is not None and "**" in why.passage.snippet
    assert why.score_parts.dense > 0 and why.score_parts.facets > 0


def test_results_are_grouped_by_type(small_recommender) -> None:
    groups = small_recommender.recommend(KOERIER).grouped()
    assert list(groups)[:3] == ["interventie", "instrument", "werkwijze"]
    assert {r.id for r in groups["instrument"]} == {"sluiting-test"}


def test_package_covers_care_and_security(small_recommender) -> None:
    answer = small_recommender.recommend(KOERIER)
    sides = {side for item in answer.package for side in item.sides}
    assert {"zorg", "veiligheid"} <= sides
    assert "sluiting-test" in [item.id for item in answer.package]


def test_package_adds_collaboration_at_strategic_level(small_recommender) -> None:
    answer = small_recommender.recommend({**KOERIER, "levels": ["strategisch"]})
    assert "samenwerking" in {side for item in answer.package for side in item.sides}


def test_package_skips_alternatives_of_chosen_entries(small_recommender) -> None:
    # mentoraat-test is listed as an alternative of gezinstherapie-test.
    answer = small_recommender.recommend(KOERIER)
    ids = [item.id for item in answer.package]
    assert not ("gezinstherapie-test" in ids and "mentoraat-test" in ids)


def test_package_size_limits(small_recommender) -> None:
    config = small_recommender.config
    answer = small_recommender.recommend(KOERIER)
    available = sum(1 for e in small_recommender.kb.entries.values() if e.type != "partner")
    assert min(config.package_min, available - 1) <= len(answer.package) <= config.package_max


def test_entry_sides(small_recommender) -> None:
    entries = small_recommender.kb.entries
    assert entry_sides(entries["gezinstherapie-test"]) == ["zorg"]
    assert entry_sides(entries["sluiting-test"]) == ["veiligheid"]
    assert entry_sides(entries["casusoverleg-test"]) == ["samenwerking"]


def test_vignette_signal_and_exclusion(small_recommender) -> None:
    profile = {
        "text": "Jongen van 14 vervoert pakketjes voor zijn oom; thuis ligt drugs opgeslagen."
    }
    with_case = small_recommender.recommend(profile)
    without = small_recommender.recommend(profile, exclude_casus="koerier-test")
    by_id = {r.id: r for r in with_case.results}
    assert by_id["sluiting-test"].why.score_parts.cases > 0
    assert by_id["sluiting-test"].why.similar_cases == ["Koerier voor de familie (test)"]
    assert all(r.why.score_parts.cases == 0 for r in without.results)


def test_inferred_facets_are_reported(small_recommender) -> None:
    answer = small_recommender.recommend({"text": "Een 15-jarige verkoopt wiet voor zijn oom."})
    assert answer.inferred_facets == {
        "phenomena": ["drugscriminaliteit"],
        "age_groups": ["jongere"],
    }
    assert any("Afgeleid uit de beschrijving" in n for n in answer.notices)


def test_chosen_facets_are_not_overridden(small_recommender) -> None:
    answer = small_recommender.recommend({"text": "Hij verkoopt wiet.", "phenomena": ["fraude"]})
    assert "phenomena" not in answer.inferred_facets


def test_withdrawn_entries_are_never_suggested(small_recommender) -> None:
    with withdrawn(small_recommender, "sluiting-test") as variant:
        assert "sluiting-test" not in [r.id for r in variant.recommend(KOERIER).results]


def test_withdrawn_entries_pass_no_combination_boost(small_recommender) -> None:
    closure = small_recommender.index.row_of_entry["sluiting-test"]
    boost = small_recommender.score(small_recommender.parse_profile(KOERIER))["combination"]
    assert boost[closure] > 0
    with withdrawn(small_recommender, "gezinstherapie-test") as variant:
        assert variant.score(variant.parse_profile(KOERIER))["combination"][closure] == 0


@pytest.mark.parametrize("count", [0, 1, 3, 5, 9])
def test_top_indices_is_a_stable_partial_sort(count: int) -> None:
    values = np.array([0.2, 0.9, 0.5, 0.9, 0.1], dtype=np.float32)
    expected = sorted(range(len(values)), key=lambda i: (-values[i], i))[:count]
    assert top_indices(values, count).tolist() == expected


def test_lift_keeps_the_best_matches_and_moves_protective_steps_just_below_them() -> None:
    order = [10, 11, 12, 13, 14, 15, 16]
    assert lift(order, [15, 13], 2) == [10, 11, 15, 13, 12, 14, 16]
    # A step that already ranks higher keeps its place; position 0 puts them first.
    assert lift(order, [11, 16], 2) == [10, 11, 16, 12, 13, 14, 15]
    assert lift(order, [14, 12], 0) == [14, 12, 10, 11, 13, 15, 16]
    assert lift(order, [], 2) == order

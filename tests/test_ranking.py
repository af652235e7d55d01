"""Fusion, facet match, the integrated package and partner aggregation."""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pytest

from recommender.profile import CaseProfile
from recommender.ranking import RankingConfig, entry_sides, f_beta, facet_match, top_indices

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
    config = RankingConfig(dense_weight=0.2, lexical_weight=0.2, facet_weight=0.6)
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
    parts = sum(signals[p][rows] for p in ("dense", "lexical", "facets", "combination", "cases"))
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


def test_partners_come_with_reasons(small_recommender) -> None:
    answer = small_recommender.recommend(KOERIER)
    partners = {p.id: p for p in answer.partners}
    assert set(partners) == {"gemeente-test", "zorgpartner-test"}
    care = partners["zorgpartner-test"]
    assert "voert uit: GTT" in care.reason
    assert "gezinstherapie-test" in care.carries_out
    assert "besluit over: Sluiting van een pand (test)" in partners["gemeente-test"].reason
    assert max(p.score for p in answer.partners) == 1.0


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


@contextmanager
def withdrawn(recommender, entry_id: str) -> Iterator:
    """Yield a recommender that sees ``entry_id`` as withdrawn ('vervallen'); restore it after."""
    entry = recommender.kb.entries[entry_id]
    original = entry.status
    object.__setattr__(entry, "status", "vervallen")
    try:
        variant = recommender.with_config(recommender.config)
        variant._withdrawn = np.array([e.status == "vervallen" for e in variant._entries])
        yield variant
    finally:
        object.__setattr__(entry, "status", original)


def test_withdrawn_entries_are_never_suggested(small_recommender) -> None:
    with withdrawn(small_recommender, "sluiting-test") as variant:
        assert "sluiting-test" not in [r.id for r in variant.recommend(KOERIER).results]


def test_withdrawn_entries_pass_no_combination_boost(small_recommender) -> None:
    closure = small_recommender.index.row_of_entry["sluiting-test"]
    boost = small_recommender.score(small_recommender.parse_profile(KOERIER))["combination"]
    assert boost[closure] > 0
    with withdrawn(small_recommender, "gezinstherapie-test") as variant:
        assert variant.score(variant.parse_profile(KOERIER))["combination"][closure] == 0


def test_withdrawn_partners_are_never_suggested(small_recommender) -> None:
    assert "zorgpartner-test" in [p.id for p in small_recommender.recommend(KOERIER).partners]
    with withdrawn(small_recommender, "zorgpartner-test") as variant:
        assert [p.id for p in variant.recommend(KOERIER).partners] == ["gemeente-test"]


@pytest.mark.parametrize("count", [0, 1, 3, 5, 9])
def test_top_indices_is_a_stable_partial_sort(count: int) -> None:
    values = np.array([0.2, 0.9, 0.5, 0.9, 0.1], dtype=np.float32)
    expected = sorted(range(len(values)), key=lambda i: (-values[i], i))[:count]
    assert top_indices(values, count).tolist() == expected


def test_partner_score_adds_served_entries_and_own_match(small_recommender) -> None:
    """Rank- and role-weighted links from the results plus the partner's own match."""
    recommender = small_recommender
    config = recommender.config
    answer = recommender.recommend(KOERIER)
    signals = recommender.score(recommender.parse_profile(KOERIER))
    expected = {}
    for partner in answer.partners:
        served = sum(
            max(result.score, 0.0) / math.log2(rank + 2) * config.partner_role_weights[link.role]
            for rank, result in enumerate(answer.results)
            for link in recommender.kb.entries[result.id].partners
            if link.id == partner.id
        )
        own = max(float(signals["total"][recommender.index.row_of_entry[partner.id]]), 0.0)
        expected[partner.id] = served + config.partner_direct_weight * own
    best = max(expected.values())
    for partner in answer.partners:
        assert partner.score == pytest.approx(expected[partner.id] / best, abs=1e-3)


def test_link_to_a_non_partner_is_skipped(small_kb, tmp_path, use_encoder) -> None:
    from recommender.ranking import Recommender

    entry = small_kb / "interventie" / "gezinstherapie-test.md"
    text = entry.read_text(encoding="utf-8")
    linked = "  - id: gemeente-test\n    role: verwijzer"
    assert linked in text
    entry.write_text(
        text.replace(linked, "  - id: mentoraat-test\n    role: verwijzer"), encoding="utf-8"
    )
    recommender = Recommender.load(
        kb_dir=small_kb, index_dir=tmp_path / "index", encoder=use_encoder
    )
    answer = recommender.recommend(KOERIER)
    assert answer.partners
    assert all(recommender.kb.entries[p.id].type == "partner" for p in answer.partners)
    assert "mentoraat-test" not in {p.id for p in answer.partners}


def test_partners_without_results_come_from_their_own_match(small_recommender) -> None:
    profile = small_recommender.parse_profile(KOERIER)
    signals = small_recommender.score(profile)
    partners = small_recommender._partners([], signals, profile)
    assert partners
    assert all(p["score"] > 0 and not p["carries_out"] for p in partners)
    # Nothing linked and nothing matched: no partner is suggested at all.
    nothing = {**signals, "total": np.zeros_like(signals["total"])}
    assert small_recommender._partners([], nothing, profile) == []


def test_partner_reason_abbreviation_only_from_a_real_abbreviation() -> None:
    from types import SimpleNamespace

    from recommender.ranking import _short_title

    assert _short_title(SimpleNamespace(title="Multisysteemtherapie (MST)")) == "MST"
    assert _short_title(SimpleNamespace(title="Signs of Safety (SoS)")) == "SoS"
    assert _short_title(SimpleNamespace(title="Top600 / Top400 (Amsterdam)")) == (
        "Top600 / Top400 (Amsterdam)"
    )

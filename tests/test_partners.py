"""Partners: scores from the entries they serve and their own match, reasons from their role."""

from __future__ import annotations

import dataclasses
import math
from types import SimpleNamespace

import numpy as np
import pytest

from recommender.partners import (
    ROLE_VERBS,
    partner_graph,
    partner_reason,
    roles_served,
    shared_phenomena,
    short_title,
    suggest_partners,
)
from recommender.ranked import shown_scores
from recommender.vocabulary import PARTNER_ROLES, TOTAL

from .conftest import withdrawn

KOERIER = {
    "text": "Jongen van 14 vervoert drugs voor zijn oom; thuis ligt drugs opgeslagen in de schuur.",
    "phenomena": ["criminele-uitbuiting", "drugscriminaliteit"],
    "roles": ["dader"],
}


def _graph(recommender):
    """Compile the links anew, so the test does not lean on the recommender's own copy."""
    labels = {p: recommender.taxonomy.label("phenomena", p) for p in recommender.taxonomy.phenomena}
    return partner_graph(recommender.entries, labels)


def test_every_role_reads_as_a_verb() -> None:
    assert set(ROLE_VERBS) == set(PARTNER_ROLES)


def test_partners_come_with_reasons(small_recommender) -> None:
    answer = small_recommender.recommend(KOERIER)
    partners = {p.id: p for p in answer.partners}
    assert set(partners) == {"gemeente-test", "zorgpartner-test"}
    care = partners["zorgpartner-test"]
    assert "voert uit: GTT" in care.reason
    assert "gezinstherapie-test" in care.carries_out
    assert "besluit over: Sluiting van een pand (test)" in partners["gemeente-test"].reason
    assert max(p.score for p in answer.partners) == 1.0


def test_each_reason_names_the_partners_own_role(small_recommender) -> None:
    # gezinstherapie-test is carried out by the care partner; the municipality only refers to it.
    answer = small_recommender.recommend(KOERIER)
    partners = {p.id: p for p in answer.partners}
    assert "voert uit: GTT" in partners["zorgpartner-test"].reason
    municipality = partners["gemeente-test"].reason
    assert "verwijst naar: GTT" in municipality
    assert "voert uit" not in municipality


def test_reason_lists_roles_in_role_order_and_what_the_partner_works_on() -> None:
    reason = partner_reason(
        {"informatie": ["A"], "uitvoering": ["B", "B", "C"]}, ["Drugscriminaliteit"]
    )
    assert reason == "voert uit: B, C; levert informatie voor: A; werkt op: drugscriminaliteit"
    assert partner_reason({}, []) == "past bij de beschreven situatie"


def test_reason_takes_translated_labels() -> None:
    english = {role: role.upper() for role in PARTNER_ROLES}
    reason = partner_reason(
        {"regie": ["MST"]}, ["Drug crime"], role_labels=english, works_on="works on", fits="fits"
    )
    assert reason == "REGIE: MST; works on: drug crime"
    assert partner_reason({}, [], role_labels=english, fits="fits") == "fits"


def test_the_engine_reason_is_the_public_reason(small_recommender) -> None:
    """The UI writes reasons with the public functions; with Dutch labels they are the engine's."""
    kb = small_recommender.kb
    answer = small_recommender.recommend({"text": KOERIER["text"]})
    assert answer.inferred_facets.get("phenomena")
    label = small_recommender.taxonomy.label
    for partner in answer.partners:
        served = [kb.entries[i] for i in partner.carries_out]
        own = kb.entries[partner.id]
        rebuilt = partner_reason(
            roles_served(partner.id, served),
            shared_phenomena(
                own, answer.scoring_profile().phenomena, lambda p: label("phenomena", p)
            ),
        )
        assert rebuilt == partner.reason


def test_roles_served_only_counts_links_to_that_partner(small_recommender) -> None:
    entries = small_recommender.kb.entries
    served = [entries["gezinstherapie-test"], entries["sluiting-test"]]
    assert roles_served("gemeente-test", served) == {
        "verwijzer": ["GTT"],
        "besluit": ["Sluiting van een pand (test)"],
    }
    assert roles_served("zorgpartner-test", served) == {"uitvoering": ["GTT"]}


def test_abbreviation_only_from_a_real_abbreviation() -> None:
    assert short_title(SimpleNamespace(title="Multisysteemtherapie (MST)")) == "MST"
    assert short_title(SimpleNamespace(title="Signs of Safety (SoS)")) == "SoS"
    assert short_title(SimpleNamespace(title="Top600 / Top400 (Amsterdam)")) == (
        "Top600 / Top400 (Amsterdam)"
    )
    assert short_title(SimpleNamespace(title="Casusoverleg (test)")) == "Casusoverleg (test)"


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
        own = max(float(signals[TOTAL][recommender.index.row_of_entry[partner.id]]), 0.0)
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
    ranking = small_recommender.rank(KOERIER)
    graph, config = _graph(small_recommender), small_recommender.config
    partners = suggest_partners(ranking, [], [], graph, config)
    assert partners
    assert all(p["score"] > 0 and not p["carries_out"] for p in partners)
    # Nothing linked and nothing matched: no partner is suggested at all.
    signals = {**ranking.signals, TOTAL: np.zeros_like(ranking.signals[TOTAL])}
    nothing = dataclasses.replace(ranking, signals=signals)
    assert suggest_partners(nothing, [], [], graph, config) == []


def test_suggestions_are_those_of_recommend(small_recommender) -> None:
    ranking = small_recommender.rank(KOERIER)
    rows = ranking.order[:10]
    total = ranking.signals[TOTAL]
    suggested = suggest_partners(
        ranking,
        rows,
        shown_scores(total, rows),
        _graph(small_recommender),
        small_recommender.config,
    )
    answer = small_recommender.recommend(KOERIER, top_k=10)
    assert suggested == [p.model_dump() for p in answer.partners]


def test_withdrawn_partners_are_never_suggested(small_recommender) -> None:
    assert "zorgpartner-test" in [p.id for p in small_recommender.recommend(KOERIER).partners]
    with withdrawn(small_recommender, "zorgpartner-test") as variant:
        # Still linked by the top result (it carries out gezinstherapie-test), still not named.
        answer = variant.recommend(KOERIER)
        assert answer.results[0].id == "gezinstherapie-test"
        assert [p.id for p in answer.partners] == ["gemeente-test"]

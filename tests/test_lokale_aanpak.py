"""Lokale analyse step 6: the ranking for what the analysis found, with owner and first step."""

from __future__ import annotations

import pytest

from recommender import lokale_analyse as la
from recommender.loader import load_kb
from recommender.situations import SITUATIONS

from .conftest import REAL_KB

KB = load_kb(REAL_KB)
SAMPLE = la.load_sample(REAL_KB)
DETENTION = set(SITUATIONS["detentie"].entries)


@pytest.fixture(scope="module")
def proposals(real_recommender) -> list[la.Proposal]:
    return la.approach(SAMPLE, real_recommender)


@pytest.fixture(scope="module")
def plan(proposals) -> list[la.Action]:
    return la.plan_from(proposals, SAMPLE, KB)


def test_one_proposal_per_level_and_per_person_to_help(proposals) -> None:
    assert [p.level for p in proposals if p.person is None] == list(la.LEVELS)
    people = [p.person.describe() for p in proposals if p.person]
    # The minors and the victims of the sample, youngest first.
    assert people == [
        "Nicht L. (8), onbekend",
        "Neef T. (13), dader én slachtoffer",
        "Neef S. (15), dader én slachtoffer",
        "Tante M. (38), slachtoffer",
    ]


def test_the_exploited_fifteen_year_old_gets_own_lines(plan) -> None:
    lines = [a for a in plan if a.voor == "Neef S. (15), dader én slachtoffer"]
    assert lines and all(a.niveau == "uitvoerend" for a in lines)


def test_the_analysis_method_is_never_proposed(proposals, plan) -> None:
    assert all(la.METHOD_ENTRY not in la.proposed_ids(p, KB) for p in proposals)
    assert la.METHOD_ENTRY not in {a.vermelding for a in plan}


def test_every_level_gets_entries_that_work_at_that_level(plan) -> None:
    assert {a.niveau for a in plan} == set(la.LEVELS)
    assert all(a.niveau in KB.entries[a.vermelding].levels for a in plan)
    policy = [(a.niveau, a.vermelding) for a in plan if a.niveau != "uitvoerend"]
    assert len(policy) == len({entry for _, entry in policy})  # no entry at two levels


def test_no_detention_support_when_nobody_is_detained(real_recommender, plan) -> None:
    assert la.absent_situations(SAMPLE) == {"detentie"}
    assert not DETENTION & {a.vermelding for a in plan}
    detained = SAMPLE.model_copy(
        update={"notities": {"criminele-uitbuiting": "De vader zit in detentie."}}
    )
    assert la.absent_situations(detained) == set()
    # Once the notes show detention, the ranking reads it and a detention entry is planned.
    detained_plan = la.plan_from(la.approach(detained, real_recommender), detained, KB)
    assert DETENTION & {a.vermelding for a in detained_plan}


def test_owner_and_first_step_come_from_the_entry_itself(plan) -> None:
    assert all(a.eigenaar for a in plan)
    for action in plan:
        items = la.who_does_what(KB.entries[action.vermelding])
        steps = {f"{who}: {what}" if who else what for who, what in items}
        assert action.eerste_stap in steps or action.eerste_stap.endswith("…")
    # Specific to each entry, not one sentence for all.
    by_entry = {a.vermelding: a.eerste_stap for a in plan}
    assert len(set(by_entry.values())) == len(by_entry)


def test_owner_is_the_partner_the_step_names() -> None:
    owner, step = la.owner_and_first_step(KB.entries["leerplicht-thuiszitters"], KB)
    assert owner == KB.entries["leerplicht-rmc"].title
    assert step.startswith("Leerplichtambtenaar: ")


def test_who_does_what_reads_bold_labels_and_plain_items() -> None:
    entry = KB.entries["artikel-13b-opiumwet"].model_copy(
        update={"sections": {"Wie doet wat": "- **Politie**: treft\n  drugs aan.\n- Zonder label."}}
    )
    assert la.who_does_what(entry) == [("Politie", "treft drugs aan."), ("", "Zonder label.")]


def test_step_six_asks_the_ranking_through_one_function(real_recommender, monkeypatch) -> None:
    calls = []
    original = la.rank

    def counting(recommender, profile, top_k):
        calls.append(profile)
        return original(recommender, profile, top_k)

    monkeypatch.setattr(la, "rank", counting)
    found = la.approach(SAMPLE, real_recommender)
    assert len(calls) == len(found)
    # What the analysis found goes in: signals, people with age and role, figures.
    text = calls[0]["text"]
    assert "een jongere van 15 jaar die wordt uitgebuit en zelf strafbare feiten pleegt" in text
    assert "Cijfers over politieregistraties" in text
    assert KB.signals["criminele-uitbuiting"][0].tekst.split()[0] in text
    assert {"age": 15}.items() <= next(c for c in calls if c.get("age") == 15).items()

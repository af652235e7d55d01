"""Lokale analyse tables: typed rows become analysis parts; problems name row and column only."""

from __future__ import annotations

import math

import pytest

from recommender import lokale_analyse as la
from recommender import lokale_rows as rows

MARKER = "Zz9-typed-marker"


def test_empty_rows_are_no_rows_and_incomplete_rows_are_reported() -> None:
    records = [
        {
            "huishouden": "K1",
            "naam": "Fam K",
            "pseudoniem": "Opa",
            "leeftijd": 67.0,
            "rol": "dader",
        },
        {"huishouden": None, "naam": math.nan, "pseudoniem": "  ", "leeftijd": None, "rol": None},
        {"huishouden": "K1", "naam": None, "pseudoniem": None, "leeftijd": 15, "rol": "beide"},
        {"huishouden": "K2", "naam": None, "pseudoniem": "Neef S.", "leeftijd": None, "rol": None},
    ]
    households, problems = rows.members_from_rows(records)
    assert [(h.id, h.naam, [m.pseudoniem for m in h.leden]) for h in households] == [
        ("K1", "Fam K", ["Opa"]),
        ("K2", "K2", ["Neef S."]),  # a household without a name is called by its code
    ]
    assert households[1].leden[0].rol == "onbekend"
    assert problems == [rows.RowProblem(3, "pseudoniem", "required")]


@pytest.mark.parametrize(
    ("cell", "kind"),
    [("abc", "not_a_number"), (15.5, "not_a_number"), (121, "out_of_range"), (-1, "out_of_range")],
)
def test_bad_ages_are_reported_and_the_person_kept_without_age(cell: object, kind: str) -> None:
    households, problems = rows.members_from_rows(
        [{"huishouden": "K1", "pseudoniem": "Opa", "leeftijd": cell}]
    )
    assert households[0].leden[0].leeftijd is None
    assert [(p.row, p.column, p.kind) for p in problems] == [(1, "leeftijd", kind)]


def test_a_household_code_with_other_characters_is_refused() -> None:
    households, problems = rows.members_from_rows([{"huishouden": "K 1!", "pseudoniem": "Opa"}])
    assert households == []
    assert problems == [rows.RowProblem(1, "huishouden", "bad_code", la.LIMITS["huishouden"])]


def test_text_over_its_limit_is_trimmed_with_a_problem_at_the_limit_kept() -> None:
    limit = la.LIMITS["soort"]
    ties, problems = rows.ties_from_rows(
        [
            {"van": "K1", "naar": "K2", "soort": "x" * limit},
            {"van": "K2", "naar": "K3", "soort": MARKER + "y" * limit},
        ],
        ["K1", "K2", "K3"],
    )
    assert [len(t.soort) for t in ties] == [limit, limit]
    assert problems == [rows.RowProblem(2, "soort", "too_long", limit)]


def test_ties_to_unknown_or_the_same_household_are_refused() -> None:
    ties, problems = rows.ties_from_rows(
        [{"van": "K1", "naar": "K9"}, {"van": "K1", "naar": "K1"}, {"van": "K1"}], ["K1", "K2"]
    )
    assert ties == []
    assert [(p.row, p.column, p.kind) for p in problems] == [
        (1, "naar", "unknown"),
        (2, "naar", "unknown"),
        (3, "naar", "required"),
    ]


def test_figures_need_a_known_source_a_period_and_a_count() -> None:
    figures, problems = rows.figures_from_rows(
        [
            {"bron": "politie", "periode": "2025", "aantal": 11.0, "toelichting": None},
            {"bron": "onbekend", "periode": "2025", "aantal": 3},
            {"bron": "politie", "periode": "2026", "aantal": None},
        ],
        ["politie"],
    )
    assert [(f.bron, f.periode, f.aantal, f.toelichting) for f in figures] == [
        ("politie", "2025", 11, "")
    ]
    assert [(p.row, p.column, p.kind) for p in problems] == [
        (2, "bron", "unknown"),
        (3, "aantal", "required"),
    ]


def test_plan_lines_need_a_known_level_and_entry() -> None:
    actions, problems = rows.actions_from_rows(
        [
            {"niveau": "bestuurlijk", "vermelding": "wet-bibob", "eigenaar": "Gemeente"},
            {"niveau": "hoog", "vermelding": "wet-bibob"},
        ],
        ["wet-bibob"],
    )
    assert [(a.niveau, a.vermelding, a.eigenaar) for a in actions] == [
        ("bestuurlijk", "wet-bibob", "Gemeente")
    ]
    assert problems == [rows.RowProblem(2, "niveau", "unknown")]


def test_no_problem_repeats_what_was_typed() -> None:
    long = MARKER * 50
    _, members = rows.members_from_rows(
        [{"huishouden": long, "naam": long, "pseudoniem": long, "leeftijd": MARKER, "rol": MARKER}]
    )
    _, figures = rows.figures_from_rows(
        [{"bron": MARKER, "periode": long, "aantal": MARKER, "toelichting": long}], ["b"]
    )
    found = members + figures
    assert found
    assert all(MARKER not in repr(problem) for problem in found)

"""Facets read from free text."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.inference import infer_facets
from recommender.taxonomy import Taxonomy

TAXONOMY = Taxonomy.from_file(Path(__file__).parents[1] / "kb" / "taxonomy.yaml")


@pytest.mark.parametrize(
    ("text", "phenomenon"),
    [
        ("Zijn oom laat hem wiet verkopen op het plein.", "drugscriminaliteit"),
        ("Er lag een vuurwapen in de schuur.", "wapenhandel"),
        ("She is forced into prostitution by her cousin's friends.", "seksuele-uitbuiting"),
        (
            "De vader witwast zijn geld via een autobedrijf; hij heeft veel contant geld.",
            "witwassen",
        ),
    ],
)
def test_phenomenon_from_keywords(text: str, phenomenon: str) -> None:
    assert phenomenon in infer_facets(text, TAXONOMY).phenomena


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Dani (13) wordt op pad gestuurd.", [13]),
        ("Een 15-jarige jongen en zijn zus van 9 jaar.", [9, 15]),
        ("A 16-year-old boy.", [16]),
        ("Het gezin is drie keer verhuisd.", []),
    ],
)
def test_ages_from_text(text: str, ages: list[int]) -> None:
    assert infer_facets(text, TAXONOMY).ages == ages


def test_nothing_from_unrelated_text() -> None:
    found = infer_facets("Een rustige middag in de bibliotheek.", TAXONOMY)
    assert found.phenomena == [] and found.ages == []


def test_age_groups_follow_taxonomy_order() -> None:
    found = infer_facets("Broers van 22 en 14 jaar.", TAXONOMY)
    assert found.age_groups(TAXONOMY) == ["jongere", "jongvolwassene"]

"""The real knowledge base: clean, complete per the canon, sourced and covering both sides."""

from __future__ import annotations

import pytest
import yaml

from recommender.loader import load_kb
from recommender.stats import coverage_table

from .conftest import REAL_KB

KB = load_kb(REAL_KB)


def test_real_kb_validates_clean() -> None:
    assert [str(p) for p in KB.problems] == []


def test_every_canon_slug_is_present_with_its_type() -> None:
    canon = yaml.safe_load((REAL_KB / "canon.yaml").read_text(encoding="utf-8"))
    assert sum(len(slugs) for slugs in canon.values()) == 127
    for entry_type, slugs in canon.items():
        for slug in slugs:
            assert slug in KB.entries, slug
            assert KB.entries[slug].type == entry_type


@pytest.mark.parametrize("entry", KB.of_type("instrument"), ids=lambda e: e.id)
def test_legal_instruments_link_to_law_text(entry) -> None:
    assert entry.legal_basis, entry.id
    assert entry.evidence == "juridisch-kader"
    assert any("wetten.overheid.nl" in str(basis.url) for basis in entry.legal_basis) or any(
        "overheid.nl" in str(basis.url) for basis in entry.legal_basis
    ), entry.id


def test_every_phenomenon_has_care_and_security_entries() -> None:
    table = coverage_table(KB)
    care = table[["zorg", "jeugdbescherming"]].sum(axis=1)
    security = table[["strafrecht", "bestuursrecht"]].sum(axis=1)
    assert (care > 0).all(), care[care == 0].index.tolist()
    assert (security > 0).all(), security[security == 0].index.tolist()


def test_at_least_ten_vignettes_with_steps_and_questions() -> None:
    assert len(KB.casussen) >= 10
    for casus in KB.casussen.values():
        assert len(casus.steps) >= 2 and casus.questions and casus.expert_entries


def test_unverified_entries_are_marked_concept() -> None:
    # An entry may only be 'actueel' when it lists at least two sources (one is never enough
    # to back every claim of a 200-500 word entry).
    for entry in KB.entries.values():
        if entry.status == "actueel":
            assert len(entry.sources) >= 2, entry.id


def test_bodies_have_substance() -> None:
    for entry in KB.entries.values():
        words = sum(len(text.split()) for text in entry.sections.values())
        assert words >= 150, (entry.id, words)


def test_every_entry_has_a_fact_check_record() -> None:
    unchecked = sorted(set(KB.entries) - set(KB.checks))
    assert unchecked == [], f"{len(unchecked)} entries without kb/checks/<slug>.yaml: {unchecked}"

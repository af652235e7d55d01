"""Tensions (``kb/spanningen.yaml``): the real catalog, its validation and how a plan shows them."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from recommender.loader import TENSIONS_FILE, load_kb
from recommender.plan import compose_plan, entry_lane
from recommender.schema import Tension

from .conftest import REAL_KB

#: The issue asks for at least this many tensions in the real KB.
MIN_TENSIONS = 15


@pytest.fixture(scope="module")
def real_kb():
    return load_kb(REAL_KB)


def test_real_catalog_is_large_distinct_and_sourced(real_kb) -> None:
    tensions = real_kb.tensions
    assert len(tensions) >= MIN_TENSIONS
    ids = [t.id for t in tensions]
    assert len(set(ids)) == len(ids)
    assert all(str(t.bron.url).startswith("https://") for t in tensions)
    # Two tensions over exactly the same sides would show the same dilemma twice.
    sides = [(frozenset(t.kant_a), frozenset(t.kant_b)) for t in tensions]
    assert len(set(sides)) == len(sides)


def test_real_catalog_names_only_existing_non_partner_entries(real_kb) -> None:
    assert not [p for p in real_kb.problems if p.path.endswith(TENSIONS_FILE)]
    for tension in real_kb.tensions:
        for slug in (*tension.kant_a, *tension.kant_b):
            assert slug in real_kb.entries, (tension.id, slug)
            assert real_kb.entries[slug].type != "partner", (tension.id, slug)
        assert not set(tension.kant_a) & set(tension.kant_b), tension.id


def write_catalog(kb: Path, spanningen: list[dict]) -> None:
    catalog = {"last_reviewed": "2026-12-01", "status": "concept", "spanningen": spanningen}
    (kb / TENSIONS_FILE).write_text(yaml.safe_dump(catalog, allow_unicode=True), encoding="utf-8")


def tension(id_: str, kant_a: list[str], kant_b: list[str]) -> dict:
    return {
        "id": id_,
        "kant_a": kant_a,
        "kant_b": kant_b,
        "vraag": "Wie stemt de sluiting af met de jeugdhulp van het gezin?",
        "bron": {"title": "Testbron", "publisher": "Test", "url": "https://example.org/bron"},
    }


def test_small_catalog_loads_clean(small_kb: Path) -> None:
    write_catalog(small_kb, [tension("sluiting-en-zorg", ["sluiting-test"], ["mentoraat-test"])])
    kb = load_kb(small_kb)
    assert kb.problems == []
    assert [t.id for t in kb.tensions] == ["sluiting-en-zorg"]


@pytest.mark.parametrize("slug", ["bestaat-niet", "gemeente-test"])  # unknown entry; a partner
def test_unknown_or_partner_slug_is_a_problem_with_line(small_kb: Path, slug: str) -> None:
    write_catalog(
        small_kb,
        [
            tension("goed", ["sluiting-test"], ["mentoraat-test"]),
            tension("fout", [slug], ["mentoraat-test"]),
        ],
    )
    problems = [p for p in load_kb(small_kb).problems if p.path.endswith(TENSIONS_FILE)]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.path == f"kb/{TENSIONS_FILE}"
    assert problem.field == "spanningen.1.kant_a.0"
    assert slug in problem.message
    lines = (small_kb / TENSIONS_FILE).read_text(encoding="utf-8").splitlines()
    assert slug in lines[problem.line - 1]


def test_duplicate_id_is_a_problem(small_kb: Path) -> None:
    write_catalog(
        small_kb,
        [
            tension("dubbel", ["sluiting-test"], ["mentoraat-test"]),
            tension("dubbel", ["sluiting-test"], ["gezinstherapie-test"]),
        ],
    )
    problems = [p for p in load_kb(small_kb).problems if p.path.endswith(TENSIONS_FILE)]
    assert [p.field for p in problems] == ["spanningen.1.id"]


def test_short_question_is_a_problem(small_kb: Path) -> None:
    bad = tension("kort", ["sluiting-test"], ["mentoraat-test"])
    bad["vraag"] = "Te kort."
    write_catalog(small_kb, [bad])
    problems = [p for p in load_kb(small_kb).problems if p.path.endswith(TENSIONS_FILE)]
    assert problems and any("vraag" in p.field for p in problems)


def as_tension(id_: str, kant_a: list[str], kant_b: list[str]) -> Tension:
    return Tension.model_validate(tension(id_, kant_a, kant_b))


def test_plan_shows_a_tension_only_when_it_holds_both_sides(small_recommender) -> None:
    ranking = small_recommender.rank(
        {"phenomena": ["drugscriminaliteit"], "age_groups": ["jongere"]}
    )
    context = small_recommender._plan_context
    plain = compose_plan(ranking, context)
    held = [item["id"] for lane in plain["lanes"] for item in lane["items"]]
    assert len(held) >= 2, held
    steps = {slug for slug, e in small_recommender.kb.entries.items() if e.type != "partner"}
    missing = sorted(steps - set(held))
    assert missing, "the plan should leave at least one step of the small KB out"
    tensions = [
        as_tension("beide-kanten", [held[0], missing[0]], [held[1]]),
        as_tension("een-kant", [held[0]], [missing[0]]),
    ]
    plan = compose_plan(ranking, dataclasses.replace(context, tensions=tensions))
    assert plan["lanes"] == plain["lanes"]
    assert [t["id"] for t in plan["tensions"]] == ["beide-kanten"]
    shown = plan["tensions"][0]
    # Only the entries the plan holds are named, side a first.
    assert shown["between"] == [held[0], held[1]]
    assert shown["note"] == tensions[0].vraag
    assert shown["source"] == "https://example.org/bron"


def test_real_tension_sides_can_enter_a_plan(real_kb) -> None:
    """A plan takes an entry only through a lane or as a protective step; a slug that can do
    neither could never make its tension show."""
    for tension in real_kb.tensions:
        for slug in (*tension.kant_a, *tension.kant_b):
            entry = real_kb.entries[slug]
            assert entry_lane(entry, real_kb.taxonomy) is not None or entry.protective, (
                tension.id,
                slug,
            )

"""The review rule: actueel only through a review after every source is ticked; the review queue."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from recommender.editor import EditorError, read_draft, render_text, save_entry
from recommender.loader import load_kb
from recommender.review import (
    ReviewRequest,
    evaluation_profiles,
    recommendation_counts,
    record_review,
    review_blockers,
    review_queue,
)

TODAY = dt.date(2026, 12, 1)
SLUG = "gezinstherapie-test"


def test_a_review_needs_a_name_and_every_source_ticked(small_kb: Path) -> None:
    front = read_draft(small_kb / "interventie" / f"{SLUG}.md").front
    assert review_blockers(front, ReviewRequest(SLUG, "", frozenset())) == [
        "reviewed_by: vul de naam van de beoordelaar in",
        "sources: bron 1 is nog niet als gecontroleerd aangevinkt",
    ]
    assert review_blockers(front, ReviewRequest(SLUG, "Anna", frozenset({0}))) == []


def test_an_incomplete_review_writes_nothing(small_kb: Path) -> None:
    path = small_kb / "interventie" / f"{SLUG}.md"
    before = path.read_text(encoding="utf-8")
    with pytest.raises(EditorError, match="bron 1"):
        record_review(small_kb, ReviewRequest(SLUG, "Anna", frozenset()), today=TODAY)
    assert path.read_text(encoding="utf-8") == before


def test_a_review_records_who_and_when_and_makes_the_entry_actueel(small_kb: Path) -> None:
    path = small_kb / "interventie" / f"{SLUG}.md"
    before = path.read_text(encoding="utf-8")
    result = record_review(
        small_kb, ReviewRequest(SLUG, " Anna de Adviseur ", frozenset({0})), TODAY
    )
    assert result.written
    after = path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("---", "+++"))
    ]
    assert changed == [
        "-last_reviewed: 2026-11-01",
        "-status: concept",
        "+last_reviewed: 2026-12-01",
        "+status: actueel",
        "+reviewed_by: Anna de Adviseur",
    ]
    assert "status: actueel\nreviewed_by: Anna de Adviseur\n---" in after
    entry = load_kb(small_kb).entries[SLUG]
    assert (entry.status, entry.reviewed_by, entry.last_reviewed) == (
        "actueel",
        "Anna de Adviseur",
        TODAY,
    )


def test_actueel_without_a_review_does_not_validate(small_kb: Path) -> None:
    path = small_kb / "interventie" / f"{SLUG}.md"
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.front["status"] = "actueel"
    result = save_entry(small_kb, draft, original)
    assert not result.written
    assert [f"{p.field}: {p.message}" for p in result.problems] == [
        "reviewed_by: verplicht bij status 'actueel' (zet via een review)"
    ]
    assert "status: actueel" in render_text(draft, original)


def test_a_withdrawn_entry_is_not_reviewed(small_kb: Path) -> None:
    front = {"status": "vervallen", "sources": [{"title": "x"}]}
    assert review_blockers(front, ReviewRequest("x", "Anna", frozenset({0}))) == [
        "status: een vermelding met status 'vervallen' wordt niet herzien"
    ]


def test_the_queue_lists_concept_and_overdue_entries_most_recommended_first(small_kb: Path) -> None:
    record_review(small_kb, ReviewRequest(SLUG, "Anna", frozenset({0})), TODAY)
    kb = load_kb(small_kb)
    counts = {"mentoraat-test": 1, "sluiting-test": 5}
    queue = review_queue(kb, interval_days=365, counts=counts, today=TODAY)
    assert SLUG not in set(queue["id"])  # actueel and reviewed today
    assert queue["id"].iloc[0] == "sluiting-test"
    assert queue["id"].iloc[1] == "mentoraat-test"
    assert list(queue["aanbevolen"])[:2] == [5, 1]
    late = review_queue(kb, interval_days=1, counts=counts, today=TODAY + dt.timedelta(days=400))
    assert SLUG in set(late["id"])
    assert "ouder dan 1 dagen" in late.set_index("id").loc[SLUG, "reden"]


def test_counts_come_from_real_answers(small_recommender) -> None:
    profiles = evaluation_profiles(small_recommender.kb)
    assert profiles, "the small KB has a vignette"
    counts = recommendation_counts(small_recommender, profiles, top_k=3)
    answer = small_recommender.recommend(profiles[0], top_k=3)
    for result in answer.results:
        assert counts[result.id] >= 1
    assert sum(counts.values()) > 0

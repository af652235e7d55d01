"""Exporting the plan as Markdown and Word."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from recommender.export import plan_docx, plan_markdown

PROFILE = {
    "text": "Jongen van 14 vervoert drugs voor zijn oom.",
    "phenomena": ["drugscriminaliteit"],
    "levels": ["uitvoerend"],
}


def test_markdown_plan(small_recommender) -> None:
    answer = small_recommender.recommend(PROFILE)
    text = plan_markdown(answer, small_recommender.kb, today=dt.date(2026, 11, 28))
    assert text.startswith("# Plan van aanpak voor het casusoverleg")
    assert "Datum: 2026-11-28" in text
    assert "- **Fenomenen:** Drugscriminaliteit" in text
    assert "## Plan voor het gezin" in text
    for lane in answer.plan.lanes:
        assert f"### {lane.title}" in text
        for item in lane.items:
            assert f"| {item.step} | {item.title} | {item.for_} |" in text
    assert "## Partners om te betrekken" in text and "Testzorgaanbieder" in text
    assert "https://example.org/sluiting" in text
    assert "vervoert drugs" not in text  # the description stays out unless asked for


def test_markdown_plan_with_description(small_recommender) -> None:
    answer = small_recommender.recommend(PROFILE)
    assert "vervoert drugs" in plan_markdown(
        answer, small_recommender.kb, description=PROFILE["text"]
    )


def test_docx_plan_opens_and_has_the_sections(small_recommender) -> None:
    answer = small_recommender.recommend(PROFILE)
    document = Document(io.BytesIO(plan_docx(answer, small_recommender.kb)))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Plan van aanpak voor het casusoverleg"
    for heading in ("Casusprofiel", "Plan voor het gezin", "Partners om te betrekken", "Bronnen"):
        assert heading in headings
    assert [lane.title for lane in answer.plan.lanes] == [
        h for h in headings if h in {lane.title for lane in answer.plan.lanes}
    ]
    table = document.tables[0]
    assert table.rows[0].cells[2].text == "Voor wie"
    assert len(table.rows) == len(answer.plan.lanes[0].items) + 1
    assert any(
        run.bold for p in document.paragraphs for run in p.runs if "Testzorgaanbieder" in run.text
    )


def test_tensions_reach_the_export(small_recommender) -> None:
    from recommender.results import PlanTension

    answer = small_recommender.recommend(PROFILE)
    ids = answer.plan.entry_ids()
    tension = PlanTension(
        id="test",
        between=ids[:2],
        note="Wat gaat voor: de hulp of de sluiting?",
        source="https://example.org",
    )
    answer.plan.tensions.append(tension)
    text = plan_markdown(answer, small_recommender.kb)
    assert "### Vragen voor het casusoverleg" in text and "Wat gaat voor" in text
    document = Document(io.BytesIO(plan_docx(answer, small_recommender.kb)))
    assert any("Wat gaat voor" in p.text for p in document.paragraphs)

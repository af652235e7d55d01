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
    assert "## Geïntegreerd pakket" in text and "| Sluiting van een pand (test) |" in text
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
    for heading in ("Casusprofiel", "Geïntegreerd pakket", "Partners om te betrekken", "Bronnen"):
        assert heading in headings
    table = document.tables[0]
    assert table.rows[0].cells[0].text == "Onderdeel"
    assert len(table.rows) == len(answer.package) + 1
    assert any(
        run.bold for p in document.paragraphs for run in p.runs if "Testzorgaanbieder" in run.text
    )

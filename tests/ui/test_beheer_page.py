"""Beheer page: validation report with a broken KB, coverage, review, duplicates, rebuild."""

from __future__ import annotations

import shutil
from pathlib import Path


def test_clean_kb_report_and_tools(app) -> None:
    at = app("beheer").run()
    assert not at.exception
    # The only problem of the UI test KB is the raw HTML it holds on purpose (shown as text).
    assert [line.split(": ")[-1] for line in at.code[0].value.splitlines()] == [
        "ruwe HTML wordt als tekst getoond; gebruik Markdown"
    ]
    assert len(at.get("vega_lite_chart")) == 1  # coverage heatmap
    assert at.number_input(key="beheer_days").value == 365
    assert len(at.dataframe) >= 1  # mentoraat-test was last reviewed in 2024


def test_broken_kb_lists_every_problem_with_file_and_line(app, ui_kb: Path, tmp_path: Path) -> None:
    broken = tmp_path / "kb"
    shutil.copytree(ui_kb, broken)
    path = broken / "interventie" / "gezinstherapie-test.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("domains: [zorg]", "domains: [zorgg]"),
        encoding="utf-8",
    )
    (broken / "werkwijze" / "kapot.md").write_bytes(b"---\nid: kapot\ntitle: \xff\xfe\n---\n")
    at = app("beheer", kb=broken).run()
    assert not at.exception
    assert any("problemen in" in e.value for e in at.error)
    report = at.code[0].value
    assert (
        "kb/interventie/gezinstherapie-test.md:8: domains.0: onbekende id 'zorgg'; bedoel je 'zorg'?"
        in report
    )
    assert "kb/werkwijze/kapot.md:3: bestand: geen geldige UTF-8" in report


def test_broken_kb_still_serves_valid_entries_with_a_banner(
    app, ui_kb: Path, tmp_path: Path
) -> None:
    broken = tmp_path / "kb"
    shutil.copytree(ui_kb, broken)
    (broken / "werkwijze" / "kapot.md").write_text("geen front matter", encoding="utf-8")
    at = app("kennisbank", kb=broken).run()
    assert any("kb/werkwijze/kapot.md" in w.value for w in at.warning)
    assert "6 vermeldingen" in [c.value for c in at.caption]


def test_rebuild_index_button(app, ui_kb: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(ui_kb, kb)
    at = app("beheer", kb=kb).run()
    next(b for b in at.button if b.key == "beheer_rebuild").click().run()
    assert not at.exception
    assert any(s.value == "Index opnieuw gebouwd." for s in at.success)
    assert at.json  # the manifest


def test_kb_edited_while_running_shows_after_rebuild(app, ui_kb: Path, tmp_path: Path) -> None:
    kb = tmp_path / "kb"
    shutil.copytree(ui_kb, kb)
    before = app("kennisbank", kb=kb, entry="sluiting-test").run()
    assert before.title[0].value == "Sluiting van een pand (test)"
    path = kb / "instrument" / "sluiting-test.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Sluiting van een pand (test)", "title: Pandsluiting (gewijzigd)"
        ),
        encoding="utf-8",
    )
    # The running app keeps serving what it loaded until an adviser rebuilds.
    assert (
        app("kennisbank", kb=kb, entry="sluiting-test").run().title[0].value
        == "Sluiting van een pand (test)"
    )
    beheer = app("beheer", kb=kb).run()
    next(b for b in beheer.button if b.key == "beheer_rebuild").click().run()
    after = app("kennisbank", kb=kb, entry="sluiting-test").run()
    assert after.title[0].value == "Pandsluiting (gewijzigd)"

"""Beheer page: validation report with a broken KB, coverage, review, duplicates, rebuild."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from recommender.ui.common import get_publisher

TITLE_KEY = "edit_gezinstherapie-test_interventie_title"
SUMMARY_KEY = "edit_gezinstherapie-test_interventie_summary"


def _publisher(kb: Path):
    return get_publisher(str(kb), os.environ["INTERVENTIEWIJZER_INDEX"])


def _open_entry(at, slug: str = "gezinstherapie-test"):
    at.selectbox(key="beheer_edit_entry").set_value(slug).run()
    return at


def _copy(ui_kb: Path, tmp_path: Path) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(ui_kb, kb)
    return kb


def test_clean_kb_report_and_tools(app) -> None:
    at = app("beheer").run()
    assert not at.exception
    # The only problem of the UI test KB is the raw HTML it holds on purpose (shown as text).
    assert [line.split(": ")[-1] for line in at.code[0].value.splitlines()] == [
        "ruwe HTML wordt als tekst getoond; gebruik Markdown"
    ]
    assert len(at.get("vega_lite_chart")) == 1  # coverage heatmap
    assert at.number_input(key="beheer_months").value == 12
    assert len(at.dataframe) >= 1  # every test entry is still a concept


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
    kb = _copy(ui_kb, tmp_path)
    at = app("beheer", kb=kb).run()
    next(b for b in at.button if b.key == "beheer_rebuild").click().run()
    assert not at.exception
    assert any(s.value == "Herbouw gestart op de achtergrond." for s in at.success)
    assert _publisher(kb).wait(300)
    assert at.json  # the manifest


def test_a_file_changed_on_disk_is_served_after_a_background_rebuild(
    app, ui_kb: Path, tmp_path: Path
) -> None:
    kb = _copy(ui_kb, tmp_path)
    before = app("kennisbank", kb=kb, entry="sluiting-test").run()
    assert before.title[0].value == "Sluiting van een pand (test)"
    path = kb / "instrument" / "sluiting-test.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "title: Sluiting van een pand (test)", "title: Pandsluiting (gewijzigd)"
        ),
        encoding="utf-8",
    )
    _publisher(kb)._checked_at = 0.0  # the next page notices at once (normally within a second)
    beheer = app("beheer", kb=kb).run()
    assert any("De index is verouderd" in w.value for w in beheer.warning)
    assert _publisher(kb).wait(300)
    after = app("kennisbank", kb=kb, entry="sluiting-test").run()
    assert after.title[0].value == "Pandsluiting (gewijzigd)"
    assert _publisher(kb).builds == 1


def test_the_form_saves_a_valid_change_with_a_live_preview(
    app, ui_kb: Path, tmp_path: Path
) -> None:
    kb = _copy(ui_kb, tmp_path)
    path = kb / "interventie" / "gezinstherapie-test.md"
    at = _open_entry(app("beheer", kb=kb).run())
    assert at.text_input(key=TITLE_KEY).value == "Gezinstherapie thuis (GTT)"
    assert any(c.value == "Geen wijzigingen." for c in at.caption)
    at.text_input(key=TITLE_KEY).set_value("Gezinstherapie aan huis (GTT)").run()
    assert "Gezinstherapie aan huis (GTT)" in [t.value for t in at.title]  # the preview
    assert path.read_text(encoding="utf-8").count("aan huis") == 0  # nothing written yet
    at.button(key="beheer_save").click().run()
    assert not at.exception
    assert any("Opgeslagen in kb/interventie/gezinstherapie-test.md" in s.value for s in at.success)
    assert "title: Gezinstherapie aan huis (GTT)\n" in path.read_text(encoding="utf-8")
    assert "Geschiedenis staat uit" in " ".join(i.value for i in at.info)


def test_an_invalid_form_shows_the_validate_message_and_writes_nothing(
    app, ui_kb: Path, tmp_path: Path
) -> None:
    kb = _copy(ui_kb, tmp_path)
    path = kb / "interventie" / "gezinstherapie-test.md"
    before = path.read_text(encoding="utf-8")
    at = _open_entry(app("beheer", kb=kb).run())
    at.text_area(key=SUMMARY_KEY).set_value("Te kort.").run()
    report = "\n".join(c.value for c in at.code)
    assert "kb/interventie/gezinstherapie-test.md:6: summary: te kort" in report
    assert at.button(key="beheer_save").disabled
    assert any("er wordt niets opgeslagen" in e.value for e in at.error)
    assert path.read_text(encoding="utf-8") == before


def test_status_actueel_is_only_offered_through_a_review(app, ui_kb: Path, tmp_path: Path) -> None:
    kb = _copy(ui_kb, tmp_path)
    at = _open_entry(app("beheer", kb=kb).run())
    assert "actueel" not in at.selectbox(key="edit_gezinstherapie-test_interventie_status").options
    at.selectbox(key="beheer_review_entry").set_value("gezinstherapie-test").run()
    assert at.button(key="beheer_review").disabled  # no source ticked yet
    at.checkbox(key="beheer_src_gezinstherapie-test_0").check().run()
    at.button(key="beheer_review").click().run()
    assert not at.exception
    assert any("staat nu op actueel" in s.value for s in at.success)
    text = (kb / "interventie" / "gezinstherapie-test.md").read_text(encoding="utf-8")
    assert "status: actueel" in text and "reviewed_by: " in text


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_diff_and_restore_in_the_page(app, ui_kb: Path, tmp_path: Path) -> None:
    kb = _copy(ui_kb, tmp_path)
    git = ["git", "-C", str(tmp_path)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "kb"], check=True)
    subprocess.run(
        [*git, "-c", "user.name=S", "-c", "user.email=s@example.org", "commit", "-qm", "begin"],
        check=True,
    )
    at = _open_entry(app("beheer", kb=kb).run())
    at.text_input(key=TITLE_KEY).set_value("Gezinstherapie aan huis (GTT)").run()
    at.button(key="beheer_save").click().run()
    log = subprocess.run([*git, "log", "--format=%s"], capture_output=True, text=True).stdout
    assert log.splitlines()[0] == "gezinstherapie-test: velden title gewijzigd"
    at.selectbox(key="beheer_history_entry").set_value("gezinstherapie-test").run()
    assert "+title: Gezinstherapie aan huis (GTT)" in "\n".join(c.value for c in at.code)
    commits = next(box for box in at.selectbox if box.label == "Versie")
    commits.set_value(commits.options[-1]).run()  # the first version
    at.button(key="beheer_restore").click().run()
    assert not at.exception
    text = (kb / "interventie" / "gezinstherapie-test.md").read_text(encoding="utf-8")
    assert "title: Gezinstherapie thuis (GTT)\n" in text
    log = subprocess.run([*git, "log", "--format=%s"], capture_output=True, text=True).stdout
    assert log.splitlines()[0].startswith("gezinstherapie-test: hersteld naar versie ")


def test_without_the_adviser_role_beheer_is_read_only(
    app, ui_kb: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = _copy(ui_kb, tmp_path)
    monkeypatch.setattr("recommender.ui.auth.on_loopback", lambda: False)
    at = app("beheer", kb=kb).run()
    assert any("Alleen lezen" in i.value for i in at.info)
    assert at.text_input(key="beheer_new_slug").disabled
    _open_entry(at)  # readers may look at the form, not change it
    assert at.text_input(key=TITLE_KEY).disabled
    assert at.button(key="beheer_save").disabled
    assert at.button(key="beheer_rebuild").disabled
    assert at.button(key="beheer_review").disabled


def test_heatmap_labels_every_domain_and_duplicates_have_readable_columns(
    app, ui_kb: Path, tmp_path: Path
) -> None:
    kb = _copy(ui_kb, tmp_path)
    original = kb / "interventie" / "gezinstherapie-test.md"
    twin = original.read_text(encoding="utf-8").replace(
        "id: gezinstherapie-test", "id: gezinstherapie-kopie"
    )
    (kb / "interventie" / "gezinstherapie-kopie.md").write_text(twin, encoding="utf-8")
    at = app("beheer", kb=kb).run()
    spec = at.get("vega_lite_chart")[0].proto.spec
    assert '"labelOverlap": false' in spec or '"labelOverlap":false' in spec
    frames = [d.value for d in at.dataframe]
    assert any("Vermelding A" in f.columns for f in frames)
    assert not any("id_a" in f.columns for f in frames)


def test_a_wrong_status_is_explained_in_dutch_only(app, ui_kb: Path, tmp_path: Path) -> None:
    kb = _copy(ui_kb, tmp_path)
    path = kb / "interventie" / "gezinstherapie-test.md"
    path.write_text(
        path.read_text(encoding="utf-8")
        .replace("status: concept", "status: klaar")
        .replace("evidence: onbekend", "evidence: erkend"),
        encoding="utf-8",
    )
    at = app("beheer", kb=kb).run()
    report = at.code[0].value
    assert "kies uit 'concept', 'actueel', 'herzien-nodig' of 'vervallen'" in report
    assert " or " not in report
    assert "evidence: onbekende id 'erkend' (geldig: " in report  # not "bedoel je 'onbekend'?"


def test_a_new_entry_form_reports_what_is_missing_and_writes_nothing(
    app, ui_kb: Path, tmp_path: Path
) -> None:
    kb = _copy(ui_kb, tmp_path)
    at = app("beheer", kb=kb).run()
    at.selectbox(key="beheer_new_type").set_value("werkwijze").run()
    at.text_input(key="beheer_new_slug").set_value("nieuwe-aanpak").run()
    assert not at.exception
    report = "\n".join(c.value for c in at.code)
    assert "kb/werkwijze/nieuwe-aanpak.md:" in report
    assert ": title: verplicht veld ontbreekt" in report
    assert "sectie '## Wat is het' ontbreekt" in report or "'## Wat is het' is leeg" in report
    assert at.button(key="beheer_save").disabled
    assert not (kb / "werkwijze" / "nieuwe-aanpak.md").exists()

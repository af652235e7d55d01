"""The Lokale analyse in a real browser: sample, all steps, Word report, save and load."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from docx import Document

from recommender.lokale_analyse import load_analysis

from .conftest import screenshot, wait_idle

pytestmark = pytest.mark.browser


def open_page(page) -> None:
    page.goto(page.base_url + "/lokale-analyse")
    wait_idle(page)
    page.get_by_role("button", name="Laad het voorbeeld (fictief)").click()
    wait_idle(page)


def test_walk_steps_and_export_word(real_page, tmp_path: Path) -> None:
    page = real_page
    open_page(page)
    for number, name in enumerate(
        [
            "1. Signalen",
            "2. Netwerk in beeld",
            "3. Cijfers",
            "4. Partners aan tafel",
            "5. Gedeeld probleem",
        ],
        start=1,
    ):
        page.get_by_role("tab", name=name).click()
        wait_idle(page)
        screenshot(page, f"lokale-analyse-stap-{number}")
    page.get_by_role("button", name="Stel een probleemdefinitie op").click()
    wait_idle(page)
    page.get_by_role("tab", name="6. Aanpak").click()
    page.get_by_role("button", name="Stel een aanpak voor").click()
    wait_idle(page)
    page.get_by_role("tab", name="6. Aanpak").click()
    wait_idle(page)
    screenshot(page, "lokale-analyse-stap-6")
    page.get_by_role("tab", name="7. Export").click()
    wait_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download rapport (Word)").click()
    document = Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Lokale analyse en plan van aanpak"
    assert "3. Cijfers" in headings and "6. Aanpak" in headings
    assert len(document.inline_shapes) == 2
    assert len(document.tables[1].rows) > 1  # the plan has lines
    screenshot(page, "lokale-analyse-stap-7")


def test_save_and_load_round_trip_and_corrupt_file(real_page, tmp_path: Path) -> None:
    page = real_page
    open_page(page)
    page.get_by_role("tab", name="7. Export").click()
    wait_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Sla de analyse op (.json)").click()
    saved = Path(info.value.path()).read_bytes()
    analysis = load_analysis(saved)
    assert analysis.gemeente == "Middelstad (fictieve gemeente)"
    # A fresh session loads the saved file and shows the same analysis.
    page.goto(page.base_url + "/lokale-analyse")
    wait_idle(page)
    upload = tmp_path / "analyse.json"
    upload.write_bytes(saved)
    page.locator("input[type='file']").set_input_files(str(upload))
    wait_idle(page)
    assert (
        page.get_by_role("textbox", name="Gemeente", exact=True).input_value()
        == "Middelstad (fictieve gemeente)"
    )
    # A damaged file gives a clear error and keeps the analysis.
    broken = tmp_path / "kapot.json"
    broken.write_text(json.dumps(json.loads(saved))[:150], encoding="utf-8")
    page.locator("input[type='file']").set_input_files(str(broken))
    wait_idle(page)
    assert page.get_by_text(
        "Het bestand kon niet worden geopend: het bestand is geen geldige JSON"
    ).is_visible()
    assert (
        page.get_by_role("textbox", name="Gemeente", exact=True).input_value()
        == "Middelstad (fictieve gemeente)"
    )
    screenshot(page, "lokale-analyse-fout")

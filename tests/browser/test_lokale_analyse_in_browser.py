"""The Lokale analyse in a real browser: sample, all steps, Word report, save and load."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from recommender.loader import load_kb
from recommender.lokale_analyse import LIMITS, load_analysis

from ..conftest import REAL_KB
from .conftest import rerun, screenshot, visible

pytestmark = pytest.mark.browser
KB = load_kb(REAL_KB)


def goto(page) -> None:
    with rerun(page):
        page.goto(page.base_url + "/lokale-analyse")


def open_page(page) -> None:
    goto(page)
    with rerun(page):
        page.get_by_role("button", name="Laad het voorbeeld (fictief)").click()
    expect(page.get_by_role("textbox", name="Gemeente", exact=True)).to_have_value(
        "Middelstad (fictieve gemeente)"
    )


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
        expect(page.get_by_role("tab", name=name)).to_have_attribute("aria-selected", "true")
        screenshot(page, f"lokale-analyse-stap-{number}")
    with rerun(page):
        page.get_by_role("button", name="Stel een probleemdefinitie op").click()
    page.get_by_role("tab", name="6. Aanpak").click()
    with rerun(page):
        page.get_by_role("button", name="Stel een aanpak voor").click()
    page.get_by_role("tab", name="6. Aanpak").click()
    screenshot(page, "lokale-analyse-stap-6")
    page.get_by_role("tab", name="7. Export").click()
    word = visible(page.get_by_role("button", name="Download rapport (Word)"))
    with page.expect_download(timeout=120_000) as info:  # the report draws two charts first
        word.click()
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
    save = visible(page.get_by_role("button", name="Sla de analyse op (.json)"))
    with page.expect_download() as info:
        save.click()
    saved = Path(info.value.path()).read_bytes()
    analysis = load_analysis(saved)
    assert analysis.gemeente == "Middelstad (fictieve gemeente)"
    # A fresh session loads the saved file and shows the same analysis.
    goto(page)
    upload = tmp_path / "analyse.json"
    upload.write_bytes(saved)
    with rerun(page):
        page.locator("input[type='file']").set_input_files(str(upload))
    municipality = page.get_by_role("textbox", name="Gemeente", exact=True)
    expect(municipality).to_have_value("Middelstad (fictieve gemeente)")
    # A damaged file gives a clear error and keeps the analysis.
    broken = tmp_path / "kapot.json"
    broken.write_text(json.dumps(json.loads(saved))[:150], encoding="utf-8")
    with rerun(page):
        page.locator("input[type='file']").set_input_files(str(broken))
    expect(
        page.get_by_text("Het bestand kon niet worden geopend: het bestand is geen geldige JSON")
    ).to_be_visible()
    expect(municipality).to_have_value("Middelstad (fictieve gemeente)")
    screenshot(page, "lokale-analyse-fout")


def _signal_panel(page, phenomenon: str):
    return page.locator(f".st-key-la_exp_{phenomenon}")


def test_tick_counter_is_right_and_the_panel_stays_open(real_page) -> None:
    page = real_page
    goto(page)
    panel = _signal_panel(page, "drugscriminaliteit")
    panel.locator("summary").click()
    boxes = panel.locator("[data-testid='stCheckbox']")
    total = len(KB.signals["drugscriminaliteit"])
    expect(panel.locator("summary")).to_contain_text(f"(0/{total})")
    for ticked in (1, 2, 3):
        with rerun(page):
            boxes.nth(ticked - 1).click()  # one click per tick: the panel never closes
        expect(panel.locator("summary")).to_contain_text(f"({ticked}/{total})")
        expect(panel.locator("details")).to_have_attribute("open", re.compile(".*"))
        expect(boxes.nth(ticked - 1).locator("input")).to_be_checked()
    with rerun(page):
        boxes.nth(0).click()
    expect(panel.locator("summary")).to_contain_text(f"(2/{total})")
    screenshot(page, "lokale-analyse-vinken")


def _form(page, table: str):
    return page.locator(f".st-key-la_form_{table}")


def _grid(page, table: str):
    # The grid draws on a canvas; its accessible copy (a hidden table) holds the cell text.
    return page.locator(f".st-key-la_table_{table} table[role='grid']")


def _table_text(page, table: str) -> str:
    grid = _grid(page, table)
    return grid.text_content() or "" if grid.count() else ""


def expect_rows(page, table: str, count: int) -> None:
    """Wait until the table shows ``count`` rows below its heading."""
    expect(_grid(page, table)).to_have_attribute("aria-rowcount", str(count + 1))


def _fill(form, label: str, value: str) -> None:
    form.get_by_role("textbox", name=label, exact=True).or_(
        form.get_by_role("spinbutton", name=label, exact=True)
    ).fill(value)


def _choose(page, form, label: str, option: str) -> None:
    box = form.get_by_role("combobox", name=label)
    box.click()
    box.press_sequentially(option[:12])  # long lists only draw the options in view
    page.get_by_role("option", name=option, exact=True).click()


def _save(page, tmp_path: Path):
    page.get_by_role("tab", name="7. Export").click()
    save = visible(page.get_by_role("button", name="Sla de analyse op (.json)"))
    with page.expect_download() as info:
        save.click()
    return load_analysis(Path(info.value.path()).read_bytes())


def test_typing_into_each_table(real_page, tmp_path: Path) -> None:
    page = real_page
    goto(page)
    page.get_by_role("tab", name="2. Netwerk in beeld").click()
    members = _form(page, "members")
    # A row without its required cells is refused with a message; what was typed stays.
    _fill(members, "Huishouden (code) *", "K1")
    _fill(members, "Leeftijd", "15")
    with rerun(page):
        members.get_by_role("spinbutton", name="Leeftijd").press("Enter")
    expect(
        members.get_by_text("Nog niet toegevoegd: vul eerst Persoon (pseudoniem) in")
    ).to_be_visible()
    expect(members.get_by_role("textbox", name="Huishouden (code) *")).to_have_value("K1")
    assert _table_text(page, "members") == ""  # no empty or half row appeared
    _fill(members, "Persoon (pseudoniem) *", "Neef S.")
    with rerun(page):
        members.get_by_role("textbox", name="Persoon (pseudoniem) *").press("Enter")  # Enter adds
    for code, person in (("K2", "Oom R."), ("K1", "Tante M.")):
        _fill(members, "Huishouden (code) *", code)
        _fill(members, "Persoon (pseudoniem) *", person)
        with rerun(page):
            members.get_by_role("textbox", name="Persoon (pseudoniem) *").press("Enter")
    # The grid draws after the run; its accessible copy follows a moment later.
    for name in ("Neef S.", "Oom R.", "Tante M."):
        expect(_grid(page, "members")).to_contain_text(name)
    expect_rows(page, "members", 3)  # every Enter added one row, none empty
    ties = _form(page, "ties")
    _choose(page, ties, "Van *", "K1")
    _choose(page, ties, "Naar *", "K2")
    _fill(ties, "Soort band", "broer-zus")
    with rerun(page):
        ties.get_by_role("textbox", name="Soort band").press("Enter")
    expect(_grid(page, "ties")).to_contain_text("broer-zus")
    expect_rows(page, "ties", 1)

    page.get_by_role("tab", name="3. Cijfers").click()
    figures = _form(page, "figures")
    for period, count in (("2025", "11"), ("2026", "17")):
        _choose(page, figures, "Bron *", "Politieregistraties")
        _fill(figures, "Periode *", period)
        _fill(figures, "Aantal *", count)
        with rerun(page):
            figures.get_by_role("spinbutton", name="Aantal *").press("Enter")
    expect(
        page.get_by_text("politieregistraties: 17 in 2026, 6 meer dan in 2025 (11)")
    ).to_be_visible()
    expect_rows(page, "figures", 2)  # checked while its tab is shown: a hidden grid draws nothing

    page.get_by_role("tab", name="6. Aanpak").click()
    plan = _form(page, "plan")
    _choose(page, plan, "Niveau *", "Bestuurlijk")
    _choose(page, plan, "Onderdeel *", "Wet Bibob (integriteitstoets openbaar bestuur)")
    _fill(plan, "Eigenaar", "Gemeente")
    _fill(plan, "Eerste stap", "Bibob-beleid vaststellen")
    with rerun(page):
        plan.get_by_role("textbox", name="Eerste stap").press("Enter")
    expect(_grid(page, "plan")).to_contain_text("Bibob-beleid vaststellen")
    screenshot(page, "lokale-analyse-getypt")

    saved = _save(page, tmp_path)
    assert [(h.id, [m.pseudoniem for m in h.leden]) for h in saved.huishoudens] == [
        ("K1", ["Neef S.", "Tante M."]),
        ("K2", ["Oom R."]),
    ]
    assert saved.huishoudens[0].leden[0].leeftijd == 15
    assert [(t.van, t.naar, t.soort) for t in saved.banden] == [("K1", "K2", "broer-zus")]
    assert [(r.periode, r.aantal) for r in saved.cijfers] == [("2025", 11), ("2026", 17)]
    assert [(a.niveau, a.vermelding, a.eerste_stap) for a in saved.aanpak] == [
        ("bestuurlijk", "wet-bibob", "Bibob-beleid vaststellen")
    ]


def test_round_trip_at_and_beyond_the_limits(real_page, tmp_path: Path) -> None:
    page = real_page
    goto(page)
    title = page.get_by_role("textbox", name="Naam van de analyse", exact=True)
    title.fill("")
    title.press_sequentially("T" * (LIMITS["titel"] + 15), delay=0)
    with rerun(page):
        title.press("Enter")
    expect(title).to_have_value("T" * LIMITS["titel"])  # refused beyond the limit, as typed
    page.get_by_role("tab", name="2. Netwerk in beeld").click()
    members = _form(page, "members")
    code = members.get_by_role("textbox", name="Huishouden (code) *")
    code.press_sequentially("K" * (LIMITS["huishouden"] + 5), delay=0)
    assert code.input_value() == "K" * LIMITS["huishouden"]
    person = members.get_by_role("textbox", name="Persoon (pseudoniem) *")
    person.press_sequentially("P" * (LIMITS["pseudoniem"] + 5), delay=0)
    members.get_by_role("spinbutton", name="Leeftijd").fill(str(LIMITS["leeftijd"]))
    with rerun(page):
        person.press("Enter")
    _fill(members, "Huishouden (code) *", "K2")
    _fill(members, "Persoon (pseudoniem) *", "Neef S.")
    with rerun(page):
        person.press("Enter")
    ties = _form(page, "ties")
    _choose(page, ties, "Van *", "K" * LIMITS["huishouden"])
    _choose(page, ties, "Naar *", "K2")
    kind = ties.get_by_role("textbox", name="Soort band")
    kind.press_sequentially("s" * (LIMITS["soort"] + 5), delay=0)  # "Soort band" over 40
    with rerun(page):
        kind.press("Enter")
    assert not page.locator("[data-testid='stException']").count()
    saved = _save(page, tmp_path)
    assert saved.titel == "T" * LIMITS["titel"]
    assert saved.huishoudens[0].leden[0].pseudoniem == "P" * LIMITS["pseudoniem"]
    assert saved.huishoudens[0].leden[0].leeftijd == LIMITS["leeftijd"]
    assert saved.banden[0].soort == "s" * LIMITS["soort"]
    # What was saved opens again, in a fresh session.
    upload = tmp_path / "grens.json"
    upload.write_text(saved.to_json(), encoding="utf-8")
    goto(page)
    with rerun(page):
        page.locator("input[type='file']").set_input_files(str(upload))
    expect(page.get_by_role("textbox", name="Naam van de analyse", exact=True)).to_have_value(
        "T" * LIMITS["titel"]
    )
    assert not page.get_by_text("Het bestand kon niet worden geopend").count()
    screenshot(page, "lokale-analyse-grenzen")

"""The Casus workflow in a real browser: state, save and open, share link, print, English, phone."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from .conftest import _page, rerun, screenshot, visible

pytestmark = pytest.mark.browser

CASE = "Jongen van 14 vervoert drugs voor zijn oom; de familie slaat drugs op in de schuur."


#: The numbered title of a result card ("1. Gezinstherapie thuis (GTT)").
RESULT_TITLE = re.compile(r"^\d+\. ")


def open_app(page, path: str = "/") -> None:
    """Open ``path`` and wait for its first run to finish."""
    with rerun(page):
        page.goto(page.base_url + path)


def fill_case(page, text: str = CASE, phenomenon: str | None = "Drugscriminaliteit") -> None:
    open_app(page)
    page.get_by_role("textbox", name="Beschrijving van de situatie").fill(text)
    if phenomenon:
        # The list opens from the select's own input; on a slow machine the first click can
        # land while the page still draws, so it is tried again until the option shows.
        select = page.locator("[data-testid='stMultiSelect']").first.get_by_role("combobox")
        option = page.get_by_role("option", name=phenomenon)
        for _ in range(3):
            select.click()
            try:
                option.wait_for(timeout=10_000)
                break
            except PlaywrightTimeout:
                page.keyboard.press("Escape")
        option.click()
        page.keyboard.press("Escape")
    with rerun(page):
        page.get_by_role("button", name="Zoek passende aanpak").click()


def result_titles(page) -> list[str]:
    """The numbered titles of the result cards, in the order shown (waits for the first)."""
    cards = visible(page.locator("[data-testid='stMain'] strong").filter(has_text=RESULT_TITLE))
    return [text for text in cards.all_inner_texts() if RESULT_TITLE.match(text)]


def test_state_survives_navigation_and_reload(page) -> None:
    fill_case(page)
    before = result_titles(page)
    assert before
    with rerun(page):
        page.get_by_role("link", name="Open in de kennisbank").first.click()
    with rerun(page):
        page.locator("[data-testid='stSidebarNav'] a", has_text="Casus").click()
    description = page.get_by_role("textbox", name="Beschrijving van de situatie")
    expect(description).to_have_value(CASE)
    chosen = page.locator("[data-testid='stMultiSelect']").first
    expect(chosen.get_by_text("Drugscriminaliteit")).to_be_visible()
    assert result_titles(page) == before
    # A reload is a new session: the facets come back from the address and the search runs;
    # the description never travels.
    with rerun(page):
        page.reload()
    expect(chosen.get_by_text("Drugscriminaliteit")).to_be_visible()
    assert result_titles(page)
    expect(description).to_have_value("")
    screenshot(page, "casus-na-herladen")


def test_kennisbank_keeps_filters_after_detail(page) -> None:
    open_app(page, "/kennisbank")
    page.get_by_role("textbox", name="Zoeken").fill("pand sluiten burgemeester")
    with rerun(page):
        page.keyboard.press("Enter")
    with rerun(page):
        page.get_by_role("button", name="Sluiting van een pand (test)").first.click()
    with rerun(page):
        page.get_by_role("button", name="← Terug naar het overzicht").click()
    expect(page.get_by_role("textbox", name="Zoeken")).to_have_value("pand sluiten burgemeester")


def test_kennisbank_nonsense_search_finds_nothing(page) -> None:
    open_app(page, "/kennisbank")
    page.get_by_role("textbox", name="Zoeken").fill("xyzzy qwerty")
    with rerun(page):
        page.keyboard.press("Enter")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("Geen resultaten")).to_be_visible()
    expect(main.get_by_text("0 vermeldingen")).to_be_visible()


def test_save_and_open_a_case(page, browser, tmp_path: Path) -> None:
    fill_case(page)
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Casus opslaan").click()
    download = download_info.value
    assert download.suggested_filename == "casus.json"
    # Saved under its own name: the uploader takes only .json files (the download's temporary
    # path has no extension, so the browser refused it and nothing was opened).
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["format"] == "interventiewijzer-casus" and data["version"] == 1
    assert data["text"] == CASE and data["phenomena"] == ["drugscriminaliteit"]
    for other in _page(browser, page.base_url):
        open_app(other)
        other.get_by_text("Casus openen").first.click()
        with rerun(other):
            other.locator("input[type='file']").set_input_files(str(saved))
        textbox = other.get_by_role("textbox", name="Beschrijving van de situatie")
        expect(textbox).to_have_value(CASE)
        assert result_titles(other) == result_titles(page)
        # A damaged file gets a clear error and changes nothing.
        broken = saved.with_name("kapot.json")
        broken.write_text('{"format": "interventiewijzer-casus", "version": 1, "age": "veertien"}')
        with rerun(other):
            other.locator("input[type='file']").set_input_files(str(broken))
        expect(other.get_by_text("Het bestand kon niet worden geopend")).to_be_visible()
        expect(textbox).to_have_value(CASE)


def _share_link(page) -> str:
    """Ask for the share link (drawn on request) and return it."""
    with rerun(page):
        page.get_by_text("Toon de deelbare link").click()
    return visible(page.locator("[data-testid='stCode'] code")).inner_text().strip()


def test_share_link_opens_the_same_answer_in_another_browser(page, browser) -> None:
    fill_case(page, text="")
    sent = result_titles(page)
    with rerun(page):  # only the open tab is drawn: opening one reruns the answer
        page.get_by_role("tab", name="Exporteren en delen").click()
    link = _share_link(page)
    assert link.startswith(page.base_url + "/")  # the address the user reached the app on
    assert "phenomena=drugscriminaliteit" in link and "tekst" not in link
    for other in _page(browser, page.base_url):
        with rerun(other):
            other.goto(link)
        assert result_titles(other) == sent


def test_share_link_never_holds_the_text_and_says_it_may_differ(page, browser) -> None:
    fill_case(page)
    with rerun(page):  # only the open tab is drawn: opening one reruns the answer
        page.get_by_role("tab", name="Exporteren en delen").click()
    link = _share_link(page)
    assert "Jongen" not in link and "schuur" not in link and "tekst=1" in link
    for other in _page(browser, page.base_url):
        with rerun(other):
            other.goto(link)
        expect(other.get_by_text("Geopend via een gedeelde link")).to_be_visible()


def test_print_view_leaves_out_the_description_and_controls(page) -> None:
    fill_case(page)
    with rerun(page):  # only the open tab is drawn: opening one reruns the answer
        page.get_by_role("tab", name="Exporteren en delen").click()
    with rerun(page):
        page.get_by_role("button", name="Printweergave").click()
    page.emulate_media(media="print")
    main = page.locator("[data-testid='stMain']")
    expect(main.get_by_text("Plan voor het gezin")).to_be_visible()
    expect(main.get_by_text("Partners om te betrekken")).to_be_visible()
    expect(main.get_by_text(CASE)).not_to_be_visible()
    for control in ("button", "textbox", "checkbox"):
        assert all(not c.is_visible() for c in main.get_by_role(control).all()), control
    screenshot(page, "casus-print")
    page.emulate_media(media="screen")
    with rerun(page):
        page.get_by_text("Beschrijving meeprinten").click()
    page.emulate_media(media="print")
    expect(main.get_by_text(CASE)).to_be_visible()


def test_personal_data_warning(page) -> None:
    fill_case(page, text="Jan en Piet gaan naar school; Piet belt 06-12345678.", phenomenon=None)
    main = page.locator("[data-testid='stMain']")
    visible(main.get_by_text("persoonsgegevens"))
    pseudo = main.get_by_role("textbox", name="Gepseudonimiseerde versie")
    expect(pseudo).to_have_value(
        "[PERSOON-1] en [PERSOON-2] gaan naar school; [PERSOON-2] belt [TELEFOON-1]."
    )


def test_english_pages_and_language_kept_on_reload(page) -> None:
    open_app(page, "/?lang=en")
    expect(page.get_by_role("heading", name="Explore a case")).to_be_visible()
    page.get_by_role("textbox", name="Description of the situation").fill(
        "A boy of 14 carries drugs for his uncle."
    )
    with rerun(page):
        page.get_by_role("button", name="Find matching approaches").click()
    main = page.locator("[data-testid='stMain']")
    # "Boy of 14 ..." opening a sentence is read as a first name by the personal-data check,
    # which held back the answer: this is why the notice and the ranks never showed here.
    visible(main.get_by_text("Derived from the description"))
    visible(main.get_by_text("rank 1 of"))
    with rerun(page):
        page.get_by_role("tab", name="Partners").click()
    visible(main.get_by_text("delivers:"))
    with rerun(page):
        page.reload()
    expect(page.get_by_role("heading", name="Explore a case")).to_be_visible()
    open_app(page, "/kennisbank?lang=en")
    visible(page.get_by_role("heading", name="Knowledge base"))
    screenshot(page, "casus-english")


def test_phone_layout_shows_the_plan_as_a_list(browser, server: str) -> None:
    for phone in _page(browser, server, viewport=(390, 844)):
        fill_case(phone)
        phone.get_by_role("tab", name="Plan (zorg en veiligheid)").click()
        # The table and the list share one element now; CSS shows one of them by width.
        visible(phone.locator(".iw-plan-list"))
        expect(phone.locator(".iw-plan-table")).not_to_be_visible()
        first = phone.locator(".iw-plan-list strong").first
        box = first.bounding_box()
        assert box is not None and box["x"] + box["width"] <= 390
        with rerun(phone):
            phone.get_by_role("tab", name="Partners").click()
        visible(phone.get_by_role("tabpanel", name="Partners").get_by_text("voert uit:"))
        expect(phone.locator(".st-key-partner-network")).not_to_be_visible()
        screenshot(phone, "casus-telefoon")

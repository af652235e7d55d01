"""The Workshop presenter mode in a real browser, on a 1280x720 projector."""

from __future__ import annotations

import re

import pytest

from .conftest import count_runs, rerun, screenshot, wait_idle

pytestmark = pytest.mark.browser
#: Anything in the emoji blocks: the page must not need an emoji font.
#: More steps than any vignette has; the button must be disabled at the last one.
MAX_STEPS = 12
EMOJI = re.compile("[\u2600-\u27bf\U0001f300-\U0001faff]")


def test_presenter_reveal_fits_a_projector(browser, real_server: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    count_runs(page)
    try:
        page.goto(real_server + "/workshop")
        wait_idle(page)
        with rerun(page):
            page.get_by_text("Presentatiemodus").click()
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        assert page.locator(".ws-stage").count() == 1  # one step at a time
        next_step = page.get_by_role("button", name="Volgende stap")
        for _ in range(MAX_STEPS):
            if not next_step.is_enabled():
                break
            with rerun(page):
                next_step.click()
        else:
            raise AssertionError(f"'Volgende stap' still enabled after {MAX_STEPS} steps")
        box = page.get_by_role("combobox").last
        box.click()
        box.press_sequentially("Wet Bibob")
        page.keyboard.press("Enter")
        page.keyboard.press("Escape")
        wait_idle(page)
        with rerun(page):
            page.get_by_role("button", name="Onthul de antwoorden").click()
        heading = page.locator(".ws-reveal h2").inner_text()
        assert re.fullmatch(r"\d+ van de \d+ keuzes gedeeld", heading), heading
        assert "Groep: 1 keuzes" in page.locator(".ws-tally").inner_text()
        # Tool and expert side by side.
        tool, expert = page.locator(".ws-cols section").all()
        assert tool.bounding_box()["y"] == expert.bounding_box()["y"]
        assert tool.bounding_box()["x"] < expert.bounding_box()["x"]
        shared = int(heading.split()[0])
        assert expert.locator(".ws-yes").count() == shared
        # The whole reveal, buttons included, fits without scrolling.
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('*')]
                .filter(e => e.scrollHeight > e.clientHeight + 1 &&
                        ['auto', 'scroll'].includes(getComputedStyle(e).overflowY))
                .map(e => [e.getAttribute('data-testid') || e.tagName, e.scrollHeight, e.clientHeight])"""
        )
        assert sizes == [], sizes
        assert page.get_by_role("button", name="Verberg de antwoorden").bounding_box()["y"] < 720
        assert not EMOJI.search(page.locator(".ws-reveal").inner_text())
        screenshot(page, "workshop-presentatie-onthulling")
    finally:
        context.close()

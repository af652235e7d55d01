"""Log policy in a real browser: a marker typed into every input of every page is in no log.

The test does not know the pages or their inputs: it follows every link of the navigation,
opens every tab and expander, and types into whatever it finds (text fields, text areas,
number fields, search boxes of select widgets, table cells, file uploads) the marker at the
start of a value over every limit. The server runs at log level DEBUG with its own temp and
home folders; afterwards the server log and every file the run wrote are searched for it.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from ..conftest import REAL_KB, REPO_ROOT, copy_small_kb
from .conftest import _page, _serve, screenshot, wait_idle

# It walks every input of every page (about three minutes on the shared 2-core machine); it is
# part of `make test` and runs alone with `make test-logs` (see docs/security.md).
# The suite's 300 s limit per test is for one page; this test walks all of them.
pytestmark = [pytest.mark.browser, pytest.mark.logsweep, pytest.mark.timeout(1200)]
MARKER = "LOGMARK7q2x"
#: Longer than any text limit of the app (the longest, a problem definition, is 20,000).
OVER_LIMIT = 25_000
#: Larger than any number field allows.
BIG_NUMBER = "99999999999"
SKIPPED_FOLDERS = {".git", ".venv", "node_modules", "test-artifacts", "__pycache__"}


@pytest.fixture(scope="module")
def logged(tmp_path_factory: pytest.TempPathFactory):
    """A server at DEBUG level with its own temp and home; yields (url, folder it writes in)."""
    root = tmp_path_factory.mktemp("logpolicy")
    kb = copy_small_kb(root / "kb")
    # The signal lists give the Lokale analyse its note fields.
    shutil.copy(REAL_KB / "signalen.yaml", kb / "signalen.yaml")
    temp, home = root / "tmp", root / "home"
    temp.mkdir()
    home.mkdir()
    env = {
        "TMPDIR": str(temp),
        "HOME": str(home),
        "STREAMLIT_LOGGER_LEVEL": "debug",
        "STREAMLIT_LOGGER_MESSAGE_FORMAT": "%(asctime)s %(levelname)s %(name)s %(message)s",
    }
    for url in _serve(kb, tmp_path_factory, extra_env=env):
        yield url, root


@pytest.fixture
def logged_page(browser, logged):
    """A fresh browser page on the DEBUG server."""
    yield from _page(browser, logged[0])


@pytest.fixture
def outside() -> Path:
    """A folder for the files to upload, outside everything the test searches."""
    folder = Path(tempfile.mkdtemp(prefix="logbeleid-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _uploads(folder: Path, value: str) -> list[Path]:
    """Files to upload: an analysis holding the marker, and one too large, also holding it."""
    analysis = {
        "formaat": "interventiewijzer/lokale-analyse",
        "versie": 1,
        "titel": value,
        "gemeente": value[:100],
        "notities": {"drugscriminaliteit": value},
        "huishoudens": [{"id": "A", "naam": value, "leden": [{"pseudoniem": value}]}],
    }
    good = folder / f"{MARKER}-{len(value)}.json"
    good.write_text(json.dumps(analysis), encoding="utf-8")
    large = folder / f"{MARKER}-{len(value)}-groot.json"
    large.write_text(json.dumps({**analysis, "probleemdefinitie": value * 400}), encoding="utf-8")
    return [good, large]


def _visible(locator) -> list:
    return [item for item in locator.all() if item.is_visible()]


def _open_all(page) -> None:
    from playwright.sync_api import Error as PlaywrightError

    for summary in _visible(
        page.locator("[data-testid='stMain'] [data-testid='stExpander'] summary")
    ):
        details = summary.locator("xpath=..")
        try:
            if details.get_attribute("open", timeout=5_000) is None:
                summary.click(timeout=5_000)
        except PlaywrightError:
            continue  # re-rendered or covered meanwhile; its inputs are found when open
    wait_idle(page)


def _fill_everything(page, value: str, uploads: list[Path]) -> int:
    """Type ``value`` into every input in view; return how many inputs were filled.

    The page is not waited for after each field (Streamlit folds the reruns into one); a
    field that a rerun replaced meanwhile is skipped, its successor is found next time.
    """
    from playwright.sync_api import Error as PlaywrightError

    filled = 0
    main = page.locator("[data-testid='stMain']")
    text_fields = (
        "input[type='text']:not([role='combobox']), input[type='password'], "
        "input[type='search'], input:not([type]):not([role])"
    )
    actions = [
        # A text area sends its value when it loses focus, a text field on Enter.
        ("textarea", lambda field: (field.fill(value), field.press("Tab"))),
        (text_fields, lambda field: (field.fill(value[:500]), field.press("Enter"))),
        ("input[type='number']", lambda field: (field.fill(BIG_NUMBER), field.press("Enter"))),
        # The search box of a select widget.
        (
            "input[role='combobox']",
            lambda field: (
                field.fill(value[:500]),
                field.press("Escape"),
                field.evaluate("element => element.blur()"),
            ),
        ),
    ]
    for selector, act in actions:
        for field in _visible(main.locator(selector)):
            try:
                if field.is_editable(timeout=2_000):
                    act(field)
                    filled += 1
            except PlaywrightError:
                continue
        wait_idle(page)
    for editor in _visible(main.locator("[data-testid='stDataFrame']")):
        try:
            editor.hover(timeout=5_000)
            add_row = editor.get_by_role("button", name="Add row")
            if add_row.count() == 0:
                continue  # a read-only table
            add_row.first.click(timeout=5_000)
        except PlaywrightError:
            continue
        for _ in range(6):  # as many cells as the widest table has columns
            page.keyboard.type(value[:300])
            page.keyboard.press("Enter")
            page.keyboard.press("ArrowUp")
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Escape")
        page.mouse.click(5, 5)  # leave the table: it sends its edits
        filled += 1
    wait_idle(page)
    for field in main.locator("input[type='file']").all():
        for upload in uploads:
            field.set_input_files(str(upload))
            wait_idle(page)
            filled += 1
    # Text in a form is sent only with the form.
    for button in _visible(main.locator("[data-testid='stFormSubmitButton'] button")):
        button.click()
        wait_idle(page)
    return filled


def _select_tab(page, tab) -> None:
    from playwright.sync_api import Error as PlaywrightError

    page.keyboard.press("Escape")  # a select widget's open list may cover the tabs
    try:
        tab.click(timeout=10_000)
    except PlaywrightError:
        tab.focus()  # the tabs are selected from the keyboard too
        page.keyboard.press("Enter")
    wait_idle(page)


def _visit(page, url: str, value: str, uploads: list[Path]) -> int:
    page.goto(url)
    wait_idle(page, timeout=300_000)
    filled = 0
    tabs = page.locator("[data-testid='stMain'] [role='tab']")
    for position in range(max(1, tabs.count())):
        if tabs.count():
            _select_tab(page, tabs.nth(position))
        _open_all(page)
        filled += _fill_everything(page, value, uploads)
    return filled


def _written_since(start: float, folders: list[Path]) -> list[Path]:
    """Every file under ``folders`` changed since ``start`` (skipping virtualenv and git)."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if SKIPPED_FOLDERS & set(path.relative_to(folder).parts):
                continue
            try:
                if path.is_file() and path.stat().st_mtime >= start:
                    found.append(path)
            except OSError:
                continue
    return found


def test_no_typed_text_in_any_log_or_file(logged_page, logged, outside: Path) -> None:
    page = logged_page
    url, root = logged
    start = time.time() - 1
    page.goto(url + "/")
    wait_idle(page, timeout=300_000)
    links = page.locator("[data-testid='stSidebarNav'] a")
    pages = sorted({str(link.get_attribute("href")) for link in links.all()})
    assert len(pages) >= 5, pages
    filled = 0
    # One pass, with the marker at the start of a value over every limit: fields that cut
    # their text still receive the marker. The upload also holds it within the limits.
    value = f"{MARKER} " + "x" * OVER_LIMIT
    uploads = [*_uploads(outside, MARKER), *_uploads(outside, value)]
    for href in pages:
        target = href if href.startswith("http") else url + "/" + href.lstrip("/")
        filled += _visit(page, target, value, uploads)
    screenshot(page, "logbeleid-laatste-pagina")
    assert filled >= 10, filled
    # The marker really reached the server: the Lokale analyse saves it in its file.
    page.goto(url + "/lokale-analyse")
    wait_idle(page)
    page.locator("input[type='file']").set_input_files(str(_uploads(outside, MARKER)[0]))
    wait_idle(page)
    page.get_by_role("tab", name="7. Export").click()
    wait_idle(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Sla de analyse op (.json)").click()
    assert MARKER in Path(info.value.path()).read_text(encoding="utf-8")
    # Search the server logs and every file written since the start (adviser edits of the
    # KB copy on the Beheer page are meant to be saved, so that folder is left out).
    written = [
        p for p in _written_since(start, [root.parent, REPO_ROOT]) if root / "kb" not in p.parents
    ]
    logs = [p for p in written if p.name == "streamlit.log"]
    assert any(b" DEBUG " in p.read_bytes() for p in logs), logs  # it really logged at DEBUG
    for path in written:
        assert MARKER.encode() not in path.read_bytes(), path

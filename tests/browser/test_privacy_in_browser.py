"""The running app: no network, no case text left behind, localhost only, no script injection."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import _serve, screenshot, wait_idle

pytestmark = pytest.mark.browser
MARKER = "MARKERTEKST4b2c jongen vervoert drugs voor zijn oom"
HOSTILE = "<script>alert('invoer')</script><img src=x onerror=alert(2)> [klik](javascript:alert(3))"


@pytest.fixture(scope="module")
def guarded(ui_kb: Path, tmp_path_factory: pytest.TempPathFactory):
    """A server whose Python refuses outbound connections, with its own temp and home folders."""
    root = tmp_path_factory.mktemp("guarded")
    log, temp, home = root / "netguard.log", root / "tmp", root / "home"
    temp.mkdir()
    home.mkdir()
    env = {
        "PYTHONPATH": str(Path(__file__).parents[1] / "netguard"),
        "NETGUARD_LOG": str(log),
        "TMPDIR": str(temp),
        "HOME": str(home),
    }
    for url in _serve(ui_kb, tmp_path_factory, extra_env=env, omit_address=True):
        yield url, root


@pytest.fixture
def guarded_page(browser, guarded):
    from .conftest import _page

    url, _ = guarded
    yield from _page(browser, url)


def submit(page, text: str) -> None:
    page.goto(page.base_url + "/")
    wait_idle(page)
    page.get_by_role("textbox", name="Beschrijving van de situatie").fill(text)
    page.get_by_role("button", name="Zoek passende aanpak").click()
    wait_idle(page)


def test_recommendation_works_without_network_and_leaves_no_case_text(
    guarded_page, guarded
) -> None:
    submit(guarded_page, MARKER)
    assert guarded_page.get_by_role("heading", name="Interventies (2)").is_visible()
    _, root = guarded
    attempts = (root / "netguard.log").read_text() if (root / "netguard.log").exists() else ""
    assert attempts == "", f"outbound connections were attempted: {attempts}"
    # The server's temp and home folders, its log, and every index cache of this test run.
    scanned = [p for p in root.parent.rglob("*") if p.is_file()]
    assert any(p.name == "streamlit.log" for p in scanned)
    for path in scanned:
        assert b"MARKERTEKST4b2c" not in path.read_bytes(), path


def test_server_listens_on_loopback_only(guarded) -> None:
    url, _ = guarded
    port = int(url.rsplit(":", 1)[1])
    listening = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                listening.add(address)
    assert listening, "no listening socket found"
    assert listening <= {"0100007F", "00000000000000000000000001000000"}, (
        listening
    )  # 127.0.0.1 and ::1


def test_hostile_input_is_never_executed(guarded_page) -> None:
    submit(guarded_page, HOSTILE)
    page = guarded_page
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator("script", has_text="alert('invoer')").count() == 0
    screenshot(page, "casus-vijandige-invoer")

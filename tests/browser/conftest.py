"""A real `streamlit run` on a free local port, driven by Playwright with Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from ..conftest import REPO_ROOT

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO_ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
#: How long an expectation waits for its content. A run takes 0.05-0.3 s on a quiet machine,
#: but many seconds on the shared 2-core one; an expectation that holds returns at once.
EXPECT_TIMEOUT_MS = 30_000

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def server(ui_kb: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app on 127.0.0.1 with the UI test KB; yield its base URL."""
    yield from _serve(ui_kb, tmp_path_factory)


@pytest.fixture(scope="session")
def real_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the app on 127.0.0.1 with the project's own KB; yield its base URL."""
    yield from _serve(REPO_ROOT / "kb", tmp_path_factory)


def _serve(
    kb: Path,
    tmp_path_factory: pytest.TempPathFactory,
    extra_env: dict[str, str] | None = None,
    omit_address: bool = False,
    port: int | None = None,
    extra_args: list[str] | None = None,
) -> Iterator[str]:
    """Run `streamlit run app.py` on a free port until the generator is closed.

    With ``omit_address`` the server gets no --server.address, so the project's
    .streamlit/config.toml decides where it listens. ``port`` and ``extra_args`` (more
    ``--option value`` pairs) are for tests that must know the address in advance, like login.
    """
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it with apt-get)")
    port = port or _free_port()
    env = {
        **os.environ,
        "INTERVENTIEWIJZER_KB": str(kb),
        "INTERVENTIEWIJZER_INDEX": str(tmp_path_factory.mktemp("browser-index")),
        "HF_HUB_OFFLINE": "1",
        **(extra_env or {}),
    }
    log = tmp_path_factory.mktemp("server") / "streamlit.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "recommender.ui.server",  # preloads, then `streamlit run`
                str(REPO_ROOT / "app.py"),
                "--server.port",
                str(port),
                *([] if omit_address else ["--server.address", "127.0.0.1"]),
                "--server.headless",
                "true",
                *(extra_args or []),
            ],
            cwd=REPO_ROOT,
            env=env,
            stdout=handle,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError(f"streamlit did not start: {log.read_text()}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            # Streamlit's shutdown waits for its sessions (it took 20 s each time here); the
            # server holds nothing that needs a clean stop.
            process.kill()
            process.wait(timeout=20)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One headless Chromium for the session."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it with apt-get)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, server: str) -> Iterator[object]:
    """A fresh browser page on the test-KB server; any JavaScript dialog fails the test."""
    yield from _page(browser, server)


@pytest.fixture
def real_page(browser, real_server: str) -> Iterator[object]:
    """A fresh browser page on the server with the project's own KB."""
    yield from _page(browser, real_server)


def _page(browser, server: str, viewport: tuple[int, int] = (1400, 1000)) -> Iterator[object]:
    width, height = viewport
    context = browser.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    page = context.new_page()
    count_runs(page)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.base_url = server  # type: ignore[attr-defined]
    yield page
    context.close()
    assert dialogs == [], f"a script ran in the page: {dialogs}"


def wait_idle(page, timeout: int = 120_000) -> None:
    """Wait until Streamlit has finished running the script.

    Only right after ``goto`` or ``reload``: after a click the page may still look idle because
    the run it causes has not begun; wrap such actions in :func:`rerun`.
    """
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout)


class RunCounter:
    """Counts the script runs the server finished for one page, read from its websocket.

    The page's own idle marker cannot tell "finished" from "not started yet" (an upload or a
    click reaches the server only after a moment); the server's ``script_finished`` message can.
    """

    def __init__(self) -> None:
        self.finished = 0

    def frame(self, payload: str | bytes) -> None:
        """Count one websocket frame if it ends a run (an interrupted run does not count)."""
        if not isinstance(payload, bytes):
            return
        message = ForwardMsg.FromString(payload)
        if (
            message.WhichOneof("type") == "script_finished"
            and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
        ):
            self.finished += 1


def count_runs(page) -> RunCounter:
    """Attach a :class:`RunCounter` to ``page`` (as ``page.runs``) before it opens the app."""
    counter = RunCounter()
    page.runs = counter  # type: ignore[attr-defined]
    page.on("websocket", lambda socket: socket.on("framereceived", counter.frame))
    return counter


@contextmanager
def rerun(page, runs: int = 1, timeout: float = 60.0) -> Iterator[None]:
    """Wait until the action inside the block has caused ``runs`` script runs, all rendered.

    Use it around every click, upload or key press that reruns the app; tabs, expanders and
    download buttons do not rerun it.
    """
    before = page.runs.finished
    yield
    deadline = time.monotonic() + timeout
    while page.runs.finished < before + runs:
        if time.monotonic() > deadline:
            raise AssertionError(f"no script run finished within {timeout:.0f} s of the action")
        page.wait_for_timeout(20)  # lets Playwright deliver the websocket events
    page.wait_for_selector(IDLE, timeout=int(timeout * 1000))


def visible(locator, timeout: float = EXPECT_TIMEOUT_MS / 1000):
    """Wait until ``locator`` shows (its first match) and return it, for content a step waits on."""
    from playwright.sync_api import expect

    expect(locator.first).to_be_visible(timeout=timeout * 1000)
    return locator


def screenshot(page, name: str) -> Path:
    """Save a screenshot under test-artifacts/ for a person to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture(autouse=True)
def _clean_artifacts_once(request: pytest.FixtureRequest) -> None:
    if not getattr(request.session, "_artifacts_cleaned", False):
        shutil.rmtree(ARTIFACTS, ignore_errors=True)
        request.session._artifacts_cleaned = True  # type: ignore[attr-defined]

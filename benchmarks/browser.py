"""Browser benchmark: how fast the Casus page answers in Debian Chromium, beside a floor page.

Run with ``.venv/bin/python benchmarks/browser.py [--clicks 7]``. Starts the app with the
launcher (``recommender.ui.server``: KB, model, index and de-identifier loaded before the port
opens) and, in the same run, the framework's floor: the smallest Streamlit page with a form
and three expanders. Measures, per server, the first page after the health check answers,
and the median of several clicks on the search button (until the script is idle and the
result cards are drawn) and of empty clicks. Writes its own section to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"
CHROMIUM = "/usr/bin/chromium"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
START, END = "<!-- browser:start -->", "<!-- browser:end -->"
CASE = "Jongen van 14 vervoert drugs voor zijn oom; de familie slaat drugs op in de schuur."
FLOOR_APP = """
import streamlit as st

with st.form("f"):
    text = st.text_area("Beschrijving van de situatie")
    st.form_submit_button("Zoek passende aanpak")
for name in ("Een", "Twee", "Drie"):
    with st.expander(name):
        st.write(text or "leeg")
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(module_args: list[str], env: dict[str, str]) -> Iterator[tuple[str, float]]:
    """Run a server; yield its URL and the seconds until its health check answered."""
    port = _free_port()
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            *module_args,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.perf_counter() - started > 900:
                    raise RuntimeError(f"server did not start: {module_args}") from None
                time.sleep(0.2)
        yield url, time.perf_counter() - started
    finally:
        process.terminate()
        process.wait(timeout=30)


def _idle(page: Page) -> None:
    page.wait_for_selector(IDLE, timeout=300_000)


def _click(page: Page, text: str | None, expect: str | None) -> float:
    if text is not None:
        page.get_by_role("textbox", name="Beschrijving van de situatie").fill(text)
    started = time.perf_counter()
    page.get_by_role("button", name="Zoek passende aanpak").click()
    page.wait_for_timeout(30)  # let the run start before waiting for idle
    _idle(page)
    if expect:
        page.get_by_text(expect).first.wait_for(timeout=300_000)
    return time.perf_counter() - started


def measure(browser, url: str, clicks: int, expect: str | None) -> dict[str, float]:
    """Return the first page, the median search click and the median empty click (seconds)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    started = time.perf_counter()
    page.goto(url + "/")
    page.get_by_role("button", name="Zoek passende aanpak").wait_for(timeout=300_000)
    _idle(page)
    first = time.perf_counter() - started
    searches, empties = [], []
    for _ in range(clicks):
        page.goto(url + "/")
        _idle(page)
        searches.append(_click(page, CASE, expect))
        page.goto(url + "/")
        _idle(page)
        empties.append(_click(page, "", None))
    context.close()
    return {
        "first": first,
        "search": statistics.median(searches),
        "empty": statistics.median(empties),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clicks", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        floor_file = Path(tmp) / "floor.py"
        floor_file.write_text(FLOOR_APP, encoding="utf-8")
        env = {"HF_HUB_OFFLINE": "1", "INTERVENTIEWIJZER_INDEX": str(Path(tmp) / "index")}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
            )
            with serve(["streamlit", "run", str(floor_file)], env) as (url, floor_start):
                floor = measure(browser, url, args.clicks, None)
            with serve(["recommender.ui.server", str(ROOT / "app.py")], env) as (url, app_start):
                app = measure(browser, url, args.clicks, "Interventies (")
            browser.close()
    lines = [
        START,
        "## Casuspagina in de browser (`benchmarks/browser.py`)",
        "",
        f"Gemeten op {dt.date.today().isoformat()}; {platform.machine()}, Python "
        f"{platform.python_version()}, Debian Chromium via Playwright; mediaan van {args.clicks} "
        "klikken. Vloer: de kleinste Streamlit-pagina met een formulier en drie uitklappers, in "
        "dezelfde run. Eerste pagina: vanaf het moment dat de server zijn health check beantwoordt.",
        "",
        "| | vloer (s) | Casus (s) | Casus / vloer | eis |",
        "|---|---:|---:|---:|---|",
        f"| server start tot health check | {floor_start:.1f} | {app_start:.1f} | | |",
        f"| eerste pagina | {floor['first']:.2f} | {app['first']:.2f} | | < 3 s |",
        f"| zoeken tot resultaten | {floor['search']:.2f} | {app['search']:.2f} "
        f"| {app['search'] / floor['search']:.1f}x | < 3x |",
        f"| lege klik | {floor['empty']:.2f} | {app['empty']:.2f} "
        f"| {app['empty'] / floor['empty']:.1f}x | < 1.5x |",
        END,
    ]
    section = "\n".join(lines)
    doc = DOC.read_text(encoding="utf-8")
    if START in doc:
        head, rest = doc.split(START, 1)
        doc = head + section + rest.split(END, 1)[1]
    else:
        doc = doc.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(doc, encoding="utf-8")
    print(section)


if __name__ == "__main__":
    main()

"""Soak run: concurrent browser sessions against a running app for minutes, memory sampled.

Run with ``.venv/bin/python benchmarks/soak.py`` (defaults: 30 sessions, 10 minutes). It is
not a test: it starts ``streamlit run app.py`` on 127.0.0.1, opens the sessions as Chromium
pages (Debian's chromium, via Playwright) and, until the time is up, lets every session in
turn describe a case, search and wait for the answer, and open the Kennisbank and the Lokale
analyse with the sample. The server's resident memory is read from /proc every few seconds.
It writes errors, latency percentiles and memory over time into docs/benchmarks.md between
the ``soak`` markers, and stops the server it started.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from recommender import evaluation  # noqa: E402
from recommender.privacy import check_text  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- soak:start -->", "<!-- soak:end -->"
CHROMIUM = "/usr/bin/chromium"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
RESULTS = "[data-testid='stMain'] [data-testid='stExpander']"
ERROR = "[data-testid='stException'], [data-testid='stAlertContentError']"
#: Seconds one step may take before it counts as an error (the run goes on).
STEP_TIMEOUT_S = 180


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _rss_mib(pid: int) -> float:
    """Resident memory of the server and its children, in MiB."""
    total = 0
    for candidate in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{candidate}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


class Soak:
    """The server, the sessions and what was measured."""

    def __init__(self, sessions: int, minutes: float) -> None:
        self.sessions = sessions
        self.seconds = minutes * 60
        self.latencies: dict[str, list[float]] = {"zoeken": [], "kennisbank": [], "analyse": []}
        self.errors: dict[str, int] = {name: 0 for name in self.latencies}
        self.memory: list[tuple[float, float]] = []
        self.cases = [check_text(c.text).pseudonymised() for c in evaluation.load_cases() if c.text]

    def sample(self, pid: int, started: float) -> None:
        if not self.memory or time.monotonic() - started - self.memory[-1][0] >= 10:
            self.memory.append((time.monotonic() - started, _rss_mib(pid)))

    def run(self) -> None:
        from playwright.sync_api import sync_playwright

        port = _free_port()
        index = Path(tempfile.mkdtemp(prefix="soak-index-"))
        env = {**os.environ, "INTERVENTIEWIJZER_INDEX": str(index), "HF_HUB_OFFLINE": "1"}
        # As `make run` does: the index is built before the server starts, not by a session.
        subprocess.run(
            [str(Path(sys.executable).parent / "recommender"), "build-index", "--if-stale"],
            cwd=ROOT,
            env=env,
            check=True,
        )
        server = subprocess.Popen(
            [
                # As `make run` does: the launcher loads everything before the port opens.
                *(sys.executable, "-m", "recommender.ui.server", str(ROOT / "app.py")),
                *("--server.port", str(port), "--server.address", "127.0.0.1"),
                *("--server.headless", "true"),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM,
                    args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-sync"],
                )
                self._drive(browser, url, server.pid)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)

    def _drive(self, browser, url: str, pid: int) -> None:
        pages = []
        for _ in range(self.sessions):
            page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
            page.set_default_timeout(STEP_TIMEOUT_S * 1000)
            page.goto(url + "/")
            page.wait_for_selector(IDLE, timeout=3 * STEP_TIMEOUT_S * 1000)
            pages.append(page)
        started = time.monotonic()
        self.sample(pid, started)
        step = 0
        while time.monotonic() - started < self.seconds:
            kind = ("zoeken", "zoeken", "kennisbank", "analyse")[step % 4]
            self._round(pages, kind, url, step, pid, started)
            step += 1
        self.sample(pid, started)
        self.elapsed = time.monotonic() - started

    def _round(self, pages: list, kind: str, url: str, step: int, pid: int, started: float) -> None:
        """Start one step in every session, then wait for all of them (concurrent requests)."""
        begun: dict[int, float] = {}
        for number, page in enumerate(pages):
            try:
                if kind == "zoeken":
                    page.goto(url + "/")
                    page.wait_for_selector(IDLE)
                    case = self.cases[(number + step) % len(self.cases)]
                    page.get_by_role("textbox", name="Beschrijving van de situatie").fill(case)
                    begun[number] = time.perf_counter()
                    page.get_by_role("button", name="Zoek passende aanpak").click()
                elif kind == "kennisbank":
                    begun[number] = time.perf_counter()
                    page.goto(url + "/kennisbank")
                else:
                    page.goto(url + "/lokale-analyse")
                    page.wait_for_selector(IDLE)
                    begun[number] = time.perf_counter()
                    page.get_by_role("button", name="Laad het voorbeeld (fictief)").click()
            except Exception:  # any failure counts; the run goes on
                self.errors[kind] += 1
        pending = dict(begun)
        end_by = time.monotonic() + STEP_TIMEOUT_S
        while pending and time.monotonic() < end_by:
            for number in list(pending):
                page = pages[number]
                try:
                    done = page.locator(IDLE).count() > 0 and (
                        kind != "zoeken" or page.locator(RESULTS).count() > 0
                    )
                    if done:
                        self.latencies[kind].append((time.perf_counter() - pending[number]) * 1000)
                        if page.locator(ERROR).count():
                            self.errors[kind] += 1
                        del pending[number]
                except Exception:
                    self.errors[kind] += 1
                    del pending[number]
            self.sample(pid, started)
            time.sleep(0.05)
        self.errors[kind] += len(pending)

    def report(self) -> str:
        lines = [
            START,
            f"## Duurtest: {self.sessions} gelijktijdige sessies, {self.elapsed / 60:.0f} minuten",
            "",
            "Gemeten met `.venv/bin/python benchmarks/soak.py "
            f"--sessions {self.sessions} --minutes {self.seconds / 60:g}` tegen `streamlit run` op "
            f"127.0.0.1 ({os.cpu_count()} kernen, gedeeld met andere processen). Elke ronde doen alle "
            "sessies tegelijk één stap: een casus zoeken (twee van de vier rondes), de Kennisbank "
            "openen of het voorbeeld van de Lokale analyse laden.",
            "",
            "| stap | verzoeken | p50 (ms) | p95 (ms) | p99 (ms) | fouten |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for kind, values in self.latencies.items():
            if values:
                p50, p95, p99 = np.percentile(values, [50, 95, 99])
                lines.append(
                    f"| {kind} | {len(values) + self.errors[kind]} | {p50:.0f} | {p95:.0f} | "
                    f"{p99:.0f} | {self.errors[kind]} |"
                )
            else:
                lines.append(f"| {kind} | {self.errors[kind]} | – | – | – | {self.errors[kind]} |")
        lines += ["", "Geheugen van de server (RSS) in de loop van de run:", ""]
        lines += ["| na (s) | RSS (MiB) |", "|---:|---:|"]
        shown = self.memory[:: max(1, len(self.memory) // 12)]
        if self.memory and shown[-1] != self.memory[-1]:
            shown.append(self.memory[-1])
        lines += [f"| {seconds:.0f} | {rss:.0f} |" for seconds, rss in shown]
        lines.append(END)
        return "\n".join(lines)


def write(block: str) -> None:
    text = DOC.read_text(encoding="utf-8")
    if START in text and END in text:
        text = text.split(START)[0] + block + text.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=30, help="Concurrent sessions.")
    parser.add_argument("--minutes", type=float, default=10, help="Length of the run.")
    parser.add_argument("--no-write", action="store_true", help="Print only.")
    args = parser.parse_args()
    soak = Soak(args.sessions, args.minutes)
    soak.run()
    block = soak.report()
    print(block)
    if not args.no_write:
        write(block)


if __name__ == "__main__":
    main()

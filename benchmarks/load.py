"""Load benchmark: 20 concurrent sessions, against the library and against a running app.

Run with ``make load`` (or ``.venv/bin/python benchmarks/load.py``). It writes its table into
docs/benchmarks.md between the ``load`` markers. All traffic stays on 127.0.0.1, every loop
is bounded, and the script stops the server it started.

1. Threads: 20 threads share one Recommender (as Streamlit sessions share the cached one);
   each answers the evaluation cases. Every answer must equal the single-user answer.
2. Browsers: 20 Chromium pages (Debian's chromium, via Playwright) each enter a case in the
   running app and wait for the results. The first suggestion must match the library's.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from recommender import evaluation  # noqa: E402
from recommender.privacy import check_text  # noqa: E402
from recommender.ranking import Recommender  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- load:start -->", "<!-- load:end -->"
CHROMIUM = "/usr/bin/chromium"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
# The "Waarom?" expanders of the result cards exist only once an answer is on the page.
RESULTS = "[data-testid='stMain'] [data-testid='stExpander']"


def signature(answer) -> list[str]:
    return (
        [r.id for r in answer.results]
        + ["|"]
        + [p.id for p in answer.partners]
        + ["|"]
        + [i.id for i in answer.package]
    )


def threads(recommender: Recommender, sessions: int = 20, rounds: int = 2) -> dict[str, float]:
    cases = evaluation.load_cases()
    expected = {c.id: signature(recommender.recommend(c.profile())) for c in cases}
    latencies: list[float] = []
    errors = mismatches = 0
    lock = threading.Lock()

    def session(number: int) -> None:
        nonlocal errors, mismatches
        order = cases[number % len(cases) :] + cases[: number % len(cases)]
        for case in order * rounds:
            start = time.perf_counter()
            try:
                got = signature(recommender.recommend(case.profile()))
            except Exception:  # any failure counts; the run goes on
                with lock:
                    errors += 1
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                mismatches += got != expected[case.id]

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=sessions) as pool:
        list(pool.map(session, range(sessions)))
    wall = time.perf_counter() - started
    return {
        "sessions": sessions,
        "requests": len(latencies) + errors,
        "p50_ms": float(np.percentile(latencies, 50)),
        "p95_ms": float(np.percentile(latencies, 95)),
        "errors": errors,
        "mismatches": mismatches,
        "throughput_per_s": len(latencies) / wall,
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def browsers(
    recommender: Recommender, sessions: int = 20, timeout_s: float = 300
) -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    # Only the free text is typed in the browser, so the library answer uses the text alone.
    cases = [c for c in evaluation.load_cases() if c.text.strip()]
    port = _free_port()
    index = Path(tempfile.mkdtemp(prefix="load-index-"))
    env = {**os.environ, "INTERVENTIEWIJZER_INDEX": str(index), "HF_HUB_OFFLINE": "1"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(ROOT / "app.py"),
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    latencies: list[float] = []
    errors = mismatches = 0
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(url + "_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            )
            pages = []
            for number in range(sessions):
                page = browser.new_context(viewport={"width": 1200, "height": 900}).new_page()
                page.goto(url)
                page.wait_for_selector(IDLE, timeout=180_000)
                pages.append((page, cases[number % len(cases)]))
            # Fill every form first, then submit all sessions at (nearly) the same time. The text
            # is pseudonymised first, as the app asks professionals to do.
            for page, case in pages:
                text = check_text(case.text).pseudonymised()
                page.get_by_role("textbox", name="Beschrijving van de situatie").fill(text)
            started: dict[int, float] = {}
            for page, _case in pages:
                started[id(page)] = time.perf_counter()
                page.get_by_role("button", name="Zoek passende aanpak").click()
            # Poll every session in turn, so each one's finishing time is seen when it happens.
            pending = list(pages)
            finished = []
            end_by = time.monotonic() + timeout_s
            while pending and time.monotonic() < end_by:
                for page, case in list(pending):
                    if page.locator(RESULTS).count() > 0 and page.locator(IDLE).count() > 0:
                        latencies.append((time.perf_counter() - started[id(page)]) * 1000)
                        pending.remove((page, case))
                        finished.append((page, case))
                time.sleep(0.05)
            errors += len(pending)
            # Then check each answer against the library's single-user answer.
            for page, case in finished:
                first = (
                    recommender.recommend({"text": check_text(case.text).pseudonymised()})
                    .results[0]
                    .title
                )
                try:  # Markdown may paint a moment after the cards.
                    page.get_by_text(first, exact=True).first.wait_for(
                        state="attached", timeout=10_000
                    )
                except Exception:
                    mismatches += 1
                    shown = [
                        t
                        for t in page.locator("[data-testid='stMain'] strong").all_inner_texts()
                        if t
                    ][:6]
                    print(
                        f"mismatch: {case.id}: expected first result {first!r}; page: {shown}",
                        flush=True,
                    )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return {
        "sessions": sessions,
        "requests": sessions,
        "p50_ms": statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": float(np.percentile(latencies, 95)) if latencies else float("nan"),
        "errors": errors,
        "mismatches": mismatches,
    }


def write(thread_result: dict[str, float], browser_result: dict[str, float] | None) -> None:
    lines = [
        START,
        "## Belasting: 20 gelijktijdige sessies",
        "",
        "Gemeten met `make load` (`benchmarks/load.py`) in één run, alleen verkeer op 127.0.0.1.",
        "",
        "| sessies | soort | verzoeken | p50 (ms) | p95 (ms) | fouten | afwijkend antwoord |",
        "|---:|---|---:|---:|---:|---:|---:|",
        f"| {thread_result['sessions']} | threads op de bibliotheek (gedeelde Recommender) | "
        f"{thread_result['requests']} | {thread_result['p50_ms']:.1f} | {thread_result['p95_ms']:.1f} | "
        f"{thread_result['errors']} | {thread_result['mismatches']} |",
    ]
    if browser_result:
        lines.append(
            f"| {browser_result['sessions']} | Chromium-sessies tegen `streamlit run` (invullen, zoeken, resultaat) | "
            f"{browser_result['requests']} | {browser_result['p50_ms']:.0f} | {browser_result['p95_ms']:.0f} | "
            f"{browser_result['errors']} | {browser_result['mismatches']} |"
        )
    lines += [
        "",
        f"Doorvoer met threads: {thread_result['throughput_per_s']:.0f} antwoorden per seconde op "
        f"{os.cpu_count()} kernen. ‘Afwijkend antwoord’ telt antwoorden die verschillen van een run met één gebruiker.",
        END,
    ]
    text = DOC.read_text(encoding="utf-8")
    block = "\n".join(lines)
    if START in text and END in text:
        text = text.split(START)[0] + block + text.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, encoding="utf-8")
    print(block)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sessions", type=int, default=20, help="Concurrent sessions.")
    parser.add_argument("--no-browser", action="store_true", help="Only the thread run.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        recommender = Recommender.load(index_dir=Path(tmp) / "index")
        thread_result = threads(recommender, args.sessions)
        print(thread_result, flush=True)
        browser_result = (
            None
            if args.no_browser or not Path(CHROMIUM).exists()
            else browsers(recommender, args.sessions)
        )
        print(browser_result, flush=True)
    write(thread_result, browser_result)


if __name__ == "__main__":
    main()

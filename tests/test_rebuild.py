"""Background index rebuild: one build per server, merged requests, answers never interrupted."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from recommender.ranking import Recommender
from recommender.rebuild import IndexPublisher, fingerprint

PROFILE = {"text": "jongere vervoert drugs voor zijn oom", "phenomena": ["drugscriminaliteit"]}


class SlowLoader:
    """The real loader (KB, encoder, index) with a pause, so requests arrive during a build."""

    def __init__(self, kb: Path, index: Path, encoder, pause: float = 0.0) -> None:
        self.kb, self.index, self.encoder, self.pause = kb, index, encoder, pause
        self.calls = 0
        self.running = 0
        self.most_at_once = 0
        self.lock = threading.Lock()
        self.fail = False
        self.windows: list[tuple[float, float]] = []  # (start, end) of every rebuild

    def __call__(self, previous: Recommender | None, force: bool) -> Recommender:
        with self.lock:
            self.calls += 1
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        start = time.monotonic()
        try:
            if previous is not None:
                time.sleep(self.pause)
                if self.fail:
                    raise OSError("schijf vol")
            return Recommender.load(self.kb, self.index, encoder=self.encoder)
        finally:
            if previous is not None:
                self.windows.append((start, time.monotonic()))
            with self.lock:
                self.running -= 1


def _retitle(kb: Path, title: str) -> None:
    path = kb / "instrument" / "sluiting-test.md"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("title: "))
    path.write_text(text.replace(old, f"title: {title}"), encoding="utf-8")


def test_one_build_for_many_requests_and_answers_never_interrupted(
    small_kb: Path, tmp_path: Path, use_encoder
) -> None:
    loader = SlowLoader(small_kb, tmp_path / "index", use_encoder, pause=1.0)
    publisher = IndexPublisher(small_kb, tmp_path / "index", loader=loader)
    first = publisher.current()
    assert not publisher.state().out_of_date
    errors: list[BaseException] = []
    answers: list[tuple[float, str]] = []
    stop = threading.Event()

    def session() -> None:
        while not stop.is_set():
            try:
                asked = time.monotonic()  # an answer begun before the publication may end after it
                rec = publisher.current()
                answer = rec.recommend(PROFILE, top_k=3)
                assert answer.results
                answers.append((asked, rec.kb.entries["sluiting-test"].title))
            except BaseException as error:  # any failure is the finding
                errors.append(error)

    sessions = [threading.Thread(target=session) for _ in range(3)]
    for thread in sessions:
        thread.start()
    while not answers and not errors:
        time.sleep(0.05)
    _retitle(small_kb, "Pandsluiting (gewijzigd)")
    assert publisher.state().out_of_date
    requesters = [threading.Thread(target=publisher.request) for _ in range(5)]
    for thread in requesters:
        thread.start()
    for thread in requesters:
        thread.join()
    assert publisher.building
    assert publisher.current() is first  # still the previous index while the build runs
    assert publisher.wait(120)
    time.sleep(0.3)
    stop.set()
    for thread in sessions:
        thread.join()
    assert errors == []
    assert publisher.builds == 1 and loader.calls == 2 and loader.most_at_once == 1
    ((start, end),) = loader.windows
    during = [title for moment, title in answers if start < moment < end]
    assert during, "sessions answered while the index was being built"
    assert set(during) == {"Sluiting van een pand (test)"}
    assert publisher.current() is not first
    assert publisher.current().kb.entries["sluiting-test"].title == "Pandsluiting (gewijzigd)"
    assert answers[0][1] == "Sluiting van een pand (test)"
    after = [title for moment, title in answers if moment > end + 0.05]  # published by then
    assert after and set(after) == {"Pandsluiting (gewijzigd)"}
    assert not publisher.state().out_of_date


def test_a_change_during_a_build_gets_exactly_one_more_build(
    small_kb: Path, tmp_path: Path, use_encoder
) -> None:
    loader = SlowLoader(small_kb, tmp_path / "index", use_encoder, pause=1.0)
    publisher = IndexPublisher(small_kb, tmp_path / "index", loader=loader)
    publisher.current()
    _retitle(small_kb, "Eerste wijziging")
    publisher.request()
    time.sleep(0.3)
    _retitle(small_kb, "Tweede wijziging")
    for _ in range(3):
        publisher.request()
    assert publisher.wait(120)
    assert publisher.builds == 2
    assert publisher.current().kb.entries["sluiting-test"].title == "Tweede wijziging"


def test_a_change_on_disk_starts_a_build_without_anyone_asking(
    small_kb: Path, tmp_path: Path, use_encoder, monkeypatch
) -> None:
    monkeypatch.setattr("recommender.rebuild.CHECK_INTERVAL", 0.0)
    publisher = IndexPublisher(
        small_kb, tmp_path / "index", loader=SlowLoader(small_kb, tmp_path / "index", use_encoder)
    )
    publisher.current()
    _retitle(small_kb, "Op schijf gewijzigd")
    publisher.current()  # any page asking for the recommender notices the change
    assert publisher.wait(120)
    assert publisher.current().kb.entries["sluiting-test"].title == "Op schijf gewijzigd"


def test_a_failed_build_keeps_the_previous_index(
    small_kb: Path, tmp_path: Path, use_encoder
) -> None:
    loader = SlowLoader(small_kb, tmp_path / "index", use_encoder)
    publisher = IndexPublisher(small_kb, tmp_path / "index", loader=loader)
    first = publisher.current()
    loader.fail = True
    _retitle(small_kb, "Kapot")
    publisher.request()
    assert publisher.wait(60)
    assert publisher.current() is first
    assert publisher.state().last_error == "schijf vol"


def test_fingerprint_ignores_hidden_files(small_kb: Path) -> None:
    before = fingerprint(small_kb)
    (small_kb / "interventie" / ".gezinstherapie-test.abc.tmp").write_text("x", encoding="utf-8")
    assert fingerprint(small_kb) == before
    (small_kb / "interventie" / "nieuw.md").write_text("x", encoding="utf-8")
    assert fingerprint(small_kb) != before

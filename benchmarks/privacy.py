"""Personal-data checker: precision and recall per kind, old and new, and the cost per text.

Run with ``.venv/bin/python benchmarks/privacy.py``. Reads the hand-annotated sentences in
``tests/eval/privacy.yaml``, runs the previous checker (``benchmarks/privacy_baseline.py``) and
the current one (``recommender.privacy``) in the same run, and writes its own section into
``docs/benchmarks.md`` (after the ``<!-- handmatig -->`` marker, which ``make bench`` keeps).
"""

from __future__ import annotations

import datetime as dt
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import privacy_baseline  # noqa: E402

from recommender import privacy  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
EVAL = ROOT / "tests" / "eval" / "privacy.yaml"
START, END = "<!-- privacy:start -->", "<!-- privacy:end -->"
Span = tuple[str, int, int]


def gold_spans(item: dict[str, object]) -> list[Span]:
    """Return (kind, start, end) for every occurrence of every annotated piece of a sentence."""
    text = str(item["text"])
    spans: set[Span] = set()
    for kind in privacy.KINDS:
        for piece in item.get(kind) or []:
            start = text.find(piece)
            while start >= 0:
                spans.add((kind, start, start + len(piece)))
                start = text.find(piece, start + 1)
    return sorted(spans)


def score(
    items: list[dict[str, object]], check: Callable[[str], list[Span]]
) -> dict[str, tuple[int, int, int]]:
    """Return per kind (correct predictions, predictions, gold spans found, gold spans).

    A prediction is correct when it overlaps a gold span of the same kind; a gold span is
    found when a prediction of its kind overlaps it.
    """
    totals = {kind: [0, 0, 0, 0] for kind in privacy.KINDS}
    for item in items:
        gold = gold_spans(item)
        predicted = check(str(item["text"]))
        for kind, start, end in predicted:
            totals[kind][1] += 1
            totals[kind][0] += any(k == kind and s < end and start < e for k, s, e in gold)
        for kind, start, end in gold:
            totals[kind][3] += 1
            totals[kind][2] += any(k == kind and s < end and start < e for k, s, e in predicted)
    return {kind: tuple(values) for kind, values in totals.items()}  # type: ignore[misc]


def _spans(module) -> Callable[[str], list[Span]]:  # type: ignore[no-untyped-def]
    return lambda text: [(f.kind, f.start, f.end) for f in module.check_text(text).findings]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.2f}" if whole else "–"


def main() -> None:
    items = yaml.safe_load(EVAL.read_text(encoding="utf-8"))
    started = time.perf_counter()
    privacy.warm_up()
    load_seconds = time.perf_counter() - started
    results = {
        "oud": score(items, _spans(privacy_baseline)),
        "nieuw": score(items, _spans(privacy)),
    }
    latencies = []
    for item in items * 3:
        started = time.perf_counter()
        privacy.check_text(str(item["text"]))
        latencies.append((time.perf_counter() - started) * 1000)
    long_text = " ".join(str(item["text"]) for item in items)[:5_000]
    started = time.perf_counter()
    privacy.check_text(long_text)
    long_ms = (time.perf_counter() - started) * 1000
    crafted = ("a." * 10_000)[: privacy.MAX_CHECK_CHARS - 1] + "@"
    started = time.perf_counter()
    privacy.check_text(crafted)
    crafted_ms = (time.perf_counter() - started) * 1000

    clean = sum(1 for item in items if not gold_spans(item))
    lines = [
        START,
        "## Persoonsgegevens in de casusbeschrijving (`benchmarks/privacy.py`)",
        "",
        f"Gemeten op {dt.date.today().isoformat()}; {platform.machine()}, Python "
        f"{platform.python_version()}. Evaluatieset `tests/eval/privacy.yaml`: {len(items)} "
        f"handgeschreven zinnen in casusoverlegstijl, waarvan {clean} zonder persoonsgegevens "
        "(straten zonder huisnummer, winkels, wijken, organisaties). Een melding telt als juist "
        "als ze een geannoteerd stuk van dezelfde soort overlapt. Oud: de eerdere regexen met "
        "woordenlijst; nieuw: deduce + python-stdnum + phonenumbers, in dezelfde run.",
        "",
        "| soort | geannoteerd | precisie oud | recall oud | precisie nieuw | recall nieuw |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for kind in privacy.KINDS:
        old, new = results["oud"][kind], results["nieuw"][kind]
        lines.append(
            f"| {kind} | {new[3]} | {_ratio(old[0], old[1])} | {_ratio(old[2], old[3])} "
            f"| {_ratio(new[0], new[1])} | {_ratio(new[2], new[3])} |"
        )
    for name in ("oud", "nieuw"):
        correct = sum(v[0] for v in results[name].values())
        predicted = sum(v[1] for v in results[name].values())
        found = sum(v[2] for v in results[name].values())
        gold = sum(v[3] for v in results[name].values())
        lines.append(
            f"| **alle ({name})** | {gold} | {_ratio(correct, predicted) if name == 'oud' else ''} "
            f"| {_ratio(found, gold) if name == 'oud' else ''} "
            f"| {_ratio(correct, predicted) if name == 'nieuw' else ''} "
            f"| {_ratio(found, gold) if name == 'nieuw' else ''} |"
        )
    latencies.sort()
    lines += [
        "",
        "| nieuwe controle | tijd |",
        "|---|---:|",
        f"| deduce laden (uit de cache die bij de installatie is gebouwd) | {load_seconds:.1f} s |",
        f"| één zin, p50 | {statistics.median(latencies):.1f} ms |",
        f"| één zin, p95 | {latencies[int(len(latencies) * 0.95)]:.1f} ms |",
        f"| tekst van 5.000 tekens | {long_ms:.0f} ms |",
        f"| aanvalstekst van {privacy.MAX_CHECK_CHARS:,} tekens ('a.' … '@') | {crafted_ms:.0f} ms |".replace(
            ",", "."
        ),
        "",
        f"Langere teksten dan {privacy.MAX_CHECK_CHARS:,}".replace(",", ".")
        + " tekens worden geweigerd voordat er iets gescand wordt.",
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

"""Benchmarks for Interventiewijzer; writes docs/benchmarks.md.

Run with ``make bench`` (or ``.venv/bin/python benchmarks/run.py``). Everything is measured
in one run on this machine, and reported mainly as ratios, because shared machines are noisy.

Sections:
  1. Retrieval quality per encoder (the evaluation set; chooses the default encoder).
  2. Warm query latency on the real KB, split into encoder time and the rest.
  3. Index build time and peak memory for the real KB (separate process).
  4. Scale: synthetic KBs of 1k, 10k and 100k entries; search cost without the encoder.
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from recommender import evaluation  # noqa: E402
from recommender.encoders import ENCODER_CHOICES, load_encoder  # noqa: E402
from recommender.index import (  # noqa: E402
    Manifest,
    Passage,
    SearchIndex,
    lexical_document,
    make_dense_index,
    passage_id,
)
from recommender.loader import KnowledgeBase, load_kb  # noqa: E402
from recommender.ranking import Recommender  # noqa: E402
from recommender.schema import Entry  # noqa: E402
from recommender.text import tokenize_many  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"


class TimedEncoder:
    """Wraps an encoder and adds up the time spent encoding."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.id = inner.id
        self.dimension = inner.dimension
        self.seconds = 0.0

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        start = time.perf_counter()
        try:
            return self.inner.encode(texts, batch_size)
        finally:
            self.seconds += time.perf_counter() - start


class PrecomputedEncoder:
    """Encodes each distinct text once and then serves it from memory.

    A warm-up pass fills the cache, so the timed scale runs measure search without the model.
    """

    def __init__(self, inner) -> None:
        self.inner = inner
        self.vectors: dict[str, np.ndarray] = {}
        self.id = inner.id
        self.dimension = inner.dimension

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        missing = [t for t in texts if t not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.inner.encode(missing), strict=True))
        return (
            np.vstack([self.vectors[t] for t in texts]) if texts else np.zeros((0, self.dimension))
        )


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


# --- 1. quality per encoder --------------------------------------------------------------------


def quality(workdir: Path) -> dict[str, dict[str, dict[str, float]]]:
    cases = evaluation.load_cases()
    results = {}
    for name in ENCODER_CHOICES:
        recommender = Recommender.load(index_dir=workdir / f"index-{name}", encoder=name)
        results[name] = {
            k: v.model_dump() for k, v in evaluation.compare(recommender, cases).items()
        }
        print(f"quality {name}: {results[name]['hybride (ingesteld)']}", flush=True)
    return results


# --- 2. warm latency on the real KB ------------------------------------------------------------


def latency(workdir: Path, encoder_name: str, rounds: int = 5) -> dict[str, float]:
    encoder = TimedEncoder(load_encoder(encoder_name))
    recommender = Recommender.load(index_dir=workdir / f"index-{encoder_name}", encoder=encoder)
    cases = evaluation.load_cases()
    for case in cases[:5]:
        recommender.recommend(case.profile())  # warm-up
    totals, encoders, rests = [], [], []
    for _ in range(rounds):
        for case in cases:
            encoder.seconds = 0.0
            start = time.perf_counter()
            recommender.recommend(case.profile(), top_k=10)
            total = time.perf_counter() - start
            totals.append(total * 1000)
            encoders.append(encoder.seconds * 1000)
            rests.append((total - encoder.seconds) * 1000)
    result = {
        "queries": len(totals),
        "total_p50_ms": percentile(totals, 50),
        "total_p95_ms": percentile(totals, 95),
        "encoder_p50_ms": percentile(encoders, 50),
        "encoder_p95_ms": percentile(encoders, 95),
        "rest_p50_ms": percentile(rests, 50),
        "rest_p95_ms": percentile(rests, 95),
        "rest_over_encoder": statistics.median(
            r / e for r, e in zip(rests, encoders, strict=True) if e > 0
        ),
        "rest_without_encoder_p50_ms": rest_without_encoder(recommender, cases, rounds),
    }
    print(f"latency: {result}", flush=True)
    return result


def rest_without_encoder(recommender: Recommender, cases: list, rounds: int) -> float:
    """Return the p50 of the same queries with every vector encoded beforehand.

    Not the measure the target is judged on: it shows how much of the rest is paid because
    the encoder has just pushed the index and the code out of the CPU caches.
    """
    cached = copy.copy(recommender)
    cached.encoder = PrecomputedEncoder(recommender.encoder)
    for case in cases:
        cached.recommend(case.profile())  # encodes every query once
    timings = []
    for _ in range(rounds):
        for case in cases:
            start = time.perf_counter()
            cached.recommend(case.profile(), top_k=10)
            timings.append((time.perf_counter() - start) * 1000)
    return percentile(timings, 50)


# --- 3. build time and peak memory -------------------------------------------------------------

BUILD_SCRIPT = """
import json, sys, time
sys.path.insert(0, {src!r})
from recommender.encoders import load_encoder
from recommender.index import build_search_index, save_search_index
from recommender.loader import load_kb
start = time.perf_counter()
encoder = load_encoder({encoder!r})
loaded = time.perf_counter()
kb = load_kb({kb!r})
index = build_search_index(kb, encoder)
save_search_index(index, __import__('pathlib').Path({out!r}))
done = time.perf_counter()
# VmHWM is this process's own peak; ru_maxrss would include the parent's from before exec.
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM"))
print(json.dumps({{"model_load_s": loaded - start, "build_s": done - loaded,
                   "peak_rss_mb": hwm / 1024, "passages": index.manifest.passages}}))
"""


def build_cost(workdir: Path, encoder_name: str) -> dict[str, float]:
    script = BUILD_SCRIPT.format(
        src=str(ROOT / "src"),
        encoder=encoder_name,
        kb=str(ROOT / "kb"),
        out=str(workdir / "build-bench"),
    )
    output = subprocess.run(
        [sys.executable, "-c", script], check=True, capture_output=True, text=True, env=os.environ
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    print(f"build {encoder_name}: {result}", flush=True)
    return result


# --- 4. scale ----------------------------------------------------------------------------------


def synthetic_kb(size: int, real: KnowledgeBase, rng: np.random.Generator) -> KnowledgeBase:
    """Return a KB of ``size`` entries whose words, facets and lengths are drawn from the real KB."""
    assert real.taxonomy is not None
    vocabulary = np.array(
        [w for e in real.entries.values() for t in e.sections.values() for w in t.split()]
    )
    templates = list(real.entries.values())
    entries = {}
    for number in range(size):
        template = templates[number % len(templates)]
        entry_id = f"synthetisch-{number}"
        sections = {
            title: " ".join(rng.choice(vocabulary, size=max(20, len(text.split()))))
            for title, text in template.sections.items()
        }
        fields = {
            **dict(template),
            "id": entry_id,
            "title": f"Synthetisch {number}",
            "partners": [],
            "combines_with": [],
            "alternatives": [],
            "sections": sections,
            "path": f"synthetisch/{entry_id}.md",
        }
        entries[entry_id] = Entry.model_construct(**fields)
    return KnowledgeBase(
        root=real.root, taxonomy=real.taxonomy, entries=entries, content_hash=f"synthetic-{size}"
    )


def scale(encoder_name: str, sizes: list[int], queries: int = 60) -> list[dict[str, float]]:
    real = load_kb(ROOT / "kb")
    encoder = load_encoder(encoder_name)
    cases = evaluation.load_cases()
    cached = PrecomputedEncoder(encoder)
    rows = []
    for size in sizes:
        rng = np.random.default_rng(size)
        kb = synthetic_kb(size, real, rng)
        entries = sorted(kb.entries.values(), key=lambda e: e.id)
        passages_per_entry = 3
        passages = [
            Passage(passage_id(e.id, str(k), 0), e.id, str(k), e.summary)
            for e in entries
            for k in range(passages_per_entry)
        ]
        vectors = rng.standard_normal((len(passages), encoder.dimension)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        start = time.perf_counter()
        ids = np.array([p.pid for p in passages], dtype=np.int64)
        dense, kind = make_dense_index(vectors, ids)
        import bm25s

        bm25 = bm25s.BM25()
        bm25.index(
            tokenize_many([lexical_document(e, kb.taxonomy) for e in entries]), show_progress=False
        )
        build_seconds = time.perf_counter() - start
        manifest = Manifest(
            1,
            1,
            kb.content_hash,
            encoder.id,
            encoder.dimension,
            len(entries),
            len(passages),
            kind,
            dt.datetime.now(dt.UTC).isoformat(),
        )
        index = SearchIndex(manifest, [e.id for e in entries], passages, vectors, dense, bm25)
        recommender = Recommender(kb, cached, index)
        for case in cases:  # warm-up: every query text is encoded before the timing starts
            recommender.recommend({**case.profile(), "text": case.text or "ondermijning"})
        timings = []
        for case in (cases * 3)[:queries]:
            profile = {**case.profile(), "text": case.text or "ondermijning"}
            start = time.perf_counter()
            recommender.recommend(profile, top_k=10)
            timings.append((time.perf_counter() - start) * 1000)
        row = {
            "entries": size,
            "passages": len(passages),
            "dense_index": kind,
            "build_s_without_encoder": build_seconds,
            "search_p50_ms": percentile(timings, 50),
            "search_p95_ms": percentile(timings, 95),
        }
        print(f"scale: {row}", flush=True)
        rows.append(row)
    return rows


# --- report ------------------------------------------------------------------------------------


def write_report(data: dict[str, object]) -> None:
    q = data["quality"]
    default = data["default_encoder"]
    lines = [
        "# Benchmarks en evaluatie",
        "",
        "Gegenereerd door `make bench` (`benchmarks/run.py`) op "
        f"{data['date']}; machine: {data['machine']}. Alle getallen komen uit één run.",
        "Tijden op een gedeelde machine schommelen; vergelijk daarom vooral de verhoudingen.",
        "",
        "## Retrievalkwaliteit (evaluatieset `tests/eval/cases.yaml`)",
        "",
        f"{data['cases']} handgeschreven casussen, onafhankelijk van de rankingcode opgesteld "
        "(Nederlands, Engels, alleen kenmerken, alleen tekst). Per encoder de hybride ranker "
        "naast BM25 alleen en dense alleen, in dezelfde run:",
        "",
    ]
    for name, results in q.items():
        lines += [
            f"### Encoder `{name}`",
            "",
            evaluation.scores_table({k: evaluation.Scores(**v) for k, v in results.items()}),
            "",
        ]
        fused = results["hybride (ingesteld)"]["ndcg_at_10"]
        single = max(results["alleen BM25"]["ndcg_at_10"], results["alleen dense"]["ndcg_at_10"])
        lines += [f"nDCG@10 hybride / beste enkel signaal: **{fused / single:.2f}x**", ""]
    lines += [
        f"**Standaardencoder: `{default}`** — de hoogste nDCG@10 van de hybride ranker hierboven.",
        "",
        "## Snelheid van een vraag (echte kennisbank, warm)",
        "",
        "| | p50 (ms) | p95 (ms) |",
        "|---|---:|---:|",
    ]
    lat = data["latency"]
    lines += [
        f"| totaal | {lat['total_p50_ms']:.1f} | {lat['total_p95_ms']:.1f} |",
        f"| encoder | {lat['encoder_p50_ms']:.1f} | {lat['encoder_p95_ms']:.1f} |",
        f"| rest (zoeken, fusie, uitleg, pakket, partners) | {lat['rest_p50_ms']:.1f} | {lat['rest_p95_ms']:.1f} |",
        "",
        f"Rest / encoder (mediaan per vraag): **{lat['rest_over_encoder']:.2f}** "
        f"(eis: < 0.30) over {lat['queries']} vragen.",
        "",
        f"Dezelfde vragen met vooraf berekende vectoren (geen encoder vlak ervoor): rest p50 "
        f"{lat['rest_without_encoder_p50_ms']:.1f} ms. Het verschil met de rest hierboven komt doordat "
        "de encoder index en code uit de processorcaches verdringt; de eis geldt voor de echte "
        "volgorde.",
        "",
        "## Index bouwen (echte kennisbank, apart proces)",
        "",
        "| encoder | model laden (s) | bouwen (s) | passages | piekgeheugen (MB) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, b in data["build"].items():
        lines.append(
            f"| {name} | {b['model_load_s']:.1f} | {b['build_s']:.1f} | {b['passages']} | {b['peak_rss_mb']:.0f} |"
        )
    lines += [
        "",
        "## Schaal (synthetische kennisbanken, zonder encoder)",
        "",
        "Woorden, kenmerken en lengtes getrokken uit de echte kennisbank; drie passages per "
        "vermelding met willekeurige eenheidsvectoren (de encoder telt hier niet mee). Zoeken is "
        "de hele `recommend()` zonder encoder: FAISS, BM25, kenmerkmatrix, fusie, uitleg, pakket "
        "en partners.",
        "",
        "| vermeldingen | passages | FAISS-index | bouwen zonder encoder (s) | zoeken p50 (ms) | zoeken p95 (ms) |",
        "|---:|---:|---|---:|---:|---:|",
    ]
    for row in data["scale"]:
        lines.append(
            f"| {row['entries']:,} | {row['passages']:,} | {row['dense_index']} | "
            f"{row['build_s_without_encoder']:.1f} | {row['search_p50_ms']:.1f} | {row['search_p95_ms']:.1f} |"
        )
    first, last = data["scale"][0], data["scale"][-1]
    lines += [
        "",
        f"Zoekkosten {last['entries']:,} / {first['entries']:,} vermeldingen: "
        f"**{last['search_p50_ms'] / first['search_p50_ms']:.1f}x** (p50); eis bij 100k: < 50 ms p50.",
        "",
        "Keuze indextype: tot 50.000 passagevectoren exacte zoektocht (`IndexFlatIP` in "
        "`IndexIDMap2`, stabiele int64-ids); daarboven `IndexIVFFlat` met ongeveer 4·√n lijsten "
        "en `nprobe=32`, getraind op een steekproef. Dat houdt het zoeken bij 100k vermeldingen "
        "in milliseconden, ten koste van een kleine kans dat een passage net buiten de "
        "doorzochte lijsten valt.",
        "",
    ]
    extra = DOC.read_text(encoding="utf-8").split("<!-- handmatig -->", 1)
    tail = extra[1] if len(extra) == 2 else "\n"
    DOC.write_text("\n".join(lines) + "\n<!-- handmatig -->" + tail, encoding="utf-8")
    print(f"written {DOC}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="Synthetic KB sizes, comma separated."
    )
    parser.add_argument("--json", type=Path, help="Also write the raw numbers to this JSON file.")
    args = parser.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        data: dict[str, object] = {
            "date": dt.date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
            "cases": len(evaluation.load_cases()),
        }
        data["quality"] = quality(workdir)
        default = max(
            data["quality"], key=lambda n: data["quality"][n]["hybride (ingesteld)"]["ndcg_at_10"]
        )
        data["default_encoder"] = default
        data["latency"] = latency(workdir, default)
        data["build"] = {name: build_cost(workdir, name) for name in ENCODER_CHOICES}
        data["scale"] = scale(default, [int(s) for s in args.sizes.split(",")])
    data["peak_rss_mb_benchmark"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.json:
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    write_report(data)


if __name__ == "__main__":
    main()

"""Before/after measurements for issues 12 (case frame, applicability) and 14 (the plan).

Run with ``.venv/bin/python benchmarks/before_after.py``. "Before" is engine and KB at commit
0022c97, checked out into a temporary git worktree; "after" is this working tree. Each side runs
in its own subprocess (this script with ``--worker``, PYTHONPATH set to that side's ``src``), so
old and new code never share a process; each worker builds its index once in a temp folder and
returns raw ids and timings as JSON. All metrics are computed here, with the definitions of
``recommender.evaluation`` (current code), from those ids:

  1. Both evaluation sets: hit@5, nDCG@10, recall@10, misfit@5, protect@10; and the package
     (before) or plan (after): share of expected entries held, how many hold a must_not entry,
     and whether the plan opens with the safety lane when the case has ``protect``.
  2. Workshop agreement: every vignette of that side's KB, leave-one-out, share of expert
     choices found in package/plan plus top ten.
  3. Batch time: 2,000 profiles (eval texts+facets and vignettes, cycled in a fixed order)
     through ``recommend()``, warm, one process per engine, both engines at the same time (same load); total seconds and
     per-profile p50.

The results are appended to ``docs/benchmarks.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
BEFORE_COMMIT = "0022c97"
SETS = {"bestaand (56)": "tests/eval/cases.yaml", "praktijk (42)": "tests/eval/practice.yaml"}
PROFILE_KEYS = ("text", "phenomena", "domains", "age_groups", "roles", "levels", "age")
FACETS = ("phenomena", "domains", "age_groups", "roles", "levels")
BATCH = 2000
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- before_after:start -->", "<!-- before_after:end -->"
HEADING = "## Casusbeeld, toepasbaarheid en plan (issues 12 en 14): voor en na"


# --- worker: runs inside one engine's interpreter --------------------------------------------


def _fit_profile(raw: dict[str, Any], taxonomy: Any, fields: set[str]) -> tuple[dict, int]:
    """Keep the fields and facet ids this engine knows; return the profile and ids dropped."""
    keys = fields.intersection(PROFILE_KEYS)
    profile = {k: v for k, v in raw.items() if k in keys and v not in (None, [], "")}
    dropped = 0
    for facet in FACETS:
        if facet in profile:
            known = set(taxonomy.ids(facet))
            kept = [t for t in profile[facet] if t in known]
            dropped += len(profile[facet]) - len(kept)
            profile[facet] = kept
    return profile, dropped


def _plan(answer: Any) -> tuple[list[str], str | None]:
    """Return the package/plan entry ids and the first lane (None for the old package)."""
    plan = getattr(answer, "plan", None)
    if plan is not None:
        return list(plan.entry_ids()), (plan.lanes[0].id if plan.lanes else "")
    return [item.id for item in answer.package], None


def worker(kb_dir: Path, index_dir: Path, cases_root: Path) -> dict[str, Any]:
    """Answer the eval sets and vignettes, then time the batch; return raw ids and timings."""
    import recommender
    from recommender.profile import CaseProfile
    from recommender.ranking import Recommender

    engine = Recommender.load(kb_dir=kb_dir, index_dir=index_dir)
    taxonomy, fields = engine.kb.taxonomy, set(CaseProfile.model_fields)
    out: dict[str, Any] = {"module": recommender.__file__, "sets": {}, "casussen": []}
    dropped = 0
    profiles: list[dict] = []
    for name, rel in SETS.items():
        rows = []
        for case in yaml.safe_load((cases_root / rel).read_text(encoding="utf-8")):
            profile, lost = _fit_profile(case, taxonomy, fields)
            dropped += lost
            profiles.append(profile)
            answer = engine.recommend(profile, top_k=10)
            plan, first_lane = _plan(answer)
            rows.append(
                {"ranked": [r.id for r in answer.results], "plan": plan, "first_lane": first_lane}
            )
        out["sets"][name] = rows
    for casus_id, casus in sorted(engine.kb.casussen.items()):
        profile = casus.profile.model_dump()
        profiles.append(profile)
        answer = engine.recommend(profile, top_k=10, exclude_casus=casus_id)
        out["casussen"].append(
            {
                "id": casus_id,
                "top10": [r.id for r in answer.results],
                "plan": _plan(answer)[0],
                "expert": [c.id for c in casus.expert_entries],
            }
        )
    out["dropped_facet_ids"] = dropped
    # Everything above warmed the encoder and caches; now the timed batch.
    times = []
    start = time.perf_counter()
    for i in range(BATCH):
        t0 = time.perf_counter()
        engine.recommend(profiles[i % len(profiles)], top_k=10)
        times.append(time.perf_counter() - t0)
    out["batch_seconds"] = time.perf_counter() - start
    out["batch_p50"] = statistics.median(times)
    out["batch_profiles"] = len(profiles)
    return out


# --- driver -----------------------------------------------------------------------------------


def start_side(label: str, root: Path, index_dir: Path) -> subprocess.Popen:
    """Start the worker for the engine under ``root`` in a subprocess."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "HF_HUB_OFFLINE": "1"}
    env.pop("INTERVENTIEWIJZER_KB", None)
    env.pop("INTERVENTIEWIJZER_INDEX", None)
    cmd = [sys.executable, __file__, "--worker", str(root / "kb"), str(index_dir)]
    print(f"[{label}] {root} ...", file=sys.stderr, flush=True)
    return subprocess.Popen(
        cmd, env=env, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish_side(label: str, root: Path, process: subprocess.Popen) -> dict[str, Any]:
    """Wait for a worker, read its JSON and check that it imported the code under ``root``."""
    stdout, stderr = process.communicate()
    if process.returncode:
        sys.exit(f"[{label}] worker failed:\n{stderr[-4000:]}")
    data = json.loads(stdout.strip().splitlines()[-1])
    expected = (root / "src" / "recommender" / "__init__.py").resolve()
    if Path(data["module"]).resolve() != expected:
        sys.exit(f"[{label}] imported {data['module']}, expected {expected}")
    return data


def set_metrics(cases: list[dict], rows: list[dict]) -> dict[str, Any]:
    """Compute the retrieval and plan metrics of one set with the evaluation definitions."""
    from recommender.evaluation import ndcg
    from recommender.vocabulary import SAFETY_LANE

    def mean(values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    hits, ndcgs, recalls, misfit, protect, safety = [], [], [], [], [], []
    wanted = held = plans_misfit = 0
    for case, row in zip(cases, rows, strict=True):
        ranked, plan, relevant = row["ranked"], set(row["plan"]), set(case["expected"])
        hits.append(float(bool(relevant & set(ranked[:5]))))
        ndcgs.append(ndcg(ranked, case["expected"]))
        recalls.append(len(relevant & set(ranked[:10])) / len(relevant))
        bad = set(case.get("must_not", {}))
        if bad:
            misfit.append(float(bool(bad & set(ranked[:5]))))
        if case.get("protect"):
            protect.append(float(bool(set(case["protect"]) & set(ranked[:10]))))
            safety.append(float(row["first_lane"] == SAFETY_LANE))
        wanted += len(relevant)
        held += len(relevant & plan)
        plans_misfit += bool(bad & plan)
    return {
        "cases": len(rows),
        "hit@5": mean(hits),
        "nDCG@10": mean(ndcgs),
        "recall@10": mean(recalls),
        "misfit@5": mean(misfit),
        "protect@10": mean(protect),
        "plan recall": held / wanted,
        "plans with must_not": plans_misfit,
        "safety first": mean(safety) if rows and rows[0]["first_lane"] is not None else None,
    }


def agreement(rows: list[dict]) -> tuple[int, int, int, int]:
    """Return vignettes, expert choices, shared with plan+top ten, shared with top ten."""
    choices = shared = shared_top = 0
    for row in rows:
        expert, top = set(row["expert"]), set(row["top10"])
        choices += len(expert)
        shared += len(expert & (top | set(row["plan"])))
        shared_top += len(expert & top)
    return len(rows), choices, shared, shared_top


def fmt(value: Any) -> str:
    """Format a metric for the tables."""
    if value is None:
        return "n.v.t."
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def report(before: dict, after: dict, cases: dict[str, list], started: str, load: str) -> str:
    """Return the Markdown section with all tables."""
    lines = [
        START,
        HEADING,
        "",
        f"Gemeten {started} UTC met `.venv/bin/python benchmarks/before_after.py`. Voor = engine en",
        f"kennisbank op commit {BEFORE_COMMIT} (tijdelijke git worktree, eigen subprocess met",
        "PYTHONPATH naar de oude `src`, gecontroleerd via `recommender.__file__`); na = de huidige",
        "main. Elke kant bouwt één keer een index in een tijdelijke map. Metrieken volgens",
        "`src/recommender/evaluation.py`, berekend uit de result-ids van `recommend(top_k=10)`.",
        "De oude kennisbank mist de nieuwe Canon 2-vermeldingen; dat hoort bij 'voor'. Voor de",
        "oude engine is het pakket (`package`) het equivalent van het plan",
        "(`answer.plan.entry_ids()`). Facet-ids die de oude taxonomie niet kent, zijn voor de oude",
        f"engine weggelaten ({before['dropped_facet_ids']} ids). Machinelast bij de start: {load}",
        "(2 cores, gedeeld met andere engineers): tijden zijn ruisig, de verhouding telt.",
        "",
        "| set | engine | hit@5 | nDCG@10 | recall@10 | misfit@5 | protect@10 | plan recall "
        "| plannen met must_not | veiligheid eerst |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in SETS:
        for label, side in (("voor", before), ("na", after)):
            m = set_metrics(cases[name], side["sets"][name])
            keys = ("hit@5", "nDCG@10", "recall@10", "misfit@5", "protect@10", "plan recall")
            cells = [fmt(m[k]) for k in keys]
            cells += [f"{m['plans with must_not']} / {m['cases']}", fmt(m["safety first"])]
            lines.append(f"| {name} | {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Workshopovereenstemming (elke casus leave-one-out; expertkeuzes in pakket/plan + top tien):",
        "",
        "| engine | casussen | expertkeuzes | in plan + top 10 | aandeel | alleen top 10 |",
        "|---|---|---|---|---|---|",
    ]
    for label, side in (("voor", before), ("na", after)):
        n, choices, shared, top = agreement(side["casussen"])
        lines.append(f"| {label} | {n} | {choices} | {shared} | {shared / choices:.0%} | {top} |")
    ratio = after["batch_seconds"] / before["batch_seconds"]
    lines += [
        "",
        f"Batch: {BATCH} profielen (de {after['batch_profiles']} profielen van beide evaluatiesets"
        " en de casussen van die kant, vaste volgorde, herhaald), warm, één proces per engine;"
        " beide engines tegelijk in dezelfde run, zodat ze dezelfde machinelast delen.",
        "",
        "| engine | totaal (s) | p50 per profiel (ms) |",
        "|---|---|---|",
        f"| voor | {before['batch_seconds']:.1f} | {before['batch_p50'] * 1000:.1f} |",
        f"| na | {after['batch_seconds']:.1f} | {after['batch_p50'] * 1000:.1f} |",
        "",
        f"Verhouding na/voor: {ratio:.2f}x (doel: hoogstens 1,5x).",
        END,
    ]
    return "\n".join(lines)


def main() -> None:
    """Parse arguments; run as worker or as driver."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worker", nargs=2, metavar=("KB", "INDEX"))
    parser.add_argument("--no-write", action="store_true", help="print, do not append")
    args = parser.parse_args()
    if args.worker:
        data = worker(Path(args.worker[0]), Path(args.worker[1]), ROOT)
        print(json.dumps(data))
        return
    sys.path.insert(0, str(ROOT / "src"))
    started = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    cases = {
        name: yaml.safe_load((ROOT / rel).read_text(encoding="utf-8")) for name, rel in SETS.items()
    }
    with tempfile.TemporaryDirectory(prefix="before-after-") as tmp:
        old = Path(tmp) / "before"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(old), BEFORE_COMMIT],
            check=True,
            capture_output=True,
        )
        try:
            # Both engines run at the same time, so they share the same machine load.
            workers = {
                "voor": (old, start_side("voor", old, Path(tmp) / "index-before")),
                "na": (ROOT, start_side("na", ROOT, Path(tmp) / "index-after")),
            }
            before, after = (finish_side(k, *v) for k, v in workers.items())
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False
            )
    section = report(before, after, cases, started, load)
    print(section)
    if not args.no_write:
        write_section(section)


def write_section(section: str) -> None:
    """Replace this script's section in the benchmarks document, or append it."""
    doc = DOC.read_text(encoding="utf-8")
    if START in doc:
        head, rest = doc.split(START, 1)
        doc = head + section + rest.split(END, 1)[1]
    else:
        doc = doc.rstrip("\n") + "\n\n" + section + "\n"
    DOC.write_text(doc, encoding="utf-8")


if __name__ == "__main__":
    main()

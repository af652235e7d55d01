"""Benchmark of the case frame reader; writes its section of docs/benchmarks.md.

Run with ``.venv/bin/python benchmarks/frame.py``. Measures, in one run:
  1. Precision and recall per field on ``tests/eval/frames.yaml``, next to a baseline that
     reads signals from the trefwoorden alone (no negation, no derived signals) and takes the
     youngest age in the text as the subject's age (what the phenomenon inference offers).
  2. Time per text for ``read_frame`` (warm), on the annotated sentences and on texts of
     ``MAX_TEXT_CHARS`` (a long note, and a repetitive worst case), next to ``infer_facets``.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from recommender.frame import _matcher, read_frame  # noqa: E402
from recommender.frame_eval import (  # noqa: E402
    FIELDS,
    FieldScore,
    evaluate_frames,
    load_frame_cases,
)
from recommender.inference import KeywordIndex, infer_facets  # noqa: E402
from recommender.negation import scan  # noqa: E402
from recommender.profile import MAX_TEXT_CHARS, CaseProfile  # noqa: E402
from recommender.taxonomy import Taxonomy  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- frame:start -->", "<!-- frame:end -->"


def baseline(cases, taxonomy: Taxonomy) -> dict[str, FieldScore]:
    """Signals by keyword only and the youngest age found, as a reader without a frame would."""
    scores = {name: FieldScore(name) for name in ("subject_age", "signals", "negated")}
    matcher = _matcher(taxonomy)
    for case in cases:
        found = {signal for signal, _, _ in matcher.find(scan(case.text))}
        scores["signals"].add_sets(found, set(case.signals))
        scores["negated"].add_sets(set(), set(case.negated))
        ages = infer_facets(case.text, taxonomy).ages
        scores["subject_age"].add_value(
            ages[0] if ages else None, case.subject.age if case.subject else None
        )
    return scores


def per_text_us(function, texts: list[str], rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        for text in texts:
            # CPU time of this thread: the machine is shared, wall time mostly measures the others.
            started = time.thread_time()
            function(text)
            timings.append((time.thread_time() - started) * 1e6)
    return timings


def main() -> None:
    taxonomy = Taxonomy.from_file(ROOT / "kb" / "taxonomy.yaml")
    cases = load_frame_cases(taxonomy=taxonomy)
    report = evaluate_frames(cases, taxonomy)
    base = baseline(cases, taxonomy)
    keywords = KeywordIndex(taxonomy)

    texts = [case.text for case in cases]
    long_note = (" ".join(texts) * 4)[:MAX_TEXT_CHARS]
    repetitive = (
        "geen niet (1, 2, 3, 4, 5, 6 en 7) ouders van 19 en 20 wordt door ooms ingezet " * 80
    )[:MAX_TEXT_CHARS]
    profiles = {text: CaseProfile(text=text) for text in [*texts, long_note, repetitive]}

    def frame(text: str) -> None:
        read_frame(profiles[text], taxonomy)

    def inference(text: str) -> None:
        infer_facets(text, taxonomy, keywords)

    for function in (frame, inference):  # warm caches (stems, compiled lists)
        per_text_us(function, [*texts, long_note, repetitive], 1)
    rows = []
    for name, sample, rounds in (
        ("geannoteerde zinnen", texts, 20),
        (f"lange notitie ({MAX_TEXT_CHARS} tekens)", [long_note], 50),
        (f"herhalend slechtste geval ({MAX_TEXT_CHARS} tekens)", [repetitive], 50),
    ):
        frame_us = per_text_us(frame, sample, rounds)
        inference_us = per_text_us(inference, sample, rounds)
        rows.append(
            f"| {name} | {statistics.median(frame_us):.0f} | "
            f"{statistics.quantiles(frame_us, n=20)[-1]:.0f} | {statistics.median(inference_us):.0f} |"
        )
    mean_chars = statistics.mean(len(text) for text in texts)

    rounds = sorted({case.holdout for case in cases})
    parts = {
        number: evaluate_frames([case for case in cases if case.holdout == number], taxonomy).scores
        for number in rounds
    }
    sizes = {number: sum(case.holdout == number for case in cases) for number in rounds}
    names = {number: ("ontwikkel" if number == 0 else f"toets {number}") for number in rounds}
    lines = [
        START,
        "## Casusbeeld (`tests/eval/frames.yaml`)",
        "",
        "Gemeten met `benchmarks/frame.py` in één run: precisie (P) en recall (R) per veld van "
        f"`read_frame`. De {sizes[0]} ontwikkelzinnen zijn geschreven vóór de lezer, maar de "
        "lezer is erop bijgesteld (met algemene regels, niet per zin). De toetszinnen zijn "
        "later geschreven en apart gemeten (zie onder de tabel). De basislijn leest "
        "signalen uit de trefwoorden alleen (zonder ontkenning en afgeleide signalen) en neemt de "
        "jongste leeftijd in de tekst (wat de fenomeeninferentie biedt), over alle zinnen.",
        "",
        "| veld | "
        + " | ".join(f"{names[n]} ({sizes[n]}) P | R" for n in rounds)
        + " | basislijn P | R |",
        "|---|" + "---:|---:|" * (len(rounds) + 1),
    ]
    for name, label in FIELDS.items():
        cells = [f"{parts[n][name].precision:.2f} | {parts[n][name].recall:.2f}" for n in rounds]
        cells.append(
            f"{base[name].precision:.2f} | {base[name].recall:.2f}" if name in base else "– | –"
        )
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Toets 1 is geschreven nadat de lezer op de ontwikkelzinnen was bijgesteld. Bij de eerste "
        "meting scoorde hij daar: hoofdpersoon 0.89/0.89, rollen hoofdpersoon 0.70/0.58, rollen "
        "van alle personen 0.81/0.81, signalen 0.97/0.82 (P/R). Die ronde liet vijf algemene "
        "fouten zien, die daarna zijn verbeterd: rolwerkwoorden werden op stam vergeleken (dan "
        "gedraagt 'uitbuiting' of 'bedreiging' zich als werkwoord), een ontkenning ver voor een "
        "rolwerkwoord telde mee ('zonder papieren moet hij werken'), na 'meldt dat' werd de "
        "genoemde persoon melder, een persoon na 'uit'/'from' gold niet als bepaling bij een ander ('jongeren uit criminele families'), "
        "en een bedreigde professional gaf geen `intimidatie-professionals`. Toets 2 is "
        "geschreven vóór die verbeteringen en daarna alleen gemeten: dat zijn de eerlijkste cijfers.",
        "",
        "Rollen zijn het zwakst: wie wie uitbuit of bedreigt, leest de lezer uit werkwoorden "
        "rond de personen in één zinsdeel; verwijzingen over zinnen heen ('die', 'hij' naar "
        "een ander dan de hoofdpersoon) en rollen zonder werkwoord ('vertelt dat') mist hij.",
        "",
        f"CPU-tijd per tekst in microseconden (warm, één thread; de zinnen zijn gemiddeld {mean_chars:.0f} tekens):",
        "",
        "| tekst | `read_frame` p50 | `read_frame` p95 | `infer_facets` p50 |",
        "|---|---:|---:|---:|",
        *rows,
        "",
        "Zinnen waar de lezer iets mist of te veel ziet (veld per zin): "
        + ", ".join(
            f"{case_id} ({', '.join(fields)})" for case_id, fields in report.mistakes.items()
        )
        + ".",
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


if __name__ == "__main__":
    main()

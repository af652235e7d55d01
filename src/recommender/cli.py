"""Command-line interface: ``recommender validate``, ``stats`` and more."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .loader import load_kb
from .paths import default_kb_dir

if TYPE_CHECKING:
    from .ranking import Recommender

KB_OPTION_HELP = "Map van de kennisbank (standaard: ./kb of $INTERVENTIEWIJZER_KB)."


def _kb_dir(kb: Path | None) -> Path:
    return kb if kb is not None else default_kb_dir()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recommender")
def cli() -> None:
    """Interventiewijzer: kennisbank en interventiewijzer voor criminaliteit in familienetwerken."""


@cli.command()
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
def validate(kb: Path | None) -> None:
    """Controleer de kennisbank en meld elk probleem als pad:regel: veld: melding.

    Exitcode 0 zonder problemen, 1 met problemen, 2 bij een gebruiksfout.
    """
    directory = _kb_dir(kb)
    if not directory.is_dir():
        raise click.UsageError(f"kennisbank-map bestaat niet: {directory}")
    knowledge_base = load_kb(directory)
    for problem in knowledge_base.problems:
        click.echo(str(problem))
    total = len(knowledge_base.entries)
    cases = len(knowledge_base.casussen)
    if knowledge_base.problems:
        files = len(knowledge_base.broken_files)
        click.echo(
            f"{len(knowledge_base.problems)} problemen in {files} bestanden; "
            f"{total} vermeldingen en {cases} casussen zijn geldig.",
            err=True,
        )
        sys.exit(1)
    click.echo(f"OK: {total} vermeldingen en {cases} casussen, geen problemen.", err=True)


@cli.command()
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
@click.option(
    "--review-age",
    type=click.IntRange(min=1),
    default=365,
    show_default=True,
    help="Vermeldingen waarvan last_reviewed ouder is dan dit aantal dagen worden gemeld.",
)
def stats(kb: Path | None, review_age: int) -> None:
    """Toon aantallen per type, de dekking fenomeen x domein en vermeldingen die herzien moeten worden."""
    from .stats import counts_per_type, coverage_table, due_for_review

    directory = _kb_dir(kb)
    if not directory.is_dir():
        raise click.UsageError(f"kennisbank-map bestaat niet: {directory}")
    knowledge_base = load_kb(directory)
    if knowledge_base.taxonomy is None:
        for problem in knowledge_base.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    click.echo("Aantal vermeldingen per type")
    click.echo(counts_per_type(knowledge_base).to_string())
    click.echo("\nDekking: fenomeen x domein (aantal vermeldingen, partners niet meegeteld)")
    click.echo(coverage_table(knowledge_base).to_string())
    overdue = due_for_review(knowledge_base, max_age_days=review_age)
    click.echo(f"\nTe herzien (last_reviewed ouder dan {review_age} dagen): {len(overdue)}")
    if not overdue.empty:
        click.echo(overdue.to_string(index=False))
    if knowledge_base.problems:
        click.echo(
            f"\nLet op: {len(knowledge_base.problems)} validatieproblemen; "
            "draai 'recommender validate'.",
            err=True,
        )


ENCODER_HELP = (
    "Encoder: 'use-multilingual' (standaard), 'minilm' of een lokaal pad naar een "
    "sentence-transformers-model. Ook via $INTERVENTIEWIJZER_ENCODER."
)
INDEX_HELP = "Map van de index-cache (standaard: .index of $INTERVENTIEWIJZER_INDEX)."


def _setup_logging(verbose: bool) -> None:
    import logging

    # Messages about the index only; case text is never logged.
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("faiss").setLevel(logging.WARNING)
    logging.getLogger("bm25s").setLevel(logging.WARNING)


@cli.command("build-index")
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), help=INDEX_HELP)
@click.option("--encoder", "encoder_name", help=ENCODER_HELP)
@click.option(
    "--if-stale",
    is_flag=True,
    help="Alleen bouwen als de index ontbreekt, verouderd of beschadigd is.",
)
def build_index(
    kb: Path | None, index_dir: Path | None, encoder_name: str | None, if_stale: bool
) -> None:
    """Bouw de zoekindex (FAISS en BM25) opnieuw op uit de kennisbank."""
    from tqdm import tqdm

    from .encoders import load_encoder
    from .index import ensure_search_index
    from .paths import default_index_dir

    _setup_logging(verbose=True)
    knowledge_base = load_kb(_kb_dir(kb))
    if knowledge_base.taxonomy is None:
        for problem in knowledge_base.problems:
            click.echo(str(problem), err=True)
        sys.exit(1)
    if knowledge_base.problems:
        click.echo(
            f"Let op: {len(knowledge_base.problems)} problemen in {len(knowledge_base.broken_files)} "
            "bestanden; alleen geldige vermeldingen worden geïndexeerd (zie 'recommender validate').",
            err=True,
        )
    encoder = load_encoder(encoder_name)
    folder = index_dir or default_index_dir()
    with tqdm(total=100, desc="index", unit="%", file=sys.stderr, leave=False) as bar:

        def progress(fraction: float, message: str) -> None:
            bar.set_postfix_str(message)
            bar.update(max(0, round(fraction * 100) - bar.n))

        index, message = ensure_search_index(
            knowledge_base, encoder, folder, progress, force=not if_stale
        )
    manifest = index.manifest
    click.echo(message or "Index is actueel; niets te doen.", err=True)
    click.echo(
        f"{manifest.entries} vermeldingen, {manifest.passages} passages, encoder {manifest.encoder_id} "
        f"({manifest.dimension} dim), {manifest.dense_index}; gebouwd {manifest.built_at}.",
        err=True,
    )


def _load_recommender(
    kb: Path | None, index_dir: Path | None, encoder_name: str | None
) -> Recommender:
    from .ranking import Recommender

    _setup_logging(verbose=False)
    try:
        recommender = Recommender.load(
            kb_dir=_kb_dir(kb), index_dir=index_dir, encoder=encoder_name
        )
    except ValueError as error:
        raise click.UsageError(str(error)) from error
    if recommender.index_message:
        click.echo(recommender.index_message, err=True)
    return recommender


def _profile_error(error: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'profiel'}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors()
        )
    return str(error)


@cli.command()
@click.argument("text", required=False, default="")
@click.option(
    "--phenomenon",
    "phenomena",
    multiple=True,
    help="Fenomeen-id (herhaalbaar), bv. criminele-uitbuiting.",
)
@click.option("--domain", "domains", multiple=True, help="Domein-id (herhaalbaar), bv. zorg.")
@click.option(
    "--age-group",
    "age_groups",
    multiple=True,
    help="Leeftijdsgroep-id (herhaalbaar): kind, jongere, ...",
)
@click.option(
    "--age",
    type=click.IntRange(0, 120),
    help="Leeftijd in jaren (in plaats van een leeftijdsgroep).",
)
@click.option(
    "--role", "roles", multiple=True, help="Rol-id (herhaalbaar): dader, slachtoffer, gezin, ..."
)
@click.option(
    "--level",
    "levels",
    multiple=True,
    help="Niveau-id (herhaalbaar): uitvoerend, beleidsmatig, ...",
)
@click.option(
    "--top-k",
    type=click.IntRange(1, 100),
    default=10,
    show_default=True,
    help="Aantal vermeldingen.",
)
@click.option("--json", "as_json", is_flag=True, help="Geef JSON in plaats van een tabel.")
@click.option(
    "--input",
    "input_file",
    type=click.File("r", encoding="utf-8"),
    help="JSONL-bestand met één profiel per regel (batch); schrijft één JSON-object per regel.",
)
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), help=INDEX_HELP)
@click.option("--encoder", "encoder_name", help=ENCODER_HELP)
def recommend(
    text: str,
    phenomena: tuple[str, ...],
    domains: tuple[str, ...],
    age_groups: tuple[str, ...],
    age: int | None,
    roles: tuple[str, ...],
    levels: tuple[str, ...],
    top_k: int,
    as_json: bool,
    input_file: Any,
    kb: Path | None,
    index_dir: Path | None,
    encoder_name: str | None,
) -> None:
    """Stel interventies, instrumenten, werkwijzen en partners voor bij een casus.

    TEXT is de vrije beschrijving (Nederlands of Engels). Met --input worden profielen uit
    een JSONL-bestand gelezen; het model wordt dan één keer geladen.
    """
    import json

    from pydantic import ValidationError

    if input_file is not None:
        if text or phenomena or domains or age_groups or age is not None or roles or levels:
            raise click.UsageError("gebruik --input of een losse casus, niet allebei")
        recommender = _load_recommender(kb, index_dir, encoder_name)
        failures = 0
        for number, line in enumerate(input_file, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("verwacht een JSON-object")
                answer = recommender.recommend(data, top_k=top_k)
            except (ValueError, ValidationError) as error:
                failures += 1
                message = _profile_error(error)
                click.echo(f"{input_file.name}:{number}: {message}", err=True)
                click.echo(json.dumps({"line": number, "error": message}, ensure_ascii=False))
                continue
            click.echo(json.dumps(answer.batch_record(), ensure_ascii=False))
        if failures:
            sys.exit(1)
        return

    profile = {
        "text": text,
        "phenomena": list(phenomena),
        "domains": list(domains),
        "age_groups": list(age_groups),
        "age": age,
        "roles": list(roles),
        "levels": list(levels),
    }
    recommender = _load_recommender(kb, index_dir, encoder_name)
    try:
        answer = recommender.recommend(profile, top_k=top_k)
    except ValidationError as error:
        raise click.UsageError(_profile_error(error)) from error
    if as_json:
        click.echo(answer.model_dump_json(indent=2))
        return
    from .report import text_report

    click.echo(text_report(answer, recommender.taxonomy))


@cli.command("eval")
@click.option(
    "--cases",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Evaluatieset (standaard: tests/eval/cases.yaml).",
)
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
@click.option("--index-dir", type=click.Path(file_okay=False, path_type=Path), help=INDEX_HELP)
@click.option("--encoder", "encoder_name", help=ENCODER_HELP)
@click.option(
    "--tune",
    is_flag=True,
    help="Zoek ook de beste gewichten (raster, twee-voudige kruisvalidatie).",
)
@click.option("--json", "as_json", is_flag=True, help="Geef de scores als JSON.")
def eval_command(
    cases: Path | None,
    kb: Path | None,
    index_dir: Path | None,
    encoder_name: str | None,
    tune: bool,
    as_json: bool,
) -> None:
    """Meet hit@5, nDCG@10, recall@10 en partner-recall@8 van de hybride ranker en van BM25 en dense alleen."""
    import json

    from . import evaluation, frame_eval

    recommender = _load_recommender(kb, index_dir, encoder_name)
    eval_cases = evaluation.load_cases(cases)
    results = evaluation.compare(recommender, eval_cases)
    if as_json:
        click.echo(json.dumps({name: s.model_dump() for name, s in results.items()}, indent=2))
    else:
        click.echo(f"Encoder: {recommender.encoder.id}; {len(eval_cases)} casussen\n")
        click.echo(evaluation.scores_table(results))
        fused = results["hybride (ingesteld)"].ndcg_at_10
        best_single = max(results["alleen BM25"].ndcg_at_10, results["alleen dense"].ndcg_at_10)
        if best_single:
            click.echo(f"\nnDCG@10 hybride / beste enkel signaal: {fused / best_single:.2f}x")
        frame_cases = frame_eval.load_frame_cases(taxonomy=recommender.taxonomy)
        report = frame_eval.evaluate_frames(frame_cases, recommender.taxonomy)
        click.echo("\n" + frame_eval.frames_table(report))
    if tune:
        rows = evaluation.tune(recommender, eval_cases)
        click.echo(
            "\nBeste gewichten op nDCG@10 (dense, BM25, kenmerken, combinatie, casussen): "
            "alle / even / oneven"
        )
        for row in rows[:10]:
            c = row.config
            click.echo(
                f"  {c.dense_weight:.1f} {c.lexical_weight:.1f} {c.facet_weight:.1f} "
                f"{c.combination_weight:.1f} {c.casus_weight:.1f}: "
                f"{row.all_cases:.3f} / {row.even_half:.3f} / {row.odd_half:.3f}"
            )
        on_odd, on_even = evaluation.cross_validated(rows)
        click.echo(
            f"Kruisvalidatie: gekozen op even, gemeten op oneven {on_odd:.3f}; "
            f"gekozen op oneven, gemeten op even {on_even:.3f}"
        )

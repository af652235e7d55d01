"""Command-line interface: ``recommender validate``, ``stats`` and more."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from . import __version__
from .loader import ENTRY_TYPES, load_kb
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

    from .logpolicy import install_log_policy

    install_log_policy()
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
    if index.path is None:
        # The app would build again at start: saving is what this command is for.
        click.echo(f"Fout: de index is niet opgeslagen in {folder}.", err=True)
        sys.exit(1)


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
    broken = recommender.kb.broken_files
    if broken:
        shown = ", ".join(broken[:5]) + (" …" if len(broken) > 5 else "")
        click.echo(
            f"Let op: {len(broken)} bestanden van de kennisbank overgeslagen ({shown}); "
            "zie 'recommender validate'.",
            err=True,
        )
    return recommender


#: Longest error message of one batch line; a hostile line must not make a huge answer.
MAX_ERROR_CHARS = 500


def _profile_error(error: Exception) -> str:
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        message = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'profiel'}: {e['msg'].removeprefix('Value error, ')}"
            for e in error.errors(include_input=False)
        )
    else:
        message = str(error)
    return message if len(message) <= MAX_ERROR_CHARS else message[: MAX_ERROR_CHARS - 1] + "…"


def _batch_profile(raw: bytes, number: int) -> dict[str, Any]:
    """Decode and parse one JSONL line; raise ValueError with a clear message."""
    import json

    if number == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")  # a byte-order mark is not part of the JSON
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"geen geldige UTF-8 (byte {raw[error.start]:#04x} op positie {error.start})"
        ) from None
    try:
        data = json.loads(line)
    except RecursionError:
        raise ValueError("JSON te diep genest") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"geen geldige JSON (kolom {error.colno}: {error.msg})") from None
    if not isinstance(data, dict):
        raise ValueError("verwacht een JSON-object")
    return data


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
    # Bytes, decoded per line: one line of invalid UTF-8 is that line's error, not the batch's.
    type=click.File("rb"),
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
                answer = recommender.recommend(_batch_profile(line, number), top_k=top_k)
            except (ValueError, ValidationError, RecursionError, TypeError) as error:
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
    """Meet de antwoorden: treffers, misfits, beschermende stappen, het plan en de workshopcasussen.

    Per evaluatieset: hit@5, nDCG@10, recall@10, partner-recall@8, misfit@5 en protect@10 van de
    ranker en, in dezelfde run, van BM25 alleen en dense alleen (gewoon zoeken, zonder
    toepasbaarheidsregels); per soort casus; het plan naast de eerste acht op score; en hoeveel
    expertkeuzes van de workshopcasussen het antwoord deelt.
    """
    import dataclasses
    import json

    from . import evaluation, frame_eval

    recommender = _load_recommender(kb, index_dir, encoder_name)
    sets = {"opgegeven set": cases} if cases else evaluation.DEFAULT_SETS
    report: dict[str, object] = {}
    eval_cases: list[evaluation.EvalCase] = []
    for name, path in sets.items():
        loaded = evaluation.load_cases(path)
        eval_cases = eval_cases or loaded
        results = evaluation.compare(recommender, loaded)
        kinds = evaluation.by_kind(recommender, loaded)
        plan = evaluation.plan_scores(recommender, loaded)
        report[name] = {
            "rankers": {k: v.model_dump() for k, v in results.items()},
            "per_kind": {k: v.model_dump() for k, v in kinds.items()},
            "plan": plan.model_dump(),
        }
        if as_json:
            continue
        click.echo(f"\n## {name}: {len(loaded)} casussen (encoder {recommender.encoder.id})\n")
        click.echo(evaluation.scores_table(results))
        fused = results["hybride (ingesteld)"].ndcg_at_10
        best_single = max(results["alleen BM25"].ndcg_at_10, results["alleen dense"].ndcg_at_10)
        if best_single:
            click.echo(f"\nnDCG@10 hybride / beste enkel signaal: {fused / best_single:.2f}x")
        if len(kinds) > 1:
            click.echo("\nPer soort casus (hybride):\n")
            click.echo(evaluation.scores_table(kinds))
        click.echo("\nPlan naast de eerste acht op score:\n")
        click.echo(evaluation.plan_table(plan))
    agreement = evaluation.workshop_agreement(recommender)
    report["workshop"] = {**agreement.model_dump(), "share": round(agreement.share, 4)}
    frame_report = frame_eval.evaluate_frames(
        frame_eval.load_frame_cases(taxonomy=recommender.taxonomy), recommender.taxonomy
    )
    report["frame"] = dataclasses.asdict(frame_report)
    if as_json:
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(
            f"\nWorkshopcasussen (leave-one-out): {agreement.shared_plan_or_top10} van de "
            f"{agreement.expert_choices} expertkeuzes in plan of top tien ({agreement.share:.0%}); "
            f"in de top tien alleen: {agreement.shared_top10}."
        )
        click.echo("\n" + frame_eval.frames_table(frame_report))
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


# --- maintenance: new, review, history (the same rules as the Beheer page) ----------------------


@cli.command("new")
@click.argument("entry_type", metavar="TYPE", type=click.Choice(ENTRY_TYPES))
@click.argument("slug")
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
def new_entry(entry_type: str, slug: str, kb: Path | None) -> None:
    """Schrijf het sjabloon van een nieuwe vermelding naar kb/TYPE/SLUG.md.

    Het sjabloon heeft alle verplichte velden leeg en de vaste secties van het type; het is
    ongeldig tot u het invult ('recommender validate' zegt wat er nog ontbreekt).
    """
    from .editor import EditorError, entry_path, find_entry_file, template, write_atomic

    directory = _kb_dir(kb)
    if not directory.is_dir():
        raise click.UsageError(f"kennisbank-map bestaat niet: {directory}")
    try:
        path = entry_path(directory, entry_type, slug)
        if find_entry_file(directory, slug) is not None:
            raise EditorError(f"id: {slug!r} bestaat al")
        write_atomic(directory, path, template(entry_type, slug))
    except EditorError as error:
        raise click.UsageError(str(error)) from error
    click.echo(f"Sjabloon geschreven: {path}", err=True)


@cli.command("review")
@click.argument("slug")
@click.option(
    "--by",
    "reviewer",
    required=True,
    help="Naam van de adviseur die de bronnen heeft gecontroleerd.",
)
@click.option(
    "--checked-source",
    "checked",
    type=click.IntRange(min=1),
    multiple=True,
    help="Nummer (vanaf 1) van een gecontroleerde bron; herhaalbaar. Elke vermelde bron moet gecontroleerd zijn.",
)
@click.option(
    "--all-sources-checked",
    is_flag=True,
    help="Verklaar dat alle vermelde bronnen gecontroleerd zijn.",
)
@click.option(
    "--email", default=None, help="E-mailadres voor de git-commit (standaard NAAM@localhost)."
)
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
def review_command(
    slug: str,
    reviewer: str,
    checked: tuple[int, ...],
    all_sources_checked: bool,
    email: str | None,
    kb: Path | None,
) -> None:
    """Markeer SLUG als beoordeeld: status actueel, reviewed_by en last_reviewed vandaag.

    Alleen na dezelfde controles als de Beheer-pagina: elke bron gecontroleerd en een geldige
    vermelding. Staat kb/ in git, dan wordt de wijziging vastgelegd met de adviseur als auteur.
    """
    from .editor import EditorError, find_entry_file, front_values
    from .history import Author, HistoryError, open_history
    from .review import ReviewRequest, describe, record_review

    directory = _kb_dir(kb)
    if not directory.is_dir():
        raise click.UsageError(f"kennisbank-map bestaat niet: {directory}")
    path = find_entry_file(directory, slug)
    if path is None:
        raise click.UsageError(f"geen vermelding {slug!r} in {directory}")
    sources = front_values(path.read_text(encoding="utf-8")).get("sources") or []
    ticked = set(range(len(sources))) if all_sources_checked else {n - 1 for n in checked}
    request = ReviewRequest(slug, reviewer, frozenset(ticked))
    try:
        result = record_review(directory, request)
    except EditorError as error:
        raise click.UsageError(str(error)) from error
    if result.problems:
        for problem in result.problems:
            click.echo(str(problem))
        click.echo("Niet opgeslagen: de vermelding is ongeldig.", err=True)
        sys.exit(1)
    history = open_history(directory)
    if history is not None:
        author = Author(
            reviewer.strip(), email or f"{reviewer.strip().replace(' ', '.').lower()}@localhost"
        )
        try:
            history.commit(result.path, describe(request), author)
        except HistoryError as error:
            click.echo(f"Let op: niet vastgelegd in git: {error}", err=True)
    click.echo(f"{slug}: beoordeeld door {reviewer.strip()}; status actueel.", err=True)


@cli.command("history")
@click.argument("slug")
@click.option(
    "--limit", type=click.IntRange(min=1), default=20, show_default=True, help="Aantal versies."
)
@click.option("--diff", "show_diff", is_flag=True, help="Toon ook per versie wat er veranderde.")
@click.option("--kb", type=click.Path(file_okay=False, path_type=Path), help=KB_OPTION_HELP)
def history_command(slug: str, limit: int, show_diff: bool, kb: Path | None) -> None:
    """Toon de versies van SLUG in git: datum, auteur en wat er veranderde."""
    from .editor import find_entry_file
    from .history import HistoryError, open_history

    directory = _kb_dir(kb)
    if not directory.is_dir():
        raise click.UsageError(f"kennisbank-map bestaat niet: {directory}")
    path = find_entry_file(directory, slug)
    if path is None:
        raise click.UsageError(f"geen vermelding {slug!r} in {directory}")
    history = open_history(directory)
    if history is None:
        click.echo(
            "Geschiedenis staat uit: de kennisbank staat niet in een git-repository.", err=True
        )
        sys.exit(1)
    try:
        commits = history.log(path, limit=limit)
        for commit in commits:
            click.echo(
                f"{commit.sha[:10]}  {commit.date}  {commit.author} <{commit.email}>  {commit.message}"
            )
            if show_diff:
                click.echo(history.diff(commit.sha, path))
    except HistoryError as error:
        raise click.ClickException(str(error)) from error
    if not commits:
        click.echo("Nog geen versies in git.", err=True)

"""The plan for a case meeting as Markdown and as Word (.docx).

The free-text description is left out unless the caller passes it explicitly: an exported
plan travels by e-mail and ends up in files.
"""

from __future__ import annotations

import datetime as dt
import io
import re

from docx import Document
from docx.shared import Pt

from .loader import KnowledgeBase
from .report import TYPE_HEADINGS
from .results import PlanTension, Recommendation
from .schema import Casus
from .taxonomy import FACET_NAMES, FACETS, Taxonomy

DISCLAIMER = (
    "Gegenereerd door de Interventiewijzer als hulpmiddel voor het casusoverleg. Vermeldingen "
    "met status 'concept' zijn nog niet volledig door een expert gecontroleerd; controleer de "
    "bronnen voordat u een besluit neemt."
)
_BOLD = re.compile(r"\*\*(.+?)\*\*")


def profile_lines(answer: Recommendation, taxonomy: Taxonomy) -> list[tuple[str, str]]:
    """Return (facet name, labels) for every facet of the profile, chosen or inferred."""
    rows = []
    profile = answer.profile
    for facet in FACETS:
        chosen = list(getattr(profile, facet))
        if facet == "age_groups" and profile.age is not None:
            rows.append(("Leeftijd", f"{profile.age} jaar"))
            continue
        inferred = answer.inferred_facets.get(facet, [])
        labels = [taxonomy.label(facet, t) for t in chosen]
        labels += [f"{taxonomy.label(facet, t)} (afgeleid)" for t in inferred]
        if labels:
            rows.append((FACET_NAMES[facet], ", ".join(labels)))
    return rows


def _executors(kb: KnowledgeBase, entry_id: str) -> str:
    entry = kb.entries[entry_id]
    names = [
        f"{kb.entries[link.id].title} ({link.role})"
        for link in entry.partners
        if link.id in kb.entries
    ]
    return "; ".join(names) or "-"


def plan_markdown(
    answer: Recommendation,
    kb: KnowledgeBase,
    description: str | None = None,
    today: dt.date | None = None,
) -> str:
    """Return the plan (package, suggestions by type, partners, sources) as Markdown."""
    assert kb.taxonomy is not None
    taxonomy = kb.taxonomy
    lines = [
        "# Plan van aanpak voor het casusoverleg",
        "",
        f"Datum: {(today or dt.date.today()).isoformat()}",
        "",
        "## Casusprofiel",
        "",
    ]
    lines += [f"- **{name}:** {labels}" for name, labels in profile_lines(answer, taxonomy)]
    if description:
        lines += ["", "**Beschrijving:**", "", description]
    lines += ["", "## Plan voor het gezin", ""]
    for lane in answer.plan.lanes:
        lines += [
            f"### {lane.title}",
            "",
            "| Stap | Wat | Voor wie | Wie voert uit | Waarom | Eerste stap |",
            "|---:|---|---|---|---|---|",
        ]
        for item in lane.items:
            lines.append(
                f"| {item.step} | {_cell(item.title)} | {_cell(item.for_)} | "
                f"{_cell(item.partner or _executors(kb, item.id))} | {_cell(item.why)} | "
                f"{_cell(item.first_step or '-')} |"
            )
        lines.append("")
    if answer.plan.tensions:
        lines += ["### Vragen voor het casusoverleg", ""]
        lines += [f"- {_tension_text(tension, kb)}" for tension in answer.plan.tensions]
        lines.append("")
    lines += [f"> {note}" for note in answer.package_notes]
    for entry_type, results in answer.grouped().items():
        if not results:
            continue
        lines += ["", f"## {TYPE_HEADINGS.get(entry_type, entry_type)}", ""]
        for result in results:
            evidence = taxonomy.label("evidence", result.evidence) if result.evidence else "-"
            lines += [
                f"### {result.title}",
                "",
                f"*Erkenning: {evidence}; status: {result.status}*",
                "",
            ]
            lines += [result.summary, ""]
            if result.why.passage:
                lines += [f"> {result.why.passage.section}: {result.why.passage.snippet}", ""]
    lines += ["", "## Partners om te betrekken", ""]
    lines += [f"- **{p.title}** — {p.reason}" for p in answer.partners]
    lines += ["", "## Bronnen", ""]
    for item in answer.package:
        for source in kb.entries[item.id].sources:
            lines.append(f"- {item.title}: [{source.title}]({source.url}) ({source.publisher})")
    lines += ["", "---", "", DISCLAIMER, ""]
    return "\n".join(lines)


def _tension_text(tension: PlanTension, kb: KnowledgeBase) -> str:
    """Return a tension as one line: the steps it is between, the question, and its source."""
    titles = " ↔ ".join(kb.entries[i].title for i in tension.between if i in kb.entries)
    return f"{titles}: {tension.note} (bron: {tension.source})"


def _cell(text: str) -> str:
    return text.replace("|", "/").replace("\n", " ")


def _add_runs(paragraph, text: str) -> None:
    """Add ``text`` to a Word paragraph, turning **marked** parts into bold runs."""
    position = 0
    for match in _BOLD.finditer(text):
        paragraph.add_run(text[position : match.start()])
        paragraph.add_run(match.group(1)).bold = True
        position = match.end()
    paragraph.add_run(text[position:])


def plan_docx(
    answer: Recommendation,
    kb: KnowledgeBase,
    description: str | None = None,
    today: dt.date | None = None,
) -> bytes:
    """Return the plan as a Word document (.docx bytes) with the same content as the Markdown."""
    assert kb.taxonomy is not None
    taxonomy = kb.taxonomy
    document = Document()
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(10.5)
    document.add_heading("Plan van aanpak voor het casusoverleg", level=0)
    document.add_paragraph(f"Datum: {(today or dt.date.today()).isoformat()}")
    document.add_heading("Casusprofiel", level=1)
    for name, labels in profile_lines(answer, taxonomy):
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(labels)
    if description:
        document.add_paragraph().add_run("Beschrijving").bold = True
        document.add_paragraph(description)
    document.add_heading("Plan voor het gezin", level=1)
    headings = ("Stap", "Wat", "Voor wie", "Wie voert uit", "Waarom", "Eerste stap")
    for lane in answer.plan.lanes:
        document.add_heading(lane.title, level=2)
        table = document.add_table(rows=1, cols=len(headings))
        table.style = "Light Grid Accent 1"
        for cell, heading in zip(table.rows[0].cells, headings, strict=True):
            cell.text = heading
        for item in lane.items:
            cells = table.add_row().cells
            cells[0].text = str(item.step)
            cells[1].text = item.title
            cells[2].text = item.for_
            cells[3].text = item.partner or _executors(kb, item.id)
            cells[4].text = item.why
            cells[5].text = item.first_step or "-"
    if answer.plan.tensions:
        document.add_heading("Vragen voor het casusoverleg", level=2)
        for tension in answer.plan.tensions:
            document.add_paragraph(_tension_text(tension, kb), style="List Bullet")
    for note in answer.package_notes:
        document.add_paragraph(note, style="Intense Quote")
    for entry_type, results in answer.grouped().items():
        if not results:
            continue
        document.add_heading(TYPE_HEADINGS.get(entry_type, entry_type), level=1)
        for result in results:
            document.add_heading(result.title, level=2)
            evidence = taxonomy.label("evidence", result.evidence) if result.evidence else "-"
            document.add_paragraph().add_run(
                f"Erkenning: {evidence}; status: {result.status}"
            ).italic = True
            document.add_paragraph(result.summary)
            if result.why.passage:
                quote = document.add_paragraph(style="Quote")
                _add_runs(quote, f"{result.why.passage.section}: {result.why.passage.snippet}")
    document.add_heading("Partners om te betrekken", level=1)
    for partner in answer.partners:
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{partner.title}: ").bold = True
        paragraph.add_run(partner.reason)
    document.add_heading("Bronnen", level=1)
    for item in answer.package:
        for source in kb.entries[item.id].sources:
            document.add_paragraph(
                f"{item.title}: {source.title} ({source.publisher}) {source.url}",
                style="List Bullet",
            )
    document.add_paragraph(DISCLAIMER).runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def casus_handout_markdown(casus: Casus, kb: KnowledgeBase, with_answers: bool = False) -> str:
    """Return a workshop handout: the story in steps and the questions (answers optional)."""
    lines = [f"# {casus.title}", "", casus.summary, ""]
    for title, text in casus.steps:
        lines += [f"## {title}", "", text, ""]
    lines += ["## Discussievragen", ""]
    lines += [f"{number}. {question}" for number, question in enumerate(casus.questions, 1)]
    if with_answers:
        lines += ["", "## Wat een expert zou overwegen", ""]
        for choice in casus.expert_entries:
            title = kb.entries[choice.id].title if choice.id in kb.entries else choice.id
            lines.append(f"- **{title}**: {choice.why}")
        for choice in casus.expert_partners:
            title = kb.entries[choice.id].title if choice.id in kb.entries else choice.id
            lines.append(f"- Partner **{title}**: {choice.why}")
    lines += [
        "",
        "*Fictieve casus voor training; elke gelijkenis met bestaande personen berust op toeval.*",
        "",
    ]
    return "\n".join(lines)


def casus_handout_docx(casus: Casus, kb: KnowledgeBase, with_answers: bool = False) -> bytes:
    """Return the workshop handout as a Word document."""
    document = Document()
    document.add_heading(casus.title, level=0)
    document.add_paragraph(casus.summary)
    for title, text in casus.steps:
        document.add_heading(title, level=1)
        for paragraph in text.split("\n\n"):
            _add_runs(document.add_paragraph(), paragraph.replace("\n", " "))
    document.add_heading("Discussievragen", level=1)
    for question in casus.questions:
        document.add_paragraph(question, style="List Number")
    if with_answers:
        document.add_heading("Wat een expert zou overwegen", level=1)
        for choice in [*casus.expert_entries, *casus.expert_partners]:
            title = kb.entries[choice.id].title if choice.id in kb.entries else choice.id
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{title}: ").bold = True
            paragraph.add_run(choice.why)
    document.add_paragraph("Fictieve casus voor training.").runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

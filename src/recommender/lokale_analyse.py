"""Lokale analyse: from 'niet-pluis' signals to figures, a shared problem and a plan.

A coordinator walks partners through seven steps (signals, network, figures, partners,
shared problem, approach, export). Nothing is stored on the server: the analysis is a
pydantic model that the user downloads and uploads as JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .loader import KnowledgeBase
from .ranking import Recommender
from .results import Recommendation
from .taxonomy import Taxonomy

FORMAT = "interventiewijzer/lokale-analyse"
VERSION = 1
MAX_FILE_BYTES = 2_000_000
POLICY_LEVELS = ("beleidsmatig", "strategisch", "bestuurlijk")
SAMPLE_FILE = Path("lokale-analyse") / "voorbeeld.json"
ROLE_LABELS = {
    "dader": "dader",
    "slachtoffer": "slachtoffer",
    "beide": "dader én slachtoffer",
    "onbekend": "onbekend",
}


class Strict(BaseModel):
    """Unknown keys are errors; strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Member(Strict):
    """A person in a household, by pseudonym only."""

    pseudoniem: str = Field(min_length=1, max_length=60)
    leeftijd: int | None = Field(default=None, ge=0, le=120)
    rol: Literal["dader", "slachtoffer", "beide", "onbekend"] = "onbekend"


class Household(Strict):
    """A household in the family network."""

    id: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    naam: str = Field(min_length=1, max_length=60)
    leden: list[Member] = Field(default_factory=list)


class Tie(Strict):
    """A tie between two households."""

    van: str
    naar: str
    soort: str = Field(default="familie", max_length=40)


class FigureRow(Strict):
    """A count one partner holds for one period."""

    bron: str
    periode: str = Field(min_length=1, max_length=40)
    aantal: int = Field(ge=0, le=10_000_000)
    toelichting: str = Field(default="", max_length=500)


class Action(Strict):
    """One line of the plan: an entry, who owns it and the first step."""

    vermelding: str
    eigenaar: str = Field(default="", max_length=120)
    eerste_stap: str = Field(default="", max_length=500)
    niveau: str = "uitvoerend"


class LokaleAnalyse(Strict):
    """The whole analysis, as saved to and loaded from a JSON file."""

    formaat: Literal["interventiewijzer/lokale-analyse"] = FORMAT
    versie: Literal[1] = VERSION
    titel: str = Field(default="Lokale analyse", min_length=1, max_length=200)
    gemeente: str = Field(default="", max_length=120)
    datum: dt.date = Field(default_factory=dt.date.today)
    signalen: dict[str, list[str]] = Field(default_factory=dict)
    notities: dict[str, str] = Field(default_factory=dict)
    huishoudens: list[Household] = Field(default_factory=list)
    banden: list[Tie] = Field(default_factory=list)
    cijfers: list[FigureRow] = Field(default_factory=list)
    partners_aan_tafel: list[str] = Field(default_factory=list)
    probleemdefinitie: str = Field(default="", max_length=20_000)
    aanpak: list[Action] = Field(default_factory=list)

    @field_validator("banden")
    @classmethod
    def _no_self_ties(cls, ties: list[Tie]) -> list[Tie]:
        for tie in ties:
            if tie.van == tie.naar:
                raise ValueError(
                    f"een band moet twee verschillende huishoudens verbinden ({tie.van})"
                )
        return ties

    def to_json(self) -> str:
        """Return the analysis as pretty JSON (the file the user downloads)."""
        return self.model_dump_json(indent=2)

    def phenomena(self) -> list[str]:
        """Return the phenomena with at least one checked signal."""
        return [p for p, checked in self.signalen.items() if checked]

    def people(self) -> list[Member]:
        """Return every member of every household."""
        return [member for household in self.huishoudens for member in household.leden]


class AnalysisFileError(ValueError):
    """A save file that cannot be loaded; the message says why, in Dutch."""


def load_analysis(data: bytes | str) -> LokaleAnalyse:
    """Parse and validate a saved analysis.

    Raises:
        AnalysisFileError: not JSON, not an analysis of this app, or invalid fields.
    """
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise AnalysisFileError(
                f"het bestand is te groot ({len(data):,} bytes; maximaal {MAX_FILE_BYTES:,})"
            )
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise AnalysisFileError(
                "het bestand is geen tekst (geen UTF-8); kies het JSON-bestand van een analyse"
            ) from error
    try:
        raw = json.loads(data)
    except json.JSONDecodeError as error:
        raise AnalysisFileError(
            f"het bestand is geen geldige JSON (regel {error.lineno}, kolom {error.colno}: {error.msg}); "
            "misschien is het beschadigd"
        ) from error
    except RecursionError as error:
        raise AnalysisFileError(_TOO_DEEP) from error
    if not isinstance(raw, dict) or raw.get("formaat") != FORMAT:
        raise AnalysisFileError(
            "dit is geen opgeslagen lokale analyse van de Interventiewijzer (het veld 'formaat' ontbreekt of klopt niet)"
        )
    version = raw.get("versie")
    if version != VERSION:
        # Only a small whole number is repeated: messages never echo text from a file.
        shown = f" {version}" if type(version) is int and 0 <= version < 1000 else ""
        raise AnalysisFileError(
            f"versie{shown} van het bestand wordt niet ondersteund (verwacht {VERSION})"
        )
    try:
        return LokaleAnalyse.model_validate(raw)
    except RecursionError as error:
        raise AnalysisFileError(_TOO_DEEP) from error
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in item['loc'])[:80]}: {_FILE_MESSAGES.get(item['type'], item['type'])}"
            for item in error.errors(include_input=False, include_context=False)[:10]
        )
        raise AnalysisFileError(f"het bestand bevat ongeldige gegevens: {problems}") from error


_TOO_DEEP = "het bestand is te diep genest om een opgeslagen analyse te zijn"
# Fixed texts per pydantic error type: pydantic's own messages may quote the value.
_FILE_MESSAGES: dict[str, str] = {
    "missing": "ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_type": "verwacht tekst",
    "string_too_short": "te kort",
    "string_too_long": "te lang",
    "string_pattern_mismatch": "ongeldige code",
    "int_type": "verwacht een geheel getal",
    "int_parsing": "verwacht een geheel getal",
    "int_from_float": "verwacht een geheel getal",
    "greater_than_equal": "te klein",
    "less_than_equal": "te groot",
    "list_type": "verwacht een lijst",
    "dict_type": "verwacht sleutels en waarden",
    "model_type": "verwacht sleutels en waarden",
    "literal_error": "ongeldige keuze",
    "date_type": "verwacht een datum als JJJJ-MM-DD",
    "date_parsing": "verwacht een datum als JJJJ-MM-DD",
    "date_from_datetime_parsing": "verwacht een datum als JJJJ-MM-DD",
    "value_error": "ongeldige waarde",
    "recursion_loop": "te diep genest",
}


def load_sample(kb_root: Path) -> LokaleAnalyse:
    """Return the fictional sample analysis that ships with the KB (for workshops)."""
    return load_analysis((kb_root / SAMPLE_FILE).read_bytes())


def reference_problems(analysis: LokaleAnalyse, kb: KnowledgeBase) -> list[str]:
    """Return references in the analysis that the KB does not know (signals, sources, entries)."""
    problems = []
    signal_ids = {s.id for signals in kb.signals.values() for s in signals}
    for phenomenon, checked in analysis.signalen.items():
        if kb.taxonomy and phenomenon not in kb.taxonomy.phenomena:
            problems.append(f"onbekend fenomeen '{phenomenon}'")
        problems += [f"onbekend signaal '{s}'" for s in checked if s not in signal_ids]
    sources = {s.id for s in kb.figure_sources}
    problems += [
        f"onbekende cijferbron '{row.bron}'" for row in analysis.cijfers if row.bron not in sources
    ]
    problems += [
        f"onbekende partner '{p}'" for p in analysis.partners_aan_tafel if p not in kb.entries
    ]
    problems += [
        f"onbekende vermelding '{a.vermelding}'"
        for a in analysis.aanpak
        if a.vermelding not in kb.entries
    ]
    households = {h.id for h in analysis.huishoudens}
    for tie in analysis.banden:
        problems += [
            f"band naar onbekend huishouden '{end}'"
            for end in (tie.van, tie.naar)
            if end not in households
        ]
    return problems


# --- steps 3-6 ---------------------------------------------------------------------------------


def figure_totals(analysis: LokaleAnalyse, kb: KnowledgeBase) -> list[tuple[str, int]]:
    """Return (source title, total count) per figure source used, largest first."""
    titles = {s.id: s.titel for s in kb.figure_sources}
    totals: Counter[str] = Counter()
    for row in analysis.cijfers:
        totals[titles.get(row.bron, row.bron)] += row.aantal
    return totals.most_common()


def suggested_partners(analysis: LokaleAnalyse, kb: KnowledgeBase) -> list[tuple[str, str]]:
    """Return (partner id, reason) for partners that fit the phenomena found or hold the figures.

    Partners holding figures the group entered come first; then partners ordered by how many
    of the phenomena they work on, relative to how broad their own remit is.
    """
    phenomena = set(analysis.phenomena())
    holders = {
        s.partner: s.titel
        for s in kb.figure_sources
        if any(r.bron == s.id for r in analysis.cijfers)
    }
    scored = []
    taxonomy = kb.taxonomy
    for entry in kb.of_type("partner"):
        shared = [p for p in entry.phenomena if p in phenomena]
        reasons = []
        if shared and taxonomy:
            reasons.append(
                "werkt op " + ", ".join(taxonomy.label("phenomena", p).lower() for p in shared)
            )
        if entry.id in holders:
            reasons.append(f"heeft cijfers: {holders[entry.id].lower()}")
        if reasons:
            specificity = len(shared) / max(1, len(entry.phenomena)) ** 0.5
            bonus = 2.0 if entry.id in holders else 0.0
            scored.append((specificity + bonus, entry.id, "; ".join(reasons)))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return [(partner_id, reason) for _, partner_id, reason in scored]


def missing_partners(
    analysis: LokaleAnalyse, kb: KnowledgeBase, limit: int = 8
) -> list[tuple[str, str]]:
    """Return suggested partners that are not yet at the table."""
    present = set(analysis.partners_aan_tafel)
    return [item for item in suggested_partners(analysis, kb) if item[0] not in present][:limit]


def problem_definition(analysis: LokaleAnalyse, kb: KnowledgeBase) -> str:
    """Return a generated shared problem definition the group can edit."""
    taxonomy: Taxonomy | None = kb.taxonomy
    assert taxonomy is not None
    phenomena = analysis.phenomena()
    people = analysis.people()
    minors = sum(1 for p in people if p.leeftijd is not None and p.leeftijd < 18)
    both = sum(1 for p in people if p.rol == "beide")
    place = f"In {analysis.gemeente}" if analysis.gemeente else "In de gemeente"
    phenomena_text = (
        ", ".join(taxonomy.label("phenomena", p).lower() for p in phenomena)
        or "nog geen benoemde fenomenen"
    )
    checked = sum(len(v) for v in analysis.signalen.values())
    parts = [
        f"{place} zien de partners {checked} signalen van {phenomena_text} rond een familienetwerk "
        f"van {len(analysis.huishoudens)} huishoudens en {len(people)} bekende personen"
        + (f", van wie {minors} minderjarig" if minors else "")
        + (f" en {both} zowel dader als slachtoffer" if both else "")
        + "."
    ]
    totals = figure_totals(analysis, kb)
    if totals:
        parts.append(
            "De cijfers van de partners: "
            + "; ".join(f"{title.lower()}: {count}" for title, count in totals)
            + "."
        )
    domains = _domains_for(phenomena, kb)
    if domains:
        parts.append(
            "Een aanpak vraagt om "
            + ", ".join(taxonomy.label("domains", d).lower() for d in domains)
            + ", op uitvoerend, beleidsmatig, strategisch en bestuurlijk niveau."
        )
    missing = missing_partners(analysis, kb, limit=4)
    if missing:
        names = ", ".join(kb.entries[p].title for p, _ in missing)
        parts.append(f"Nog niet aan tafel, maar nodig voor een volledig beeld: {names}.")
    return " ".join(parts)


def _domains_for(phenomena: list[str], kb: KnowledgeBase) -> list[str]:
    counts: Counter[str] = Counter()
    for entry in kb.entries.values():
        if entry.type != "partner" and set(entry.phenomena) & set(phenomena):
            counts.update(entry.domains)
    return [domain for domain, _ in counts.most_common(5)]


def approach(
    analysis: LokaleAnalyse, recommender: Recommender, top_k: int = 5
) -> dict[str, Recommendation]:
    """Return recommendations per policy level plus the case-level ('uitvoerend') package."""
    phenomena = analysis.phenomena()
    text = analysis.probleemdefinitie or problem_definition(analysis, recommender.kb)
    ages = [p.leeftijd for p in analysis.people() if p.leeftijd is not None]
    groups = sorted({g for age in ages for g in recommender.taxonomy.age_groups_for(age)})
    answers = {}
    for level in (*POLICY_LEVELS, "uitvoerend"):
        profile = {
            "text": text,
            "phenomena": phenomena,
            "roles": ["familienetwerk"] if level != "uitvoerend" else ["familienetwerk", "gezin"],
            "levels": [level],
            "age_groups": groups if level == "uitvoerend" else [],
        }
        answers[level] = recommender.recommend(profile, top_k=top_k)
    return answers


def plan_from(
    answers: dict[str, Recommendation], kb: KnowledgeBase, per_level: int = 3
) -> list[Action]:
    """Return plan lines: the best entries per level, owned by the partner who leads them."""
    actions: list[Action] = []
    seen: set[str] = set()
    for level, answer in answers.items():
        chosen = (
            [item.id for item in answer.package]
            if level == "uitvoerend"
            else [r.id for r in answer.results]
        )
        for entry_id in [e for e in chosen if e not in seen][:per_level]:
            seen.add(entry_id)
            entry = kb.entries[entry_id]
            lead = next(
                (
                    link.id
                    for role in ("regie", "besluit", "uitvoering")
                    for link in entry.partners
                    if link.role == role
                ),
                None,
            )
            owner = kb.entries[lead].title if lead and lead in kb.entries else ""
            actions.append(
                Action(
                    vermelding=entry_id,
                    eigenaar=owner,
                    eerste_stap=f"Bespreek de inzet van '{entry.title}' en wijs een trekker aan.",
                    niveau=level,
                )
            )
    return actions


# --- export ------------------------------------------------------------------------------------


def figures_chart_png(analysis: LokaleAnalyse, kb: KnowledgeBase) -> bytes | None:
    """Return a bar chart (PNG) of the counts per source and period, or None without figures."""
    if not analysis.cijfers:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    titles = {s.id: s.titel for s in kb.figure_sources}
    periods = sorted({row.periode for row in analysis.cijfers})
    sources = list(dict.fromkeys(row.bron for row in analysis.cijfers))
    figure, axis = plt.subplots(figsize=(7, 0.5 + 0.45 * len(sources) * max(1, len(periods)) / 1.5))
    height = 0.8 / max(1, len(periods))
    for offset, period in enumerate(periods):
        values = [
            sum(r.aantal for r in analysis.cijfers if r.bron == s and r.periode == period)
            for s in sources
        ]
        positions = [i + offset * height for i in range(len(sources))]
        axis.barh(positions, values, height=height, label=period)
    axis.set_yticks([i + height * (len(periods) - 1) / 2 for i in range(len(sources))])
    axis.set_yticklabels([titles.get(s, s) for s in sources])
    axis.invert_yaxis()
    axis.set_xlabel("aantal")
    axis.legend(title="periode", fontsize=8)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150)
    plt.close(figure)
    return buffer.getvalue()


def network_png(analysis: LokaleAnalyse) -> bytes | None:
    """Return the family network as a picture (PNG): households as nodes, ties as edges."""
    if not analysis.huishoudens:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    graph = nx.Graph()
    colors = []
    for household in analysis.huishoudens:
        roles = {m.rol for m in household.leden}
        members = ", ".join(
            f"{m.pseudoniem}{f' ({m.leeftijd})' if m.leeftijd is not None else ''}"
            for m in household.leden
        )
        graph.add_node(household.id, label=f"{household.naam}\n{members}")
        colors.append(
            "#f4a3a3" if "beide" in roles else "#fdd9a0" if "dader" in roles else "#bcd7f0"
        )
    for tie in analysis.banden:
        graph.add_edge(tie.van, tie.naar, label=tie.soort)
    figure, axis = plt.subplots(figsize=(8, 5.5))
    layout = nx.spring_layout(graph, seed=7)
    nx.draw_networkx_nodes(graph, layout, node_color=colors, node_size=2600, ax=axis)
    nx.draw_networkx_edges(graph, layout, ax=axis, edge_color="#888888")
    nx.draw_networkx_labels(
        graph, layout, labels=nx.get_node_attributes(graph, "label"), font_size=7, ax=axis
    )
    nx.draw_networkx_edge_labels(
        graph, layout, edge_labels=nx.get_edge_attributes(graph, "label"), font_size=7, ax=axis
    )
    axis.set_axis_off()
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=150)
    plt.close(figure)
    return buffer.getvalue()


def network_dot(analysis: LokaleAnalyse) -> str:
    """Return the family network as Graphviz DOT for the app.

    The ``graphviz`` package quotes and escapes every name, so quotes, backslashes and
    ``<...>`` (which DOT would read as an HTML label) in a name stay plain text.
    """
    import graphviz

    graph = graphviz.Graph(
        "netwerk",
        node_attr={
            "shape": "box",
            "style": "rounded,filled",
            "fontname": "Helvetica",
            "fontsize": "10",
        },
    )
    # Nodes get generated names: in an edge, graphviz reads "a:b" as node a, port b.
    names = {household.id: f"h{number}" for number, household in enumerate(analysis.huishoudens)}
    for household in analysis.huishoudens:
        roles = {m.rol for m in household.leden}
        color = "#f4a3a3" if "beide" in roles else "#fdd9a0" if "dader" in roles else "#bcd7f0"
        members = [
            f"{m.pseudoniem}{f' ({m.leeftijd})' if m.leeftijd is not None else ''} – {ROLE_LABELS[m.rol]}"
            for m in household.leden
        ]
        label = "\n".join([household.naam, *members])
        graph.node(names[household.id], label=_dot_text(label), fillcolor=color)
    for tie in analysis.banden:
        # A tie to an unknown household is listed by reference_problems, not drawn.
        if tie.van in names and tie.naar in names:
            graph.edge(names[tie.van], names[tie.naar], label=_dot_text(tie.soort))
    return graph.source


def _dot_text(text: str) -> str:
    """Return ``text`` as a DOT string that Graphviz shows verbatim."""
    import graphviz

    # escape() doubles backslashes (else "\n", "\l" become layout codes); nohtml() keeps
    # "<...>" from being read as an HTML label. Line breaks become DOT's centred "\n".
    return graphviz.nohtml(
        "\\n".join(graphviz.escape(line) for line in text.replace("\r", "").split("\n"))
    )


def analysis_markdown(analysis: LokaleAnalyse, kb: KnowledgeBase) -> str:
    """Return 'Lokale analyse en plan van aanpak' as Markdown."""
    taxonomy = kb.taxonomy
    assert taxonomy is not None
    signals = {s.id: s for items in kb.signals.values() for s in items}
    lines = [
        "# Lokale analyse en plan van aanpak",
        "",
        f"**{analysis.titel}**" + (f" — {analysis.gemeente}" if analysis.gemeente else ""),
        f"Datum: {analysis.datum.isoformat()}",
        "",
        "## 1. Signalen",
        "",
    ]
    for phenomenon, checked in analysis.signalen.items():
        if not checked:
            continue
        lines.append(f"### {taxonomy.label('phenomena', phenomenon)}")
        lines += [f"- {signals[s].tekst if s in signals else s}" for s in checked]
        if analysis.notities.get(phenomenon):
            lines += ["", f"*Notitie:* {analysis.notities[phenomenon]}"]
        lines.append("")
    lines += ["## 2. Netwerk in beeld", ""]
    for household in analysis.huishoudens:
        members = "; ".join(
            f"{m.pseudoniem}{f' ({m.leeftijd})' if m.leeftijd is not None else ''}, {ROLE_LABELS[m.rol]}"
            for m in household.leden
        )
        lines.append(f"- **{household.naam}**: {members}")
    names = {h.id: h.naam for h in analysis.huishoudens}
    lines += [
        f"- {names.get(t.van, t.van)} — {names.get(t.naar, t.naar)} ({t.soort})"
        for t in analysis.banden
    ]
    lines += [
        "",
        "## 3. Cijfers",
        "",
        "| Bron | Partner | Periode | Aantal | Toelichting |",
        "|---|---|---|---:|---|",
    ]
    sources = {s.id: s for s in kb.figure_sources}
    for row in analysis.cijfers:
        source = sources.get(row.bron)
        partner = (
            kb.entries[source.partner].title if source and source.partner in kb.entries else "-"
        )
        lines.append(
            f"| {source.titel if source else row.bron} | {partner} | {row.periode} | {row.aantal} | {row.toelichting} |"
        )
    lines += ["", "## 4. Partners aan tafel", ""]
    lines += [
        f"- {kb.entries[p].title if p in kb.entries else p}" for p in analysis.partners_aan_tafel
    ]
    missing = missing_partners(analysis, kb)
    if missing:
        lines += ["", "Nog te betrekken:"]
        lines += [f"- {kb.entries[p].title}: {reason}" for p, reason in missing]
    lines += [
        "",
        "## 5. Gedeeld probleem",
        "",
        analysis.probleemdefinitie or problem_definition(analysis, kb),
        "",
    ]
    lines += [
        "## 6. Aanpak",
        "",
        "| Niveau | Onderdeel | Eigenaar | Eerste stap |",
        "|---|---|---|---|",
    ]
    for action in analysis.aanpak:
        title = (
            kb.entries[action.vermelding].title
            if action.vermelding in kb.entries
            else action.vermelding
        )
        lines.append(f"| {action.niveau} | {title} | {action.eigenaar} | {action.eerste_stap} |")
    lines += [
        "",
        "---",
        "",
        "Opgesteld met de Interventiewijzer; personen staan er alleen onder pseudoniem in.",
        "",
    ]
    return "\n".join(lines)


def analysis_docx(analysis: LokaleAnalyse, kb: KnowledgeBase) -> bytes:
    """Return 'Lokale analyse en plan van aanpak' as a Word document, with charts and the network."""
    from docx import Document
    from docx.shared import Cm

    taxonomy = kb.taxonomy
    assert taxonomy is not None
    signals = {s.id: s for items in kb.signals.values() for s in items}
    document = Document()
    document.add_heading("Lokale analyse en plan van aanpak", level=0)
    document.add_paragraph(
        analysis.titel
        + (f" — {analysis.gemeente}" if analysis.gemeente else "")
        + f" · {analysis.datum.isoformat()}"
    )
    document.add_heading("1. Signalen", level=1)
    for phenomenon, checked in analysis.signalen.items():
        if not checked:
            continue
        document.add_heading(taxonomy.label("phenomena", phenomenon), level=2)
        for signal_id in checked:
            document.add_paragraph(
                signals[signal_id].tekst if signal_id in signals else signal_id, style="List Bullet"
            )
        if analysis.notities.get(phenomenon):
            document.add_paragraph(f"Notitie: {analysis.notities[phenomenon]}").runs[
                0
            ].italic = True
    document.add_heading("2. Netwerk in beeld", level=1)
    picture = network_png(analysis)
    if picture:
        document.add_picture(io.BytesIO(picture), width=Cm(15))
    for household in analysis.huishoudens:
        members = "; ".join(
            f"{m.pseudoniem}{f' ({m.leeftijd})' if m.leeftijd is not None else ''}, {ROLE_LABELS[m.rol]}"
            for m in household.leden
        )
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{household.naam}: ").bold = True
        paragraph.add_run(members)
    document.add_heading("3. Cijfers", level=1)
    chart = figures_chart_png(analysis, kb)
    if chart:
        document.add_picture(io.BytesIO(chart), width=Cm(15))
    sources = {s.id: s for s in kb.figure_sources}
    table = document.add_table(rows=1, cols=5)
    table.style = "Light Grid Accent 1"
    for cell, heading in zip(
        table.rows[0].cells, ("Bron", "Partner", "Periode", "Aantal", "Toelichting"), strict=True
    ):
        cell.text = heading
    for row in analysis.cijfers:
        source = sources.get(row.bron)
        cells = table.add_row().cells
        cells[0].text = source.titel if source else row.bron
        cells[1].text = (
            kb.entries[source.partner].title if source and source.partner in kb.entries else "-"
        )
        cells[2].text = row.periode
        cells[3].text = str(row.aantal)
        cells[4].text = row.toelichting
    document.add_heading("4. Partners aan tafel", level=1)
    for partner_id in analysis.partners_aan_tafel:
        document.add_paragraph(
            kb.entries[partner_id].title if partner_id in kb.entries else partner_id,
            style="List Bullet",
        )
    missing = missing_partners(analysis, kb)
    if missing:
        document.add_paragraph("Nog te betrekken:").runs[0].bold = True
        for partner_id, reason in missing:
            document.add_paragraph(f"{kb.entries[partner_id].title}: {reason}", style="List Bullet")
    document.add_heading("5. Gedeeld probleem", level=1)
    document.add_paragraph(analysis.probleemdefinitie or problem_definition(analysis, kb))
    document.add_heading("6. Aanpak", level=1)
    plan = document.add_table(rows=1, cols=4)
    plan.style = "Light Grid Accent 1"
    for cell, heading in zip(
        plan.rows[0].cells, ("Niveau", "Onderdeel", "Eigenaar", "Eerste stap"), strict=True
    ):
        cell.text = heading
    for action in analysis.aanpak:
        cells = plan.add_row().cells
        cells[0].text = action.niveau
        cells[1].text = (
            kb.entries[action.vermelding].title
            if action.vermelding in kb.entries
            else action.vermelding
        )
        cells[2].text = action.eigenaar
        cells[3].text = action.eerste_stap
    document.add_paragraph(
        "Opgesteld met de Interventiewijzer; personen staan er alleen onder pseudoniem in."
    ).runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

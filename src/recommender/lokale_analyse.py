"""Lokale analyse: from 'niet-pluis' signals to figures, a shared problem and a plan.

A coordinator walks partners through seven steps (signals, network, figures, partners,
shared problem, approach, export). Nothing is stored on the server: the analysis is a
pydantic model that the user downloads and uploads as JSON.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)

from .loader import KnowledgeBase
from .ranking import Recommender
from .results import Recommendation
from .schema import Entry
from .situations import SITUATIONS
from .taxonomy import Taxonomy
from .vocabulary import PARTNER_TYPE

FORMAT = "interventiewijzer/lokale-analyse"
VERSION = 1
MAX_FILE_BYTES = 2_000_000
POLICY_LEVELS = ("beleidsmatig", "strategisch", "bestuurlijk")
LEVELS = (*POLICY_LEVELS, "uitvoerend")
SAMPLE_FILE = Path("lokale-analyse") / "voorbeeld.json"
#: The werkwijze this page follows: step 6 proposes what to do, never the analysis itself.
METHOD_ENTRY = "lokale-analyse-criminaliteit-in-families"
ROLE_LABELS = {
    "dader": "dader",
    "slachtoffer": "slachtoffer",
    "beide": "dader én slachtoffer",
    "onbekend": "onbekend",
}
Role = Literal["dader", "slachtoffer", "beide", "onbekend"]
ROLES: tuple[Role, ...] = ("dader", "slachtoffer", "beide", "onbekend")

#: Every limit of the file format, defined once; the page shows and enforces the same numbers.
LIMITS: dict[str, int] = {
    "titel": 200,
    "gemeente": 120,
    "notitie": 5_000,
    "huishouden": 40,
    "naam": 60,
    "pseudoniem": 60,
    "leeftijd": 120,
    "soort": 40,
    "periode": 40,
    "aantal": 10_000_000,
    "toelichting": 500,
    "eigenaar": 120,
    "eerste_stap": 500,
    "voor": 80,
    "probleemdefinitie": 20_000,
    "id": 120,
}
#: Bounds on the number of rows, so one file or session cannot make unbounded work.
MAX_ROWS: dict[str, int] = {
    "huishoudens": 200,
    "leden": 100,
    "banden": 1_000,
    "cijfers": 2_000,
    "aanpak": 300,
    "partners": 200,
}
HOUSEHOLD_PATTERN = r"^[A-Za-z0-9_-]{1,40}$"

Id = Annotated[str, StringConstraints(min_length=1, max_length=LIMITS["id"])]
Note = Annotated[str, StringConstraints(max_length=LIMITS["notitie"])]


class Strict(BaseModel):
    """Unknown keys are errors; strings are stripped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Member(Strict):
    """A person in a household, by pseudonym only."""

    pseudoniem: str = Field(min_length=1, max_length=LIMITS["pseudoniem"])
    leeftijd: int | None = Field(default=None, ge=0, le=LIMITS["leeftijd"])
    rol: Role = "onbekend"

    def describe(self) -> str:
        """Return 'Neef S. (15), dader én slachtoffer'."""
        age = f" ({self.leeftijd})" if self.leeftijd is not None else ""
        return f"{self.pseudoniem}{age}, {ROLE_LABELS[self.rol]}"


class Household(Strict):
    """A household in the family network."""

    id: str = Field(pattern=HOUSEHOLD_PATTERN)
    naam: str = Field(min_length=1, max_length=LIMITS["naam"])
    leden: list[Member] = Field(default_factory=list, max_length=MAX_ROWS["leden"])


class Tie(Strict):
    """A tie between two households."""

    van: str = Field(pattern=HOUSEHOLD_PATTERN)
    naar: str = Field(pattern=HOUSEHOLD_PATTERN)
    soort: str = Field(default="familie", max_length=LIMITS["soort"])


class FigureRow(Strict):
    """A count one partner holds for one period."""

    bron: Id
    periode: str = Field(min_length=1, max_length=LIMITS["periode"])
    aantal: int = Field(ge=0, le=LIMITS["aantal"])
    toelichting: str = Field(default="", max_length=LIMITS["toelichting"])


class Action(Strict):
    """One line of the plan: an entry, who owns it, the first step and for whom."""

    vermelding: Id
    eigenaar: str = Field(default="", max_length=LIMITS["eigenaar"])
    eerste_stap: str = Field(default="", max_length=LIMITS["eerste_stap"])
    niveau: Literal["uitvoerend", "beleidsmatig", "strategisch", "bestuurlijk"] = "uitvoerend"
    voor: str = Field(default="", max_length=LIMITS["voor"])


class LokaleAnalyse(Strict):
    """The whole analysis, as saved to and loaded from a JSON file."""

    formaat: Literal["interventiewijzer/lokale-analyse"] = FORMAT
    versie: Literal[1] = VERSION
    titel: str = Field(default="Lokale analyse", min_length=1, max_length=LIMITS["titel"])
    gemeente: str = Field(default="", max_length=LIMITS["gemeente"])
    datum: dt.date = Field(default_factory=dt.date.today)
    signalen: dict[Id, list[Id]] = Field(default_factory=dict)
    notities: dict[Id, Note] = Field(default_factory=dict)
    huishoudens: list[Household] = Field(default_factory=list, max_length=MAX_ROWS["huishoudens"])
    banden: list[Tie] = Field(default_factory=list, max_length=MAX_ROWS["banden"])
    cijfers: list[FigureRow] = Field(default_factory=list, max_length=MAX_ROWS["cijfers"])
    partners_aan_tafel: list[Id] = Field(default_factory=list, max_length=MAX_ROWS["partners"])
    probleemdefinitie: str = Field(default="", max_length=LIMITS["probleemdefinitie"])
    aanpak: list[Action] = Field(default_factory=list, max_length=MAX_ROWS["aanpak"])

    @field_validator("banden")
    @classmethod
    def _no_self_ties(cls, ties: list[Tie]) -> list[Tie]:
        # The message names the row, never the typed code (see docs/security.md).
        for number, tie in enumerate(ties):
            if tie.van == tie.naar:
                raise ValueError(
                    f"band {number}: een band moet twee verschillende huishoudens verbinden"
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


@dataclass(frozen=True)
class FigureTrend:
    """The counts of one source over its periods, oldest first (never summed across periods)."""

    source: str
    title: str
    partner: str
    periods: tuple[tuple[str, int], ...]
    shared_via: tuple[str, ...]

    @property
    def latest(self) -> tuple[str, int]:
        return self.periods[-1]

    @property
    def previous(self) -> tuple[str, int] | None:
        return self.periods[-2] if len(self.periods) > 1 else None

    def sentence(self) -> str:
        """Return 'politieregistraties: 17 in 2026, 6 meer dan in 2025 (11)'."""
        period, count = self.latest
        text = f"{self.title.lower()}: {count} in {period}"
        if self.previous:
            before_period, before = self.previous
            change = count - before
            if change:
                text += f", {abs(change)} {'meer' if change > 0 else 'minder'} dan in {before_period} ({before})"
            else:
                text += f", evenveel als in {before_period}"
        if self.partner:
            text += f" (bron: {self.partner}"
            text += f"; te delen via {', '.join(self.shared_via)})" if self.shared_via else ")"
        return text


def period_order(period: str) -> tuple[tuple[int, object], ...]:
    """Sort key for periods: numbers as numbers ('2025-Q2' before '2025-Q10', '2024' before '2025')."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part.lower())
        for part in re.split(r"(\d+)", period)
        if part
    )


def figure_trends(analysis: LokaleAnalyse, kb: KnowledgeBase) -> list[FigureTrend]:
    """Return per source its count per period, in the order the sources were first entered.

    Rows for the same source and period are added up (two partial counts of one period);
    different periods are kept apart, so the trend is what the group sees.
    """
    sources = {s.id: s for s in kb.figure_sources}
    counts: dict[str, Counter[str]] = {}
    for row in analysis.cijfers:
        counts.setdefault(row.bron, Counter())[row.periode] += row.aantal
    trends = []
    for source_id, per_period in counts.items():
        source = sources.get(source_id)
        partner = source.partner if source else ""
        trends.append(
            FigureTrend(
                source=source_id,
                title=source.titel if source else source_id,
                partner=kb.entries[partner].title if partner in kb.entries else partner,
                periods=tuple(
                    (period, per_period[period]) for period in sorted(per_period, key=period_order)
                ),
                shared_via=tuple(
                    kb.entries[e].title
                    for e in (source.delen_via if source else [])
                    if e in kb.entries
                ),
            )
        )
    return trends


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
    for entry in kb.of_type(PARTNER_TYPE):
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
    trends = figure_trends(analysis, kb)
    if trends:
        parts.append(
            "De cijfers van de partners (laatste periode en verandering): "
            + "; ".join(trend.sentence() for trend in trends)
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
        if entry.type != PARTNER_TYPE and set(entry.phenomena) & set(phenomena):
            counts.update(entry.domains)
    return [domain for domain, _ in counts.most_common(5)]


@dataclass(frozen=True)
class Proposal:
    """What the ranking proposes at one level, or for one person at the operational level."""

    level: str
    answer: Recommendation
    person: Member | None = None


def rank(recommender: Recommender, profile: dict[str, object], top_k: int) -> Recommendation:
    """Ask the recommender for one profile: the single call step 6 makes into the ranking.

    The family plan (issue 14) will answer here once it exists; nothing else needs to change.
    """
    return recommender.recommend(profile, top_k=top_k)


def findings_text(analysis: LokaleAnalyse, kb: KnowledgeBase) -> str:
    """Return what the analysis found, in words the ranking can match: signals, people, figures."""
    signals = {s.id: s.tekst for items in kb.signals.values() for s in items}
    parts = [signals[s] for checked in analysis.signalen.values() for s in checked if s in signals]
    parts += [note for note in analysis.notities.values() if note]
    people = [_person_words(member) for member in analysis.people()]
    if people:
        parts.append("In het familienetwerk: " + "; ".join(people) + ".")
    trends = figure_trends(analysis, kb)
    if trends:
        parts.append("Cijfers over " + ", ".join(t.title.lower() for t in trends) + ".")
    return " ".join(parts)


def _person_words(member: Member) -> str:
    if member.leeftijd is None:
        who = "een persoon"
    elif member.leeftijd < 12:
        who = f"een kind van {member.leeftijd} jaar"
    elif member.leeftijd < 18:
        who = f"een jongere van {member.leeftijd} jaar"
    else:
        who = f"een volwassene van {member.leeftijd} jaar"
    role = {
        "dader": " die strafbare feiten pleegt",
        "slachtoffer": " die slachtoffer is",
        "beide": " die wordt uitgebuit en zelf strafbare feiten pleegt",
        "onbekend": "",
    }[member.rol]
    return who + role


def persons_to_help(analysis: LokaleAnalyse, limit: int = 4) -> list[Member]:
    """Return the people who get their own operational proposal: minors and victims, youngest first."""
    chosen = [
        m
        for m in analysis.people()
        if (m.leeftijd is not None and m.leeftijd < 18) or m.rol in ("slachtoffer", "beide")
    ]
    chosen.sort(key=lambda m: (m.leeftijd if m.leeftijd is not None else 200, m.pseudoniem))
    return chosen[:limit]


def approach(analysis: LokaleAnalyse, recommender: Recommender, top_k: int = 60) -> list[Proposal]:
    """Return the ranking's proposals for what the analysis found.

    One proposal per policy level for the network as a whole, one for the households at the
    operational level, and one per person to help (see :func:`persons_to_help`).
    """
    kb = recommender.kb
    phenomena = analysis.phenomena()
    text = findings_text(analysis, kb)
    signal_text = findings_text(analysis.model_copy(update={"huishoudens": [], "cijfers": []}), kb)
    people = analysis.people()
    ages = [p.leeftijd for p in people if p.leeftijd is not None]
    groups = sorted({g for age in ages for g in recommender.taxonomy.age_groups_for(age)})
    proposals = [
        Proposal(
            level,
            rank(
                recommender,
                {
                    "text": text,
                    "phenomena": phenomena,
                    "roles": ["familienetwerk"],
                    "levels": [level],
                },
                top_k,
            ),
        )
        for level in POLICY_LEVELS
    ]
    proposals.append(
        Proposal(
            "uitvoerend",
            rank(
                recommender,
                {
                    "text": text,
                    "phenomena": phenomena,
                    "roles": ["gezin", "familienetwerk"],
                    "levels": ["uitvoerend"],
                    "age_groups": groups,
                },
                top_k,
            ),
        )
    )
    for member in persons_to_help(analysis):
        roles = {"beide": ["dader", "slachtoffer"], "onbekend": ["gezin"]}.get(
            member.rol, [member.rol]
        )
        profile: dict[str, object] = {
            "text": _person_words(member) + ". " + signal_text,
            "phenomena": phenomena,
            "roles": roles,
            "levels": ["uitvoerend"],
        }
        if member.leeftijd is not None:
            profile["age"] = member.leeftijd
        proposals.append(Proposal("uitvoerend", rank(recommender, profile, top_k), member))
    return proposals


def absent_situations(analysis: LokaleAnalyse) -> set[str]:
    """Return the situations (see :mod:`recommender.situations`) the analysis shows no sign of."""
    sources = {row.bron for row in analysis.cijfers}
    notes = " ".join(analysis.notities.values()).lower()
    return {
        name
        for name, situation in SITUATIONS.items()
        if not sources & set(situation.sources) and not any(w in notes for w in situation.words)
    }


def proposed_ids(
    proposal: Proposal, kb: KnowledgeBase, absent: set[str] = frozenset()
) -> list[str]:
    """Return the entries a proposal offers, best first.

    Left out: the analysis method itself, entries that do not work at the proposal's level
    (by their own ``levels``), and entries for a situation the analysis does not show.
    """
    unfit = {e for name in absent for e in SITUATIONS[name].entries}
    return [
        r.id
        for r in proposal.answer.results
        if r.id != METHOD_ENTRY
        and r.id not in unfit
        and r.id in kb.entries
        and proposal.level in kb.entries[r.id].levels
    ]


_BULLET = re.compile(r"(?m)^[ \t]*[-*][ \t]+")
_LABEL = re.compile(r"^\*\*(?P<who>[^*]+?)\*\*\s*:?\s*(?P<what>.*)$", re.DOTALL)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def who_does_what(entry: Entry) -> list[tuple[str, str]]:
    """Return the (who, what) items of the entry's own 'Wie doet wat' section, as plain text."""
    text = entry.sections.get("Wie doet wat", "")
    items = []
    for chunk in _BULLET.split(text)[1:]:
        item = " ".join(_LINK.sub(r"\1", chunk).split())
        match = _LABEL.match(item)
        who, what = (match["who"], match["what"]) if match else ("", item)
        what = what.replace("**", "").strip()
        if what:
            items.append((who.strip().rstrip(":"), what))
    return items


#: Who owns a plan line: the partner that directs the entry, else the one carrying it out.
OWNER_ROLES = ("regie", "uitvoering", "besluit")


def _names(partner: Entry) -> list[re.Pattern[str]]:
    """Return patterns for a partner's title, the title before any '(', and its aliases."""
    names = {partner.title, partner.title.split(" (")[0], *partner.aliases}
    return [re.compile(rf"(?<!\w){re.escape(n)}(?!\w)", re.IGNORECASE) for n in names if n]


def owner_and_first_step(entry: Entry, kb: KnowledgeBase) -> tuple[str, str]:
    """Return who owns the entry in the plan and its first step, from its own 'Wie doet wat'.

    The owner is the first partner (directing, then carrying out, then deciding) that an item
    of 'Wie doet wat' names, by title or alias; that item is the first step. Without such an
    item, the owner is the first of those partners and the first item is the step.
    """
    leads = [
        kb.entries[link.id]
        for role in OWNER_ROLES
        for link in entry.partners
        if link.role == role and link.id in kb.entries
    ]
    items = who_does_what(entry)
    owner = leads[0].title if leads else ""
    item = items[0] if items else ("", "")
    found = next(
        (
            (partner.title, (who, what))
            for place in ("who", "all")
            for partner in leads
            for who, what in items
            if any(
                name.search(who if place == "who" else f"{who} {what}") for name in _names(partner)
            )
        ),
        None,
    )
    if found:
        owner, item = found
    who, what = item
    step = f"{who}: {what}" if who else what
    return owner[: LIMITS["eigenaar"]], _shorten(step, LIMITS["eerste_stap"])


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def plan_from(
    proposals: list[Proposal],
    analysis: LokaleAnalyse,
    kb: KnowledgeBase,
    per_level: int = 3,
    per_person: int = 2,
) -> list[Action]:
    """Return plan lines, each with an owner and a first step from the entry's 'Wie doet wat'.

    Each person to help gets their best entries first (two people may share one); the
    households then get the best operational entries not yet planned for a person, and every
    policy level its best entries not planned at another level.
    """
    absent = absent_situations(analysis)
    people = [p for p in proposals if p.person]
    rest = [p for p in proposals if not p.person]
    picked: list[tuple[Proposal, str]] = []
    for proposal in people:
        picked += [(proposal, e) for e in proposed_ids(proposal, kb, absent)[:per_person]]
    for_people = {entry for _, entry in picked}
    seen: set[str] = set()
    for proposal in rest:
        skip = seen | (for_people if proposal.level == "uitvoerend" else set())
        chosen = [e for e in proposed_ids(proposal, kb, absent) if e not in skip][:per_level]
        seen.update(chosen)
        picked += [(proposal, e) for e in chosen]
    order = {level: n for n, level in enumerate(LEVELS)}
    picked.sort(key=lambda item: (order[item[0].level], item[0].person is not None))
    actions = []
    for proposal, entry_id in picked:
        owner, step = owner_and_first_step(kb.entries[entry_id], kb)
        actions.append(
            Action(
                vermelding=entry_id,
                eigenaar=owner,
                eerste_stap=step,
                niveau=proposal.level,  # type: ignore[arg-type]
                voor=proposal.person.describe()[: LIMITS["voor"]] if proposal.person else "",
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
    periods = sorted({row.periode for row in analysis.cijfers}, key=period_order)
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
        "| Niveau | Onderdeel | Voor | Eigenaar | Eerste stap |",
        "|---|---|---|---|---|",
    ]
    for action in analysis.aanpak:
        title = (
            kb.entries[action.vermelding].title
            if action.vermelding in kb.entries
            else action.vermelding
        )
        lines.append(
            f"| {action.niveau} | {title} | {action.voor or '-'} | {action.eigenaar} | {action.eerste_stap} |"
        )
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
    plan = document.add_table(rows=1, cols=5)
    plan.style = "Light Grid Accent 1"
    for cell, heading in zip(
        plan.rows[0].cells, ("Niveau", "Onderdeel", "Voor", "Eigenaar", "Eerste stap"), strict=True
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
        cells[2].text = action.voor
        cells[3].text = action.eigenaar
        cells[4].text = action.eerste_stap
    document.add_paragraph(
        "Opgesteld met de Interventiewijzer; personen staan er alleen onder pseudoniem in."
    ).runs[0].italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Rows typed into the Lokale analyse tables, turned into analysis parts with clear problems.

The page's tables hand over plain records (one dict per row, empty cells as None or NaN).
Each function here returns the valid parts and one :class:`RowProblem` per cell that needs
the user's attention. A problem names the row and the column, never the typed value: what
people type may be about real persons, so it must not end up in any message or log.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from .lokale_analyse import (
    HOUSEHOLD_PATTERN,
    LEVELS,
    LIMITS,
    MAX_ROWS,
    ROLES,
    Action,
    FigureRow,
    Household,
    Member,
    Tie,
)

ProblemKind = Literal[
    "required", "too_long", "not_a_number", "out_of_range", "bad_code", "unknown", "too_many"
]
Record = Mapping[str, Any]

#: The columns of each table, in the order the page shows them.
MEMBER_COLUMNS = ("huishouden", "naam", "pseudoniem", "leeftijd", "rol")
TIE_COLUMNS = ("van", "naar", "soort")
FIGURE_COLUMNS = ("bron", "periode", "aantal", "toelichting")
ACTION_COLUMNS = ("niveau", "vermelding", "voor", "eigenaar", "eerste_stap")
#: Cells a row cannot do without, per table.
REQUIRED = {
    "members": ("huishouden", "pseudoniem"),
    "ties": ("van", "naar"),
    "figures": ("bron", "periode", "aantal"),
    "plan": ("niveau", "vermelding"),
}
_CODE = re.compile(HOUSEHOLD_PATTERN)


@dataclass(frozen=True)
class RowProblem:
    """A cell that needs attention: row number as the user counts (from 1) and column name."""

    row: int
    column: str
    kind: ProblemKind
    limit: int | None = None


def _text(value: Any) -> str | None:
    """Return a cell as stripped text, or None when it is empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def is_blank(value: Any) -> bool:
    """Return whether a cell holds nothing (None, NaN or only spaces)."""
    return _text(value) is None


def _is_empty(record: Record, columns: Iterable[str]) -> bool:
    return all(_text(record.get(column)) is None for column in columns)


class _Row:
    """Reads the cells of one row and collects its problems."""

    def __init__(self, number: int, record: Record, table: str) -> None:
        self.number = number
        self.record = record
        self.problems: list[RowProblem] = [
            RowProblem(number, column, "required")
            for column in REQUIRED[table]
            if _text(record.get(column)) is None
        ]

    @property
    def complete(self) -> bool:
        return not any(p.kind == "required" for p in self.problems)

    def text(self, column: str, limit_name: str | None = None) -> str:
        """Return the cell's text, trimmed to its limit (with a problem) when longer."""
        value = _text(self.record.get(column)) or ""
        limit = LIMITS[limit_name or column]
        if len(value) > limit:
            self.problems.append(RowProblem(self.number, column, "too_long", limit))
            value = value[:limit].rstrip()
        return value

    def whole_number(self, column: str, maximum: int) -> int | None:
        """Return the cell as a whole number in 0..maximum, or None (with a problem) if not."""
        value = self.record.get(column)
        if _text(value) is None:
            return None
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            self.problems.append(RowProblem(self.number, column, "not_a_number"))
            return None
        if not number.is_integer():
            self.problems.append(RowProblem(self.number, column, "not_a_number"))
            return None
        if not 0 <= number <= maximum:
            self.problems.append(RowProblem(self.number, column, "out_of_range", maximum))
            return None
        return int(number)

    def code(self, column: str) -> str | None:
        """Return a household code, or None (with a problem) when it has other characters."""
        value = _text(self.record.get(column))
        if value is None:
            return None
        if not _CODE.fullmatch(value):
            self.problems.append(RowProblem(self.number, column, "bad_code", LIMITS["huishouden"]))
            return None
        return value


def _rows(records: Iterable[Record], columns: tuple[str, ...], table: str) -> Iterable[_Row]:
    """Yield the non-empty rows; rows with nothing typed in them are no rows at all."""
    for number, record in enumerate(records, start=1):
        if not _is_empty(record, columns):
            yield _Row(number, record, table)


def _capped(items: list[Any], table: str, problems: list[RowProblem]) -> list[Any]:
    limit = MAX_ROWS[table]
    if len(items) > limit:
        problems.append(RowProblem(limit + 1, "", "too_many", limit))
    return items[:limit]


def members_from_rows(
    records: Iterable[Record],
) -> tuple[list[Household], list[RowProblem]]:
    """Return the households (with their members) typed as one row per person."""
    households: dict[str, Household] = {}
    problems: list[RowProblem] = []
    for row in _rows(records, MEMBER_COLUMNS, "members"):
        code = row.code("huishouden")
        pseudonym = row.text("pseudoniem")
        name = row.text("naam")
        age = row.whole_number("leeftijd", LIMITS["leeftijd"])
        role = _text(row.record.get("rol"))
        if role is not None and role not in ROLES:
            row.problems.append(RowProblem(row.number, "rol", "unknown"))
        problems += row.problems
        if code is None or not row.complete:
            continue
        household = households.get(code)
        if household is None:
            if len(households) >= MAX_ROWS["huishoudens"]:
                problems.append(RowProblem(row.number, "huishouden", "too_many"))
                continue
            household = households[code] = Household(id=code, naam=name or code)
        if len(household.leden) >= MAX_ROWS["leden"]:
            problems.append(RowProblem(row.number, "pseudoniem", "too_many"))
            continue
        household.leden.append(
            Member(
                pseudoniem=pseudonym,
                leeftijd=age,
                rol=role if role in ROLES else "onbekend",  # type: ignore[arg-type]
            )
        )
    return list(households.values()), problems


def ties_from_rows(
    records: Iterable[Record], households: Iterable[str]
) -> tuple[list[Tie], list[RowProblem]]:
    """Return the ties between known, different households."""
    known = set(households)
    ties: list[Tie] = []
    problems: list[RowProblem] = []
    for row in _rows(records, TIE_COLUMNS, "ties"):
        ends = {column: row.code(column) for column in ("van", "naar")}
        kind = row.text("soort") or "familie"
        for column, code in ends.items():
            if code is not None and code not in known:
                row.problems.append(RowProblem(row.number, column, "unknown"))
        if ends["van"] is not None and ends["van"] == ends["naar"]:
            row.problems.append(RowProblem(row.number, "naar", "unknown"))
        problems += row.problems
        if row.complete and not any(p.kind in ("unknown", "bad_code") for p in row.problems):
            ties.append(Tie(van=ends["van"], naar=ends["naar"], soort=kind))  # type: ignore[arg-type]
    return _capped(ties, "banden", problems), problems


def figures_from_rows(
    records: Iterable[Record], sources: Iterable[str]
) -> tuple[list[FigureRow], list[RowProblem]]:
    """Return one count per source and period."""
    known = set(sources)
    figures: list[FigureRow] = []
    problems: list[RowProblem] = []
    for row in _rows(records, FIGURE_COLUMNS, "figures"):
        source = _text(row.record.get("bron"))
        if source is not None and source not in known:
            row.problems.append(RowProblem(row.number, "bron", "unknown"))
        period = row.text("periode")
        count = row.whole_number("aantal", LIMITS["aantal"])
        note = row.text("toelichting")
        problems += row.problems
        if row.complete and source in known and count is not None:
            figures.append(
                FigureRow(bron=source, periode=period, aantal=count, toelichting=note)  # type: ignore[arg-type]
            )
    return _capped(figures, "cijfers", problems), problems


def actions_from_rows(
    records: Iterable[Record], entries: Iterable[str]
) -> tuple[list[Action], list[RowProblem]]:
    """Return the plan lines: a known entry at a known level, with owner and first step."""
    known = set(entries)
    actions: list[Action] = []
    problems: list[RowProblem] = []
    for row in _rows(records, ACTION_COLUMNS, "plan"):
        level = _text(row.record.get("niveau"))
        entry = _text(row.record.get("vermelding"))
        if level is not None and level not in LEVELS:
            row.problems.append(RowProblem(row.number, "niveau", "unknown"))
        if entry is not None and entry not in known:
            row.problems.append(RowProblem(row.number, "vermelding", "unknown"))
        who = row.text("voor")
        owner = row.text("eigenaar")
        step = row.text("eerste_stap")
        problems += row.problems
        if row.complete and level in LEVELS and entry in known:
            actions.append(
                Action(vermelding=entry, niveau=level, voor=who, eigenaar=owner, eerste_stap=step)  # type: ignore[arg-type]
            )
    return _capped(actions, "aanpak", problems), problems

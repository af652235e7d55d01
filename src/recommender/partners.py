"""Partners to involve: ranked by the suggested entries they serve and by their own match.

A partner is scored from a :class:`recommender.ranked.Ranking` and the rows an answer shows;
the reason names the partner's own role in each of those entries. The English page writes the
same reason with translated labels through :func:`partner_reason`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .config import RankingConfig
from .ranked import Ranking, top_indices
from .schema import Entry
from .vocabulary import PARTNER_ROLES, PARTNER_TYPE, ROLE_ORDER, TOTAL, WITHDRAWN_STATUS

#: How a partner's role in an entry reads in a reason (Dutch; the UI passes translations).
ROLE_VERBS: Mapping[str, str] = {
    "uitvoering": "voert uit",
    "regie": "regie over",
    "besluit": "besluit over",
    "verwijzer": "verwijst naar",
    "informatie": "levert informatie voor",
}
WORKS_ON = "werkt op"
FITS = "past bij de beschreven situatie"
#: The weight of a role missing from ``RankingConfig.partner_role_weights``.
DEFAULT_ROLE_WEIGHT = 0.5

_ABBREVIATION = re.compile(r"\(([A-Z][A-Za-z0-9/-]{1,11})\)\s*$")
_RUN_OF_SMALL_LETTERS = re.compile(r"[a-z]{3}")


def short_title(entry: Entry) -> str:
    """Return the abbreviation if the title has one in brackets, else the title.

    A bracketed word is an abbreviation only without a run of three small letters:
    "(MST)" and "(SoS)" are, "(Amsterdam)" in "Top600 / Top400 (Amsterdam)" is not.
    """
    match = _ABBREVIATION.search(entry.title)
    if match and not _RUN_OF_SMALL_LETTERS.search(match.group(1)):
        return match.group(1)
    return entry.title


def roles_served(partner_id: str, served: Iterable[Entry]) -> dict[str, list[str]]:
    """Return per role of ``partner_id`` the short titles of the ``served`` entries it has it in."""
    by_role: dict[str, list[str]] = {}
    for entry in served:
        for link in entry.partners:
            if link.id == partner_id:
                by_role.setdefault(link.role, []).append(short_title(entry))
    return by_role


def partner_reason(
    by_role: Mapping[str, Sequence[str]],
    shared: Sequence[str],
    role_labels: Mapping[str, str] = ROLE_VERBS,
    works_on: str = WORKS_ON,
    fits: str = FITS,
) -> str:
    """Return why a partner is suggested: its role per served entry, then what it works on.

    Args:
        by_role: Per role the (short) titles of the entries the partner has that role in.
        shared: Labels of the case's phenomena the partner itself works on.
        role_labels: How each role reads ("voert uit"); the English page passes its own.
        works_on: The words before ``shared``.
        fits: The reason when there is nothing else to say.
    """
    parts = [
        f"{role_labels[role]}: {', '.join(dict.fromkeys(by_role[role]))}"
        for role in PARTNER_ROLES
        if by_role.get(role)
    ]
    if shared:
        parts.append(f"{works_on}: {', '.join(shared).lower()}")
    return "; ".join(parts) or fits


def shared_phenomena(
    partner: Entry, phenomena: Iterable[str], label: Callable[[str], str]
) -> list[str]:
    """Return the labels of the case's ``phenomena`` that ``partner`` works on, in case order."""
    return [label(term) for term in phenomena if term in partner.phenomena]


@dataclass(frozen=True)
class PartnerGraph:
    """The links from entries to partners, compiled once per KB (rows index the entries)."""

    entries: Sequence[Entry]
    #: The rows of the partner entries; a partner's column is its position here.
    partner_rows: np.ndarray
    #: Per partner column whether the partner is withdrawn ('vervallen').
    withdrawn: np.ndarray
    #: Per row the partner columns the entry links.
    linked: Sequence[np.ndarray]
    #: Per row the role (position in PARTNER_ROLES) of each of those links.
    roles: Sequence[np.ndarray]
    #: The label of every phenomenon id.
    phenomenon_labels: Mapping[str, str]


def partner_graph(entries: Sequence[Entry], phenomenon_labels: Mapping[str, str]) -> PartnerGraph:
    """Compile the partner links of ``entries`` (in row order)."""
    partner_rows = np.array(
        [row for row, e in enumerate(entries) if e.type == PARTNER_TYPE], dtype=np.int64
    )
    column_of = {entries[row].id: column for column, row in enumerate(partner_rows.tolist())}
    # A link to a missing or non-partner entry is a reported KB problem; it is skipped here.
    links = [
        [(column_of[link.id], ROLE_ORDER[link.role]) for link in e.partners if link.id in column_of]
        for e in entries
    ]
    return PartnerGraph(
        entries=entries,
        partner_rows=partner_rows,
        withdrawn=np.array(
            [entries[row].status == WITHDRAWN_STATUS for row in partner_rows.tolist()], dtype=bool
        ),
        linked=[np.array([column for column, _ in found], dtype=np.int64) for found in links],
        roles=[np.array([role for _, role in found], dtype=np.int64) for found in links],
        phenomenon_labels=phenomenon_labels,
    )


def suggest_partners(
    ranking: Ranking,
    rows: Sequence[int],
    scores: Sequence[float],
    graph: PartnerGraph,
    config: RankingConfig,
) -> list[dict[str, Any]]:
    """Rank partners by the entries they serve (rank- and role-weighted) and their own match.

    Args:
        ranking: The ranked case; its total score is each partner's own match.
        rows: The rows the answer shows, best first.
        scores: Their scores as the answer shows them (the served weight is taken from these).
        graph: The compiled partner links.
        config: Partner weights and the number of partners to suggest.
    """
    if not graph.partner_rows.size:
        return []
    rank_weights = np.array(
        [max(score, 0.0) / math.log2(rank + 2) for rank, score in enumerate(scores)]
    )
    role_weights = np.array(
        [config.partner_role_weights.get(role, DEFAULT_ROLE_WEIGHT) for role in PARTNER_ROLES]
    )
    served = np.zeros(len(graph.partner_rows))
    if rows:
        columns = np.concatenate([graph.linked[row] for row in rows])
        link_weights = np.concatenate(
            [rank_weights[k] * role_weights[graph.roles[row]] for k, row in enumerate(rows)]
        )
        served = np.bincount(columns, weights=link_weights, minlength=len(served))
    direct = np.maximum(ranking.signals[TOTAL][graph.partner_rows], 0.0)
    totals = served + config.partner_direct_weight * direct
    # A withdrawn partner is never suggested, however often it is linked, and neither is one
    # that neither serves a result nor matches the case itself.
    available = np.flatnonzero(~graph.withdrawn & (totals > 0))
    if not available.size:
        return []
    chosen = available[top_indices(totals[available], config.partner_count)].tolist()
    best = float(totals[chosen[0]])
    wanted = set(chosen)
    carries: dict[int, list[int]] = {}
    for row in rows:
        for column in graph.linked[row].tolist():
            if column in wanted:
                carries.setdefault(column, []).append(row)
    phenomena = ranking.query.scoring_profile.phenomena
    suggestions = []
    for column in chosen:
        entry = graph.entries[graph.partner_rows[column]]
        served_rows = list(dict.fromkeys(carries.get(column, [])))
        served_entries = [graph.entries[row] for row in served_rows]
        suggestions.append(
            {
                "id": entry.id,
                "title": entry.title,
                "score": round(float(totals[column]) / best, 4),
                "reason": partner_reason(
                    roles_served(entry.id, served_entries),
                    shared_phenomena(entry, phenomena, graph.phenomenon_labels.__getitem__),
                ),
                "carries_out": [e.id for e in served_entries],
            }
        )
    return suggestions

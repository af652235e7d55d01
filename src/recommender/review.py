"""The review rule: an entry becomes ``actueel`` only through a review, and what is due for one.

A review records ``reviewed_by`` and ``last_reviewed``, and only after the adviser ticked every
listed source as checked. "Te herzien" lists concept entries and entries past the review interval,
the most often recommended first: counted over the answers to the evaluation cases and the
workshop vignettes, so the ordering is computed, never typed in.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from .editor import (
    EditorError,
    SaveResult,
    change_front,
    check_text,
    find_entry_file,
    read_draft,
    write_atomic,
)
from .loader import KnowledgeBase
from .vocabulary import WITHDRAWN_STATUS

if TYPE_CHECKING:
    from .ranking import Recommender

#: Default review interval: twelve months.
REVIEW_INTERVAL_DAYS = 365
#: How many answers per case count as "recommended".
COUNT_TOP_K = 10
#: Statuses that are never due: a withdrawn entry is not served, so not reviewed either.
NOT_REVIEWED: frozenset[str] = frozenset({WITHDRAWN_STATUS})
QUEUE_COLUMNS = ["id", "titel", "type", "status", "last_reviewed", "aanbevolen", "reden"]


@dataclass(frozen=True)
class ReviewRequest:
    """A review as the adviser submits it: who, and which sources (by position) were checked."""

    slug: str
    reviewer: str
    checked_sources: frozenset[int]


def review_blockers(front: Mapping[str, Any], request: ReviewRequest) -> list[str]:
    """Return why this review cannot be recorded yet (empty when it can), as field: message."""
    blockers = []
    if not request.reviewer.strip():
        blockers.append("reviewed_by: vul de naam van de beoordelaar in")
    if front.get("status") in NOT_REVIEWED:
        blockers.append(
            f"status: een vermelding met status {front.get('status')!r} wordt niet herzien"
        )
    sources = front.get("sources") or []
    missing = [str(n + 1) for n in range(len(sources)) if n not in request.checked_sources]
    if not sources:
        blockers.append("sources: er is geen bron om te controleren")
    elif missing:
        blockers.append(
            f"sources: bron {', '.join(missing)} is nog niet als gecontroleerd aangevinkt"
        )
    return blockers


def record_review(
    kb_root: Path, request: ReviewRequest, today: dt.date | None = None
) -> SaveResult:
    """Mark an entry reviewed: status actueel, ``reviewed_by`` and ``last_reviewed`` set, saved atomically.

    Nothing is written when a blocker remains or the result would not validate.

    Raises:
        EditorError: no entry with this slug, or the review is not complete (the message says why).
    """
    path = find_entry_file(kb_root, request.slug)
    if path is None:
        raise EditorError(f"id: geen vermelding {request.slug!r}")
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    blockers = review_blockers(draft.front, request)
    if blockers:
        raise EditorError("; ".join(blockers))
    changes = {
        "last_reviewed": today or dt.date.today(),
        "status": "actueel",
        "reviewed_by": request.reviewer.strip(),
    }
    text = change_front(original, changes)
    problems = check_text(kb_root, draft.entry_type, draft.slug, text)
    if problems:
        return SaveResult(problems, path, written=False, text=text)
    write_atomic(kb_root, path, text)
    return SaveResult([], path, written=True, text=text)


def evaluation_profiles(
    kb: KnowledgeBase, cases: Iterable[Mapping[str, Any]] = ()
) -> list[dict[str, Any]]:
    """Return the profiles whose answers count: the given evaluation cases and every vignette."""
    profiles = [dict(case) for case in cases]
    profiles += [casus.profile.model_dump() for casus in kb.casussen.values()]
    return profiles


def recommendation_counts(
    recommender: Recommender, profiles: Iterable[Mapping[str, Any]], top_k: int = COUNT_TOP_K
) -> Counter[str]:
    """Count in how many answers each entry or partner appears (top ``top_k`` and partners)."""
    counts: Counter[str] = Counter()
    for profile in profiles:
        try:
            answer = recommender.recommend(profile, top_k=top_k)
        except ValueError:  # a case whose ids this KB does not know is skipped, not fatal
            continue
        counts.update({r.id for r in answer.results} | {p.id for p in answer.partners})
    return counts


def review_queue(
    kb: KnowledgeBase,
    interval_days: int = REVIEW_INTERVAL_DAYS,
    counts: Mapping[str, int] | None = None,
    today: dt.date | None = None,
) -> pd.DataFrame:
    """Return the entries due for review: concept (or herzien-nodig) or older than the interval.

    Sorted by how often the entry is recommended (most first), then oldest review first.
    """
    today = today or dt.date.today()
    limit = today - dt.timedelta(days=interval_days)
    counts = counts or {}
    rows = []
    for entry in kb.entries.values():
        if entry.status in NOT_REVIEWED:
            continue
        reasons = []
        if entry.status != "actueel":
            reasons.append(entry.status)
        if entry.last_reviewed < limit:
            reasons.append(f"ouder dan {interval_days} dagen")
        if reasons:
            rows.append(
                {
                    "id": entry.id,
                    "titel": entry.title,
                    "type": entry.type,
                    "status": entry.status,
                    "last_reviewed": entry.last_reviewed,
                    "aanbevolen": int(counts.get(entry.id, 0)),
                    "reden": ", ".join(reasons),
                }
            )
    frame = pd.DataFrame(rows, columns=QUEUE_COLUMNS)
    return frame.sort_values(
        ["aanbevolen", "last_reviewed", "id"], ascending=[False, True, True]
    ).reset_index(drop=True)


def describe(request: ReviewRequest) -> str:
    """Return the commit message of a review."""
    return f"{request.slug}: beoordeeld door {request.reviewer.strip()}; status actueel"

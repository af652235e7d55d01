"""Coverage and maintenance figures for advisers."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from .index import SearchIndex
from .loader import ENTRY_TYPES, KnowledgeBase
from .vocabulary import PARTNER_TYPE


def counts_per_type(kb: KnowledgeBase) -> pd.DataFrame:
    """Return the number of valid entries (and concept entries) per type."""
    rows = []
    for entry_type in ENTRY_TYPES:
        entries = kb.of_type(entry_type)
        rows.append(
            {
                "type": entry_type,
                "aantal": len(entries),
                "concept": sum(e.status == "concept" for e in entries),
            }
        )
    rows.append(
        {
            "type": "casussen",
            "aantal": len(kb.casussen),
            "concept": sum(c.status == "concept" for c in kb.casussen.values()),
        }
    )
    return pd.DataFrame(rows).set_index("type")


def coverage_table(kb: KnowledgeBase) -> pd.DataFrame:
    """Return a phenomena x domains table counting non-partner entries that carry both."""
    assert kb.taxonomy is not None
    phenomena = kb.taxonomy.ids("phenomena")
    domains = kb.taxonomy.ids("domains")
    table = pd.DataFrame(0, index=pd.Index(phenomena, name="fenomeen"), columns=domains)
    for entry in kb.entries.values():
        if entry.type == PARTNER_TYPE:
            continue
        for phenomenon in entry.phenomena:
            for domain in entry.domains:
                table.loc[phenomenon, domain] += 1
    return table


def due_for_review(
    kb: KnowledgeBase, max_age_days: int = 365, today: dt.date | None = None
) -> pd.DataFrame:
    """Return entries whose ``last_reviewed`` is older than ``max_age_days``, oldest first."""
    today = today or dt.date.today()
    limit = today - dt.timedelta(days=max_age_days)
    rows = [
        {
            "id": e.id,
            "type": e.type,
            "last_reviewed": e.last_reviewed,
            "status": e.status,
            "pad": e.path,
        }
        for e in kb.entries.values()
        if e.last_reviewed < limit
    ]
    frame = pd.DataFrame(rows, columns=["id", "type", "last_reviewed", "status", "pad"])
    return frame.sort_values("last_reviewed").reset_index(drop=True)


def near_duplicates(
    entry_ids: list[str], vectors: np.ndarray, titles: dict[str, str], threshold: float = 0.9
) -> pd.DataFrame:
    """Return pairs of entries whose summary vectors have cosine similarity >= ``threshold``.

    Args:
        entry_ids: Ids in the order of ``vectors``.
        vectors: One unit vector per entry (its title/aliases/summary passage).
        titles: Titles by id, for display.
        threshold: Lowest cosine similarity to report.
    """
    similarity = vectors @ vectors.T
    upper = np.triu(similarity, k=1)
    rows, cols = np.nonzero(upper >= threshold)
    pairs = [
        {
            "a": titles[entry_ids[i]],
            "b": titles[entry_ids[j]],
            "cosinus": round(float(similarity[i, j]), 3),
            "id_a": entry_ids[i],
            "id_b": entry_ids[j],
        }
        for i, j in zip(rows, cols, strict=True)
    ]
    frame = pd.DataFrame(pairs, columns=["a", "b", "cosinus", "id_a", "id_b"])
    return frame.sort_values("cosinus", ascending=False).reset_index(drop=True)


def header_vectors(index: SearchIndex) -> tuple[list[str], np.ndarray]:
    """Return entry ids and the vector of each entry's header passage (title, aliases, summary)."""
    ids, rows = [], []
    for entry_id, passage_rows in index.passage_rows.items():
        header = next((r for r in passage_rows if not index.passages[r].section), passage_rows[0])
        ids.append(entry_id)
        rows.append(header)
    return ids, index.vectors[rows] if rows else np.zeros(
        (0, index.vectors.shape[1]), dtype=np.float32
    )

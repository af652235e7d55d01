"""Page Beheer: validation report, coverage, review dates, duplicates and the index."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from ..index import ensure_search_index
from ..stats import coverage_table, due_for_review, header_vectors, near_duplicates
from .common import (
    fresh_kb,
    get_recommender,
    index_dir,
    kb_dir,
    label,
    manifest_summary,
    recommender,
    t,
)


def _validation(kb) -> None:
    st.subheader(t("validation"))
    if not kb.problems:
        st.success(t("validation_ok", entries=len(kb.entries), cases=len(kb.casussen)))
        return
    st.error(t("validation_problems", count=len(kb.problems), files=len(kb.broken_files)))
    frame = pd.DataFrame(
        [
            {"bestand": p.path, "regel": p.line, "veld": p.field, "melding": p.message}
            for p in kb.problems
        ]
    )
    st.dataframe(frame, hide_index=True, width="stretch")
    st.code("\n".join(str(p) for p in kb.problems), language=None)


def _coverage(kb) -> None:
    st.subheader(t("coverage"))
    table = coverage_table(kb)
    long = table.reset_index().melt(id_vars="fenomeen", var_name="domein", value_name="aantal")
    long["fenomeen"] = long["fenomeen"].map(lambda v: label("phenomena", v))
    long["domein"] = long["domein"].map(lambda v: label("domains", v))
    chart = (
        alt.Chart(long)
        .mark_rect()
        .encode(
            x=alt.X("domein:N", title=None, axis=alt.Axis(labelAngle=-30)),
            y=alt.Y("fenomeen:N", title=None),
            color=alt.Color("aantal:Q", scale=alt.Scale(scheme="blues"), title="#"),
            tooltip=["fenomeen", "domein", "aantal"],
        )
    )
    text = chart.mark_text(fontSize=11).encode(
        text="aantal:Q",
        color=alt.condition("datum.aantal > 6", alt.value("white"), alt.value("black")),
    )
    st.altair_chart(chart + text, width="stretch")


def _review(kb) -> None:
    st.subheader(t("review_due"))
    days = st.number_input(
        t("review_age"), min_value=1, max_value=3650, value=365, key="beheer_days"
    )
    frame = due_for_review(kb, max_age_days=int(days))
    if frame.empty:
        st.success(t("review_none"))
    else:
        st.dataframe(frame, hide_index=True, width="stretch")


def _duplicates() -> None:
    st.subheader(t("duplicates"))
    rec = recommender()
    threshold = st.slider(t("duplicates_threshold"), 0.5, 0.99, 0.85, 0.01, key="beheer_threshold")
    ids, vectors = header_vectors(rec.index)
    titles = {entry_id: rec.kb.entries[entry_id].title for entry_id in ids}
    frame = near_duplicates(ids, vectors, titles, threshold)
    if frame.empty:
        st.success(t("duplicates_none"))
    else:
        st.dataframe(frame, hide_index=True, width="stretch")


def _index() -> None:
    st.subheader(t("manifest"))
    if st.button(t("rebuild"), help=t("rebuild_help"), key="beheer_rebuild", type="primary"):
        bar = st.progress(0.0, text=t("rebuild"))
        kb = fresh_kb()
        encoder = recommender().encoder
        ensure_search_index(
            kb,
            encoder,
            index_dir(),
            progress=lambda f, m: bar.progress(min(1.0, f), text=m),
            force=True,
        )
        get_recommender.clear()
        get_recommender(str(kb_dir()), str(index_dir()))
        st.success(t("rebuilt"))
    manifest = manifest_summary()
    if manifest is None:
        st.info(t("no_manifest"))
        return
    shown = {k: v for k, v in manifest.items() if k != "files"}
    st.json(shown)


def render() -> None:
    """Draw the Beheer page."""
    st.title(t("beheer_title"))
    kb = fresh_kb()
    _validation(kb)
    if kb.taxonomy is None:
        return
    _coverage(kb)
    _review(kb)
    _duplicates()
    _index()

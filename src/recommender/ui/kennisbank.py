"""Page Kennisbank: browse, filter and search every entry; open one entry in full."""

from __future__ import annotations

import streamlit as st

from ..loader import KnowledgeBase
from ..schema import Entry
from ..taxonomy import FACETS
from ..vocabulary import ENTRY_TYPES, PARTNER_TYPE
from . import state
from .common import (
    broken_files_banner,
    evidence_badge,
    label,
    number,
    recommender,
    safe_markdown,
    status_badge,
    t,
)

ENTRY_PARAM = state.PARAM_ENTRY
SEARCH_LIMIT = 25


def _open(entry_id: str) -> None:
    st.query_params[ENTRY_PARAM] = entry_id


def _close() -> None:
    st.query_params.pop(ENTRY_PARAM, None)


def _entry_button(entry: Entry, key: str) -> None:
    st.button(
        f"{entry.title}",
        key=key,
        on_click=_open,
        args=(entry.id,),
        type="tertiary",
        help=entry.summary,
    )


def _matches_filters(entry: Entry, filters: dict[str, list[str]]) -> bool:
    for field, wanted in filters.items():
        if not wanted:
            continue
        value = getattr(entry, field)
        values = [value] if isinstance(value, str) or value is None else list(value)
        if not set(values) & set(wanted):
            return False
    return True


def _overview() -> None:
    rec = recommender()
    kb = rec.kb
    taxonomy = rec.taxonomy
    st.title(t("kb_title"))
    st.caption(t("kb_intro"))
    query = st.text_input(
        t("kb_search"), key=state.KB_QUERY, placeholder="bv. sluiting drugspand, MST, Bibob"
    )

    def pick(column, title: str, options: list[str], vocabulary: str, key: str) -> list[str]:
        return column.multiselect(
            title,
            options,
            format_func=lambda v: label(vocabulary, v),
            key=key,
            placeholder=t("choose"),
        )

    columns = st.columns(4)
    filters = {"type": pick(columns[0], t("kb_types"), ENTRY_TYPES, "types", state.KB_TYPE)}
    for column, facet in zip(columns[1:] + st.columns(4)[:2], FACETS, strict=True):
        filters[facet] = pick(column, t(facet), taxonomy.ids(facet), facet, state.KB_FACET[facet])
    extra = st.columns(4)
    filters["evidence"] = pick(
        extra[0], t("kb_evidence"), taxonomy.ids("evidence"), "evidence", state.KB_EVIDENCE
    )
    filters["status"] = pick(
        extra[1], t("kb_status"), taxonomy.ids("statuses"), "statuses", state.KB_STATUS
    )
    entries = [e for e in kb.entries.values() if _matches_filters(e, filters)]
    if query.strip():
        order = dict(rec.search(query))
        entries = sorted((e for e in entries if e.id in order), key=lambda e: -order[e.id])
        entries = entries[:SEARCH_LIMIT]
    else:
        entries.sort(key=lambda e: (ENTRY_TYPES.index(e.type), e.title.lower()))
    st.caption(t("kb_count", count=number(len(entries))))
    if not entries:
        st.info(t("kb_no_match") if query.strip() else t("kb_none"))
    for entry in entries:
        row = st.container(horizontal=True, vertical_alignment="center")
        with row:
            _entry_button(entry, key=f"open-{entry.id}")
            st.caption(label("types", entry.type))
            evidence_badge(entry.evidence)


def _links(title: str, entry_ids: list[str], prefix: str, kb: KnowledgeBase) -> None:
    present = [kb.entries[i] for i in dict.fromkeys(entry_ids) if i in kb.entries]
    if not present:
        return
    safe_markdown(f"**{title}**")
    for entry in present:
        _entry_button(entry, key=f"{prefix}-{entry.id}")


def _detail(entry_id: str) -> None:
    kb = recommender().kb
    st.button(t("back"), on_click=_close, type="tertiary", key="kb_back")
    entry = kb.entries.get(entry_id)
    if entry is None:
        st.warning(t("not_found", id=entry_id))
        return
    entry_detail(entry, kb)


def entry_detail(entry: Entry, kb: KnowledgeBase, prefix: str = "") -> None:
    """Show one entry in full; Beheer's live preview calls this too (``prefix`` keeps keys apart)."""
    st.title(entry.title)
    badges = st.container(horizontal=True)
    with badges:
        st.badge(label("types", entry.type), color="blue")
        evidence_badge(entry.evidence)
        status_badge(entry.status)
    safe_markdown(entry.summary)
    if entry.aliases:
        st.caption(" · ".join(entry.aliases))
    facet_lines = [
        f"**{t(facet)}:** {', '.join(label(facet, term) for term in getattr(entry, facet))}"
        for facet in FACETS
        if getattr(entry, facet)
    ]
    if entry.age_range:
        facet_lines.append(t("ages", low=entry.age_range[0], high=entry.age_range[1]))
    safe_markdown("  \n".join(facet_lines))
    main, side = st.columns([2, 1])
    with main:
        for section, text in entry.sections.items():
            st.subheader(section)
            safe_markdown(text)
    with side:
        if entry.decision_maker:
            safe_markdown(f"**{t('decision_maker')}**")
            safe_markdown(entry.decision_maker)
        if entry.mandate:
            safe_markdown(f"**{t('mandate')}**")
            safe_markdown(entry.mandate)
        if entry.access:
            safe_markdown(f"**{t('access')}**")
            safe_markdown(entry.access)
        if entry.partners:
            safe_markdown(f"**{t('partners')}**")
            for link in entry.partners:
                partner = kb.entries.get(link.id)
                if partner:
                    row = st.container(horizontal=True, vertical_alignment="center")
                    with row:
                        _entry_button(partner, key=f"{prefix}partner-{link.id}")
                        st.caption(label("partner_roles", link.role))
        if entry.type == PARTNER_TYPE:
            serving = [
                e.id for e in kb.entries.values() if any(p.id == entry.id for p in e.partners)
            ]
            _links(t("carries_out"), serving, f"{prefix}serves", kb)
        if entry.legal_basis:
            safe_markdown(f"**{t('legal_basis')}**")
            safe_markdown(
                "\n".join(
                    f"- [{basis.article} {basis.law}]({basis.url})" for basis in entry.legal_basis
                )
            )
        _links(t("combines_with"), entry.combines_with, f"{prefix}combines", kb)
        _links(t("alternatives"), entry.alternatives, f"{prefix}alternative", kb)
        own_partners = {p.id for p in entry.partners}
        shared = [
            other.id
            for other in kb.entries.values()
            if other.id != entry.id
            and own_partners & {p.id for p in other.partners}
            and other.type != PARTNER_TYPE
        ][:6]
        _links(t("shared_partners"), shared, f"{prefix}shared", kb)
        safe_markdown(f"**{t('sources')}**")
        safe_markdown("\n".join(f"- [{s.title}]({s.url}) — {s.publisher}" for s in entry.sources))
        st.caption(
            t(
                "reviewed",
                date=entry.last_reviewed.isoformat(),
                status=label("statuses", entry.status),
            )
        )


def render() -> None:
    """Draw the Kennisbank page: the overview, or one entry when ?entry= is set."""
    broken_files_banner(recommender().kb)
    entry_id = st.query_params.get(ENTRY_PARAM)
    if entry_id:
        _detail(entry_id)
    else:
        _overview()

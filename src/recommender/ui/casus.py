"""Page Casus: describe a situation, get an explained, integrated approach and partners."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from ..export import plan_docx, plan_markdown
from ..privacy import KINDS, check_text
from ..render import partner_network_dot
from ..results import Recommendation, Result
from ..taxonomy import FACETS
from .common import (
    broken_files_banner,
    download,
    evidence_badge,
    label,
    print_css,
    recommender,
    safe_markdown,
    status_badge,
    t,
)

PROFILE_KEY = "casus_profile"
TEXT_KEY = "casus_text"
PII_OK_KEY = "casus_pii_ok"
SCORE_PARTS = ("dense", "lexical", "facets", "combination", "cases")


def _facets_from_query_params(taxonomy) -> dict[str, list[str]]:
    """Read facets from the URL, keeping only valid ids (the text is never in the URL)."""
    chosen = {}
    for facet in FACETS:
        values = st.query_params.get_all(facet)
        chosen[facet] = [v for v in values if v in taxonomy.ids(facet)]
    return chosen


def _share_facets(profile: dict[str, object]) -> None:
    st.query_params.clear()
    for facet in FACETS:
        values = profile.get(facet) or []
        if values:
            st.query_params[facet] = list(values)  # type: ignore[assignment]


def _use_pseudonymised(text: str) -> None:
    st.session_state[TEXT_KEY] = text
    if st.session_state.get(PROFILE_KEY):
        st.session_state[PROFILE_KEY] = {**st.session_state[PROFILE_KEY], "text": text}


def _form(taxonomy) -> None:
    defaults = _facets_from_query_params(taxonomy)
    with st.form("casus_form"):
        st.text_area(t("description"), key=TEXT_KEY, height=170, help=t("description_help"))
        left, middle, right = st.columns(3)
        chosen: dict[str, object] = {}
        for column, facet in zip((left, middle, right, left, middle), FACETS, strict=True):
            with column:
                chosen[facet] = st.multiselect(
                    t(facet),
                    options=taxonomy.ids(facet),
                    default=defaults.get(facet) or None,
                    format_func=lambda term, f=facet: label(f, term),
                    help=" · ".join(
                        f"{label(facet, term)}: {taxonomy.vocabulary(facet)[term].definitie}"
                        for term in taxonomy.ids(facet)
                    ),
                    key=f"casus_{facet}",
                    placeholder=t("choose"),
                )
        with right:
            chosen["age"] = st.number_input(
                t("age"),
                min_value=0,
                max_value=99,
                value=None,
                step=1,
                help=t("age_help"),
                key="casus_age",
            )
        submitted = st.form_submit_button(t("search"), type="primary")
    if submitted:
        profile = {"text": st.session_state.get(TEXT_KEY, ""), **chosen}
        st.session_state[PROFILE_KEY] = profile
        st.session_state[PII_OK_KEY] = False
        _share_facets(profile)


def _privacy_gate(profile: dict[str, object]) -> bool:
    """Return True when matching may go ahead; otherwise show the warning and the choices."""
    check = check_text(str(profile.get("text") or ""))
    if check.clean or st.session_state.get(PII_OK_KEY):
        return True
    kinds = ", ".join(KINDS[kind] for kind in check.kinds())
    st.warning(t("pii_found", kinds=kinds), icon=":material/lock:")
    pseudonymised = check.pseudonymised()
    st.text_area(t("pii_pseudonymised"), value=pseudonymised, disabled=True, key="casus_pseudo")
    left, right = st.columns(2)
    left.button(
        t("use_pseudonymised"), type="primary", on_click=_use_pseudonymised, args=(pseudonymised,)
    )
    if right.button(t("continue_anyway")):
        st.session_state[PII_OK_KEY] = True
        st.rerun()
    return False


def _result_card(result: Result) -> None:
    from .pages import page

    with st.container(border=True):
        safe_markdown(f"**{result.title}**")
        badges = st.container(horizontal=True)
        with badges:
            evidence_badge(result.evidence)
            status_badge(result.status)
            st.caption(f"score {result.score:.2f}")
        safe_markdown(result.summary)
        with st.expander(t("why")):
            why = result.why
            if why.matched_facets:
                safe_markdown(f"**{t('matched_facets')}**")
                for facet, terms in why.matched_facets.items():
                    safe_markdown(
                        f"- {t(facet)}: {', '.join(label(facet, term) for term in terms)}"
                    )
            if why.age_overlap:
                st.caption(why.age_overlap)
            if why.passage:
                safe_markdown(f"**{t('best_passage')}** — {why.passage.section}")
                safe_markdown(why.passage.snippet)
            if why.combines_with:
                safe_markdown(f"**{t('combines_with')}:** {', '.join(why.combines_with)}")
            if why.similar_cases:
                safe_markdown(f"**{t('similar_cases')}:** {', '.join(why.similar_cases)}")
            safe_markdown(f"**{t('score_parts')}**")
            parts = why.score_parts.model_dump()
            # A plain table: ten charts per page cost the browser more than they tell.
            safe_markdown(
                "| "
                + " | ".join(t(f"part_{p}") for p in SCORE_PARTS)
                + " | totaal |\n"
                + "|"
                + "---:|" * (len(SCORE_PARTS) + 1)
                + "\n"
                + "| "
                + " | ".join(f"{parts[p]:.2f}" for p in SCORE_PARTS)
                + f" | {result.score:.2f} |"
            )
        st.page_link(
            page("kennisbank"),
            label=t("open_entry"),
            icon=":material/open_in_new:",
            query_params={"entry": result.id},
        )


def _results_tab(answer: Recommendation) -> None:
    for entry_type, results in answer.grouped().items():
        if not results:
            continue
        st.subheader(f"{t('type_' + entry_type)} ({len(results)})")
        for result in results:
            _result_card(result)


def _plan_tab(answer: Recommendation) -> None:
    rec = recommender()
    st.caption(t("plan_intro"))
    rows = []
    for item in answer.package:
        entry = rec.kb.entries[item.id]
        who = "; ".join(
            f"{rec.kb.entries[link.id].title} ({label('partner_roles', link.role).lower()})"
            for link in entry.partners
            if link.id in rec.kb.entries
        )
        result = next((r for r in answer.results if r.id == item.id), None)
        why = (
            "; ".join(
                ", ".join(label(facet, term) for term in terms)
                for facet, terms in result.why.matched_facets.items()
            )
            if result
            else ""
        )
        rows.append(
            {
                t("col_part"): item.title,
                t("col_type"): label("types", item.type),
                t("col_side"): ", ".join(item.sides),
                t("col_who"): who,
                t("col_why"): why,
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    for note in answer.package_notes:
        st.info(note)
    if st.toggle(t("print_view"), key="casus_print"):
        print_css()
        st.caption(t("print_hint"))
        safe_markdown(plan_markdown(answer, rec.kb))


def _partners_tab(answer: Recommendation) -> None:
    st.caption(t("partners_intro"))
    for partner in answer.partners:
        safe_markdown(f"- **{partner.title}** — {partner.reason}")
    safe_markdown(f"**{t('network')}**")
    st.graphviz_chart(partner_network_dot(answer, recommender().kb), width="stretch")


def _export_tab(answer: Recommendation, text: str) -> None:
    rec = recommender()
    include = st.checkbox(t("include_description"), value=False, key="casus_include_text")
    description = text if include and text.strip() else None
    left, right = st.columns(2)
    download(
        left,
        t("download_md"),
        lambda: plan_markdown(answer, rec.kb, description=description),
        "plan-van-aanpak.md",
        icon=":material/description:",
    )
    download(
        right,
        t("download_docx"),
        lambda: plan_docx(answer, rec.kb, description=description),
        "plan-van-aanpak.docx",
        icon=":material/article:",
    )
    safe_markdown(f"**{t('share')}**")
    st.caption(t("share_help"))
    query = "&".join(f"{k}={v}" for k in FACETS for v in (getattr(answer.profile, k) or []))
    base = str(getattr(st.context, "url", "") or "").split("?")[0]
    st.code(f"{base}?{query}" if query else base or "?", language=None)


def render() -> None:
    """Draw the Casus page."""
    rec = recommender()
    taxonomy = rec.taxonomy
    broken_files_banner(rec.kb)
    st.title(t("casus_title"))
    st.caption(t("casus_intro"))
    _form(taxonomy)
    profile = st.session_state.get(PROFILE_KEY)
    if not profile:
        st.info(t("start_hint"))
        return
    if not _privacy_gate(profile):
        return
    query = {k: v for k, v in profile.items() if v not in (None, [], "")}
    if query.get("age") is not None and query.get("age_groups"):
        groups = taxonomy.age_groups_for(int(query["age"]))
        if not set(groups) & set(query["age_groups"]):
            st.info(t("age_conflict", age=query["age"]))
        query.pop("age_groups")
    if not query:
        st.warning(t("empty_profile"))
        return
    try:
        answer = rec.recommend(query, top_k=10)
    except ValidationError as error:
        st.error("; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors()))
        return
    for notice in answer.notices:
        st.info(notice, icon=":material/info:")
    results_tab, plan_tab, partners_tab, export_tab = st.tabs(
        [t("results_tab"), t("plan_tab"), t("partners_tab"), t("export_tab")]
    )
    with results_tab:
        _results_tab(answer)
    with plan_tab:
        _plan_tab(answer)
    with partners_tab:
        _partners_tab(answer)
    with export_tab:
        _export_tab(answer, str(profile.get("text") or ""))

"""Page Casus: describe a situation, get an explained, integrated approach and partners.

The page is composed of small parts drawn in order by :func:`render`: the address is read
(a shared link), the form, the case file (open and save), the privacy gate, then the answer:
notices, the reading of the situation, and the tabs. Print mode replaces all of it with the
answer alone. Session-state keys live in :mod:`.state`.
"""

from __future__ import annotations

import html

import streamlit as st
from pydantic import ValidationError

from ..casefile import CaseFile, CaseFileError, load_case
from ..export import plan_docx, plan_markdown
from ..partners import partner_reason as compose_partner_reason
from ..partners import roles_served, shared_phenomena
from ..privacy import TextTooLong, check_text
from ..profile import MAX_TEXT_CHARS
from ..render import markdown_to_html, partner_network_dot
from ..results import PartnerSuggestion, Recommendation, Result
from ..taxonomy import FACETS, Taxonomy
from ..vocabulary import PARTNER_ROLES, SCORE_PARTS
from . import state
from .casus_plan import frame_panel, other_groups, plan_view, safety_notes
from .common import (
    badges_html,
    boxed_html,
    broken_files_banner,
    caption_html,
    download,
    heading_html,
    html_block,
    kb_html,
    label,
    language,
    number,
    print_css,
    recommender,
    responsive_css,
    safe_html,
    safe_markdown,
    t,
)
from .pages import page

TOP_K = 10
#: The keys of the answer's fragment, which a search reruns alone, and of the notice under
#: the form, which a click with nothing asked reruns alone.
ANSWER_FRAGMENT = "casus-answer"
EMPTY_FRAGMENT = "casus-empty"


# --- the address: what a shared link carries ---------------------------------------------


def _address_params(profile: dict[str, object]) -> dict[str, list[str] | str]:
    """Return the address parameters for a profile: facet ids and age, never the text."""
    params: dict[str, list[str] | str] = {}
    for facet in FACETS:
        values = [str(v) for v in profile.get(facet) or []]
        if values:
            params[facet] = values
    if profile.get("age") is not None:
        params[state.PARAM_AGE] = str(profile["age"])
    if str(profile.get("text") or "").strip():
        params[state.PARAM_HAD_TEXT] = "1"
    if language() != "nl":
        params[state.PARAM_LANGUAGE] = language()
    return params


def _profile_to_address(profile: dict[str, object]) -> None:
    wanted = _address_params(profile)
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    normalised = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normalised:
        st.query_params.from_dict(wanted)


def _restore_from_address(taxonomy: Taxonomy) -> None:
    """On a new session, take facets and age from the address and run the search."""
    if state.CASUS_PROFILE in st.session_state or state.CASUS_FROM_LINK in st.session_state:
        return
    facets = {
        facet: [v for v in st.query_params.get_all(facet) if v in taxonomy.ids(facet)]
        for facet in FACETS
    }
    raw_age = st.query_params.get(state.PARAM_AGE, "")
    age = int(raw_age) if raw_age.isascii() and raw_age.isdigit() and len(raw_age) <= 2 else None
    st.session_state[state.CASUS_FROM_LINK] = st.query_params.get(state.PARAM_HAD_TEXT) == "1"
    if not any(facets.values()) and age is None:
        return
    for facet, values in facets.items():
        st.session_state[state.CASUS_FACET[facet]] = values
    st.session_state[state.CASUS_AGE] = age
    st.session_state[state.CASUS_PROFILE] = {"text": "", **facets, "age": age}


def share_link(profile: dict[str, object]) -> str:
    """Return the link to this case, on the address the user reached the app on."""
    base = str(getattr(st.context, "url", "") or "").split("?")[0]
    base = base.rstrip("/") + "/" if base else base  # st.context.url may lack the last slash
    params = _address_params(profile)
    query = "&".join(
        f"{key}={value}"
        for key, values in params.items()
        for value in (values if isinstance(values, list) else [values])
    )
    return f"{base}?{query}" if query else base


# --- the form and the case file ----------------------------------------------------------


@st.fragment
def _form(taxonomy: Taxonomy) -> None:
    """The case form; its submit reruns only the answer or the notice (see :func:`_submit`)."""
    with st.form("casus_form"):
        st.text_area(
            t("description"),
            key=state.CASUS_TEXT,
            height=170,
            max_chars=MAX_TEXT_CHARS,
            help=t("description_help", max=number(MAX_TEXT_CHARS)),
        )
        left, middle, right = st.columns(3)
        for column, facet in zip((left, middle, right, left, middle), FACETS, strict=True):
            with column:
                st.multiselect(
                    t(facet),
                    options=taxonomy.ids(facet),
                    format_func=lambda term, f=facet: label(f, term),
                    help=" · ".join(
                        f"{label(facet, term)}: {taxonomy.vocabulary(facet)[term].definitie}"
                        for term in taxonomy.ids(facet)
                    ),
                    key=state.CASUS_FACET[facet],
                    placeholder=t("choose"),
                )
        with right:
            st.number_input(
                t("age"),
                min_value=0,
                max_value=99,
                value=None,
                step=1,
                help=t("age_help"),
                key=state.CASUS_AGE,
            )
        st.form_submit_button(t("search"), type="primary", on_click=_submit)


@st.fragment(key=EMPTY_FRAGMENT)
def _empty_notice() -> None:
    """Under the form: what is missing after a click with nothing asked (see :func:`_submit`)."""
    if st.session_state.pop(state.CASUS_EMPTY_CLICK, False):
        st.warning(t("empty_profile"))


def _submit() -> None:
    """Put what the form asks in the session; rerun only the answer when there is one.

    A search reruns the answer's fragment alone: the form, the sidebar and the navigation are
    not drawn again (the form already shows what was typed). A click with nothing asked and
    nothing shown reruns only the notice under the form, which says what is missing.
    """
    profile = _form_profile()
    if not _asked(profile) and not st.session_state.get(state.CASUS_PROFILE):
        # Only the notice under the form reruns: the form already shows what was typed.
        st.session_state[state.CASUS_EMPTY_CLICK] = True
        st.rerun(EMPTY_FRAGMENT)
    st.session_state[state.CASUS_PROFILE] = profile
    st.session_state[state.CASUS_PII_OK] = False
    st.session_state[state.CASUS_FROM_LINK] = False
    saved = st.session_state.setdefault(state.CASUS_SAVE, {})  # read by "Casus opslaan"
    saved.clear()
    saved.update(profile)
    st.rerun(ANSWER_FRAGMENT)


def _restore_form(profile: dict[str, object] | None) -> None:
    """Give the form back what was last searched when Streamlit has dropped its values.

    A search runs only the answer's fragment, and Streamlit forgets the values of the form's
    widgets at the end of such a run; the next full run (another page and back) would show an
    empty form above the answer.
    """
    if not profile:
        return
    wanted = {
        state.CASUS_TEXT: str(profile.get("text") or ""),
        state.CASUS_AGE: profile.get("age"),
        **{key: list(profile.get(facet) or []) for facet, key in state.CASUS_FACET.items()},
    }
    for key, value in wanted.items():
        if key not in st.session_state:
            st.session_state[key] = value


def _asked(profile: dict[str, object]) -> dict[str, object]:
    """The parts of a form profile that hold something (empty when nothing is asked)."""
    return {k: v for k, v in profile.items() if v not in (None, [], "")}


def _form_profile() -> dict[str, object]:
    return {
        "text": st.session_state.get(state.CASUS_TEXT) or "",
        **{
            facet: list(st.session_state.get(key) or []) for facet, key in state.CASUS_FACET.items()
        },
        "age": st.session_state.get(state.CASUS_AGE),
    }


def _open_case() -> None:
    upload = st.session_state.get(state.CASUS_UPLOAD)
    if upload is None:
        return
    try:
        case = load_case(upload.getvalue(), recommender().taxonomy)
    except CaseFileError as error:
        st.session_state[state.CASUS_UPLOAD_ERROR] = str(error)
        return
    st.session_state.pop(state.CASUS_UPLOAD_ERROR, None)
    st.session_state[state.CASUS_TEXT] = case.text
    for facet, values in case.facets().items():
        st.session_state[state.CASUS_FACET[facet]] = values
    st.session_state[state.CASUS_AGE] = case.age
    st.session_state[state.CASUS_PROFILE] = _form_profile()
    st.session_state[state.CASUS_PII_OK] = False


def _case_file() -> None:
    """Save the form as a file, or open one: nothing is kept on the server."""
    left, right = st.columns([1, 2])
    with left:
        # The file is made when clicked, from the form as last searched. A search reruns only
        # the answer, not this button, so the button reads a holder that the search refills.
        searched = st.session_state.setdefault(state.CASUS_SAVE, {})
        searched.clear()
        searched.update(_form_profile())
        download(
            st,
            t("case_save"),
            lambda: CaseFile.model_validate(dict(searched), strict=False).dumps(),
            "casus.json",
            icon=":material/save:",
        )
        st.caption(t("case_save_help"))
    with right, st.expander(t("case_open"), icon=":material/folder_open:"):
        st.file_uploader(
            t("case_open"),
            type=["json"],
            key=state.CASUS_UPLOAD,
            on_change=_open_case,
            label_visibility="collapsed",
        )
    if error := st.session_state.get(state.CASUS_UPLOAD_ERROR):
        st.error(t("case_open_failed", error=error), icon=":material/error:")


# --- the privacy gate ---------------------------------------------------------------------


def _use_pseudonymised(text: str) -> None:
    st.session_state[state.CASUS_TEXT] = text
    if st.session_state.get(state.CASUS_PROFILE):
        st.session_state[state.CASUS_PROFILE] = {
            **st.session_state[state.CASUS_PROFILE],
            "text": text,
        }
    st.rerun()  # the form above the answer shows the new text too


def _continue_anyway() -> None:
    st.session_state[state.CASUS_PII_OK] = True


def _privacy_passed(profile: dict[str, object]) -> bool:
    """Return True when the text is clean or the user chose to continue (draws nothing)."""
    if st.session_state.get(state.CASUS_PII_OK):
        return True
    try:
        return check_text(str(profile.get("text") or "")).clean
    except TextTooLong:
        return False


def _privacy_gate(profile: dict[str, object]) -> bool:
    """Return True when matching may go ahead; otherwise show the warning and the choices."""
    try:
        check = check_text(str(profile.get("text") or ""))
    except TextTooLong:
        st.error(t("text_too_long", max=number(MAX_TEXT_CHARS)))
        return False
    if check.clean or st.session_state.get(state.CASUS_PII_OK):
        return True
    kinds = ", ".join(t(f"pii_{kind}") for kind in check.kinds())
    st.warning(t("pii_found", kinds=kinds), icon=":material/lock:")
    pseudonymised = check.pseudonymised()
    st.text_area(t("pii_pseudonymised"), value=pseudonymised, disabled=True, key=state.CASUS_PSEUDO)
    left, right = st.columns(2)
    left.button(
        t("use_pseudonymised"), type="primary", on_click=_use_pseudonymised, args=(pseudonymised,)
    )
    right.button(t("continue_anyway"), on_click=_continue_anyway)
    return False


# --- the answer ----------------------------------------------------------------------------


def _query(profile: dict[str, object], taxonomy: Taxonomy) -> dict[str, object]:
    """Return what is sent to the recommender; warns when age and age groups disagree."""
    query = _asked(profile)
    if query.get("age") is not None and query.get("age_groups"):
        groups = taxonomy.age_groups_for(int(query["age"]))  # type: ignore[arg-type]
        if not set(groups) & set(query["age_groups"]):  # type: ignore[arg-type]
            st.info(t("age_conflict", age=query["age"]))
        query.pop("age_groups")
    return query


def _answer(query: dict[str, object]) -> Recommendation:
    """Answer a query, once per query and loaded recommender in this session: switching tabs
    or ticking a box reruns the page without asking the engine again. Kept in the session
    only, like the text itself."""
    rec = recommender()
    key = (repr(sorted(query.items())), id(rec))
    cached = st.session_state.get(state.CASUS_ANSWER)
    if cached is not None and cached[0] == key:
        return cached[1]
    answer = rec.recommend(query, top_k=TOP_K)
    st.session_state[state.CASUS_ANSWER] = (key, answer)
    return answer


def _notices(answer: Recommendation) -> None:
    """The engine's notices, in the chosen language."""
    text, cut = answer.profile.truncated_text()
    if cut:
        st.info(t("notice_cut", count=number(len(text))), icon=":material/info:")
    if st.session_state.get(state.CASUS_FROM_LINK):
        st.info(t("notice_from_link"), icon=":material/link:")


def reading_panel(answer: Recommendation) -> None:
    """How the description was read: the facets derived from the text, not chosen."""
    if not answer.inferred_facets:
        return
    described = "; ".join(
        f"{t(facet).lower()}: {', '.join(label(facet, term) for term in terms)}"
        for facet, terms in answer.inferred_facets.items()
    )
    st.info(t("notice_inferred", facets=described), icon=":material/info:")


def _why_html(result: Result) -> str:
    """The explanation of one result as HTML (one element, not ten).

    Built directly: only the passage is KB Markdown. The page's own texts,
    labels and numbers went through the Markdown renderer before, most of a search's server
    time.
    """
    why = result.why
    esc = html.escape
    blocks = []
    if why.matched_facets:
        items = "".join(
            f"<li>{esc(t(facet))}: {esc(', '.join(label(facet, term) for term in terms))}</li>"
            for facet, terms in why.matched_facets.items()
        )
        blocks.append(f"<p><strong>{esc(t('matched_facets'))}</strong></p><ul>{items}</ul>")
    if why.age_overlap:
        blocks.append(f"<p><em>{esc(why.age_overlap)}</em></p>")
    if why.passage:
        blocks.append(
            f"<p><strong>{esc(t('best_passage'))}</strong> — {esc(why.passage.section)}</p>"
            # Not cached: the snippet marks this query's terms.
            + markdown_to_html(why.passage.snippet)
        )
    if why.combines_with:
        blocks.append(
            f"<p><strong>{esc(t('combines_with'))}:</strong> {esc(', '.join(why.combines_with))}</p>"
        )
    if why.similar_cases:
        blocks.append(
            f"<p><strong>{esc(t('similar_cases'))}:</strong> "
            f"{esc(', '.join(why.similar_cases))}</p>"
        )
    if why.situation:
        blocks.append(
            f"<p><strong>{esc(t('situation_why'))}:</strong> "
            f"{esc(', '.join(label('signals', signal) for signal in why.situation))}</p>"
        )
    parts = why.score_parts.model_dump()
    # A plain table: ten charts per page cost the browser more than they tell.
    heads = [t(f"part_{p}") for p in SCORE_PARTS] + [t("part_total")]
    values = [f"{parts[p]:.2f}" for p in SCORE_PARTS] + [f"{result.score:.2f}"]
    blocks.append(
        f"<p><strong>{esc(t('score_parts'))}</strong></p>"
        '<table class="iw-score"><thead><tr>'
        + "".join(f"<th>{esc(h)}</th>" for h in heads)
        + "</tr></thead><tbody><tr>"
        + "".join(f"<td>{v}</td>" for v in values)
        + "</tr></tbody></table>"
    )
    blocks.append(f"<p><em>{esc(t('score_help'))}</em></p>")
    return "".join(blocks)


def _card_html(result: Result, rank: int | None, total: int, note: str = "") -> str:
    """Title, notes, badges, rank and summary of a result card as one HTML block."""
    title = f"{rank}. {result.title}" if rank else result.title
    meta = badges_html(result.evidence, result.status)
    if rank:
        score = t("rank_score", rank=rank, total=total, score=f"{result.score:.2f}")
        meta += f' <small style="opacity:.7">{html.escape(score)}</small>'
    notes = "".join(
        f'<p style="opacity:.8;font-size:.9em;margin:0">{html.escape(line)}</p>'
        for line in ([note] if note else []) + safety_notes(result)
    )
    # The explanation folds open in the browser itself (<details>): no Streamlit element and
    # no run of the script.
    return (
        f"<p><strong>{html.escape(title)}</strong></p>"
        + notes
        + f'<p style="margin:.2em 0 .5em 0">{meta}</p>'
        + kb_html(result.summary)
        + f'<details><summary style="cursor:pointer">{html.escape(t("why"))}</summary>'
        + f"{_why_html(result)}</details>"
    )


def _result_card(
    result: Result,
    rank: int | None,
    total: int = 0,
    *,
    heading: str | None = None,
    note: str = "",
    lead: str = "",
) -> None:
    # Every element costs the browser a render on each search: a card is two, the block (with
    # its group's heading above the first card) and the link (a page link keeps the session; a
    # plain HTML link would start a new one).
    top = lead + (heading_html(heading) if heading else "")
    html_block(top + boxed_html(_card_html(result, rank, total, note)))
    st.page_link(
        page("kennisbank"),
        label=t("open_entry"),
        icon=":material/open_in_new:",
        query_params={state.PARAM_ENTRY: result.id},
    )


def _results_tab(answer: Recommendation) -> None:
    ranks = {result.id: position for position, result in enumerate(answer.results, start=1)}
    lead = caption_html(t("results_intro"))  # drawn with the first card: one element fewer
    for entry_type, results in answer.grouped().items():
        if not results:
            continue
        heading = f"{t('type_' + entry_type)} ({len(results)})"
        for position, result in enumerate(results):
            _result_card(
                result,
                ranks[result.id],
                len(answer.results),
                heading=None if position else heading,
                lead=lead,
            )
            lead = ""
    other_groups(answer, _result_card)


def _plan_rows(answer: Recommendation) -> list[dict[str, str]]:
    kb = recommender().kb
    rows = []
    for item in answer.package:
        entry = kb.entries[item.id]
        who = "; ".join(
            f"{kb.entries[link.id].title} ({label('partner_roles', link.role).lower()})"
            for link in entry.partners
            if link.id in kb.entries
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
                t("col_side"): ", ".join(t(f"side_{side}") for side in item.sides),
                t("col_who"): who,
                t("col_why"): why,
            }
        )
    return rows


def _plan_tab(answer: Recommendation) -> None:
    plan_view(answer)
    rows = _plan_rows(answer)
    if not rows:
        st.caption(t("package_intro"))
        return
    # A wide table on a desktop, the same rows as a list on a phone (see responsive_css), and
    # the caption above them: one element (a data grid costs the browser far more on every
    # search, and two keyed containers with a block each were four elements).
    table = markdown_to_html(_markdown_table(rows))
    listed = markdown_to_html(
        "\n\n".join(
            f"**{values[0][1]}**  \n" + "  \n".join(f"{k}: {v}" for k, v in values[1:] if v)
            for values in (list(row.items()) for row in rows)
        )
    )
    html_block(
        caption_html(t("package_intro"))
        + f'<div class="iw-plan-table">{table}</div><div class="iw-plan-list">{listed}</div>'
    )


def _markdown_table(rows: list[dict[str, str]]) -> str:
    """Return rows with the same keys as a Markdown table; a '|' in a value stays text."""

    def cell(value: str) -> str:
        return value.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")

    header = list(rows[0])
    lines = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(row[h]) for h in header) + " |" for row in rows]
    return "\n".join(lines)


def partner_reason(partner: PartnerSuggestion, answer: Recommendation) -> str:
    """Why a partner is suggested, from its own role in each suggested entry, in the chosen
    language."""
    kb = recommender().kb
    served = [kb.entries[i] for i in partner.carries_out if i in kb.entries]
    own = kb.entries.get(partner.id)
    phenomena = answer.scoring_profile().phenomena
    return compose_partner_reason(
        roles_served(partner.id, served),
        shared_phenomena(own, phenomena, lambda p: label("phenomena", p)) if own else [],
        role_labels={role: t("role_" + role) for role in PARTNER_ROLES},
        works_on=t("role_works_on"),
        fits=t("role_fits"),
    )


def _partners_tab(answer: Recommendation) -> None:
    st.caption(t("partners_intro"))
    safe_html(
        "\n".join(
            f"- **{partner.title}** — {partner_reason(partner, answer)}"
            for partner in answer.partners
        )
    )
    if not answer.partners:
        return
    # The picture is for wide screens; on a phone the list above says the same. It is drawn on
    # request only: laying out the graph in the browser is the slowest part of an answer.
    with st.container(key="partner-network"):
        if not st.toggle(t("network_show"), key=state.CASUS_SHOW_NETWORK):
            return
        safe_markdown(f"**{t('network')}**")
        st.graphviz_chart(
            partner_network_dot(answer, recommender().kb, role_label=lambda r: t("role_" + r)),
            width="stretch",
        )


def _export_tab(answer: Recommendation, text: str, profile: dict[str, object]) -> None:
    rec = recommender()
    include = st.checkbox(t("include_description"), value=False, key=state.CASUS_INCLUDE_TEXT)
    description = text if include and text.strip() else None
    left, middle, right = st.columns(3)
    download(
        left,
        t("download_md"),
        lambda: plan_markdown(answer, rec.kb, description=description),
        "plan-van-aanpak.md",
        icon=":material/description:",
    )
    download(
        middle,
        t("download_docx"),
        lambda: plan_docx(answer, rec.kb, description=description),
        "plan-van-aanpak.docx",
        icon=":material/article:",
    )
    right.button(t("print_view"), icon=":material/print:", on_click=_open_print_view)
    safe_html(f"**{t('share')}**")
    st.caption(t("share_help"))
    # The code block's highlighter costs the browser most of a second on every search, so
    # the link is drawn when asked for.
    if st.toggle(t("share_show"), key=state.CASUS_SHOW_LINK):
        st.code(share_link(profile), language=None)


def _open_print_view() -> None:
    st.session_state[state.CASUS_PRINT] = True
    st.rerun()  # the print view replaces the whole page, not only the answer


def _print_view(answer: Recommendation, text: str) -> None:
    """The answer alone, ready to print; the description only when ticked."""
    print_css()
    with st.container(key="print-controls"):
        st.button(
            t("print_back"),
            icon=":material/arrow_back:",
            on_click=st.session_state.__setitem__,
            args=(state.CASUS_PRINT, False),
        )
        include = st.checkbox(t("print_include_text"), value=False, key=state.CASUS_PRINT_TEXT)
        st.caption(t("print_hint"))
    description = text if include and text.strip() else None
    with st.container(key="print-body"):
        safe_markdown(plan_markdown(answer, recommender().kb, description=description))


def _answer_tabs(answer: Recommendation, profile: dict[str, object]) -> None:
    # The plan is the answer (issue 14); the full ranked list follows under it, on one tab.
    # Only the open tab is drawn: a search no longer sends the partners and the export
    # controls to the browser; opening another tab reruns this page's fragment.
    plan_tab, partners_tab, export_tab = st.tabs(
        [t("plan_tab"), t("partners_tab"), t("export_tab")], key=state.CASUS_TAB, on_change="rerun"
    )
    if plan_tab.open is not False:
        with plan_tab:
            _plan_tab(answer)
            st.header(t("results_tab"), divider="gray")
            _results_tab(answer)
    if partners_tab.open:
        with partners_tab:
            _partners_tab(answer)
    if export_tab.open:
        with export_tab:
            _export_tab(answer, str(profile.get("text") or ""), profile)


def _recommend(profile: dict[str, object]) -> Recommendation | None:
    rec = recommender()
    query = _query(profile, rec.taxonomy)
    if not query:
        st.warning(t("empty_profile"))
        return None
    try:
        return _answer(query)
    except ValidationError as error:
        st.error("; ".join(e["msg"].removeprefix("Value error, ") for e in error.errors()))
        return None


def render() -> None:
    """Draw the Casus page."""
    rec = recommender()
    taxonomy = rec.taxonomy
    _restore_from_address(taxonomy)
    profile = st.session_state.get(state.CASUS_PROFILE)
    _restore_form(profile)
    if profile and st.session_state.get(state.CASUS_PRINT):
        answer = _recommend(profile) if _privacy_passed(profile) else None
        if answer is not None:
            _print_view(answer, str(profile.get("text") or ""))
            return
    responsive_css()
    broken_files_banner(rec.kb)
    st.title(t("casus_title"))
    st.caption(t("casus_intro"))
    _form(taxonomy)
    _empty_notice()
    _case_file()
    _answer_area()


@st.fragment(key=ANSWER_FRAGMENT)
def _answer_area() -> None:
    """The answer to the profile in the session, as one fragment.

    A search (see :func:`_submit`), a tab, a toggle or a checkbox reruns only this part.
    """
    profile = st.session_state.get(state.CASUS_PROFILE)
    if not profile:
        st.info(t("start_hint"))
        return
    _profile_to_address(profile)
    if not _privacy_gate(profile):
        return
    answer = _recommend(profile)
    if answer is None:
        return
    _notices(answer)
    reading_panel(answer)
    frame_panel(answer)
    _answer_tabs(answer, profile)

"""Page Lokale analyse: a guided analysis from signals to a plan for the college.

The analysis lives in the session only; it is saved by downloading a JSON file and loaded
again by uploading it. Nothing is written on the server.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from .. import lokale_analyse as la
from .. import lokale_rows as rows
from ..privacy import MAX_CHECK_CHARS, TextTooLong, check_text
from ..render import plain_markdown
from ..vocabulary import PARTNER_TYPE
from .common import download, label, recommender, safe_markdown, t

STATE = "la_analysis"
VERSION = "la_version"  # bumped when a whole analysis is loaded, to reset every widget
BASE = "la_base_"  # the rows an editor started from, kept so a rerun never resets it
ROLES = list(la.ROLES)
NUMBER_COLUMNS = ("leeftijd", "aantal")
#: Interface text key per table column.
COLUMN_TEXT = {
    "huishouden": "la_col_household",
    "naam": "la_col_household_name",
    "pseudoniem": "la_col_person",
    "leeftijd": "la_col_age",
    "rol": "la_col_role",
    "van": "la_col_from",
    "naar": "la_col_to",
    "soort": "la_col_tie",
    "bron": "la_col_source",
    "periode": "la_col_period",
    "aantal": "la_col_count",
    "toelichting": "la_col_note",
    "niveau": "la_col_level",
    "vermelding": "la_col_entry",
    "voor": "la_col_for",
    "eigenaar": "la_col_owner",
    "eerste_stap": "la_col_first_step",
}


def _column_label(column: str, table: str) -> str:
    """Return the column heading; required columns carry an asterisk (explained above the table)."""
    return t(COLUMN_TEXT[column]) + (" *" if column in rows.REQUIRED[table] else "")


def _text_column(column: str, table: str, limit: str | None = None) -> object:
    size = la.LIMITS[limit or column]
    return st.column_config.TextColumn(
        _column_label(column, table), max_chars=size, help=t("la_max_chars", limit=size)
    )


@dataclass(frozen=True)
class Input:
    """How the add-a-row form asks for one column: free text, a whole number or a choice."""

    kind: Literal["text", "number", "choice"]
    limit: int = 0
    options: tuple[str, ...] = ()
    show: Callable[[str], str] | None = None


def _typed(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    return frame.astype({c: "Int64" if c in NUMBER_COLUMNS else "string" for c in columns})


def _add_row(name: str, table: str, columns: tuple[str, ...]) -> None:
    """Form callback: append the typed row to the table, or say what is missing and keep it."""
    fields = {c: f"la_new_{table}_{c}" for c in columns}
    record = {c: st.session_state.get(key) for c, key in fields.items()}
    if "rol" in record and rows.is_blank(record["rol"]):
        record["rol"] = "onbekend"
    missing = [c for c in rows.REQUIRED[table] if rows.is_blank(record.get(c))]
    if missing:
        st.session_state[f"la_add_missing_{table}"] = missing
        return
    st.session_state.pop(f"la_add_missing_{table}", None)
    current = st.session_state.get(f"{BASE}now_{table}", [])
    _bump(name)
    st.session_state[BASE + _key(name)] = _typed(
        pd.DataFrame([*current, record], columns=list(columns)), columns
    )
    for key in fields.values():
        st.session_state[key] = None


def _add_form(name: str, table: str, columns: tuple[str, ...], inputs: dict[str, Input]) -> None:
    """A one-row form under the table: Enter in any field adds the row."""
    with st.container(key=f"la_form_{table}"), st.form(f"la_add_{table}", enter_to_submit=True):
        cells = st.columns(len(columns), vertical_alignment="bottom")
        for cell, column in zip(cells, columns, strict=True):
            spec = inputs[column]
            key = f"la_new_{table}_{column}"
            heading = _column_label(column, table)
            with cell:
                if spec.kind == "text":
                    st.text_input(heading, key=key, max_chars=spec.limit)
                elif spec.kind == "number":
                    st.number_input(
                        heading,
                        min_value=0,
                        max_value=spec.limit,
                        step=1,
                        value=None,
                        key=key,
                        help=t("la_range", limit=spec.limit),
                    )
                else:
                    st.selectbox(
                        heading,
                        spec.options,
                        index=None,
                        key=key,
                        format_func=spec.show or str,
                        placeholder=t("choose"),
                    )
        st.form_submit_button(
            t(f"la_add_{table}"),
            icon=":material/add:",
            on_click=_add_row,
            args=(name, table, columns),
        )
        missing = st.session_state.get(f"la_add_missing_{table}")
        if missing:
            st.warning(t("la_add_missing", columns=", ".join(t(COLUMN_TEXT[c]) for c in missing)))


def _editor(
    name: str,
    table: str,
    make_rows: Callable[[], list[dict]],
    columns: tuple[str, ...],
    config: dict,
    inputs: dict[str, Input],
) -> list[dict]:
    """Show the rows as an editable table with an add-a-row form below; return the rows.

    The table's starting rows are kept in the session: Streamlit resets an editor whenever
    the data it is given changes, which would throw away what the user typed. New rows
    come from the form, so a stray Enter in the table never adds an empty row.
    """
    key = _key(name)
    base = BASE + key
    if base not in st.session_state:
        st.session_state[base] = _typed(pd.DataFrame(make_rows(), columns=list(columns)), columns)
    with st.container(key=f"la_table_{table}"):
        if len(st.session_state[base]):
            edited = st.data_editor(
                st.session_state[base],
                num_rows="delete",
                key=key,
                width="stretch",
                hide_index=True,
                column_config=config,
            )
        else:
            edited = st.session_state[base]
    records = edited.astype(object).where(edited.notna(), None).to_dict("records")
    st.session_state[f"{BASE}now_{table}"] = records
    _add_form(name, table, columns, inputs)
    return records


def _show_problems(problems: list[rows.RowProblem], table: str) -> None:
    """Say per row and column what needs attention, never repeating what was typed."""
    if not problems:
        return
    lines = []
    for problem in problems[:12]:
        column = _column_label(problem.column, table).rstrip(" *") if problem.column else ""
        lines.append(
            t(f"la_problem_{problem.kind}", row=problem.row, column=column, limit=problem.limit)
        )
    more = len(problems) - 12
    if more > 0:
        lines.append(t("la_problem_more", count=more))
    st.warning("\n".join(f"- {line}" for line in lines), icon=":material/edit_note:")


def _analysis() -> la.LokaleAnalyse:
    if STATE not in st.session_state:
        st.session_state[STATE] = la.LokaleAnalyse()
    return st.session_state[STATE]


def _replace(analysis: la.LokaleAnalyse) -> None:
    st.session_state[STATE] = analysis
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    for key in [k for k in st.session_state if str(k).startswith(("la_sig_", BASE, "la_open_"))]:
        del st.session_state[key]
    st.session_state.pop("la_proposals", None)


def _key(name: str) -> str:
    """Return the widget key of ``name``: new after a load, or after ``_bump(name)``."""
    return f"la_{name}_{st.session_state.get(VERSION, 0)}_{st.session_state.get(f'la_n_{name}', 0)}"


def _bump(name: str) -> None:
    """Give one widget a new key so it shows the analysis' value again (others keep theirs)."""
    st.session_state[f"la_n_{name}"] = st.session_state.get(f"la_n_{name}", 0) + 1


def _load_sample() -> None:
    _replace(la.load_sample(recommender().kb.root))


def _pii_warning(text: str) -> None:
    try:
        check = check_text(text)
    except TextTooLong:
        st.warning(t("text_too_long", max=f"{MAX_CHECK_CHARS:,}".replace(",", ".")))
        return
    if not check.clean:
        st.warning(
            t("la_pii", kinds=", ".join(t(f"pii_{k}") for k in check.kinds())),
            icon=":material/lock:",
        )


def _keep_open(phenomenon: str) -> None:
    st.session_state[f"la_open_{phenomenon}"] = True


def _signals(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    st.caption(t("la_signals_intro"))
    for phenomenon, signals in kb.signals.items():
        checked = set(analysis.signalen.get(phenomenon, []))
        keys = {signal.id: f"la_sig_{signal.id}" for signal in signals}
        for signal_id, key in keys.items():
            if key not in st.session_state:
                st.session_state[key] = signal_id in checked
        # Counted from the checkboxes' own state, which Streamlit sets before this rerun,
        # so the heading is right straight after a tick.
        count = sum(bool(st.session_state[key]) for key in keys.values())
        # A fixed key keeps the panel the same element while its heading changes; the
        # 'open' flag reopens it should the browser still draw it anew.
        with st.expander(
            f"{label('phenomena', phenomenon)} ({count}/{len(signals)})",
            expanded=st.session_state.get(f"la_open_{phenomenon}", False),
            key=f"la_exp_{phenomenon}",
        ):
            for signal in signals:
                st.checkbox(
                    signal.tekst,
                    key=keys[signal.id],
                    help=f"Bron: {signal.bron.title} ({signal.bron.publisher})",
                    on_change=_keep_open,
                    args=(phenomenon,),
                )
            note = st.text_area(
                t("la_notes"),
                value=analysis.notities.get(phenomenon, ""),
                key=_key(f"note_{phenomenon}"),
                max_chars=la.LIMITS["notitie"],
                on_change=_keep_open,
                args=(phenomenon,),
            )
            _pii_warning(note)
        analysis.signalen[phenomenon] = [s.id for s in signals if st.session_state[keys[s.id]]]
        if note.strip():
            analysis.notities[phenomenon] = note.strip()
        else:
            analysis.notities.pop(phenomenon, None)
    analysis.signalen = {p: s for p, s in analysis.signalen.items() if s}


def _network(analysis: la.LokaleAnalyse) -> None:
    st.caption(t("la_network_intro"))
    st.caption(t("la_required_cells"))
    table = "members"
    records = _editor(
        "members",
        table,
        lambda: [
            {
                "huishouden": h.id,
                "naam": h.naam,
                "pseudoniem": m.pseudoniem,
                "leeftijd": m.leeftijd,
                "rol": m.rol,
            }
            for h in analysis.huishoudens
            for m in h.leden
        ],
        rows.MEMBER_COLUMNS,
        {
            "huishouden": _text_column("huishouden", table),
            "naam": _text_column("naam", table),
            "pseudoniem": _text_column("pseudoniem", table),
            "leeftijd": st.column_config.NumberColumn(
                _column_label("leeftijd", table),
                min_value=0,
                max_value=la.LIMITS["leeftijd"],
                step=1,
                help=t("la_range", limit=la.LIMITS["leeftijd"]),
            ),
            "rol": st.column_config.SelectboxColumn(
                _column_label("rol", table),
                options=ROLES,
                format_func=lambda r: la.ROLE_LABELS.get(r, r),
            ),
        },
        {
            "huishouden": Input("text", la.LIMITS["huishouden"]),
            "naam": Input("text", la.LIMITS["naam"]),
            "pseudoniem": Input("text", la.LIMITS["pseudoniem"]),
            "leeftijd": Input("number", la.LIMITS["leeftijd"]),
            "rol": Input("choice", options=la.ROLES, show=lambda r: la.ROLE_LABELS.get(r, r)),
        },
    )
    analysis.huishoudens, problems = rows.members_from_rows(records)
    _show_problems(problems, table)
    _pii_warning(
        " ".join(
            f"{h.naam} {' '.join(m.pseudoniem for m in h.leden)}" for h in analysis.huishoudens
        )
    )
    ids = [h.id for h in analysis.huishoudens]
    table = "ties"
    # The choice of households is part of this editor's identity: it starts again (from the
    # ties already accepted) only when the set of households changes.
    choice = f"ties_{abs(hash(tuple(ids))) % 10**8}"
    records = _editor(
        choice,
        table,
        lambda: [tie.model_dump() for tie in analysis.banden if {tie.van, tie.naar} <= set(ids)],
        rows.TIE_COLUMNS,
        {
            "van": st.column_config.SelectboxColumn(_column_label("van", table), options=ids),
            "naar": st.column_config.SelectboxColumn(_column_label("naar", table), options=ids),
            "soort": _text_column("soort", table),
        },
        {
            "van": Input("choice", options=tuple(ids)),
            "naar": Input("choice", options=tuple(ids)),
            "soort": Input("text", la.LIMITS["soort"]),
        },
    )
    analysis.banden, problems = rows.ties_from_rows(records, ids)
    _show_problems(problems, table)
    if analysis.huishoudens:
        st.graphviz_chart(la.network_dot(analysis), width="stretch")


def _figures(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    st.caption(t("la_figures_intro"))
    sources = {s.id: s for s in kb.figure_sources}
    overview = pd.DataFrame(
        [
            {
                "bron": s.titel,
                "partner": kb.entries[s.partner].title if s.partner in kb.entries else s.partner,
                "voorbeelden": s.voorbeelden,
                "delen via": ", ".join(kb.entries[e].title for e in s.delen_via if e in kb.entries),
            }
            for s in kb.figure_sources
        ]
    )
    st.dataframe(overview, hide_index=True, width="stretch")
    st.caption(t("la_required_cells"))
    table = "figures"
    records = _editor(
        "figures",
        table,
        lambda: [r.model_dump() for r in analysis.cijfers],
        rows.FIGURE_COLUMNS,
        {
            "bron": st.column_config.SelectboxColumn(
                _column_label("bron", table),
                options=list(sources),
                format_func=lambda i: sources[i].titel if i in sources else i,
            ),
            "periode": _text_column("periode", table),
            "aantal": st.column_config.NumberColumn(
                _column_label("aantal", table),
                min_value=0,
                max_value=la.LIMITS["aantal"],
                step=1,
                help=t("la_range", limit=la.LIMITS["aantal"]),
            ),
            "toelichting": _text_column("toelichting", table),
        },
        {
            "bron": Input(
                "choice",
                options=tuple(sources),
                show=lambda i: sources[i].titel if i in sources else i,
            ),
            "periode": Input("text", la.LIMITS["periode"]),
            "aantal": Input("number", la.LIMITS["aantal"]),
            "toelichting": Input("text", la.LIMITS["toelichting"]),
        },
    )
    analysis.cijfers, problems = rows.figures_from_rows(records, sources)
    _show_problems(problems, table)
    trends = la.figure_trends(analysis, kb)
    if trends:
        chart = pd.DataFrame(
            [
                {"bron": trend.title, "periode": period, "aantal": count}
                for trend in trends
                for period, count in trend.periods
            ]
        )
        # Periods side by side per source: a trend, never one bar adding the years up.
        st.bar_chart(chart, x="bron", y="aantal", color="periode", horizontal=True, stack=False)
        # Periods are typed by the user: escaped, so no Markdown (or image) in them is rendered.
        safe_markdown("\n".join(f"- {plain_markdown(trend.sentence())}" for trend in trends))


def _add_partner(partner_id: str) -> None:
    analysis = _analysis()
    if partner_id not in analysis.partners_aan_tafel:
        analysis.partners_aan_tafel.append(partner_id)
    _bump("table")


def _partners(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    partners = [e.id for e in kb.of_type(PARTNER_TYPE)]
    analysis.partners_aan_tafel = st.multiselect(
        t("la_at_table"),
        partners,
        default=[p for p in analysis.partners_aan_tafel if p in partners],
        format_func=lambda p: kb.entries[p].title,
        key=_key("table"),
        placeholder=t("choose"),
    )
    missing = la.missing_partners(analysis, kb)
    if missing:
        safe_markdown(f"**{t('la_missing')}**")
        for partner_id, reason in missing:
            row = st.container(horizontal=True, vertical_alignment="center")
            with row:
                st.button(
                    f"+ {kb.entries[partner_id].title}",
                    key=f"la_add_{partner_id}",
                    on_click=_add_partner,
                    args=(partner_id,),
                    type="tertiary",
                )
                st.caption(reason)


def _problem(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    if st.button(t("la_generate"), key="la_generate"):
        analysis.probleemdefinitie = la.problem_definition(analysis, kb)[
            : la.LIMITS["probleemdefinitie"]
        ]
        _bump("problem")
        st.rerun()
    analysis.probleemdefinitie = st.text_area(
        t("la_problem"),
        value=analysis.probleemdefinitie,
        height=200,
        key=_key("problem"),
        max_chars=la.LIMITS["probleemdefinitie"],
    ).strip()
    _pii_warning(analysis.probleemdefinitie)


def _approach(analysis: la.LokaleAnalyse) -> None:
    rec = recommender()
    kb = rec.kb
    st.caption(t("la_approach_intro"))
    if st.button(t("la_propose"), key="la_propose", type="primary"):
        if not analysis.phenomena():
            st.warning(t("la_need_signals"))
        else:
            proposals = la.approach(analysis, rec)
            absent = la.absent_situations(analysis)
            st.session_state["la_proposals"] = [
                (
                    p.level,
                    p.person.describe() if p.person else "",
                    la.proposed_ids(p, kb, absent)[: 3 if p.person else 5],
                )
                for p in proposals
            ]
            analysis.aanpak = la.plan_from(proposals, analysis, kb)
            _bump("plan")
            st.rerun()
    proposals = st.session_state.get("la_proposals")
    if proposals:
        columns = st.columns(len(la.LEVELS))
        for column, level in zip(columns, la.LEVELS, strict=True):
            with column:
                safe_markdown(f"**{label('levels', level)}**")
                for proposal_level, person, ids in proposals:
                    if proposal_level != level:
                        continue
                    if person:
                        safe_markdown(f"*{t('la_for', person=plain_markdown(person))}*")
                    safe_markdown(
                        "\n".join(f"- {kb.entries[i].title}" for i in ids if i in kb.entries)
                    )
    titles = {e.id: e.title for e in kb.entries.values() if e.type != PARTNER_TYPE}
    st.caption(t("la_required_cells"))
    table = "plan"
    records = _editor(
        "plan",
        table,
        lambda: [a.model_dump() for a in analysis.aanpak],
        rows.ACTION_COLUMNS,
        {
            "niveau": st.column_config.SelectboxColumn(
                _column_label("niveau", table),
                options=list(la.LEVELS),
                format_func=lambda level: label("levels", level),
            ),
            "vermelding": st.column_config.SelectboxColumn(
                _column_label("vermelding", table),
                options=list(titles),
                format_func=lambda i: titles.get(i, i),
            ),
            "voor": _text_column("voor", table),
            "eigenaar": _text_column("eigenaar", table),
            "eerste_stap": _text_column("eerste_stap", table),
        },
        {
            "niveau": Input("choice", options=la.LEVELS, show=lambda level: label("levels", level)),
            "vermelding": Input("choice", options=tuple(titles), show=lambda i: titles.get(i, i)),
            "voor": Input("text", la.LIMITS["voor"]),
            "eigenaar": Input("text", la.LIMITS["eigenaar"]),
            "eerste_stap": Input("text", la.LIMITS["eerste_stap"]),
        },
    )
    analysis.aanpak, problems = rows.actions_from_rows(records, titles)
    _show_problems(problems, table)


def _fields(error: ValidationError) -> str:
    return ", ".join(".".join(str(part) for part in item["loc"]) for item in error.errors()[:5])


def _export(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    try:
        # Validated again as a whole, so whatever is saved opens again.
        la.LokaleAnalyse.model_validate(analysis.model_dump())
    except ValidationError as error:
        st.error(t("la_invalid_fields", fields=_fields(error)))
        return
    problems = la.reference_problems(analysis, kb)
    if problems:
        # The references come from an uploaded file: shown as text, never as Markdown.
        st.warning(t("la_references", problems=plain_markdown("; ".join(problems[:5]))))
    columns = st.columns(3)
    name = "lokale-analyse-en-plan-van-aanpak"
    download(columns[0], t("la_save"), analysis.to_json, "lokale-analyse.json", key="la_save")
    download(
        columns[1],
        t("la_word"),
        lambda: la.analysis_docx(analysis, kb),
        f"{name}.docx",
        key="la_docx",
    )
    download(
        columns[2],
        t("la_markdown"),
        lambda: la.analysis_markdown(analysis, kb),
        f"{name}.md",
        key="la_md",
    )


def _load_file() -> None:
    upload = st.session_state.get("la_upload")
    if upload is None:
        return
    try:
        _replace(la.load_analysis(upload.getvalue()))
        st.session_state["la_load_error"] = None
    except la.AnalysisFileError as error:
        st.session_state["la_load_error"] = str(error)


def render() -> None:
    """Draw the Lokale analyse page."""
    st.title(t("la_title"))
    st.caption(t("la_intro"))
    analysis = _analysis()
    top = st.columns([1, 2])
    top[0].button(t("la_sample"), on_click=_load_sample, key="la_sample", icon=":material/science:")
    top[1].file_uploader(t("la_open"), type=["json"], key="la_upload", on_change=_load_file)
    if st.session_state.get("la_load_error"):
        st.error(t("la_load_failed", error=plain_markdown(st.session_state["la_load_error"])))
    header = st.columns(3)
    analysis.titel = (
        header[0]
        .text_input(
            t("la_name"),
            value=analysis.titel,
            key=_key("titel"),
            max_chars=la.LIMITS["titel"],
        )
        .strip()
        or "Lokale analyse"
    )
    analysis.gemeente = (
        header[1]
        .text_input(
            t("la_municipality"),
            value=analysis.gemeente,
            key=_key("gemeente"),
            max_chars=la.LIMITS["gemeente"],
        )
        .strip()
    )
    analysis.datum = header[2].date_input(t("la_date"), value=analysis.datum, key=_key("datum"))
    steps = st.tabs([t(f"la_step_{n}") for n in range(1, 8)])
    for tab, draw in zip(
        steps, (_signals, _network, _figures, _partners, _problem, _approach, _export), strict=True
    ):
        with tab:
            try:
                draw(analysis)
            except ValidationError as error:
                # Field paths only: pydantic's own text would repeat what was typed.
                st.error(t("la_invalid_fields", fields=_fields(error)))

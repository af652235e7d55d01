"""Page Lokale analyse: a guided analysis from signals to a plan for the college.

The analysis lives in the session only; it is saved by downloading a JSON file and loaded
again by uploading it. Nothing is written on the server.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import lokale_analyse as la
from ..privacy import MAX_CHECK_CHARS, TextTooLong, check_text
from .common import download, label, recommender, safe_markdown, t

STATE = "la_analysis"
VERSION = "la_version"  # bumped when a whole analysis is loaded, to reset the editors
ROLES = ["dader", "slachtoffer", "beide", "onbekend"]


def _editor(rows: list[dict], columns: list[str], name: str, config: dict) -> pd.DataFrame:
    """Show an editable table (rows can be added and removed) and return what the user left."""
    return st.data_editor(
        pd.DataFrame(rows, columns=columns),
        num_rows="dynamic",
        key=_key(name),
        width="stretch",
        column_config=config,
    )


def _analysis() -> la.LokaleAnalyse:
    if STATE not in st.session_state:
        st.session_state[STATE] = la.LokaleAnalyse()
    return st.session_state[STATE]


def _replace(analysis: la.LokaleAnalyse) -> None:
    st.session_state[STATE] = analysis
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
    for key in [k for k in st.session_state if str(k).startswith("la_sig_")]:
        del st.session_state[key]


def _key(name: str) -> str:
    return f"la_{name}_{st.session_state.get(VERSION, 0)}"


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


def _signals(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    st.caption(t("la_signals_intro"))
    for phenomenon, signals in kb.signals.items():
        checked = set(analysis.signalen.get(phenomenon, []))
        with st.expander(f"{label('phenomena', phenomenon)} ({len(checked)}/{len(signals)})"):
            chosen = []
            for signal in signals:
                key = f"la_sig_{signal.id}"
                if key not in st.session_state:
                    st.session_state[key] = signal.id in checked
                if st.checkbox(
                    signal.tekst,
                    key=key,
                    help=f"Bron: {signal.bron.title} ({signal.bron.publisher})",
                ):
                    chosen.append(signal.id)
            note = st.text_area(
                t("la_notes"),
                value=analysis.notities.get(phenomenon, ""),
                key=_key(f"note_{phenomenon}"),
            )
            _pii_warning(note)
        analysis.signalen[phenomenon] = chosen
        if note.strip():
            analysis.notities[phenomenon] = note
        else:
            analysis.notities.pop(phenomenon, None)
    analysis.signalen = {p: s for p, s in analysis.signalen.items() if s}


def _network(analysis: la.LokaleAnalyse) -> None:
    st.caption(t("la_network_intro"))
    rows = [
        {
            "huishouden": h.id,
            "naam": h.naam,
            "pseudoniem": m.pseudoniem,
            "leeftijd": m.leeftijd,
            "rol": m.rol,
        }
        for h in analysis.huishoudens
        for m in (h.leden or [la.Member(pseudoniem="?")])
    ]
    edited = _editor(
        rows,
        ["huishouden", "naam", "pseudoniem", "leeftijd", "rol"],
        "members",
        {
            "huishouden": st.column_config.TextColumn("Huishouden (code)", required=True),
            "naam": st.column_config.TextColumn("Naam huishouden (pseudoniem)", required=True),
            "pseudoniem": st.column_config.TextColumn("Persoon (pseudoniem)", required=True),
            "leeftijd": st.column_config.NumberColumn(
                "Leeftijd", min_value=0, max_value=120, step=1
            ),
            "rol": st.column_config.SelectboxColumn("Rol", options=ROLES, required=True),
        },
    )
    households: dict[str, la.Household] = {}
    for record in edited.dropna(subset=["huishouden", "pseudoniem"]).to_dict("records"):
        try:
            household = households.setdefault(
                str(record["huishouden"]),
                la.Household(
                    id=str(record["huishouden"]),
                    naam=str(record.get("naam") or record["huishouden"]),
                    leden=[],
                ),
            )
            age = record.get("leeftijd")
            household.leden.append(
                la.Member(
                    pseudoniem=str(record["pseudoniem"]),
                    leeftijd=None if pd.isna(age) else int(age),
                    rol=record.get("rol") if record.get("rol") in ROLES else "onbekend",
                )
            )
        except ValueError as error:
            st.error(f"{t('la_invalid_row')}: {error}")
    analysis.huishoudens = list(households.values())
    _pii_warning(
        " ".join(
            f"{h.naam} {' '.join(m.pseudoniem for m in h.leden)}" for h in analysis.huishoudens
        )
    )
    ids = list(households)
    edited_ties = _editor(
        [tie.model_dump() for tie in analysis.banden],
        ["van", "naar", "soort"],
        "ties",
        {
            "van": st.column_config.SelectboxColumn("Van", options=ids, required=True),
            "naar": st.column_config.SelectboxColumn("Naar", options=ids, required=True),
            "soort": st.column_config.TextColumn("Soort band"),
        },
    )
    analysis.banden = [
        la.Tie(van=str(r["van"]), naar=str(r["naar"]), soort=str(r.get("soort") or "familie"))
        for r in edited_ties.dropna(subset=["van", "naar"]).to_dict("records")
        if r["van"] != r["naar"] and r["van"] in households and r["naar"] in households
    ]
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
    edited = _editor(
        [r.model_dump() for r in analysis.cijfers],
        ["bron", "periode", "aantal", "toelichting"],
        "figures",
        {
            "bron": st.column_config.SelectboxColumn("Bron", options=list(sources), required=True),
            "periode": st.column_config.TextColumn("Periode", required=True),
            "aantal": st.column_config.NumberColumn("Aantal", min_value=0, step=1, required=True),
            "toelichting": st.column_config.TextColumn("Toelichting"),
        },
    )
    rows = []
    for record in edited.dropna(subset=["bron", "periode", "aantal"]).to_dict("records"):
        try:
            rows.append(
                la.FigureRow(
                    bron=str(record["bron"]),
                    periode=str(record["periode"]),
                    aantal=int(record["aantal"]),
                    toelichting=str(record.get("toelichting") or ""),
                )
            )
        except ValueError as error:
            st.error(f"{t('la_invalid_row')}: {error}")
    analysis.cijfers = rows
    if rows:
        chart = pd.DataFrame(
            [
                {
                    "bron": sources[r.bron].titel if r.bron in sources else r.bron,
                    "periode": r.periode,
                    "aantal": r.aantal,
                }
                for r in rows
            ]
        )
        st.bar_chart(chart, x="bron", y="aantal", color="periode", horizontal=True)


def _add_partner(partner_id: str) -> None:
    analysis = _analysis()
    if partner_id not in analysis.partners_aan_tafel:
        analysis.partners_aan_tafel.append(partner_id)
    st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1


def _partners(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    partners = [e.id for e in kb.of_type("partner")]
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
        analysis.probleemdefinitie = la.problem_definition(analysis, kb)
        st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
        st.rerun()
    analysis.probleemdefinitie = st.text_area(
        t("la_problem"), value=analysis.probleemdefinitie, height=200, key=_key("problem")
    )
    _pii_warning(analysis.probleemdefinitie)


def _approach(analysis: la.LokaleAnalyse) -> None:
    rec = recommender()
    kb = rec.kb
    if st.button(t("la_propose"), key="la_propose", type="primary"):
        if not analysis.phenomena():
            st.warning(t("la_need_signals"))
        else:
            answers = la.approach(analysis, rec)
            st.session_state["la_answers"] = {
                level: [r.id for r in a.results] for level, a in answers.items()
            }
            analysis.aanpak = la.plan_from(answers, kb)
            st.session_state[VERSION] = st.session_state.get(VERSION, 0) + 1
            st.rerun()
    suggestions = st.session_state.get("la_answers")
    if suggestions:
        columns = st.columns(len(suggestions))
        for column, (level, ids) in zip(columns, suggestions.items(), strict=True):
            with column:
                safe_markdown(f"**{label('levels', level)}**")
                safe_markdown("\n".join(f"- {kb.entries[i].title}" for i in ids if i in kb.entries))
    titles = {e.id: e.title for e in kb.entries.values() if e.type != "partner"}
    edited = _editor(
        [a.model_dump() for a in analysis.aanpak],
        ["niveau", "vermelding", "eigenaar", "eerste_stap"],
        "plan",
        {
            "niveau": st.column_config.SelectboxColumn(
                "Niveau", options=list(rec.taxonomy.ids("levels")), required=True
            ),
            "vermelding": st.column_config.SelectboxColumn(
                "Onderdeel",
                options=list(titles),
                format_func=lambda i: titles.get(i, i),
                required=True,
            ),
            "eigenaar": st.column_config.TextColumn("Eigenaar"),
            "eerste_stap": st.column_config.TextColumn("Eerste stap"),
        },
    )
    analysis.aanpak = [
        la.Action(
            vermelding=str(r["vermelding"]),
            eigenaar=str(r.get("eigenaar") or ""),
            eerste_stap=str(r.get("eerste_stap") or ""),
            niveau=str(r["niveau"]),
        )
        for r in edited.dropna(subset=["vermelding", "niveau"]).to_dict("records")
    ]


def _export(analysis: la.LokaleAnalyse) -> None:
    kb = recommender().kb
    problems = la.reference_problems(analysis, kb)
    if problems:
        st.warning(t("la_references", problems="; ".join(problems[:5])))
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
        st.error(t("la_load_failed", error=st.session_state["la_load_error"]))
    header = st.columns(3)
    analysis.titel = (
        header[0].text_input(t("la_name"), value=analysis.titel, key=_key("titel"))
        or "Lokale analyse"
    )
    analysis.gemeente = header[1].text_input(
        t("la_municipality"), value=analysis.gemeente, key=_key("gemeente")
    )
    analysis.datum = header[2].date_input(t("la_date"), value=analysis.datum, key=_key("datum"))
    steps = st.tabs([t(f"la_step_{n}") for n in range(1, 8)])
    for tab, draw in zip(
        steps, (_signals, _network, _figures, _partners, _problem, _approach, _export), strict=True
    ):
        with tab:
            draw(analysis)

"""Page Beheer: validation, coverage, editing, review, history, duplicates and the index.

Advisers edit here; everyone else sees the same page read-only (see :mod:`.auth`). Every change
goes through :mod:`recommender.editor` (checked as ``recommender validate`` checks, written
atomically inside kb/), is committed by :mod:`recommender.history` when kb/ is in git, and
makes the index publisher rebuild in the background.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from ..editor import (
    LINK_TARGET_TYPES,
    Draft,
    EditorError,
    FieldSpec,
    check_entry,
    describe_change,
    entry_path,
    form_fields,
    read_draft,
    render_text,
    save_entry,
    section_titles,
    write_atomic,
)
from ..evaluation import DEFAULT_CASES, load_cases
from ..history import History, HistoryError, open_history
from ..loader import ENTRY_TYPES, KnowledgeBase, Problem
from ..ranking import Recommender
from ..review import (
    REVIEW_INTERVAL_DAYS,
    ReviewRequest,
    describe,
    evaluation_profiles,
    recommendation_counts,
    record_review,
    review_blockers,
    review_queue,
)
from ..schema import Entry
from ..stats import coverage_table, header_vectors, near_duplicates
from .auth import User, current_user
from .common import fresh_kb, kb_dir, label, manifest_summary, publisher, recommender, t
from .i18n import TEXTS
from .kennisbank import entry_detail

NEW = "__nieuw__"
EDIT_KEY = "beheer_edit_entry"
SELECT_NEXT = "beheer_select_next"
FLASH = "beheer_flash"


# --- overview ----------------------------------------------------------------------------------


def _problem_frame(problems: list[Problem]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                t("col_file"): p.path,
                t("col_line"): p.line,
                t("col_field"): p.field,
                t("col_message"): p.message,
            }
            for p in problems
        ]
    )


def _validation(kb: KnowledgeBase) -> None:
    st.subheader(t("validation"))
    if not kb.problems:
        st.success(t("validation_ok", entries=len(kb.entries), cases=len(kb.casussen)))
        return
    st.error(t("validation_problems", count=len(kb.problems), files=len(kb.broken_files)))
    st.dataframe(_problem_frame(kb.problems), hide_index=True, width="stretch")
    st.code("\n".join(str(p) for p in kb.problems), language=None)


def _coverage(kb: KnowledgeBase) -> None:
    st.subheader(t("coverage"))
    table = coverage_table(kb)
    long = table.reset_index().melt(id_vars="fenomeen", var_name="domein", value_name="aantal")
    long["fenomeen"] = long["fenomeen"].map(lambda v: label("phenomena", v))
    long["domein"] = long["domein"].map(lambda v: label("domains", v))
    chart = (
        alt.Chart(long)
        .mark_rect()
        .encode(
            # Without labelOverlap=False Vega-Lite silently drops every other column label.
            x=alt.X(
                "domein:N",
                title=None,
                axis=alt.Axis(labelAngle=-30, labelOverlap=False, labelLimit=220),
            ),
            y=alt.Y("fenomeen:N", title=None, axis=alt.Axis(labelOverlap=False, labelLimit=260)),
            color=alt.Color("aantal:Q", scale=alt.Scale(scheme="blues"), title="#"),
            tooltip=["fenomeen", "domein", "aantal"],
        )
    )
    text = chart.mark_text(fontSize=11).encode(
        text="aantal:Q",
        color=alt.condition("datum.aantal > 6", alt.value("white"), alt.value("black")),
    )
    st.altair_chart(chart + text, width="stretch")


def _duplicates() -> None:
    st.subheader(t("duplicates"))
    rec = recommender()
    threshold = st.slider(t("duplicates_threshold"), 0.5, 0.99, 0.85, 0.01, key="beheer_threshold")
    ids, vectors = header_vectors(rec.index)
    titles = {entry_id: rec.kb.entries[entry_id].title for entry_id in ids}
    frame = near_duplicates(ids, vectors, titles, threshold)
    if frame.empty:
        st.success(t("duplicates_none"))
        return
    names = {
        "a": t("dup_a"),
        "b": t("dup_b"),
        "cosinus": t("dup_cosine"),
        "id_a": t("dup_id_a"),
        "id_b": t("dup_id_b"),
    }
    st.dataframe(frame.rename(columns=names), hide_index=True, width="stretch")


# --- the edit form -----------------------------------------------------------------------------


def _field_label(spec: FieldSpec) -> str:
    text = t(f"field_{spec.name}") if f"field_{spec.name}" in TEXTS else spec.name
    return f"{text} *" if spec.required else text


def _options(spec: FieldSpec, kb: KnowledgeBase, current: Any, parent: str = "") -> list[Any]:
    if spec.vocabulary and kb.taxonomy is not None:
        options: list[Any] = kb.taxonomy.ids(spec.vocabulary)
    elif spec.kind == "entries" or spec.name == "id":
        wanted = LINK_TARGET_TYPES.get(parent)
        options = sorted(e.id for e in kb.entries.values() if wanted is None or e.type == wanted)
    else:
        options = list(spec.options)
    values = current if isinstance(current, list) else [current]
    # A value the KB does not know stays selectable, so validation can name it.
    options += [v for v in values if v not in options and v not in (None, "")]
    return options


def _format(spec: FieldSpec, kb: KnowledgeBase):
    if spec.vocabulary:
        return lambda v: "—" if v is None else label(spec.vocabulary, v)
    if spec.kind == "entries":
        return lambda v: f"{kb.entries[v].title} ({v})" if v in kb.entries else v
    if spec.name == "status":
        return lambda v: "—" if v is None else label("statuses", v)
    return lambda v: "—" if v is None else str(v)


def _init(key: str, value: Any) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _table_rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for record in frame.to_dict("records"):
        row = {
            k: v
            for k, v in record.items()
            if (isinstance(v, str) and v.strip()) or (isinstance(v, int | float) and not pd.isna(v))
        }
        if row:
            rows.append(row)
    return rows


def _widget(spec: FieldSpec, kb: KnowledgeBase, value: Any, key: str, disabled: bool) -> Any:
    name = _field_label(spec)
    if spec.kind == "text":
        _init(key, value or "")
        return st.text_input(name, key=key, disabled=disabled)
    if spec.kind == "longtext":
        _init(key, value or "")
        return st.text_area(name, key=key, disabled=disabled, height=90)
    if spec.kind == "lines":
        _init(key, "\n".join(value or []))
        text = st.text_area(name, key=key, disabled=disabled, height=90, help=t("one_per_line"))
        return [line.strip() for line in text.splitlines() if line.strip()]
    if spec.kind == "int":
        _init(key, value)
        number = st.number_input(name, key=key, disabled=disabled, step=1, value=None)
        return None if number is None else int(number)
    if spec.kind == "bool":
        _init(key, bool(value))
        return st.checkbox(name, key=key, disabled=disabled)
    if spec.kind == "date":
        _init(key, value or dt.date.today())
        return st.date_input(name, key=key, disabled=disabled, format="YYYY-MM-DD")
    if spec.kind == "choices" or spec.kind == "entries":
        _init(key, list(value or []))
        return st.multiselect(
            name,
            _options(spec, kb, value or []),
            key=key,
            disabled=disabled,
            format_func=_format(spec, kb),
            placeholder=t("choose"),
        )
    if spec.kind == "choice":
        options = _options(spec, kb, value)
        if spec.name == "status" and value != "actueel":
            # 'actueel' is reached only through a review (tab Te herzien).
            options = [o for o in options if o != "actueel"]
        if not spec.required:
            options = [None, *options]
        _init(key, value if value in options else options[0])
        return st.selectbox(
            name, options, key=key, disabled=disabled, format_func=_format(spec, kb)
        )
    if spec.kind == "table":
        columns = [c.name for c in spec.columns]
        frame = pd.DataFrame(value or [], columns=columns).astype("object")
        config = {}
        for column in spec.columns:
            title = _field_label(column)
            if column.kind == "choice" or column.name == "id":
                choices = _options(
                    column, kb, [row.get(column.name) for row in value or []], spec.name
                )
                config[column.name] = st.column_config.SelectboxColumn(title, options=choices)
            else:
                config[column.name] = st.column_config.TextColumn(title)
        st.caption(name)
        edited = st.data_editor(
            frame,
            key=key,
            num_rows="dynamic",
            column_config=config,
            disabled=disabled,
            hide_index=True,
            width="stretch",
        )
        return _table_rows(edited)
    raise AssertionError(f"unknown field kind {spec.kind}")


def _open_draft(kb_root, choice: str, entry_type: str, slug: str) -> tuple[Draft, str | None]:
    """Return the draft the form starts from and the file text it was read from (None if new)."""
    state_key = f"beheer_original_{choice}"
    if choice != NEW:
        path = kb_root / entry_type / f"{slug}.md"
        if state_key not in st.session_state:
            st.session_state[state_key] = path.read_text(encoding="utf-8")
        return read_draft(path), st.session_state[state_key]
    return Draft(entry_type, slug, {"status": "concept"}, {}), None


def _editor(kb: KnowledgeBase, user: User) -> None:
    st.subheader(t("edit_title"))
    if FLASH in st.session_state:
        st.success(st.session_state.pop(FLASH))
    served = recommender().kb
    if SELECT_NEXT in st.session_state:  # a new entry was just created: open it
        st.session_state[EDIT_KEY] = st.session_state.pop(SELECT_NEXT)
    choices = [NEW, *sorted(kb.entries, key=lambda i: kb.entries[i].title.lower())]
    choice = st.selectbox(
        t("edit_pick"),
        choices,
        key=EDIT_KEY,
        format_func=lambda v: t("edit_new") if v == NEW else f"{kb.entries[v].title} ({v})",
    )
    if choice == NEW:
        left, right = st.columns(2)
        entry_type = left.selectbox(
            t("edit_type"),
            ENTRY_TYPES,
            key="beheer_new_type",
            format_func=lambda v: label("types", v),
            disabled=not user.is_adviser,
        )
        slug = right.text_input(
            t("edit_slug"),
            key="beheer_new_slug",
            help=t("edit_slug_help"),
            disabled=not user.is_adviser,
        ).strip()
        if not slug:
            st.info(t("edit_need_slug"))
            return
    else:
        entry_type, slug = kb.entries[choice].type, choice
    try:
        entry_path(kb.root, entry_type, slug)
    except EditorError as error:
        st.error(str(error))
        return
    draft, original = _open_draft(kb.root, choice, entry_type, slug)
    prefix = f"edit_{choice}_{entry_type}_"
    form, preview = st.columns([1, 1])
    front: dict[str, Any] = {}
    with form:
        for spec in form_fields():
            front[spec.name] = _widget(
                spec, served, draft.front.get(spec.name), prefix + spec.name, not user.is_adviser
            )
        sections = {}
        for title in section_titles(entry_type, draft.sections):
            key = prefix + "section_" + title
            _init(key, draft.sections.get(title, ""))
            sections[title] = st.text_area(
                f"## {title}", key=key, height=160, disabled=not user.is_adviser
            )
    # Keep keys the form does not show (review fields, unknown extras) as they are.
    kept = {k: v for k, v in draft.front.items() if k not in front}
    new_draft = Draft(entry_type, slug, {**kept, **front}, sections)
    text = render_text(new_draft, original)
    problems, entry = _checked(str(kb.root), kb.content_hash, entry_type, slug, text)
    with preview:
        st.caption(t("edit_preview"))
        if entry is not None:
            with st.container(border=True):
                entry_detail(entry, served, prefix="preview-")
        else:
            st.info(t("edit_preview_invalid"))
    if problems:
        st.error(t("edit_invalid", count=len(problems)))
        st.code("\n".join(str(p) for p in problems), language=None)
    elif text == original:
        st.caption(t("edit_unchanged"))
    if st.button(
        t("edit_save"),
        key="beheer_save",
        type="primary",
        disabled=bool(problems) or text == original or not user.is_adviser,
    ):
        _save(kb, new_draft, original, choice == NEW, user)


@st.cache_data(show_spinner=False, max_entries=64)
def _checked(
    kb_root: str, kb_hash: str, entry_type: str, slug: str, text: str
) -> tuple[list[Problem], Entry | None]:
    """Validate a draft once per KB state and text: reruns from other widgets cost nothing."""
    return check_entry(Path(kb_root), entry_type, slug, text)


def _history() -> History | None:
    return open_history(kb_dir())


def _allowed(user: User) -> bool:
    """Check the role again at the action itself, not only by disabling the button."""
    if not user.is_adviser:
        st.error(t("read_only"))
    return user.is_adviser


def _save(kb: KnowledgeBase, draft: Draft, original: str | None, create: bool, user: User) -> None:
    if not _allowed(user):
        return
    try:
        result = save_entry(kb.root, draft, original, create=create)
    except EditorError as error:
        st.error(str(error))
        return
    if result.problems:
        st.error(t("edit_invalid", count=len(result.problems)))
        return
    message = describe_change(draft.slug, original, result.text)
    _record(result.path, message, user)
    st.session_state[f"beheer_original_{draft.slug}"] = result.text
    saved = t("edit_saved", path=f"{kb.root.name}/{draft.entry_type}/{draft.slug}.md")
    if create:
        # Reopen the page on the new entry; the message survives the rerun.
        st.session_state[SELECT_NEXT] = draft.slug
        st.session_state[FLASH] = saved
        st.rerun()
    st.success(saved)


def _record(path, message: str, user: User) -> None:
    history = _history()
    if history is not None:
        try:
            history.commit(path, message, user.author())
        except HistoryError as error:
            st.warning(t("history_failed", error=str(error)))
    publisher().request()


# --- review ------------------------------------------------------------------------------------


# One worker for the whole server: counting runs ~70 answers, it must not compete with sessions.
_COUNTER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="review-counts")


@st.cache_resource(show_spinner=False, max_entries=4)
def _counts_job(kb_hash: str, built_at: str, _rec: Recommender) -> Future[dict[str, int]]:
    """Count in the background how often each entry is recommended, once per KB and index."""
    cases = [c.profile() for c in load_cases()] if DEFAULT_CASES.is_file() else []
    profiles = evaluation_profiles(_rec.kb, cases)
    return _COUNTER.submit(lambda: dict(recommendation_counts(_rec, profiles)))


def _review(kb: KnowledgeBase, user: User) -> None:
    st.subheader(t("review_due"))
    months = st.number_input(
        t("review_months"),
        min_value=1,
        max_value=120,
        value=REVIEW_INTERVAL_DAYS * 12 // 365,
        key="beheer_months",
    )
    rec = recommender()
    job = _counts_job(rec.kb.content_hash, rec.index.manifest.built_at, rec)
    counts = job.result() if job.done() and not job.exception() else {}
    frame = review_queue(kb, interval_days=round(int(months) * 365 / 12), counts=counts)
    st.caption(t("review_order") if job.done() else t("review_counting"))
    if frame.empty:
        st.success(t("review_none"))
        return
    shown = frame.assign(status=frame["status"].map(lambda v: label("statuses", v)))
    st.dataframe(
        shown.rename(columns={c: t(f"queue_{c}") for c in frame.columns}),
        hide_index=True,
        width="stretch",
    )
    slug = st.selectbox(
        t("review_pick"),
        frame["id"].tolist(),
        key="beheer_review_entry",
        format_func=lambda v: f"{kb.entries[v].title} ({v})",
    )
    entry = kb.entries[slug]
    st.caption(t("review_tick"))
    checked = set()
    for position, source in enumerate(entry.sources):
        if st.checkbox(
            f"{source.title} — {source.publisher} ({source.url})",
            key=f"beheer_src_{slug}_{position}",
            disabled=not user.is_adviser,
        ):
            checked.add(position)
    reviewer = st.text_input(
        t("review_by"), value=user.name, key=f"beheer_reviewer_{slug}", disabled=not user.is_adviser
    )
    request = ReviewRequest(slug, reviewer, frozenset(checked))
    blockers = review_blockers(entry.model_dump(), request)
    for blocker in blockers:
        st.caption(blocker)
    if st.button(
        t("review_mark"),
        key="beheer_review",
        type="primary",
        disabled=bool(blockers) or not user.is_adviser,
    ) and _allowed(user):
        try:
            result = record_review(kb.root, request)
        except EditorError as error:
            st.error(str(error))
            return
        if result.problems:
            st.error(t("edit_invalid", count=len(result.problems)))
            st.code("\n".join(str(p) for p in result.problems), language=None)
            return
        _record(result.path, describe(request), user)
        st.session_state.pop(f"beheer_original_{slug}", None)  # the form reopens on the new text
        st.success(t("review_done", id=slug))


# --- history -----------------------------------------------------------------------------------


def _history_tab(kb: KnowledgeBase, user: User) -> None:
    st.subheader(t("history_title"))
    history = _history()
    if history is None:
        st.info(t("history_off"))
        return
    slug = st.selectbox(
        t("history_pick"),
        sorted(kb.entries, key=lambda i: kb.entries[i].title.lower()),
        key="beheer_history_entry",
        format_func=lambda v: f"{kb.entries[v].title} ({v})",
    )
    entry = kb.entries[slug]
    path = kb.root / entry.type / f"{slug}.md"
    try:
        commits = history.log(path)
    except HistoryError as error:
        st.warning(t("history_failed", error=str(error)))
        return
    if not commits:
        st.info(t("history_none"))
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("hist_date"): c.date,
                    t("hist_author"): c.author,
                    t("hist_message"): c.message,
                    "commit": c.sha[:10],
                }
                for c in commits
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    sha = st.selectbox(
        t("history_commit"),
        [c.sha for c in commits],
        # A new commit gets a new widget, so the newest version is selected again.
        key=f"beheer_history_commit_{slug}_{commits[0].sha[:10]}",
        format_func=lambda s: next(
            f"{c.date[:16]} · {c.author} · {c.message}" for c in commits if c.sha == s
        ),
    )
    st.code(history.diff(sha, path) or t("history_no_diff"), language="diff")
    if st.button(
        t("history_restore"),
        key="beheer_restore",
        disabled=not user.is_adviser or sha == commits[0].sha,
    ):
        _restore(kb, history, sha, path, entry.type, slug, user)


def _restore(
    kb: KnowledgeBase, history: History, sha: str, path, entry_type: str, slug: str, user: User
) -> None:
    if not _allowed(user):
        return
    try:
        text = history.show(sha, path)
    except HistoryError as error:
        st.error(str(error))
        return
    problems, _ = check_entry(kb.root, entry_type, slug, text)
    if problems:
        st.error(t("edit_invalid", count=len(problems)))
        st.code("\n".join(str(p) for p in problems), language=None)
        return
    write_atomic(kb.root, path, text)
    _record(path, f"{slug}: hersteld naar versie {sha[:10]}", user)
    st.session_state.pop(f"beheer_original_{slug}", None)
    st.success(t("history_restored", sha=sha[:10]))


# --- index -------------------------------------------------------------------------------------


def _index(user: User) -> None:
    st.subheader(t("manifest"))
    state = publisher().state()
    if st.button(
        t("rebuild"),
        help=t("rebuild_help"),
        key="beheer_rebuild",
        type="primary",
        disabled=not user.is_adviser,
    ) and _allowed(user):
        publisher().request(force=True)
        st.success(t("rebuild_started"))
    if state.last_error:
        st.error(t("rebuild_failed", error=state.last_error))
    manifest = manifest_summary()
    if manifest is None:
        st.info(t("no_manifest"))
        return
    st.json({k: v for k, v in manifest.items() if k != "files"})


def _index_banner() -> None:
    state = publisher().state()
    if state.out_of_date:
        st.warning(t("index_out_of_date"), icon=":material/sync:")


def render() -> None:
    """Draw the Beheer page."""
    st.title(t("beheer_title"))
    user = current_user()
    if not user.is_adviser:
        st.info(t("read_only"), icon=":material/lock:")
    kb = fresh_kb()
    recommender()  # loads the shared index (and notices changes under kb/)
    _index_banner()
    _validation(kb)
    if kb.taxonomy is None:
        return
    overview, edit, review, history, index = st.tabs(
        [t("tab_overview"), t("tab_edit"), t("review_due"), t("tab_history"), t("manifest")]
    )
    with overview:
        _coverage(kb)
        _duplicates()
    with edit:
        _editor(kb, user)
    with review:
        _review(kb, user)
    with history:
        _history_tab(kb, user)
    with index:
        _index(user)

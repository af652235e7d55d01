"""What every page shares: cached resources, language, safe Markdown and small widgets.

Only presentation lives here; ranking, validation and exports come from the library.
"""

from __future__ import annotations

import functools
import gc
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from ..index import read_manifest
from ..loader import KnowledgeBase, load_kb
from ..paths import default_index_dir, default_kb_dir
from ..ranking import Recommender
from ..rebuild import IndexPublisher
from ..render import markdown_to_html
from . import state
from .i18n import TEXTS

LANGUAGE_KEY = state.LANGUAGE
LANGUAGES = ("nl", "en")
EVIDENCE_COLORS = {
    "sterke-aanwijzingen": "green",
    "goede-aanwijzingen": "green",
    "eerste-aanwijzingen": "green",
    "goed-onderbouwd": "blue",
    "goed-beschreven": "blue",
    "niet-beoordeeld": "gray",
    "niet-erkend": "red",
    "juridisch-kader": "violet",
    "onbekend": "gray",
}


#: What the launcher asks the engine once before the port opens (no user's text).
WARM_UP_TEXT = "Een jongen van 15 verzuimt school en de familie wordt bedreigd."


def kb_dir() -> Path:
    """Return the knowledge-base folder the app serves."""
    return default_kb_dir()


def index_dir() -> Path:
    """Return the index cache folder the app uses."""
    return default_index_dir()


def language() -> str:
    """Return 'nl' or 'en', as chosen in the sidebar."""
    return st.session_state.get(LANGUAGE_KEY, "nl")


def t(key: str, **values: object) -> str:
    """Return the interface text ``key`` in the chosen language."""
    entry = TEXTS[key]
    text = entry.get(language(), entry["nl"])
    return text.format(**values) if values else text


def number(value: int) -> str:
    """Return a whole number with the thousands separator of the chosen language (5.000)."""
    text = f"{value:,}"
    return text.replace(",", ".") if language() == "nl" else text


@st.cache_resource(show_spinner=False)
def get_publisher(kb_path: str, index_path: str) -> IndexPublisher:
    """One index publisher per server and KB: every session answers with its current recommender."""
    return IndexPublisher(Path(kb_path), Path(index_path))


# A page asks for the publisher a few hundred times per run (every label does); going through
# st.cache_resource and a stat of kb/ each time cost half a second per search.
_publishers: dict[tuple[str, str], IndexPublisher] = {}


def publisher() -> IndexPublisher:
    """Return the shared index publisher (it rebuilds in the background when kb/ changes)."""
    key = (str(kb_dir()), str(index_dir()))
    shared = _publishers.get(key)
    if shared is None:
        shared = _publishers[key] = get_publisher(*key)
    return shared


def recommender() -> Recommender:
    """Return the shared recommender, showing a spinner the first time."""
    shared = publisher()
    if shared.loaded:  # a page asks hundreds of times per run; a spinner each time costs
        return shared.current()
    with st.spinner(t("loading")):
        loaded = shared.current()
    _freeze_loaded_objects()
    return loaded


def _freeze_loaded_objects() -> None:
    """Keep what is loaded once per server out of every later garbage collection.

    Streamlit runs a full collection after every page run; with the KB, the index and
    deduce's lookup structures (millions of objects) in the process that took seconds per
    click. Frozen objects are still freed when nothing refers to them any more.
    """
    gc.collect()
    gc.freeze()


def preload() -> None:
    """Load the recommender (KB, encoder, index) and the de-identifier for every session.

    Called once by the launcher before the server opens its port (``recommender.ui.server``);
    each later call returns at once from the process-wide caches.
    """
    from ..privacy import warm_up

    # The first visitor would otherwise wait for the first answer's lazy parts (frame lexicon,
    # tokenizer); a text of our own, not a user's, walks that path once.
    publisher().current().recommend({"text": WARM_UP_TEXT})
    warm_up()
    _freeze_loaded_objects()


def knowledge_base() -> KnowledgeBase:
    """Return the KB behind the shared recommender."""
    return recommender().kb


def fresh_kb() -> KnowledgeBase:
    """Load the KB from disk now (for the validation report on the Beheer page)."""
    return load_kb(kb_dir())


def broken_files_banner(kb: KnowledgeBase) -> None:
    """Warn that some KB files could not be read; the valid entries are still served."""
    if kb.problems:
        files = ", ".join(kb.broken_files[:8]) + (" …" if len(kb.broken_files) > 8 else "")
        st.warning(
            t("broken_banner", count=len(kb.broken_files), files=files), icon=":material/warning:"
        )


def safe_markdown(text: str) -> None:
    """Render KB Markdown: raw HTML shown as text, only http(s) and mailto links."""
    st.markdown(markdown_to_html(text), unsafe_allow_html=True)


def html_block(body: str) -> None:
    """Draw HTML made on the server (from :func:`markdown_to_html`, escaped) as one element.

    st.html costs the browser about a third of st.markdown with the same HTML: the browser
    sanitises it and sets it as it is, where a Markdown element parses Markdown and then the
    HTML again in JavaScript (on the Casus page that was most of the browser's work per search).
    """
    st.html(body)


@functools.lru_cache(maxsize=4096)
def kb_html(text: str) -> str:
    """:func:`markdown_to_html` for KB text (summaries, passages), kept per server.

    The same summaries and passages come back in answer after answer; rendering their Markdown
    again on every search was the largest part of the page's own server time.
    """
    return markdown_to_html(text)


def caption_html(text: str) -> str:
    """A caption as HTML, to share one element with what follows it (as st.caption)."""
    return (
        '<p style="font-size:.875rem;color:rgba(49,51,63,.6);margin:0 0 .5rem 0">'
        f"{html.escape(text)}</p>"
    )


def heading_html(text: str) -> str:
    """A subheading as HTML, to share one element with what follows it (as st.subheader)."""
    # Streamlit's subheader style, which a bare <h3> inside st.html does not get.
    return (
        '<h3 style="font-size:1.5rem;font-weight:600;line-height:1.2;margin:1rem 0 .75rem 0;'
        f'padding:0">{html.escape(text)}</h3>'
    )


def safe_html(text: str) -> None:
    """Render KB Markdown like :func:`safe_markdown`, as one cheaper HTML element."""
    html_block(markdown_to_html(text))


def label(vocabulary: str, term_id: str) -> str:
    """Return a taxonomy label in the chosen language."""
    taxonomy = knowledge_base().taxonomy
    return taxonomy.label(vocabulary, term_id, language()) if taxonomy else term_id


def _evidence_badge(evidence: str | None) -> tuple[str, str] | None:
    """(label, colour) of the recognition badge, or None."""
    if not evidence:
        return None
    return label("evidence", evidence), EVIDENCE_COLORS.get(evidence, "gray")


def _status_badge(status: str) -> tuple[str, str] | None:
    """(label, colour) of the status badge; entries that are 'actueel' have none."""
    if status == "actueel":
        return None
    return label("statuses", status), "orange" if status == "concept" else "red"


def evidence_badge(evidence: str | None) -> None:
    """Show the recognition level as a coloured badge."""
    if badge := _evidence_badge(evidence):
        st.badge(badge[0], color=badge[1])


# Streamlit's own badge colours (light theme), for badges drawn inside one Markdown element.
_BADGE_STYLES = {
    "green": "background:rgba(33,195,84,.1);color:rgb(21,130,55)",
    "blue": "background:rgba(28,131,225,.1);color:rgb(0,84,163)",
    "violet": "background:rgba(128,61,245,.1);color:rgb(88,63,132)",
    "orange": "background:rgba(255,164,33,.1);color:rgb(138,78,0)",
    "red": "background:rgba(255,43,43,.09);color:rgb(189,65,65)",
    "gray": "background:rgba(49,51,63,.1);color:rgb(49,51,63)",
}


def boxed_html(inner: str) -> str:
    """HTML with the frame of a bordered container around it.

    A bordered st.container costs the browser more than ten milliseconds per search (a page
    with twenty cost a third of a second); a styled block inside one Markdown element does not.
    """
    return (
        '<div style="border:1px solid rgba(49,51,63,.2);border-radius:.5rem;'
        f'padding:.75rem 1rem .25rem 1rem;margin-bottom:.25rem">{inner}</div>'
    )


def badges_html(evidence: str | None, status: str) -> str:
    """The recognition and status badges as inline HTML, to share one element with a card.

    A page with fifteen cards drew forty-five badge and caption elements; each element costs
    the browser a render on every search.
    """
    badges = [b for b in (_evidence_badge(evidence), _status_badge(status)) if b]
    return " ".join(
        f'<span style="{_BADGE_STYLES[color]};padding:.1em .45em;border-radius:.4em;'
        f'font-size:.8em;white-space:nowrap">{html.escape(text)}</span>'
        for text, color in badges
    )


def status_badge(status: str) -> None:
    """Show a badge for entries that are not yet 'actueel'."""
    if badge := _status_badge(status):
        st.badge(badge[0], color=badge[1])


def _language_to_address() -> None:
    if st.session_state.get(LANGUAGE_KEY, "nl") == "nl":
        st.query_params.pop(state.PARAM_LANGUAGE, None)
    else:
        st.query_params[state.PARAM_LANGUAGE] = st.session_state[LANGUAGE_KEY]


def sidebar_language() -> None:
    """Language switch in the sidebar (the content of the KB stays Dutch).

    The choice is kept in the address (``?lang=en``), so a reload or a shared link keeps it.
    """
    if LANGUAGE_KEY not in st.session_state:
        from_address = st.query_params.get(state.PARAM_LANGUAGE)
        st.session_state[LANGUAGE_KEY] = from_address if from_address in LANGUAGES else "nl"
    elif st.session_state[LANGUAGE_KEY] != "nl":
        # Page links drop the address's parameters; put the language back.
        st.query_params[state.PARAM_LANGUAGE] = st.session_state[LANGUAGE_KEY]
    st.sidebar.radio(
        "Taal / Language",
        options=list(LANGUAGES),
        format_func=lambda code: {"nl": "Nederlands", "en": "English"}[code],
        key=LANGUAGE_KEY,
        horizontal=True,
        on_change=_language_to_address,
    )


def manifest_summary() -> dict[str, object] | None:
    """Return the manifest of the stored index, if any."""
    manifest = read_manifest(index_dir())
    return vars(manifest) if manifest else None


MIME_TYPES = {
    ".md": "text/markdown",
    ".json": "application/json",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def download(
    where: Any,  # a Streamlit container or column
    label: str,
    make: Callable[[], str | bytes],
    file_name: str,
    key: str | None = None,
    icon: str | None = None,
) -> None:
    """A download button whose file is made only when clicked (no rerun on click)."""
    where.download_button(
        label,
        data=make,
        on_click="ignore",
        file_name=file_name,
        mime=MIME_TYPES[Path(file_name).suffix],
        key=key,
        icon=icon,
    )


def print_css() -> None:
    """CSS for the print view: only the answer is printed, never a control or the menu."""
    st.html(
        "<style>@media print {"
        "[data-testid='stSidebar'], [data-testid='stHeader'], [data-testid='stToolbar'],"
        " .st-key-print-controls, .stButton, .stDownloadButton, .stCheckbox, .stTextArea,"
        " .stMultiSelect, .stNumberInput, .stFileUploader, [data-testid='stForm']"
        " {display: none !important;}"
        " .block-container {max-width: 100% !important; padding: 0 !important;}"
        "}</style>"
    )


def responsive_css() -> None:
    """CSS that swaps wide parts for lists on a phone (containers are addressed by key)."""
    st.html(
        "<style>"
        # The plan table is drawn with st.html, which has no table style of its own.
        ".iw-plan-table table {border-collapse: collapse; width: 100%;}"
        ".iw-plan-table th, .iw-plan-table td {border: 1px solid rgba(49,51,63,.1);"
        " padding: .5rem .75rem; text-align: left;}"
        "table.iw-score {border-collapse: collapse; margin-bottom: .5rem;}"
        "table.iw-score th, table.iw-score td {border: 1px solid rgba(49,51,63,.1);"
        " padding: .25rem .5rem; text-align: right; font-size: .9em;}"
        ".iw-plan-list {display: none !important;}"
        "@media (max-width: 640px) {"
        " .iw-plan-table, .st-key-partner-network {display: none !important;}"
        " .iw-plan-list {display: block !important;}"
        "}</style>"
    )

"""Every session-state key of the app in one place, and what keeps their values alive.

Streamlit forgets a widget's value when a run does not draw that widget (another page, the
Kennisbank detail view). ``keep_widget_state`` runs at the top of every run and hands the
values back to Streamlit as the user's own, so they survive navigation. A reload starts a new
session: what may travel in the address (facets, age, language) is restored from it; the
description never travels and is gone after a reload by design.
"""

from __future__ import annotations

import streamlit as st

from ..taxonomy import FACETS

LANGUAGE = "taal"

# Casus: the form's widgets
CASUS_TEXT = "casus_text"
CASUS_AGE = "casus_age"
CASUS_FACET = {facet: f"casus_{facet}" for facet in FACETS}
# Casus: what was submitted and decided
CASUS_PROFILE = "casus_profile"
CASUS_PII_OK = "casus_pii_ok"
CASUS_FROM_LINK = "casus_from_link"
CASUS_PRINT = "casus_print"
CASUS_PRINT_TEXT = "casus_print_text"
CASUS_INCLUDE_TEXT = "casus_include_text"
CASUS_UPLOAD = "casus_upload"
CASUS_UPLOAD_ERROR = "casus_upload_error"
CASUS_PSEUDO = "casus_pseudo"
CASUS_ANSWER = "casus_answer"
CASUS_SHOW_NETWORK = "casus_show_network"
CASUS_FRAME_EDIT = "casus_frame_edit"
CASUS_SHOW_LINK = "casus_show_link"
CASUS_TAB = "casus_tab"
CASUS_SHOW_OTHERS = "casus_show_others"
CASUS_SAVE = "casus_save"
CASUS_EMPTY_CLICK = "casus_empty_click"

# Kennisbank: search and filters
KB_QUERY = "kb_query"
KB_TYPE = "kb_type"
KB_EVIDENCE = "kb_evidence"
KB_STATUS = "kb_status"
KB_FACET = {facet: f"kb_{facet}" for facet in FACETS}

# Widget values that must outlive a run in which their widget is not drawn.
KEPT_WIDGETS: tuple[str, ...] = (
    CASUS_TEXT,
    CASUS_AGE,
    *CASUS_FACET.values(),
    CASUS_INCLUDE_TEXT,
    CASUS_PRINT_TEXT,
    CASUS_SHOW_NETWORK,
    CASUS_FRAME_EDIT,
    CASUS_SHOW_LINK,
    CASUS_SHOW_OTHERS,
    KB_QUERY,
    KB_TYPE,
    KB_EVIDENCE,
    KB_STATUS,
    *KB_FACET.values(),
)

# Address parameters: facet ids, the age, the language, and a flag that the sender had text.
PARAM_AGE = "age"
PARAM_LANGUAGE = "lang"
PARAM_HAD_TEXT = "tekst"
PARAM_ENTRY = "entry"


def keep_widget_state() -> None:
    """Stop Streamlit from dropping kept widget values in a run that does not draw them."""
    for key in KEPT_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]

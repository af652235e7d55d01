"""The pages of the app and their URLs."""

from __future__ import annotations

import streamlit as st

from . import beheer, casus, kennisbank, lokale_analyse, workshop
from .common import t

PAGES = {
    "casus": (casus.render, "page_casus", ":material/explore:"),
    "kennisbank": (kennisbank.render, "page_kennisbank", ":material/menu_book:"),
    "lokale-analyse": (lokale_analyse.render, "page_lokale_analyse", ":material/insights:"),
    "workshop": (workshop.render, "page_workshop", ":material/school:"),
    "beheer": (beheer.render, "page_beheer", ":material/build:"),
}


def page_objects(default: str = "casus") -> dict[str, st.Page]:
    """Return the app's pages by key (the key is also the URL path); ``default`` opens first."""
    return {
        key: st.Page(render, title=t(title), icon=icon, url_path=key, default=key == default)
        for key, (render, title, icon) in PAGES.items()
    }


def page(key: str) -> st.Page:
    """Return one page object (for st.page_link and st.switch_page)."""
    return page_objects()[key]

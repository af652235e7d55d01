"""The pages of the app and their URLs.

Pages are named by module and imported when first drawn, so a page module may link to
another page through :func:`page` without importing this module's importers in a cycle.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import streamlit as st

from .common import t

PAGES: dict[str, tuple[str, str, str]] = {
    "casus": ("casus", "page_casus", ":material/explore:"),
    "kennisbank": ("kennisbank", "page_kennisbank", ":material/menu_book:"),
    "lokale-analyse": ("lokale_analyse", "page_lokale_analyse", ":material/insights:"),
    "workshop": ("workshop", "page_workshop", ":material/school:"),
    "beheer": ("beheer", "page_beheer", ":material/build:"),
}


def _renderer(module: str) -> Callable[[], None]:
    def render() -> None:
        importlib.import_module(f"{__package__}.{module}").render()

    render.__name__ = f"render_{module}"
    return render


def page_objects(default: str = "casus") -> dict[str, st.Page]:
    """Return the app's pages by key (the key is also the URL path); ``default`` opens first."""
    return {key: page(key, default) for key in PAGES}


def page(key: str, default: str = "casus") -> st.Page:
    """Return one page object (for st.page_link and st.switch_page); only that one is made
    (a Casus answer asks for one per result card)."""
    module, title, icon = PAGES[key]
    return st.Page(
        _renderer(module), title=t(title), icon=icon, url_path=key, default=key == default
    )

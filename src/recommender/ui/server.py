"""Start the app with everything heavy loaded before the server answers its first request.

``python -m recommender.ui.server app.py [streamlit options]`` loads the KB, encoder, index and
de-identifier into this process's caches, then hands over to ``streamlit run`` in the same
process, so the first visitor does not wait for them.
"""

from __future__ import annotations

import importlib
import logging
import sys

from streamlit import delta_generator
from streamlit.web import cli as streamlit_cli

from .common import preload
from .pages import PAGES


def main(argv: list[str] | None = None) -> None:
    """Preload, then run ``streamlit run`` with the given arguments."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    # The first page would otherwise wait for these imports (pandas, python-docx, and the emoji
    # table that set_page_config's icon check loads): about a second and a half.
    import streamlit.emojis  # noqa: F401

    for module, _title, _icon in PAGES.values():
        importlib.import_module(f"{__package__}.{module}")
    # Streamlit checks once per process, on the first element any page draws, whether it runs
    # in a REPL: inspect.stack() from the script thread, half a second for the first visitor.
    # This process is `streamlit run`, so the answer is known.
    delta_generator._use_warning_has_been_displayed = True
    try:
        preload()
    except Exception as error:  # the pages show the problem; the server must still start
        logging.getLogger(__name__).warning("vooraf laden mislukt: %s", type(error).__name__)
    sys.argv = ["streamlit", "run", *arguments]
    streamlit_cli.main()


if __name__ == "__main__":
    main()

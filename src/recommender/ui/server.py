"""Start the app with everything heavy loaded before the server answers its first request.

``python -m recommender.ui.server app.py [streamlit options]`` loads the KB, encoder, index and
de-identifier into this process's caches, then hands over to ``streamlit run`` in the same
process, so the first visitor does not wait for them.
"""

from __future__ import annotations

import logging
import sys

from streamlit.web import cli as streamlit_cli

from .common import preload


def main(argv: list[str] | None = None) -> None:
    """Preload, then run ``streamlit run`` with the given arguments."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        preload()
    except Exception as error:  # the pages show the problem; the server must still start
        logging.getLogger(__name__).warning("vooraf laden mislukt: %s", type(error).__name__)
    sys.argv = ["streamlit", "run", *arguments]
    streamlit_cli.main()


if __name__ == "__main__":
    main()

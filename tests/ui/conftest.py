"""AppTest fixtures: the app against a copy of the small test KB."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ..conftest import REPO_ROOT

APP = str(REPO_ROOT / "tests" / "ui" / "page_app.py")


@pytest.fixture
def app(
    ui_kb: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., AppTest]:
    """Return a factory for an AppTest on a page, against ``ui_kb`` (or another KB)."""
    index = tmp_path_factory.getbasetemp() / "ui-index"

    def make(page: str = "casus", kb: Path | None = None, **query: str) -> AppTest:
        monkeypatch.setenv("INTERVENTIEWIJZER_KB", str(kb or ui_kb))
        # Every KB gets its own index folder in the test's temp dir, never inside the repo.
        folder = index if kb is None else index.with_name(f"ui-index-{abs(hash(str(kb)))}")
        monkeypatch.setenv("INTERVENTIEWIJZER_INDEX", str(folder))
        monkeypatch.setenv("UI_TEST_PAGE", page)
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params.update(query)
        return at

    return make


@pytest.fixture(scope="session", autouse=True)
def _deidentifier_loaded() -> None:
    """Load deduce once, outside every AppTest's time limit (the server does it at start)."""
    from recommender.privacy import warm_up

    warm_up()

"""Shared fixtures: a small test KB, the real KB and real encoders (loaded once per session)."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

TESTS_DIR = Path(__file__).parent
REPO_ROOT = TESTS_DIR.parent
REAL_KB = REPO_ROOT / "kb"
SMALL_KB = TESTS_DIR / "fixtures" / "kb_small"


def copy_small_kb(target: Path) -> Path:
    """Copy the small test KB to ``target`` with the project's real taxonomy."""
    shutil.copytree(SMALL_KB, target)
    shutil.copy(REAL_KB / "taxonomy.yaml", target / "taxonomy.yaml")
    return target


@contextmanager
def withdrawn(recommender: Any, entry_id: str) -> Iterator[Any]:
    """Yield a recommender that sees ``entry_id`` as withdrawn ('vervallen'); restore it after."""
    entry = recommender.kb.entries[entry_id]
    original = entry.status
    object.__setattr__(entry, "status", "vervallen")
    try:
        yield type(recommender)(
            recommender.kb, recommender.encoder, recommender.index, recommender.config
        )
    finally:
        object.__setattr__(entry, "status", original)


@pytest.fixture
def small_kb(tmp_path: Path) -> Path:
    """A writable copy of the small test KB (named kb/ like the real one)."""
    return copy_small_kb(tmp_path / "kb")


@pytest.fixture(scope="session")
def use_encoder():
    """The multilingual USE encoder (numpy; loads in about a second)."""
    from recommender.encoders import load_encoder

    return load_encoder("use-multilingual")


@pytest.fixture(scope="session")
def small_recommender(tmp_path_factory: pytest.TempPathFactory, use_encoder):
    """A recommender over a session copy of the small KB."""
    from recommender.ranking import Recommender

    root = tmp_path_factory.mktemp("small")
    copy_small_kb(root / "kb")
    return Recommender.load(kb_dir=root / "kb", index_dir=root / "index", encoder=use_encoder)


@pytest.fixture(scope="session")
def real_recommender(tmp_path_factory: pytest.TempPathFactory, use_encoder):
    """A recommender over the real KB with a fresh index in a temporary folder."""
    from recommender.ranking import Recommender

    index_dir = tmp_path_factory.mktemp("real-index")
    return Recommender.load(kb_dir=REAL_KB, index_dir=index_dir, encoder=use_encoder)


@pytest.fixture(scope="session")
def ui_kb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A session copy of the small KB, with an entry whose text holds HTML and a bad link."""
    root = tmp_path_factory.mktemp("ui")
    kb = copy_small_kb(root / "kb")
    entry = kb / "werkwijze" / "casusoverleg-test.md"
    text = entry.read_text(encoding="utf-8").replace(
        "Partners uit zorg en veiligheid bespreken samen een familie en maken één plan.",
        "Partners uit zorg en veiligheid bespreken samen een familie. <script>alert('xss')</script> "
        "<img src=x onerror=alert(1)> [klik](javascript:alert(2))",
    )
    entry.write_text(text, encoding="utf-8")
    return kb

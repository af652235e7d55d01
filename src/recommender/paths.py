"""Where the knowledge base and the derived index live by default."""

from __future__ import annotations

import functools
import os
from pathlib import Path

KB_ENV = "INTERVENTIEWIJZER_KB"
INDEX_ENV = "INTERVENTIEWIJZER_INDEX"

# The package sits in <repo>/src/recommender; the repository root holds kb/ and .index/.
REPO_ROOT = Path(__file__).resolve().parents[2]


def default_kb_dir() -> Path:
    """Return the knowledge-base folder: $INTERVENTIEWIJZER_KB, ./kb, or the repository's kb/."""
    if os.environ.get(KB_ENV):
        return Path(os.environ[KB_ENV])
    return _kb_dir_in(os.getcwd())


@functools.lru_cache(maxsize=8)
def _kb_dir_in(cwd: str) -> Path:
    # Asked on every page element; whether ./kb exists is checked once per working folder.
    cwd_kb = Path(cwd) / "kb"
    if (cwd_kb / "taxonomy.yaml").is_file():
        return cwd_kb
    return REPO_ROOT / "kb"


def default_index_dir() -> Path:
    """Return the index cache folder: $INTERVENTIEWIJZER_INDEX or <repo>/.index."""
    if os.environ.get(INDEX_ENV):
        return Path(os.environ[INDEX_ENV])
    return REPO_ROOT / ".index"

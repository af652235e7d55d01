"""Faults: a killed build, a read-only cache, a KB edited while the app runs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from recommender.index import CURRENT_FILE, ensure_search_index, load_search_index, read_manifest
from recommender.loader import load_kb

from .conftest import REPO_ROOT

CHILD = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {src!r})
    from pathlib import Path
    from recommender import index as index_module
    from recommender.encoders import load_encoder
    from recommender.loader import load_kb

    stage = {stage!r}

    def announce_and_wait(*args, **kwargs):
        print("STOP-HERE", flush=True)
        time.sleep(120)

    if stage == "encoding":
        progress = lambda fraction, message: announce_and_wait() if 0.3 < fraction < 0.9 else None
    else:
        progress = None
        index_module._fsync_tree = announce_and_wait  # files are written; not yet published
    kb = load_kb(Path({kb!r}))
    index_module.ensure_search_index(kb, load_encoder("use-multilingual"), Path({index!r}), progress, force=True)
    """
)


@pytest.mark.parametrize("stage", ["encoding", "saving"])
def test_killed_build_leaves_previous_index_working(
    stage: str, small_kb: Path, tmp_path: Path, use_encoder
) -> None:
    index_dir = tmp_path / "index"
    kb = load_kb(small_kb)
    ensure_search_index(kb, use_encoder, index_dir)
    before = (index_dir / CURRENT_FILE).read_text()
    script = CHILD.format(
        src=str(REPO_ROOT / "src"), stage=stage, kb=str(small_kb), index=str(index_dir)
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        for line in child.stdout:
            if "STOP-HERE" in line:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert (index_dir / CURRENT_FILE).read_text() == before
    index = load_search_index(index_dir, kb.content_hash, use_encoder.id)
    assert index.dense.ntotal == len(index.passages)
    if stage == "saving":
        assert any(p.name.startswith(".tmp-") for p in index_dir.iterdir())  # the unfinished build
    # The next build cleans up what the killed one left behind.
    ensure_search_index(kb, use_encoder, index_dir, force=True)
    assert not any(p.name.startswith(".tmp-") for p in index_dir.iterdir())


@pytest.fixture
def read_only_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory nobody may write to: chmod for users, the immutable flag for root."""
    folder = tmp_path / "ro-cache"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    if (
        shutil.which("chattr") is None
        or subprocess.run(["chattr", "+i", str(folder)]).returncode != 0
    ):
        pytest.skip("cannot make a read-only directory as root here (no chattr +i)")
    try:
        yield folder
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False)


def test_read_only_cache_falls_back_to_memory(
    small_kb: Path, read_only_dir: Path, use_encoder
) -> None:
    with pytest.raises(OSError):
        (read_only_dir / "probe").write_text("x")
    index, message = ensure_search_index(load_kb(small_kb), use_encoder, read_only_dir)
    assert message is not None
    assert f"de cachemap {read_only_dir} is niet schrijfbaar" in message
    assert "de index blijft alleen in het geheugen" in message
    assert index.dense.ntotal == len(index.passages) and read_manifest(read_only_dir) is None


def test_recommender_works_with_read_only_cache(
    small_kb: Path, read_only_dir: Path, use_encoder
) -> None:
    from recommender.ranking import Recommender

    recommender = Recommender.load(kb_dir=small_kb, index_dir=read_only_dir, encoder=use_encoder)
    assert recommender.index_message and "alleen in het geheugen" in recommender.index_message
    assert recommender.recommend({"text": "drugs in de schuur"}).results

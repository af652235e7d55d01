"""Attack suite, the index cache: garbage in any file it reads heals, a full disk leaves no mess.

The command-line runs go through ``build-index`` as a subprocess under a memory limit; a full
disk is an ``RLIMIT_FSIZE`` on that subprocess, so every write past it fails with EFBIG.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from recommender.index import (
    CURRENT_FILE,
    MANIFEST_FILE,
    current_build,
    ensure_search_index,
    load_search_index,
)
from recommender.loader import load_kb

from .conftest import copy_small_kb
from .limits import RECOMMENDER, run_limited

#: Address space for build-index with the USE encoder (it peaks near 0.8 GB of address space).
MEMORY_MIB = 2048


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, use_encoder) -> tuple[Path, Path]:
    """A small KB with a published index; returns (kb, index folder).

    Shared by the tests of this module: each one leaves a healthy published index behind.
    """
    kb = copy_small_kb(tmp_path_factory.mktemp("index-attacks") / "kb")
    index_dir = kb.parent / "index"
    ensure_search_index(load_kb(kb), use_encoder, index_dir)
    return kb, index_dir


def _pointer(content: bytes) -> Callable[[Path], None]:
    def damage(index_dir: Path) -> None:
        (index_dir / CURRENT_FILE).write_bytes(content)

    return damage


def _manifest(change: Callable[[dict], object]) -> Callable[[Path], None]:
    def damage(index_dir: Path) -> None:
        path = current_build(index_dir) / MANIFEST_FILE
        data = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(change(data)), encoding="utf-8")

    return damage


def _set(data: dict, key: str, value: object) -> dict:
    data[key] = value
    return data


GARBAGE: dict[str, Callable[[Path], None]] = {
    "random bytes in CURRENT": _pointer(random.Random(13).randbytes(4096)),
    "a path out of the folder in CURRENT": _pointer(b"../../.."),
    "a NUL byte in CURRENT": _pointer(b"build-\x00"),
    "an empty CURRENT": _pointer(b""),
    "manifest files as text": _manifest(lambda d: _set(d, "files", {"dense.faiss": "groot"})),
    "manifest files as a list": _manifest(lambda d: _set(d, "files", [1, 2])),
    "manifest dimension as text": _manifest(lambda d: _set(d, "dimension", "512")),
    "manifest as a list": _manifest(lambda d: [d]),
    "manifest nested deeply": lambda index_dir: (
        current_build(index_dir) / MANIFEST_FILE
    ).write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8"),
}


@pytest.mark.parametrize("damage", list(GARBAGE), ids=list(GARBAGE))
def test_garbage_in_the_index_heals_by_rebuilding(damage: str, built, use_encoder) -> None:
    kb, index_dir = built
    GARBAGE[damage](index_dir)
    knowledge_base = load_kb(kb)
    index, message = ensure_search_index(knowledge_base, use_encoder, index_dir)
    assert message is not None and message.startswith("Index opnieuw gebouwd"), message
    assert len(message) < 400
    # Published again: the next load uses the stored index.
    load_search_index(index_dir, knowledge_base.content_hash, use_encoder.id)
    assert current_build(index_dir) == index.path


def _build(kb: Path, index_dir: Path, *flags: str, file_size_bytes: int | None = None):
    return run_limited(
        [*RECOMMENDER, "build-index", "--kb", str(kb), "--index-dir", str(index_dir), *flags],
        MEMORY_MIB,
        timeout=300,
        env={"INTERVENTIEWIJZER_ENCODER": "use-multilingual"},
        file_size_bytes=file_size_bytes,
    )


def test_build_index_if_stale_heals_a_garbage_pointer(built) -> None:
    kb, index_dir = built
    (index_dir / CURRENT_FILE).write_bytes(random.Random(5).randbytes(512))
    run = _build(kb, index_dir, "--if-stale")
    assert not run.timed_out and run.returncode == 0, run
    assert "Traceback" not in run.stderr
    assert "Index opnieuw gebouwd" in run.stderr
    assert current_build(index_dir) is not None


def test_full_disk_fails_clearly_and_leaves_no_staging(built, use_encoder) -> None:
    kb, index_dir = built
    before = (index_dir / CURRENT_FILE).read_bytes()
    run = _build(kb, index_dir, file_size_bytes=16_384)
    assert not run.timed_out, run
    assert run.returncode == 1, run
    assert "Traceback" not in run.stderr, run.stderr
    assert "niet opgeslagen" in run.stderr, run.stderr
    assert sorted(p.name for p in index_dir.iterdir() if p.name.startswith(".tmp-")) == []
    assert not [p for p in index_dir.iterdir() if p.name.startswith(f".{CURRENT_FILE}.")]
    # The previous index is still published and serves.
    assert (index_dir / CURRENT_FILE).read_bytes() == before
    load_search_index(index_dir, load_kb(kb).content_hash, use_encoder.id)
    # With room again, the next build succeeds.
    _, message = ensure_search_index(load_kb(kb), use_encoder, index_dir, force=True)
    assert message == "Index opnieuw gebouwd: herbouw gevraagd."

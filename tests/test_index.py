"""Building, storing, checking and rebuilding the search index (real files)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from recommender import index as index_module
from recommender.index import (
    CURRENT_FILE,
    IndexUnavailable,
    current_build,
    ensure_search_index,
    entry_passages,
    load_search_index,
    passage_id,
    read_manifest,
)
from recommender.loader import load_kb


class RenamedEncoder:
    """The same vectors under another model id, to stand for a changed encoder."""

    def __init__(self, inner, model_id: str) -> None:
        self._inner = inner
        self.id = model_id
        self.dimension = inner.dimension

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        return self._inner.encode(texts, batch_size)


def test_passage_ids_are_stable_and_positive() -> None:
    assert passage_id("a", "Wat is het", 0) == passage_id("a", "Wat is het", 0)
    assert passage_id("a", "Wat is het", 0) != passage_id("a", "Wat is het", 1)
    assert 0 < passage_id("x", "", 0) < 2**63


def test_long_sections_are_chunked_not_truncated(small_kb: Path) -> None:
    kb = load_kb(small_kb)
    entry = kb.entries["gezinstherapie-test"]
    long_text = " ".join(f"woord{i}" for i in range(500))
    entry.sections["Wat is het"] = long_text
    passages = entry_passages(entry, kb.taxonomy)
    chunks = [p.text for p in passages if p.section == "Wat is het"]
    assert len(chunks) > 1
    covered = set(" ".join(chunks).split())
    assert {f"woord{i}" for i in range(500)} <= covered


def test_build_writes_manifest_and_loads(small_kb: Path, tmp_path: Path, use_encoder) -> None:
    kb = load_kb(small_kb)
    index, message = ensure_search_index(kb, use_encoder, tmp_path / "idx")
    assert message and "gebouwd" in message
    manifest = read_manifest(tmp_path / "idx")
    assert manifest is not None
    assert manifest.kb_hash == kb.content_hash and manifest.encoder_id == use_encoder.id
    assert manifest.dimension == 512 and manifest.entries == 6
    assert manifest.dense_index == "IndexIDMap2(IndexFlatIP)"
    again, message = ensure_search_index(kb, use_encoder, tmp_path / "idx")
    assert message is None and again.entry_ids == index.entry_ids


def test_changed_kb_triggers_rebuild(small_kb: Path, tmp_path: Path, use_encoder) -> None:
    ensure_search_index(load_kb(small_kb), use_encoder, tmp_path / "idx")
    path = small_kb / "interventie" / "mentoraat-test.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("een jaar", "twee jaar"), encoding="utf-8"
    )
    _, message = ensure_search_index(load_kb(small_kb), use_encoder, tmp_path / "idx")
    assert message == "Index opnieuw gebouwd: de kennisbank is gewijzigd sinds de index is gebouwd."


def test_changed_encoder_triggers_rebuild(small_kb: Path, tmp_path: Path, use_encoder) -> None:
    kb = load_kb(small_kb)
    ensure_search_index(kb, use_encoder, tmp_path / "idx")
    _, message = ensure_search_index(
        kb, RenamedEncoder(use_encoder, "ander-model@1"), tmp_path / "idx"
    )
    assert message is not None and "ander-model@1" in message
    assert read_manifest(tmp_path / "idx").encoder_id == "ander-model@1"


@pytest.mark.parametrize("damage", ["truncate", "flip", "delete"])
def test_damaged_index_is_detected_and_rebuilt(
    small_kb: Path, tmp_path: Path, use_encoder, damage: str
) -> None:
    kb = load_kb(small_kb)
    ensure_search_index(kb, use_encoder, tmp_path / "idx")
    target = current_build(tmp_path / "idx") / "dense.faiss"
    if damage == "truncate":
        target.write_bytes(target.read_bytes()[:100])
    elif damage == "flip":
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
    else:
        target.unlink()
    with pytest.raises(IndexUnavailable):
        load_search_index(tmp_path / "idx", kb.content_hash, use_encoder.id)
    index, message = ensure_search_index(kb, use_encoder, tmp_path / "idx")
    assert message is not None and "dense.faiss" in message
    assert index.dense.ntotal == len(index.passages)
    load_search_index(tmp_path / "idx", kb.content_hash, use_encoder.id)


def test_garbage_manifest_is_rebuilt(small_kb: Path, tmp_path: Path, use_encoder) -> None:
    kb = load_kb(small_kb)
    ensure_search_index(kb, use_encoder, tmp_path / "idx")
    (current_build(tmp_path / "idx") / "manifest.json").write_text("{niet json", encoding="utf-8")
    _, message = ensure_search_index(kb, use_encoder, tmp_path / "idx")
    assert message == "Index opnieuw gebouwd: er is nog geen (leesbare) index."


def test_failed_build_keeps_previous_index(
    small_kb: Path, tmp_path: Path, use_encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = load_kb(small_kb)
    ensure_search_index(kb, use_encoder, tmp_path / "idx")
    before = (tmp_path / "idx" / CURRENT_FILE).read_text()

    def broken_save(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(index_module.faiss, "write_index", broken_save)
    index, message = ensure_search_index(kb, use_encoder, tmp_path / "idx", force=True)
    assert message is not None and "alleen in het geheugen" in message
    assert index.dense.ntotal > 0
    assert (tmp_path / "idx" / CURRENT_FILE).read_text() == before
    load_search_index(tmp_path / "idx", kb.content_hash, use_encoder.id)


def test_unwritable_cache_falls_back_to_memory(small_kb: Path, tmp_path: Path, use_encoder) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("geen map", encoding="utf-8")
    index, message = ensure_search_index(load_kb(small_kb), use_encoder, blocker / "idx")
    assert message is not None and "niet schrijfbaar" in message
    assert index.path is None and index.dense.ntotal == len(index.passages)


def test_manifest_lists_checksums(small_kb: Path, tmp_path: Path, use_encoder) -> None:
    ensure_search_index(load_kb(small_kb), use_encoder, tmp_path / "idx")
    data = json.loads((current_build(tmp_path / "idx") / "manifest.json").read_text())
    assert {"dense.faiss", "vectors.npy", "passages.json"} <= set(data["files"])
    assert all(len(item["sha256"]) == 64 for item in data["files"].values())


def test_old_builds_are_removed(small_kb: Path, tmp_path: Path, use_encoder) -> None:
    kb = load_kb(small_kb)
    ensure_search_index(kb, use_encoder, tmp_path / "idx")
    ensure_search_index(kb, use_encoder, tmp_path / "idx", force=True)
    builds = [p for p in (tmp_path / "idx").iterdir() if p.is_dir()]
    assert len(builds) == 1


@pytest.mark.parametrize(
    "words",
    [
        "drugskoerier jongere gezin",
        "gezin gezin broer uitbuiting",  # a repeated word counts twice, as in bm25s
        "onbekendwoord",
        "",
    ],
)
def test_lexical_scores_equal_bm25s(small_recommender, words: str) -> None:
    from recommender.text import tokenize

    index = small_recommender.index
    tokens = tokenize(words)
    ours = index.lexical_entry_scores(tokens)
    assert ours.shape == (len(index.entry_ids),)
    known = [t for t in tokens if t in index.bm25.vocab_dict]
    expected = index.bm25.get_scores(known) if known else np.zeros(len(index.entry_ids))
    assert np.allclose(ours, expected, atol=1e-5)
    assert (ours.max() > 0) == bool(known)


@pytest.mark.parametrize("depth", [1, 3, 10_000])
def test_dense_entry_score_is_the_best_passage_within_depth(small_recommender, depth: int) -> None:
    index = small_recommender.index
    query = small_recommender.encoder.encode(["jongere vervoert drugs voor familie"])[0]
    similarity = index.vectors @ query
    # FAISS returns the passages in order of similarity; only the first ``depth`` count.
    reached = set(np.argsort(-similarity)[: min(depth, len(index.passages))].tolist())
    per_entry = index.dense_entry_scores(query, depth)
    for row, entry_id in enumerate(index.entry_ids):
        own = [similarity[p] for p in index.passage_rows[entry_id] if p in reached]
        assert per_entry[row] == pytest.approx(max([0.0, *own]), abs=1e-5)

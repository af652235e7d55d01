"""The derived search index: FAISS over passage vectors and BM25 over entries.

Layout of the index folder (ignored by git, rebuilt when stale)::

    .index/
      CURRENT                 name of the build folder in use (replaced atomically)
      .lock                   held while building
      build-<time>-<random>/  manifest.json, dense.faiss, vectors.npy, passages.json, bm25/

A build is written into a fresh folder and only then published by replacing ``CURRENT``,
so a build that is interrupted leaves the previous index in use.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import logging
import math
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

import bm25s
import faiss
import numpy as np

from .encoders import Encoder
from .loader import KnowledgeBase
from .schema import SCHEMA_VERSION, Entry
from .taxonomy import FACETS, Taxonomy
from .text import passage_body, stem_positions, tokenize, tokenize_many
from .vocabulary import CONTRA_SECTION

log = logging.getLogger(__name__)

# One query searches a small index: OpenMP thread start-up costs more than it saves, and the
# app serves several sessions in parallel threads anyway.
faiss.omp_set_num_threads(1)

# 2: the "Wanneer niet" section left out of BM25 and marked as contra-indication passages.
INDEX_FORMAT = 2
CURRENT_FILE = "CURRENT"
MANIFEST_FILE = "manifest.json"
#: The only names ``CURRENT`` may hold (as written by save_search_index).
BUILD_NAME = re.compile(rb"build-\d{8}T\d{6}-[0-9a-f]{6}")
#: Above this many passage vectors an IVF index replaces exact search (see docs/benchmarks.md).
EXACT_SEARCH_LIMIT = 50_000
CHUNK_WORDS = 110
CHUNK_OVERLAP = 20

Progress = Callable[[float, str], None]


class IndexUnavailable(Exception):
    """The stored index is missing, stale or damaged; the message says which."""


@dataclass(frozen=True)
class Passage:
    """A piece of an entry that gets its own vector."""

    pid: int
    entry_id: str
    section: str
    text: str


@dataclass
class Manifest:
    """What an index was built from, and checksums of its files."""

    schema_version: int
    index_format: int
    kb_hash: str
    encoder_id: str
    dimension: int
    entries: int
    passages: int
    dense_index: str
    built_at: str
    files: dict[str, dict[str, int | str]] = field(default_factory=dict)


def passage_id(entry_id: str, section: str, chunk: int) -> int:
    """Return a stable positive int64 id for a passage."""
    digest = hashlib.sha1(f"{entry_id}\x1f{section}\x1f{chunk}".encode()).digest()
    return int.from_bytes(digest[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF


def _chunks(text: str, size: int = CHUNK_WORDS, overlap: int = CHUNK_OVERLAP) -> list[str]:
    """Split text into overlapping word windows, so long sections are never truncated."""
    tokens = text.split()
    if len(tokens) <= size:
        return [text] if tokens else []
    step = size - overlap
    return [" ".join(tokens[i : i + size]) for i in range(0, len(tokens) - overlap, step)]


def facet_line(entry: Entry, taxonomy: Taxonomy) -> str:
    """Return the entry's facets as Dutch and English labels, so queries in either language match."""
    parts = []
    for facet in FACETS:
        for term in getattr(entry, facet):
            vocabulary = taxonomy.vocabulary(facet)
            if term in vocabulary:
                parts.append(f"{vocabulary[term].nl} ({vocabulary[term].en})")
    return "; ".join(parts)


def entry_passages(entry: Entry, taxonomy: Taxonomy) -> list[Passage]:
    """Return the header passage (title, aliases, summary, facets) and every section chunk."""
    header = ". ".join(
        part for part in (entry.title, ", ".join(entry.aliases), entry.summary) if part
    )
    passages = [Passage(passage_id(entry.id, "", 0), entry.id, "", header)]
    for section, body in entry.sections.items():
        for number, chunk in enumerate(_chunks(body)):
            text = f"{entry.title} — {section}: {chunk}"
            passages.append(Passage(passage_id(entry.id, section, number), entry.id, section, text))
    return passages


def lexical_document(entry: Entry, taxonomy: Taxonomy) -> str:
    """Return the BM25 text of an entry; title and aliases repeat to weigh as a title field.

    The ``Wanneer niet`` section is left out: words of a contra-indication are no match.
    """
    names = f"{entry.title} {' '.join(entry.aliases)}"
    return "\n".join(
        [
            names,
            names,
            names,
            entry.summary,
            entry.summary,
            facet_line(entry, taxonomy),
            *[body for section, body in entry.sections.items() if section != CONTRA_SECTION],
        ]
    )


def make_dense_index(vectors: np.ndarray, ids: np.ndarray) -> tuple[faiss.Index, str]:
    """Return an inner-product FAISS index over ``vectors`` and a description of its type.

    Exact search (IndexFlatIP) up to EXACT_SEARCH_LIMIT vectors; beyond that an IVF index
    with about 4·sqrt(n) lists, probed 32 at a time, keeps search in milliseconds.
    """
    count, dimension = vectors.shape
    if count <= EXACT_SEARCH_LIMIT:
        index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimension))
        index.add_with_ids(vectors, ids)
        return index, "IndexIDMap2(IndexFlatIP)"
    lists = int(4 * math.sqrt(count))
    quantizer = faiss.IndexFlatIP(dimension)
    index = faiss.IndexIVFFlat(quantizer, dimension, lists, faiss.METRIC_INNER_PRODUCT)
    rng = np.random.default_rng(0)
    sample = vectors[rng.choice(count, size=min(count, lists * 40), replace=False)]
    # Training and adding are batch work: use every core, then go back to one for queries.
    faiss.omp_set_num_threads(os.cpu_count() or 1)
    try:
        index.train(sample)
        index.add_with_ids(vectors, ids)
    finally:
        faiss.omp_set_num_threads(1)
    index.nprobe = 32
    return index, f"IndexIVFFlat(nlist={lists}, nprobe=32)"


@dataclass
class SearchIndex:
    """The loaded index: passages with vectors, a FAISS index and an entry-level BM25."""

    manifest: Manifest
    entry_ids: list[str]
    passages: list[Passage]
    vectors: np.ndarray
    dense: faiss.Index
    bm25: bm25s.BM25
    path: Path | None = None

    def __post_init__(self) -> None:
        self.row_of_entry = {entry_id: row for row, entry_id in enumerate(self.entry_ids)}
        self._bodies: dict[int, tuple[str, dict[str, list[tuple[int, int]]]]] = {}
        #: Per entry the rows of its passages that may match (never a contra-indication).
        self.passage_rows: dict[str, list[int]] = {}
        self.is_contra = np.array([p.section == CONTRA_SECTION for p in self.passages], dtype=bool)
        for row, passage in enumerate(self.passages):
            if not self.is_contra[row]:
                self.passage_rows.setdefault(passage.entry_id, []).append(row)

    def passage_body(self, row: int) -> tuple[str, dict[str, list[tuple[int, int]]]]:
        """Return the readable body of a passage and where each stem occurs (cached per passage)."""
        cached = self._bodies.get(row)
        if cached is None:
            passage = self.passages[row]
            body = passage_body(passage.text, passage.section)
            cached = self._bodies[row] = (body, stem_positions(body))
        return cached

    @cached_property
    def passage_stems(self) -> list[frozenset[str]]:
        """Return the set of stems of every passage (computed once, used for explanations)."""
        return [frozenset(tokenize(p.text)) for p in self.passages]

    def dense_entry_scores(self, query: np.ndarray, depth: int = 400) -> np.ndarray:
        """Return, per entry, the best cosine similarity of any of its matching passages."""
        return self.dense_scores(query, depth)[0]

    def dense_scores(self, query: np.ndarray, depth: int = 400) -> tuple[np.ndarray, np.ndarray]:
        """Return per entry the best similarity of its matching and of its contra passages.

        Contra passages (``Wanneer niet``) never count as a match; their similarity is returned
        apart so a case that resembles an entry's contra-indication can count against it.
        Never below 0: an entry with no passage among the ``depth`` best scores 0.
        """
        scores = np.zeros(len(self.entry_ids), dtype=np.float32)
        contra = np.zeros(len(self.entry_ids), dtype=np.float32)
        depth = min(depth, len(self.passages))
        if depth == 0:
            return scores, contra
        sims, pids = self.dense.search(query.reshape(1, -1).astype(np.float32), depth)
        found = pids[0] >= 0
        rows, is_contra = self._entry_row_of_pid(pids[0][found])
        values = np.maximum(sims[0][found], 0.0)
        np.maximum.at(scores, rows[~is_contra], values[~is_contra])
        np.maximum.at(contra, rows[is_contra], values[is_contra])
        return scores, contra

    @cached_property
    def _pid_lookup(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        pids = np.array([p.pid for p in self.passages], dtype=np.int64)
        entry_rows = np.array(
            [self.row_of_entry[p.entry_id] for p in self.passages], dtype=np.int64
        )
        order = np.argsort(pids)
        return pids[order], entry_rows[order], self.is_contra[order]

    def _entry_row_of_pid(self, pids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        sorted_pids, entry_rows, contra = self._pid_lookup
        positions = np.searchsorted(sorted_pids, pids)
        return entry_rows[positions], contra[positions]

    def lexical_entry_scores(self, tokens: list[str]) -> np.ndarray:
        """Return the BM25 score of every entry for the query tokens.

        The same sum as ``bm25s.BM25.get_scores``, over the same precomputed score matrix, but
        gathered for all query tokens at once instead of one ``np.add.at`` per token.
        """
        count = len(self.entry_ids)
        token_ids = np.asarray(self.bm25.get_tokens_ids(tokens), dtype=np.int64)
        if token_ids.size == 0:
            return np.zeros(count, dtype=np.float32)
        matrix = self.bm25.scores
        indices, data, pointers = matrix["indices"], matrix["data"], matrix["indptr"]
        spans = list(
            zip(pointers[token_ids].tolist(), pointers[token_ids + 1].tolist(), strict=True)
        )
        scores = np.bincount(
            np.concatenate([indices[start:end] for start, end in spans]),
            weights=np.concatenate([data[start:end] for start, end in spans]),
            minlength=count,
        )
        if self.bm25.nonoccurrence_array is not None:
            scores += self.bm25.nonoccurrence_array[token_ids].sum()
        return scores.astype(np.float32)


# --- building ----------------------------------------------------------------------------------


def build_search_index(
    kb: KnowledgeBase, encoder: Encoder, progress: Progress | None = None
) -> SearchIndex:
    """Encode the KB and return an in-memory index (nothing is written)."""
    assert kb.taxonomy is not None
    report = progress or (lambda fraction, message: None)
    entries = sorted(kb.entries.values(), key=lambda e: e.id)
    passages = [p for entry in entries for p in entry_passages(entry, kb.taxonomy)]
    report(0.0, f"{len(passages)} passages van {len(entries)} vermeldingen coderen")
    batch = 32
    parts = []
    for start in range(0, len(passages), batch):
        parts.append(encoder.encode([p.text for p in passages[start : start + batch]]))
        report(min(0.9, 0.9 * (start + batch) / max(1, len(passages))), "coderen")
    vectors = (
        np.vstack(parts).astype(np.float32)
        if parts
        else np.zeros((0, encoder.dimension), dtype=np.float32)
    )
    ids = np.array([p.pid for p in passages], dtype=np.int64)
    dense, dense_kind = make_dense_index(vectors, ids)
    report(0.92, "BM25-index bouwen")
    bm25 = bm25s.BM25()
    corpus_tokens = tokenize_many([lexical_document(e, kb.taxonomy) for e in entries])
    if entries:
        bm25.index(corpus_tokens, show_progress=False)
    manifest = Manifest(
        schema_version=SCHEMA_VERSION,
        index_format=INDEX_FORMAT,
        kb_hash=kb.content_hash,
        encoder_id=encoder.id,
        dimension=encoder.dimension,
        entries=len(entries),
        passages=len(passages),
        dense_index=dense_kind,
        built_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    report(1.0, "klaar")
    return SearchIndex(manifest, [e.id for e in entries], passages, vectors, dense, bm25)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _files_under(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST_FILE:
            yield path


def save_search_index(index: SearchIndex, index_dir: Path) -> Path:
    """Write ``index`` to a new build folder and publish it atomically; return that folder.

    Raises:
        OSError: the folder cannot be written (for example a read-only cache).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    with _build_lock(index_dir):
        # Under the lock no other build runs: any staging folder left is from a dead build.
        _remove_old_builds(index_dir, keep=_current_name(index_dir) or "", builds=False)
        name = f"build-{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(3)}"
        staging = Path(tempfile.mkdtemp(prefix=".tmp-", dir=index_dir))
        try:
            _write_build(index, staging)
            final = index_dir / name
            os.replace(staging, final)
        except BaseException:
            # A full disk must not also be filled by the half-written build.
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _write_text_atomic(index_dir / CURRENT_FILE, name)
        _remove_old_builds(index_dir, keep=name)
    index.path = final
    return final


def _write_build(index: SearchIndex, staging: Path) -> None:
    try:
        faiss.write_index(index.dense, str(staging / "dense.faiss"))
    except RuntimeError as error:  # FAISS reports a failed write (e.g. disk full) this way
        raise OSError(f"FAISS kon de index niet schrijven: {str(error).splitlines()[0]}") from error
    np.save(staging / "vectors.npy", index.vectors)
    (staging / "passages.json").write_text(
        json.dumps(
            {"entry_ids": index.entry_ids, "passages": [asdict(p) for p in index.passages]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    index.bm25.save(str(staging / "bm25"), show_progress=False)
    index.manifest.files = {
        str(path.relative_to(staging)): {"size": path.stat().st_size, "sha256": _sha256(path)}
        for path in _files_under(staging)
    }
    _write_json_atomic(staging / MANIFEST_FILE, asdict(index.manifest))
    _fsync_tree(staging)


@contextlib.contextmanager
def _build_lock(index_dir: Path) -> Iterator[None]:
    with (index_dir / ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _write_text_atomic(path: Path, text: str) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_json_atomic(path: Path, data: object) -> None:
    _write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=2))


def _fsync_tree(folder: Path) -> None:
    for path in _files_under(folder):
        with path.open("rb") as handle:
            os.fsync(handle.fileno())


def _remove_old_builds(index_dir: Path, keep: str, builds: bool = True) -> None:
    """Remove staging folders and (with ``builds``) every build folder but ``keep``."""
    prefixes = ("build-", ".tmp-") if builds else (".tmp-",)
    for child in index_dir.iterdir():
        if child.is_dir() and child.name != keep and child.name.startswith(prefixes):
            shutil.rmtree(child, ignore_errors=True)
        elif child.is_file() and child.name.startswith(f".{CURRENT_FILE}."):
            child.unlink(missing_ok=True)  # a pointer write that never finished


# --- loading -----------------------------------------------------------------------------------


def _current_name(index_dir: Path) -> str | None:
    """Return the build name in ``CURRENT`` when it is one this module could have written."""
    try:
        raw = (index_dir / CURRENT_FILE).read_bytes()[:200]
    except OSError:  # missing, a folder, unreadable
        return None
    # Anything else (random bytes, a path such as ../..) is garbage: the index is rebuilt.
    match = BUILD_NAME.fullmatch(raw.strip())
    return match.group().decode("ascii") if match else None


def current_build(index_dir: Path) -> Path | None:
    """Return the published build folder, if any (None when ``CURRENT`` is missing or garbage)."""
    name = _current_name(index_dir)
    folder = index_dir / name if name else None
    return folder if folder is not None and folder.is_dir() else None


def read_manifest(index_dir: Path) -> Manifest | None:
    """Return the manifest of the published build, or None when there is none or it is unreadable."""
    folder = current_build(index_dir)
    if folder is None:
        return None
    try:
        manifest = Manifest(**json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, RecursionError):
        return None
    return manifest if _manifest_shape_ok(manifest) else None


def _manifest_shape_ok(manifest: Manifest) -> bool:
    """Return True when the fields later code relies on have the types it expects."""
    files = manifest.files
    return (
        isinstance(manifest.dimension, int)
        and isinstance(manifest.dense_index, str)
        and isinstance(files, dict)
        and all(
            isinstance(name, str)
            and "\x00" not in name
            and not Path(name).is_absolute()
            and ".." not in Path(name).parts
            and isinstance(meta, dict)
            and isinstance(meta.get("size"), int)
            and isinstance(meta.get("sha256"), str)
            for name, meta in files.items()
        )
    )


def staleness(manifest: Manifest | None, kb_hash: str, encoder_id: str) -> str | None:
    """Return why an index with ``manifest`` cannot serve this KB and encoder, or None if it can."""
    if manifest is None:
        return "er is nog geen (leesbare) index"
    if manifest.schema_version != SCHEMA_VERSION or manifest.index_format != INDEX_FORMAT:
        return "de index is gebouwd met een ander schema of formaat"
    if manifest.encoder_id != encoder_id:
        return f"de index is gebouwd met encoder {manifest.encoder_id}, nu {encoder_id}"
    if manifest.kb_hash != kb_hash:
        return "de kennisbank is gewijzigd sinds de index is gebouwd"
    return None


def load_search_index(index_dir: Path, kb_hash: str, encoder_id: str) -> SearchIndex:
    """Load the published index after checking it matches the KB and encoder and is intact.

    Raises:
        IndexUnavailable: missing, stale, truncated or corrupt; the message says which.
    """
    manifest = read_manifest(index_dir)
    reason = staleness(manifest, kb_hash, encoder_id)
    if reason:
        raise IndexUnavailable(reason)
    assert manifest is not None
    folder = current_build(index_dir)
    assert folder is not None
    for name, expected in manifest.files.items():
        path = folder / name
        if not path.is_file():
            raise IndexUnavailable(f"indexbestand ontbreekt: {name}")
        if path.stat().st_size != expected["size"] or _sha256(path) != expected["sha256"]:
            raise IndexUnavailable(f"indexbestand is beschadigd of afgekapt: {name}")
    try:
        meta = json.loads((folder / "passages.json").read_text(encoding="utf-8"))
        passages = [Passage(**p) for p in meta["passages"]]
        vectors = np.load(folder / "vectors.npy")
        dense = faiss.read_index(str(folder / "dense.faiss"))
        bm25 = bm25s.BM25.load(str(folder / "bm25"), show_progress=False)
        entry_ids = [str(entry_id) for entry_id in meta["entry_ids"]]
    except Exception as error:  # any library may fail on a damaged file; all mean "rebuild"
        first_line = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise IndexUnavailable(f"index kon niet worden gelezen: {first_line}") from error
    if dense.ntotal != len(passages) or vectors.shape != (len(passages), manifest.dimension):
        raise IndexUnavailable("index en passages passen niet bij elkaar")
    if not {p.entry_id for p in passages} <= set(entry_ids):
        raise IndexUnavailable("index en passages passen niet bij elkaar")
    if "IVF" in manifest.dense_index:
        faiss.extract_index_ivf(dense).nprobe = 32
    return SearchIndex(manifest, entry_ids, passages, vectors, dense, bm25, folder)


def ensure_search_index(
    kb: KnowledgeBase,
    encoder: Encoder,
    index_dir: Path,
    progress: Progress | None = None,
    force: bool = False,
) -> tuple[SearchIndex, str | None]:
    """Return a usable index for ``kb``, rebuilding when missing, stale or damaged.

    Returns:
        The index and a message for the user when something happened (rebuilt, or kept in
        memory because the cache cannot be written); None when the stored index was used.
    """
    reason = "herbouw gevraagd" if force else None
    if not force:
        try:
            return load_search_index(index_dir, kb.content_hash, encoder.id), None
        except IndexUnavailable as unavailable:
            reason = str(unavailable)
    log.info("index wordt gebouwd: %s", reason)
    index = build_search_index(kb, encoder, progress)
    try:
        save_search_index(index, index_dir)
    except OSError as error:
        message = (
            f"Index opnieuw gebouwd ({reason}), maar de cachemap {index_dir} is niet schrijfbaar "
            f"({error.strerror or error}); de index blijft alleen in het geheugen."
        )
        log.warning(message)
        return index, message
    return index, f"Index opnieuw gebouwd: {reason}."

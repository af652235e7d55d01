"""The encoders load offline from site-packages and cross languages."""

from __future__ import annotations

import numpy as np
import pytest

from recommender.encoders import ENCODER_CHOICES, load_encoder


def test_use_vectors_are_normalised(use_encoder) -> None:
    vectors = use_encoder.encode(
        ["een jongen vervoert drugs", "a boy carries drugs", "sluiting pand"]
    )
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]


def test_empty_batch(use_encoder) -> None:
    assert use_encoder.encode([]).shape == (0, 512)


def test_unknown_encoder_is_rejected() -> None:
    with pytest.raises(ValueError, match="onbekende encoder"):
        load_encoder("bestaat-niet")


def test_choices_are_documented() -> None:
    assert set(ENCODER_CHOICES) == {"use-multilingual", "minilm"}


@pytest.mark.slow
def test_minilm_loads_offline_from_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = load_encoder("minilm")
    assert encoder.id.startswith("sentence-transformers:all-MiniLM-L6-v2@")
    assert encoder.encode(["test"]).shape == (1, 384)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Can the mayor close a house where drugs are dealt?", "artikel-13b-opiumwet"),
        ("Can the mayor refuse a licence to a business linked to organised crime?", "wet-bibob"),
        ("Family therapy at home for a teenager who commits crimes", "multisysteemtherapie"),
    ],
)
def test_english_query_reaches_dutch_entries(real_recommender, query: str, expected: str) -> None:
    answer = real_recommender.recommend({"text": query}, top_k=5)
    assert expected in [r.id for r in answer.results]

"""Validation of the case profile."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from recommender.loader import load_kb
from recommender.profile import MAX_TEXT_CHARS, CaseProfile
from recommender.taxonomy import Taxonomy

TAXONOMY = Taxonomy.from_file(Path(__file__).parents[1] / "kb" / "taxonomy.yaml")


def validate(data: dict[str, object]) -> CaseProfile:
    return CaseProfile.model_validate(data, context={"taxonomy": TAXONOMY})


def test_text_only_is_enough() -> None:
    assert validate({"text": "jongen van 14 brengt pakketjes rond"}).phenomena == []


def test_facets_only_is_enough() -> None:
    assert validate({"phenomena": ["witwassen"]}).text == ""


def test_empty_profile_is_rejected() -> None:
    with pytest.raises(ValidationError, match="geef een beschrijving"):
        validate({"text": "   "})


def test_unknown_id_lists_valid_ones() -> None:
    with pytest.raises(ValidationError) as error:
        validate({"phenomena": ["drugs"]})
    message = str(error.value)
    assert "onbekende phenomena: drugs" in message
    assert "drugscriminaliteit" in message and "witwassen" in message


def test_single_string_becomes_list_and_duplicates_go() -> None:
    profile = validate({"roles": "dader", "levels": ["uitvoerend", "uitvoerend"]})
    assert profile.roles == ["dader"] and profile.levels == ["uitvoerend"]


def test_age_maps_to_group_and_span() -> None:
    profile = validate({"age": 15})
    assert profile.effective_age_groups(TAXONOMY) == ["jongere"]
    assert profile.age_span(TAXONOMY) == (15, 15)


def test_age_groups_span() -> None:
    assert validate({"age_groups": ["kind", "jongere"]}).age_span(TAXONOMY) == (0, 17)


def test_long_text_is_truncated() -> None:
    text, cut = validate({"text": "a" * (MAX_TEXT_CHARS + 10)}).truncated_text()
    assert cut and len(text) == MAX_TEXT_CHARS


def test_unknown_key_rejected() -> None:
    with pytest.raises(ValidationError):
        validate({"text": "x", "naam": "Jan"})


def test_facet_query_text_uses_labels(small_kb: Path) -> None:
    taxonomy = load_kb(small_kb).taxonomy
    assert taxonomy is not None
    profile = CaseProfile(phenomena=["witwassen"], levels=["bestuurlijk"])
    assert profile.facets_query_text(taxonomy) == "Witwassen, Bestuurlijk"

"""Saving and opening a case file: versioned JSON, validated, clear errors without the text."""

from __future__ import annotations

import json

import pytest

from recommender.casefile import MAX_FILE_BYTES, CaseFile, CaseFileError, load_case
from recommender.taxonomy import Taxonomy

from .conftest import REAL_KB


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    return Taxonomy.from_file(REAL_KB / "taxonomy.yaml")


def test_round_trip(taxonomy: Taxonomy) -> None:
    case = CaseFile(text="Jongen van 14.", phenomena=["drugscriminaliteit"], age=14)
    opened = load_case(case.dumps().encode("utf-8"), taxonomy)
    assert opened == case
    assert json.loads(case.dumps())["version"] == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"{not json", "regel 1"),
        (b"\xff\xfe", "UTF-8"),
        (b"[1, 2]", "geen opgeslagen casus"),
        (b'{"format": "iets-anders"}', "geen opgeslagen casus"),
        (b'{"format": "interventiewijzer-casus", "version": 2}', "version"),
        (b'{"format": "interventiewijzer-casus", "version": 1, "age": "14"}', "age"),
        (b'{"format": "interventiewijzer-casus", "version": 1, "age": true}', "age"),
        (b'{"format": "interventiewijzer-casus", "version": 1, "phenomena": ["onzin"]}', "onzin"),
        (b'{"format": "interventiewijzer-casus", "version": 1, "extra": 1}', "extra"),
        (b"[" * 150_000 + b"]" * 150_000, "groter"),
        (b"[" * 5_000 + b"]" * 5_000, "diep"),
    ],
)
def test_bad_files_get_a_clear_error(taxonomy: Taxonomy, data: bytes, message: str) -> None:
    with pytest.raises(CaseFileError, match=message):
        load_case(data, taxonomy)


def test_error_never_repeats_the_description(taxonomy: Taxonomy) -> None:
    data = json.dumps(
        {"format": "interventiewijzer-casus", "version": 1, "text": ["GEHEIM Dani (13)"]}
    ).encode()
    with pytest.raises(CaseFileError) as error:
        load_case(data, taxonomy)
    assert "GEHEIM" not in str(error.value) and "text" in str(error.value)


def test_size_limit_is_checked_first(taxonomy: Taxonomy) -> None:
    with pytest.raises(CaseFileError, match="groter"):
        load_case(b" " * (MAX_FILE_BYTES + 1), taxonomy)

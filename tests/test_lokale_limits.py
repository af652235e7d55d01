"""Lokale analyse limits: every field round-trips at its limit and is refused beyond it.

A refusal names the field, never the value, so nothing typed reaches a message or a log.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from recommender import lokale_analyse as la

from .conftest import REAL_KB

SAMPLE = la.load_sample(REAL_KB)
MARKER = "Qq7"


def _text(limit: int) -> str:
    """A value of exactly ``limit`` characters that starts with the marker."""
    return (MARKER + "x" * limit)[:limit]


def _setter(path: tuple[Any, ...]) -> Callable[[dict[str, Any], object], None]:
    def put(data: dict[str, Any], value: object) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return put


#: (field path in the saved file, limit name, how a value of a given length is made).
TEXT_FIELDS = [
    (("titel",), "titel"),
    (("gemeente",), "gemeente"),
    (("notities", "criminele-uitbuiting"), "notitie"),
    (("huishoudens", 0, "naam"), "naam"),
    (("huishoudens", 0, "leden", 0, "pseudoniem"), "pseudoniem"),
    (("banden", 0, "soort"), "soort"),
    (("cijfers", 0, "periode"), "periode"),
    (("cijfers", 0, "toelichting"), "toelichting"),
    (("aanpak", 0, "eigenaar"), "eigenaar"),
    (("aanpak", 0, "eerste_stap"), "eerste_stap"),
    (("aanpak", 0, "voor"), "voor"),
    (("probleemdefinitie",), "probleemdefinitie"),
]
NUMBER_FIELDS = [
    (("huishoudens", 0, "leden", 0, "leeftijd"), "leeftijd"),
    (("cijfers", 0, "aantal"), "aantal"),
]


def _sample_data() -> dict[str, Any]:
    data = json.loads(SAMPLE.to_json())
    data["aanpak"] = [{"vermelding": "wet-bibob", "niveau": "bestuurlijk"}]
    return data


def test_every_limit_is_tested() -> None:
    tested = {name for _, name in TEXT_FIELDS + NUMBER_FIELDS} | {"huishouden", "id"}
    assert tested == set(la.LIMITS)


@pytest.mark.parametrize(("path", "name"), TEXT_FIELDS, ids=[n for _, n in TEXT_FIELDS])
def test_text_at_its_limit_round_trips_and_beyond_is_refused_by_name(
    path: tuple[Any, ...], name: str
) -> None:
    limit = la.LIMITS[name]
    data = _sample_data()
    _setter(path)(data, _text(limit))
    analysis = la.load_analysis(json.dumps(data).encode())
    reopened = la.load_analysis(analysis.to_json().encode())
    assert reopened == analysis
    value: Any = json.loads(reopened.to_json())
    for part in path:
        value = value[part]
    assert value == _text(limit)
    _setter(path)(data, _text(limit + 1))
    with pytest.raises(la.AnalysisFileError) as error:
        la.load_analysis(json.dumps(data).encode())
    message = str(error.value)
    assert ".".join(str(p) for p in path) in message
    assert "te lang" in message
    assert MARKER not in message


@pytest.mark.parametrize(("path", "name"), NUMBER_FIELDS, ids=[n for _, n in NUMBER_FIELDS])
def test_numbers_at_their_limit_round_trip_and_beyond_are_refused(
    path: tuple[Any, ...], name: str
) -> None:
    limit = la.LIMITS[name]
    data = _sample_data()
    _setter(path)(data, limit)
    analysis = la.load_analysis(json.dumps(data).encode())
    assert la.load_analysis(analysis.to_json().encode()) == analysis
    _setter(path)(data, limit + 1)
    with pytest.raises(la.AnalysisFileError, match="te groot"):
        la.load_analysis(json.dumps(data).encode())


def test_household_codes_at_and_beyond_their_limit() -> None:
    limit = la.LIMITS["huishouden"]
    data = _sample_data()
    code = "K" * limit
    data["huishoudens"][0]["id"] = code
    for tie in data["banden"]:
        tie["van"] = code if tie["van"] == "K1" else tie["van"]
    analysis = la.load_analysis(json.dumps(data).encode())
    assert la.load_analysis(analysis.to_json().encode()) == analysis
    data["huishoudens"][0]["id"] = "K" * (limit + 1)
    with pytest.raises(la.AnalysisFileError, match=r"huishoudens\.0\.id"):
        la.load_analysis(json.dumps(data).encode())


def test_an_id_beyond_its_limit_is_refused() -> None:
    data = _sample_data()
    data["partners_aan_tafel"] = ["p" * (la.LIMITS["id"] + 1)]
    with pytest.raises(la.AnalysisFileError, match=r"partners_aan_tafel\.0"):
        la.load_analysis(json.dumps(data).encode())


def test_too_many_rows_are_refused() -> None:
    data = _sample_data()
    data["aanpak"] = data["aanpak"] * (la.MAX_ROWS["aanpak"] + 1)
    with pytest.raises(la.AnalysisFileError, match="aanpak"):
        la.load_analysis(json.dumps(data).encode())


def test_a_self_tie_is_refused_without_naming_the_household() -> None:
    data = _sample_data()
    data["banden"][0]["naar"] = data["banden"][0]["van"]
    with pytest.raises(la.AnalysisFileError) as error:
        la.load_analysis(json.dumps(data).encode())
    assert "banden" in str(error.value) and "K1" not in str(error.value)

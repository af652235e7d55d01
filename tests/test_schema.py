"""The pydantic models for entries and vignettes."""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from recommender.schema import EntryFrontMatter


def minimal(**changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "id": "voorbeeld",
        "type": "interventie",
        "title": "Voorbeeld",
        "summary": "Een samenvatting van minstens twintig tekens.",
        "phenomena": ["fraude"],
        "domains": ["zorg"],
        "roles": ["dader"],
        "levels": ["uitvoerend"],
        "evidence": "onbekend",
        "sources": [{"title": "Bron", "publisher": "Uitgever", "url": "https://example.org"}],
        "last_reviewed": dt.date(2026, 1, 1),
        "status": "concept",
    }
    data.update(changes)
    return data


def test_minimal_entry_is_valid() -> None:
    entry = EntryFrontMatter.model_validate(minimal())
    assert entry.partners == [] and entry.legal_basis == []


def test_unknown_key_is_rejected() -> None:
    with pytest.raises(ValidationError, match=r"Extra inputs"):
        EntryFrontMatter.model_validate(minimal(colour="blue"))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"age_min": 18, "age_max": 12}, "age_min"),
        ({"type": "instrument", "evidence": "juridisch-kader"}, "legal_basis"),
        ({"type": "partner", "evidence": None}, "mandate"),
        ({"evidence": None}, "evidence"),
        ({"protects": ["geweld-thuis"]}, "protects"),
    ],
)
def test_type_rules(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        EntryFrontMatter.model_validate(minimal(**changes))


def test_partner_with_mandate_and_access_needs_no_evidence() -> None:
    entry = EntryFrontMatter.model_validate(
        minimal(type="partner", evidence=None, mandate="Wettelijke taak.", access="Via het loket.")
    )
    assert entry.evidence is None


def test_source_url_must_be_web_url() -> None:
    with pytest.raises(ValidationError):
        EntryFrontMatter.model_validate(
            minimal(sources=[{"title": "Bron", "publisher": "X", "url": "javascript:alert(1)"}])
        )

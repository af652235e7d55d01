"""Detecting and pseudonymising personal data in case descriptions."""

from __future__ import annotations

import pytest

from recommender.privacy import check_text, elfproef


def kinds(text: str) -> list[str]:
    return check_text(text).kinds()


@pytest.mark.parametrize(
    ("number", "valid"), [("111222333", True), ("123456782", True), ("123456789", False)]
)
def test_elfproef(number: str, valid: bool) -> None:
    assert elfproef(number) is valid


def test_bsn_only_when_it_passes_the_elfproef() -> None:
    assert kinds("Zijn BSN is 111222333.") == ["bsn"]
    assert kinds("Dossiernummer 123456789.") == []


@pytest.mark.parametrize(
    "text",
    ["Bel moeder op 06-12345678.", "Tel. +31 6 12345678", "Het nummer is 010-1234567."],
)
def test_phone_numbers(text: str) -> None:
    assert "telefoon" in kinds(text)


def test_email() -> None:
    assert kinds("Mail naar j.jansen@example.nl graag.") == ["email"]


@pytest.mark.parametrize("text", ["Ze woont op 1234 AB 12.", "Adres: Dorpsstraat 14b in het dorp."])
def test_address(text: str) -> None:
    assert "adres" in kinds(text)


@pytest.mark.parametrize(
    "text", ["Geboren op 03-04-2010.", "geboortedatum 12 maart 2011", "dob 2009-05-17"]
)
def test_dates(text: str) -> None:
    assert "datum" in kinds(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dani (13) wordt door zijn oom ingezet.", "Dani"),
        ("Mevrouw De Wit is bang voor haar kleinzoon.", "De Wit"),
        ("Vader Jan de Vries zit vast.", "Jan de Vries"),
    ],
)
def test_names(text: str, name: str) -> None:
    found = check_text(text).findings
    assert any(f.kind == "naam" and f.text == name for f in found)


def test_ordinary_sentence_is_clean() -> None:
    assert check_text(
        "De jongen van 14 brengt pakketjes weg voor zijn oom. Moeder weet het niet."
    ).clean


def test_pseudonymised_version_is_consistent() -> None:
    check = check_text("Dani (13) en zijn zus. Dani belt 06-12345678. Zijn BSN: 111222333.")
    assert (
        check.pseudonymised()
        == "[PERSOON-1] (13) en zijn zus. [PERSOON-1] belt [TELEFOON-1]. Zijn BSN: [BSN-1]."
    )


def test_pseudonymised_text_is_clean_again() -> None:
    check = check_text("Mevrouw Bakker, Dorpsstraat 3, geboren 01-02-1950, mail a@b.nl")
    assert not check.clean
    assert check_text(check.pseudonymised()).clean

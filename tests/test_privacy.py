"""Detecting and pseudonymising personal data in case descriptions."""

from __future__ import annotations

import re

import pytest
import yaml

from recommender.privacy import (
    DEDUCE_CHUNK_CHARS,
    KINDS,
    MAX_CHECK_CHARS,
    TextTooLong,
    check_text,
    elfproef,
)

from .conftest import REPO_ROOT


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


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Sanne vertelt dat haar broer drugs verkoopt.", ["Sanne"]),  # opens the sentence
        ("Jan en Piet gaan naar school.", ["Jan", "Piet"]),  # two first names joined by "en"
    ],
)
def test_bare_first_names(text: str, names: list[str]) -> None:
    found = [f.text for f in check_text(text).findings if f.kind == "naam"]
    assert found == names


def test_bsn_written_with_spaces() -> None:
    assert kinds("Het burgerservicenummer is 1112 22 333.") == ["bsn"]


def test_abbreviated_month() -> None:
    assert kinds("Hij is geboren op 3 mrt 2010.") == ["datum"]


@pytest.mark.parametrize(
    "text",
    [
        "Het gezin woont in Rotterdam Zuid.",
        "De dochter werkt bij de Albert Heijn.",
        "Veilig Thuis en de Raad voor de Kinderbescherming zijn betrokken.",
    ],
)
def test_places_shops_and_organisations_are_not_names(text: str) -> None:
    assert check_text(text).clean, check_text(text).findings


def test_pseudonymised_text_keeps_spacing_and_punctuation() -> None:
    check = check_text("Ze woont op de Dorpsstraat 14 in Utrecht, zegt Sanne.")
    assert check.pseudonymised() == "Ze woont op de [ADRES-1] in Utrecht, zegt [PERSOON-1]."


def test_role_word_stays_outside_the_name() -> None:
    assert (
        check_text("Vader Jan de Vries zit vast.").pseudonymised() == "Vader [PERSOON-1] zit vast."
    )


def test_too_long_text_is_refused_before_scanning() -> None:
    with pytest.raises(TextTooLong, match=str(MAX_CHECK_CHARS)):
        check_text("a" * (MAX_CHECK_CHARS + 1))


@pytest.mark.parametrize(
    "text", ["Boy of 14 carries drugs for his uncle.", "Girl, 13, is picked up at night."]
)
def test_an_english_role_word_is_not_a_name(text: str) -> None:
    assert "naam" not in kinds(text)


def test_names_far_into_a_long_text_are_found_in_place() -> None:
    """deduce sees the text in pieces; what it finds maps back to the right place."""
    filler = "De jongen van 14 brengt pakketjes weg voor zijn oom. " * (
        3 * DEDUCE_CHUNK_CHARS // 50
    )
    text = filler + "Moeder Fatima Yilmaz belde de wijkagent."
    found = [f for f in check_text(text).findings if f.kind == "naam"]
    assert [(f.text, text[f.start : f.end]) for f in found] == [("Fatima Yilmaz",) * 2]


def test_annotated_set_precision_and_recall_per_kind() -> None:
    """The hand-annotated sentences (tests/eval/privacy.yaml): each kind found and not invented."""
    items = yaml.safe_load((REPO_ROOT / "tests" / "eval" / "privacy.yaml").read_text("utf-8"))
    assert len(items) >= 150
    counts = {kind: [0, 0, 0, 0] for kind in KINDS}  # correct, predicted, found, gold
    for item in items:
        text = item["text"]
        gold = [
            (kind, start, start + len(piece))
            for kind in KINDS
            for piece in item.get(kind) or []
            for start in [m.start() for m in re.finditer(re.escape(piece), text)]
        ]
        predicted = [(f.kind, f.start, f.end) for f in check_text(text).findings]
        for mine, theirs, first in ((predicted, gold, 0), (gold, predicted, 2)):
            for kind, start, end in mine:
                counts[kind][first + 1] += 1
                counts[kind][first] += any(
                    k == kind and s < end and start < e for k, s, e in theirs
                )
    for kind, (correct, predicted, found, total) in counts.items():
        assert total and found / total >= 0.85, (kind, found, total)
        assert predicted and correct / predicted >= 0.9, (kind, correct, predicted)

"""URL rules for sources and legal bases: joined, malformed and test-server links fail validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from recommender.loader import load_kb
from recommender.sources import LawUrl, SourceUrl

SOURCE = TypeAdapter(SourceUrl)
LAW = TypeAdapter(LawUrl)

INSTRUMENT = "instrument/sluiting-test.md"
LAW_LINE = "    url: https://wetten.overheid.nl/BWBR0001941/"
SOURCE_LINE = "    url: https://example.org/sluiting"


@pytest.mark.parametrize(
    "url",
    [
        "https://wetten.overheid.nl/BWBR0001854/",
        "https://www.om.nl/onderwerpen/getuigenbescherming",
        "https://uitspraken.rechtspraak.nl/details?id=ECLI%3ANL%3AHR%3A2023%3A128",
        "https://weerbaarbestuur.nl/index.php/producten-en-diensten/kwetsbare-processen",
        "https://www.contest.nl/accountant-test-rapport",
        "http://nl.wikipedia.org/wiki/Jeugdstrafrecht_(Nederland)",
    ],
)
def test_ordinary_source_urls_pass(url: str) -> None:
    assert str(SOURCE.validate_python(url)).rstrip("/") == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://a.nl/pagina https://b.nl/andere", "spatie"),
        ("https://a.nl/paginahttps://b.nl/andere", "tweede"),
        ("https://a.nl/x?u=https%3A%2F%2Fb.nl", "tweede"),
        ("https://zoek.officielebekendmakingen.nl/stb-2022-270.html/kst-25424-273.html", "pad"),
        ("https://wetten-acc.overheid.nl/BWBR0024649/", "testserver"),
        ("https://databankinterventies-acc.vilansonlinediensten.nl/interventies/x", "testserver"),
        ("https://test.example.nl/pagina", "testserver"),
        ("https://www.tst2.overheid.nl/", "testserver"),
        ("https://localhost/pagina", "domein"),
    ],
)
def test_broken_source_urls_fail(url: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        SOURCE.validate_python(url)


def test_not_a_url_still_fails() -> None:
    with pytest.raises(ValidationError):
        SOURCE.validate_python("wetten.overheid.nl/BWBR0001854")


@pytest.mark.parametrize(
    "url",
    [
        "https://wetten.overheid.nl/BWBR0005416/",
        "https://wetten.overheid.nl/jci1.3:c:BWBR0005416&artikel=174a",
        "https://eur-lex.europa.eu/legal-content/NL/TXT/?uri=CELEX:32016R0679",
    ],
)
def test_law_urls_on_official_hosts_pass(url: str) -> None:
    LAW.validate_python(url)


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://www.rijksoverheid.nl/actueel/nieuws/2024/12/04/inwerkingtreding", "wetten"),
        ("https://zoek.officielebekendmakingen.nl/stb-2024-173.html", "wetten"),
        ("https://wetten.overheid.nl/BWBR0007217/2010-10-01/0", "oude versie"),
        ("https://wetten.overheid.nl/jci1.3:c:BWBR0025359&g=2017-09-22&z=2017-09-22", "oude"),
        ("https://wetten-acc.overheid.nl/BWBR0024649/", "testserver"),
    ],
)
def test_law_urls_elsewhere_or_pinned_fail(url: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        LAW.validate_python(url)


def _replace(kb: Path, old: str, new: str) -> None:
    path = kb / INSTRUMENT
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _line_of(kb: Path, text: str) -> int:
    lines = (kb / INSTRUMENT).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if text in line)


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        (SOURCE_LINE, SOURCE_LINE + "https://example.org/tweede", "sources.0.url", "tweede"),
        (
            LAW_LINE,
            "    url: https://www.rijksoverheid.nl/nieuws/wet",
            "legal_basis.0.url",
            "wetten",
        ),
        (
            LAW_LINE,
            "    url: https://wetten-acc.overheid.nl/BWBR0001941/",
            "legal_basis.0.url",
            "test",
        ),
    ],
)
def test_validate_reports_path_and_line(
    small_kb: Path, old: str, new: str, field: str, words: str
) -> None:
    _replace(small_kb, old, new)
    kb = load_kb(small_kb)
    line = _line_of(small_kb, new.strip())
    hits = [p for p in kb.problems if p.path.endswith(INSTRUMENT) and p.field == field]
    assert len(hits) == 1, [str(p) for p in kb.problems]
    assert hits[0].line == line and words in hits[0].message
    # The rest of the knowledge base still loads.
    assert "gezinstherapie-test" in kb.entries and "sluiting-test" not in kb.entries


def test_real_kb_has_no_url_problems() -> None:
    kb = load_kb(Path(__file__).resolve().parents[1] / "kb")
    assert not [str(p) for p in kb.problems if p.field.endswith("url")]

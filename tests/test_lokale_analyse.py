"""Lokale analyse: save/load, generated problem definition, approach, Word export."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from docx import Document

from recommender import lokale_analyse as la
from recommender.loader import load_kb

from .conftest import REAL_KB

KB = load_kb(REAL_KB)
SAMPLE = la.load_sample(REAL_KB)


def test_sample_is_consistent_with_the_kb() -> None:
    assert la.reference_problems(SAMPLE, KB) == []
    assert SAMPLE.phenomena() == [
        "criminele-uitbuiting",
        "drugscriminaliteit",
        "misbruik-vastgoed",
        "geweld-en-intimidatie",
    ]


def test_save_load_round_trip() -> None:
    assert la.load_analysis(SAMPLE.to_json().encode()) == SAMPLE


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (SAMPLE.to_json()[:200].encode(), "geen geldige JSON (regel"),
        (b'{"name": "iets anders"}', "geen opgeslagen lokale analyse"),
        (b"\xff\xfe\x00binair", "geen tekst"),
        (json.dumps({**json.loads(SAMPLE.to_json()), "versie": 9}).encode(), "versie 9"),
        (
            SAMPLE.to_json().replace('"leeftijd": 67', '"leeftijd": "oud"').encode(),
            "ongeldige gegevens: huishoudens.0.leden.0.leeftijd",
        ),
    ],
    ids=["truncated", "foreign", "binary", "version", "bad-field"],
)
def test_damaged_or_foreign_file_gives_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(la.AnalysisFileError, match=re.escape(message)):
        la.load_analysis(data)


def test_references_to_unknown_things_are_listed() -> None:
    broken = SAMPLE.model_copy(update={"partners_aan_tafel": ["bestaat-niet"], "cijfers": []})
    assert la.reference_problems(broken, KB) == ["onbekende partner 'bestaat-niet'"]


def test_problem_definition_summarises_signals_network_and_figures() -> None:
    text = la.problem_definition(SAMPLE, KB)
    assert text.startswith(
        "In Middelstad (fictieve gemeente) zien de partners 9 signalen van criminele uitbuiting"
    )
    assert (
        "4 huishoudens en 8 bekende personen, van wie 3 minderjarig en 2 zowel dader als slachtoffer"
        in text
    )
    # The latest period and the change against the one before, never the periods summed.
    assert "politieregistraties: 17 in 2026, 6 meer dan in 2025 (11)" in text
    assert "28" not in text
    assert "te delen via Wet gegevensverwerking door samenwerkingsverbanden" in text


def test_missing_partners_start_with_those_holding_figures() -> None:
    missing = [partner for partner, _ in la.missing_partners(SAMPLE, KB)]
    assert missing[:3] == ["woningcorporatie", "veilig-thuis", "sociale-dienst"]
    assert not set(missing) & set(SAMPLE.partners_aan_tafel)


def test_word_report_has_headings_figures_and_plan(real_recommender) -> None:
    analysis = SAMPLE.model_copy(
        update={"aanpak": la.plan_from(la.approach(SAMPLE, real_recommender), SAMPLE, KB)}
    )
    document = Document(io.BytesIO(la.analysis_docx(analysis, KB)))
    headings = [
        p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == "Lokale analyse en plan van aanpak"
    for heading in (
        "1. Signalen",
        "2. Netwerk in beeld",
        "3. Cijfers",
        "4. Partners aan tafel",
        "5. Gedeeld probleem",
        "6. Aanpak",
    ):
        assert heading in headings
    assert len(document.inline_shapes) == 2  # the network picture and the figures chart
    figures, plan = document.tables
    assert len(figures.rows) == len(analysis.cijfers) + 1
    assert len(plan.rows) == len(analysis.aanpak) + 1


def test_markdown_report() -> None:
    text = la.analysis_markdown(SAMPLE, KB)
    assert text.startswith("# Lokale analyse en plan van aanpak")
    assert "| Politieregistraties | Politie" in text
    assert "## 5. Gedeeld probleem" in text


def test_signal_catalog_is_validated(small_kb: Path) -> None:
    (small_kb / "signalen.yaml").write_text(
        "last_reviewed: 2026-11-28\nstatus: concept\nfenomenen:\n  drugz:\n    - id: d-een\n"
        "      tekst: Een signaal van tien tekens.\n      bron: {title: Bron, publisher: Uitgever, url: 'https://example.org'}\n",
        encoding="utf-8",
    )
    (small_kb / "cijferbronnen.yaml").write_text(
        "last_reviewed: 2026-11-28\nstatus: concept\nbronnen:\n  - id: b\n    titel: Bron\n    partner: geen-partner\n"
        "    voorbeelden: Iets telbaars.\n    delen_via: [sluiting-test]\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in load_kb(small_kb).problems]
    assert any(
        p.startswith("kb/signalen.yaml:4: fenomenen.drugz: onbekend fenomeen") for p in problems
    ), problems
    assert (
        "kb/cijferbronnen.yaml:6: bronnen.0.partner: 'geen-partner' is geen bestaande partner"
        in problems
    )

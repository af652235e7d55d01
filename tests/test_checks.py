"""Fact-check records (``kb/checks/<slug>.yaml``): validated, tied to an entry, never fatal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recommender.loader import load_kb

GOOD_RECORD = """\
- claim: "Gezinstherapie duurt drie tot zes maanden"
  source_url: https://www.nji.nl/interventies/gezinstherapie
  checked: 2026-11-30
  result: ok
  note: De databank noemt deze duur.
- claim: Het gezin wordt thuis bezocht
  source_url: https://www.nji.nl/interventies/gezinstherapie
  checked: 2026-11-30
  result: gecorrigeerd
  note: De bron noemt ook sessies op locatie; de tekst is aangepast.
"""


def _write_record(kb: Path, slug: str, text: str) -> Path:
    folder = kb / "checks"
    folder.mkdir(exist_ok=True)
    path = folder / f"{slug}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_record_is_loaded_with_its_entry(small_kb: Path) -> None:
    _write_record(small_kb, "gezinstherapie-test", GOOD_RECORD)
    kb = load_kb(small_kb)
    assert kb.problems == []
    claims = kb.checks["gezinstherapie-test"]
    assert [c.result for c in claims] == ["ok", "gecorrigeerd"]
    assert claims[0].checked == dt.date(2026, 11, 30)


@pytest.mark.parametrize(
    ("old", "new", "field", "line"),
    [
        ("result: gecorrigeerd", "result: misschien", "1.result", 9),
        ("checked: 2026-11-30\n  result: ok", "checked: gisteren\n  result: ok", "0.checked", 3),
        (
            "source_url: https://www.nji.nl/interventies/gezinstherapie\n  checked: 2026-11-30\n"
            "  result: gecorrigeerd",
            "source_url: nji.nl\n  checked: 2026-11-30\n  result: gecorrigeerd",
            "1.source_url",
            7,
        ),
        ("  result: ok\n", "", "0.result", 1),
        ("claim: Het gezin", "claim: [Het gezin", "yaml", 6),
    ],
    ids=["unknown result", "no date", "no URL", "missing result", "broken YAML"],
)
def test_a_broken_record_is_a_located_problem(
    small_kb: Path, old: str, new: str, field: str, line: int
) -> None:
    assert old in GOOD_RECORD
    _write_record(small_kb, "gezinstherapie-test", GOOD_RECORD.replace(old, new, 1))
    kb = load_kb(small_kb)
    assert [(p.path, p.field) for p in kb.problems] == [
        ("kb/checks/gezinstherapie-test.yaml", field)
    ]
    assert kb.problems[0].line == line
    # The entry itself still loads and is answered; only its record is rejected.
    assert "gezinstherapie-test" in kb.entries
    assert "gezinstherapie-test" not in kb.checks


def test_a_check_date_in_the_future_is_refused(small_kb: Path) -> None:
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    _write_record(small_kb, "gezinstherapie-test", GOOD_RECORD.replace("2026-11-30", tomorrow, 1))
    problems = load_kb(small_kb).problems
    assert [(p.field, p.message) for p in problems] == [
        ("0.checked", "controledatum ligt in de toekomst")
    ]


def test_a_record_of_no_entry_is_a_problem(small_kb: Path) -> None:
    _write_record(small_kb, "bestaat-niet", GOOD_RECORD)
    problems = load_kb(small_kb).problems
    assert [(p.path, p.message) for p in problems] == [
        ("kb/checks/bestaat-niet.yaml", "geen vermelding met id 'bestaat-niet'")
    ]


def test_a_record_of_a_broken_entry_is_not_reported_twice(small_kb: Path) -> None:
    _write_record(small_kb, "gezinstherapie-test", GOOD_RECORD)
    entry = small_kb / "interventie" / "gezinstherapie-test.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("age_min: 12", "age_min: [12]"))
    problems = load_kb(small_kb).problems
    assert "kb/interventie/gezinstherapie-test.md" in {p.path for p in problems}
    assert not [p for p in problems if p.path.startswith("kb/checks/")]


def test_records_do_not_change_the_content_hash(small_kb: Path) -> None:
    before = load_kb(small_kb).content_hash
    _write_record(small_kb, "gezinstherapie-test", GOOD_RECORD)
    assert load_kb(small_kb).content_hash == before

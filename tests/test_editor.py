"""The editor: schema-generated fields, validation as `recommender validate`, atomic round-trip saves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from recommender.editor import (
    Draft,
    EditorError,
    check_text,
    describe_change,
    entry_path,
    form_fields,
    model_fields,
    read_draft,
    render_text,
    save_entry,
    section_titles,
    template,
)
from recommender.loader import ENTRY_TYPES, load_kb
from recommender.schema import EntryFrontMatter, LegalBasis, PartnerLink, Source

from .conftest import REAL_KB

ENTRY = ("interventie", "gezinstherapie-test")


def _path(kb: Path) -> Path:
    return kb / ENTRY[0] / f"{ENTRY[1]}.md"


def test_every_schema_field_gets_a_widget_kind() -> None:
    specs = {spec.name: spec for spec in model_fields()}
    assert list(specs) == list(EntryFrontMatter.model_fields)
    assert specs["phenomena"].kind == "choices" and specs["phenomena"].vocabulary == "phenomena"
    assert specs["evidence"].kind == "choice" and specs["evidence"].vocabulary == "evidence"
    assert specs["combines_with"].kind == "entries"
    assert specs["aliases"].kind == "lines"
    assert specs["last_reviewed"].kind == "date"
    assert specs["age_min"].kind == "int"
    assert specs["status"].options == ("concept", "actueel", "herzien-nodig", "vervallen")
    partners = specs["partners"]
    assert partners.kind == "table"
    assert [c.name for c in partners.columns] == list(PartnerLink.model_fields)
    assert [c.name for c in specs["legal_basis"].columns] == list(LegalBasis.model_fields)
    assert [c.name for c in specs["sources"].columns] == list(Source.model_fields)
    shown = {spec.name for spec in form_fields()}
    assert {"id", "type", "reviewed_by"}.isdisjoint(shown)


def test_every_real_entry_round_trips_byte_for_byte() -> None:
    files = sorted(p for t in ENTRY_TYPES for p in (REAL_KB / t).glob("*.md"))
    assert len(files) > 50
    for path in files:
        original = path.read_text(encoding="utf-8")
        assert render_text(read_draft(path), original) == original, path


def test_a_change_keeps_comments_key_order_and_flow_style(small_kb: Path) -> None:
    path = _path(small_kb)
    original = path.read_text(encoding="utf-8").replace(
        "evidence: onbekend", "evidence: onbekend  # nog niet beoordeeld door een databank"
    )
    path.write_text(original, encoding="utf-8")
    draft = read_draft(path)
    draft.front["domains"] = ["zorg", "onderwijs"]
    text = render_text(draft, original)
    assert "domains: [zorg, onderwijs]\n" in text
    assert "evidence: onbekend  # nog niet beoordeeld door een databank" in text
    keys = [line.split(":")[0] for line in text.split("---")[1].splitlines() if line[:1].isalpha()]
    before = [
        line.split(":")[0] for line in original.split("---")[1].splitlines() if line[:1].isalpha()
    ]
    assert keys == before
    changed = [
        (a, b) for a, b in zip(original.splitlines(), text.splitlines(), strict=True) if a != b
    ]
    assert changed == [("domains: [zorg]", "domains: [zorg, onderwijs]")]


def test_a_new_optional_field_goes_where_the_schema_puts_it(small_kb: Path) -> None:
    path = small_kb / "interventie" / "mentoraat-test.md"
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    assert "decision_maker" not in draft.front
    draft.front["decision_maker"] = "De gemeente."
    lines = render_text(draft, original).splitlines()
    assert "decision_maker: De gemeente." in lines
    keys = [line.split(":")[0] for line in lines if line[:1].isalpha() and ":" in line]
    order = list(EntryFrontMatter.model_fields)
    known = [k for k in keys if k in order]
    assert known == sorted(known, key=order.index)


def test_save_writes_a_valid_entry_atomically(small_kb: Path) -> None:
    path = _path(small_kb)
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.sections["Wanneer niet"] = (
        "Als de veiligheid thuis niet te garanderen is, of bij acuut geweld."
    )
    result = save_entry(small_kb, draft, original)
    assert result.written and not result.problems
    assert "of bij acuut geweld." in path.read_text(encoding="utf-8")
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]  # no temp files left
    assert load_kb(small_kb).ok


def test_an_invalid_entry_is_never_written_and_gets_the_validate_message(small_kb: Path) -> None:
    path = _path(small_kb)
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.front["domains"] = ["zorgg"]
    draft.front["sources"] = [{"title": "Testbron", "publisher": "Testuitgever", "url": "ftp://x"}]
    result = save_entry(small_kb, draft, original)
    assert not result.written
    assert path.read_text(encoding="utf-8") == original
    # The same messages as `recommender validate` on a file with that text.
    path.write_text(result.text, encoding="utf-8")
    on_disk = [str(p) for p in load_kb(small_kb).problems if p.path.endswith(path.name)]
    path.write_text(original, encoding="utf-8")
    assert [str(p) for p in result.problems] == on_disk
    messages = " | ".join(on_disk)
    assert "domains.0: onbekende id 'zorgg'; bedoel je 'zorg'?" in messages
    assert "sources.0.url" in messages


def test_a_broken_link_and_an_empty_section_are_reported_as_validate_does(small_kb: Path) -> None:
    path = _path(small_kb)
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.front["combines_with"] = ["bestaat-niet"]
    draft.sections["Voor wie"] = ""
    problems = [str(p) for p in save_entry(small_kb, draft, original).problems]
    assert any(
        "combines_with.0: 'bestaat-niet' verwijst naar geen vermelding" in p for p in problems
    )
    assert any("body: sectie '## Voor wie' is leeg" in p for p in problems)
    assert path.read_text(encoding="utf-8") == original


def test_a_new_entry_from_the_form(small_kb: Path) -> None:
    draft = Draft(
        "werkwijze",
        "nieuwe-werkwijze",
        {
            "title": "Nieuwe werkwijze (test)",
            "summary": "Een testwerkwijze om het aanmaken van een vermelding te controleren.",
            "phenomena": ["drugscriminaliteit"],
            "domains": ["zorg"],
            "roles": ["gezin"],
            "levels": ["uitvoerend"],
            "evidence": "onbekend",
            "partners": [{"id": "gemeente-test", "role": "regie"}, {"id": "", "role": None}],
            "sources": [
                {"title": "Testbron", "publisher": "Testuitgever", "url": "https://example.org/x"}
            ],
            "last_reviewed": dt.date(2026, 12, 1),
            "status": "concept",
        },
        {title: f"Tekst over {title.lower()}." for title in section_titles("werkwijze")},
    )
    result = save_entry(small_kb, draft, None, create=True)
    assert result.written, result.problems
    kb = load_kb(small_kb)
    assert kb.ok and kb.entries["nieuwe-werkwijze"].partners[0].id == "gemeente-test"
    with pytest.raises(EditorError, match="bestaat al"):
        save_entry(small_kb, draft, None, create=True)


def test_a_file_changed_on_disk_since_opening_is_not_overwritten(small_kb: Path) -> None:
    path = _path(small_kb)
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    path.write_text(original.replace("Gezinstherapie thuis", "Gezinstherapie"), encoding="utf-8")
    with pytest.raises(EditorError, match="intussen op schijf gewijzigd"):
        save_entry(small_kb, draft, original)


@pytest.mark.parametrize(
    ("entry_type", "slug"),
    [("interventie", "../../buiten"), ("interventie", "A_B"), ("casussen", "x"), ("..", "x")],
)
def test_paths_outside_kb_or_bad_slugs_are_refused(
    small_kb: Path, entry_type: str, slug: str
) -> None:
    with pytest.raises(EditorError):
        entry_path(small_kb, entry_type, slug)


@pytest.mark.parametrize("entry_type", ENTRY_TYPES)
def test_the_template_has_the_type_sections_and_no_invented_facts(
    small_kb: Path, entry_type: str
) -> None:
    text = template(entry_type, "nieuw", today=dt.date(2026, 12, 1))
    assert f"id: nieuw\ntype: {entry_type}\n" in text
    for title in section_titles(entry_type):
        assert f"## {title}\n" in text
    assert "status: concept" in text
    problems = check_text(small_kb, entry_type, "nieuw", text)
    fields = {p.field for p in problems}
    assert {"title", "summary", "sources", "body"} <= fields  # empty until an adviser fills it in
    if entry_type == "partner":
        assert "mandate: ''" in text and "access: ''" in text


def test_describe_change_names_the_fields_and_the_text(small_kb: Path) -> None:
    path = _path(small_kb)
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.front["title"] = "Gezinstherapie aan huis (GTT)"
    draft.sections["Voor wie"] = "Jongeren en hun ouders."
    message = describe_change(ENTRY[1], original, render_text(draft, original))
    assert message == "gezinstherapie-test: velden title en tekst gewijzigd"
    assert describe_change("x", None, original) == "x: nieuwe vermelding"


def test_a_form_that_only_states_schema_defaults_changes_nothing(small_kb: Path) -> None:
    path = _path(small_kb)
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    specs = {spec.name: spec for spec in form_fields()}
    assert specs["protective"].kind == "bool"
    assert specs["for_whom"].kind == "choices" and specs["requires"].vocabulary == "signals"
    for name, spec in specs.items():
        draft.front.setdefault(name, False if spec.kind == "bool" else None)
    assert render_text(draft, original) == original
    draft.front["protective"] = True
    assert "status: concept\nprotective: true\n---" in render_text(draft, original)

"""Loading the KB and every validation rule, each with a broken file and the exact problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from recommender.loader import Problem, load_kb

ENTRY = "interventie/gezinstherapie-test.md"


def break_file(kb: Path, relative: str, old: str, new: str) -> str:
    """Replace ``old`` by ``new`` in a KB file and return the problem path prefix."""
    path = kb / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return f"kb/{relative}"


def only(kb: Path) -> list[Problem]:
    return load_kb(kb).problems


def test_small_kb_is_clean(small_kb: Path) -> None:
    kb = load_kb(small_kb)
    assert kb.problems == []
    assert set(kb.entries) == {
        "gezinstherapie-test",
        "mentoraat-test",
        "sluiting-test",
        "casusoverleg-test",
        "gemeente-test",
        "zorgpartner-test",
    }
    assert list(kb.casussen) == ["koerier-test"]


def test_sections_are_exposed(small_kb: Path) -> None:
    entry = load_kb(small_kb).entries["sluiting-test"]
    assert next(iter(entry.sections)) == "Wat is het"
    assert entry.sections["Juridische basis"] == "Artikel 13b Opiumwet."


def test_casus_steps_and_notes(small_kb: Path) -> None:
    casus = load_kb(small_kb).casussen["koerier-test"]
    assert [title for title, _ in casus.steps] == ["Stap 1: Eerste signaal", "Stap 2: Later"]
    assert casus.trainer_notes == "Bespreek loyaliteit."


def test_yaml_syntax_error_names_line(small_kb: Path) -> None:
    path = break_file(
        small_kb,
        ENTRY,
        "phenomena: [criminele-uitbuiting, drugscriminaliteit]",
        "phenomena: [criminele-uitbuiting",
    )
    problems = [p for p in only(small_kb) if p.path == path]
    assert len(problems) == 1
    assert problems[0].field == "yaml" and problems[0].line == 7  # the unclosed list
    assert "ongeldige YAML" in problems[0].message


def test_missing_required_field(small_kb: Path) -> None:
    path = break_file(small_kb, ENTRY, "title: Gezinstherapie thuis (GTT)\n", "")
    assert Problem(path, 1, "title", "verplicht veld ontbreekt") in only(small_kb)


def test_wrong_type(small_kb: Path) -> None:
    path = break_file(small_kb, ENTRY, "age_min: 12", "age_min: twaalf")
    assert Problem(path, 10, "age_min", "verwacht een geheel getal") in only(small_kb)


def test_unknown_field(small_kb: Path) -> None:
    path = break_file(small_kb, ENTRY, "status: concept", "status: concept\nkleur: blauw")
    assert Problem(path, 29, "kleur", "onbekend veld") in only(small_kb)


def test_unknown_taxonomy_id_suggests_nearest(small_kb: Path) -> None:
    path = break_file(small_kb, ENTRY, "domains: [zorg]", "domains: [zorgg]")
    assert Problem(path, 8, "domains.0", "onbekende id 'zorgg'; bedoel je 'zorg'?") in only(
        small_kb
    )


def test_unknown_taxonomy_id_without_near_match_lists_valid(small_kb: Path) -> None:
    break_file(small_kb, ENTRY, "levels: [uitvoerend]", "levels: [xyz]")
    problem = next(p for p in only(small_kb) if p.field == "levels.0")
    assert problem.line == 13
    assert "geldig: uitvoerend, beleidsmatig, strategisch, bestuurlijk" in problem.message


def test_slug_must_equal_file_name(small_kb: Path) -> None:
    path = break_file(small_kb, ENTRY, "id: gezinstherapie-test", "id: gezinstherapie")
    assert Problem(
        path, 2, "id", "'gezinstherapie' moet gelijk zijn aan de bestandsnaam 'gezinstherapie-test'"
    ) in only(small_kb)


def test_type_must_match_folder(small_kb: Path) -> None:
    path = break_file(small_kb, ENTRY, "type: interventie", "type: werkwijze")
    assert Problem(path, 3, "type", "'werkwijze' staat in de map 'interventie'") in only(small_kb)


def test_duplicate_id(small_kb: Path) -> None:
    source = small_kb / "werkwijze" / "casusoverleg-test.md"
    copy = small_kb / "interventie" / "casusoverleg-test.md"
    copy.write_text(
        source.read_text(encoding="utf-8").replace("type: werkwijze", "type: interventie"),
        encoding="utf-8",
    )
    problems = only(small_kb)
    assert (
        Problem(
            "kb/werkwijze/casusoverleg-test.md",
            2,
            "id",
            "dubbel id; ook gebruikt in kb/interventie/casusoverleg-test.md",
        )
        in problems
    )


def test_dangling_links(small_kb: Path) -> None:
    path = break_file(
        small_kb, ENTRY, "combines_with: [sluiting-test]", "combines_with: [bestaat-niet]"
    )
    break_file(
        small_kb,
        ENTRY,
        "  - id: gemeente-test\n    role: verwijzer",
        "  - id: mentoraat-test\n    role: verwijzer",
    )
    problems = only(small_kb)
    assert (
        Problem(path, 21, "combines_with.0", "'bestaat-niet' verwijst naar geen vermelding")
        in problems
    )
    assert Problem(path, 18, "partners.1.id", "'mentoraat-test': geen partner") in problems
    # A dangling link is reported, but the entry is still served.
    assert "gezinstherapie-test" in load_kb(small_kb).entries


def test_dangling_casus_link(small_kb: Path) -> None:
    path = break_file(
        small_kb, "casussen/koerier-test.md", "  - id: sluiting-test", "  - id: verdwenen"
    )
    assert Problem(
        path, 16, "expert_entries.1.id", "'verdwenen' is geen bestaande vermelding (geen partner)"
    ) in only(small_kb)


def test_missing_and_empty_sections(small_kb: Path) -> None:
    path = break_file(
        small_kb, ENTRY, "## Wanneer niet\n\nAls de veiligheid thuis niet te garanderen is.\n", ""
    )
    break_file(small_kb, ENTRY, "Sluiting van het pand waar de familie drugs opslaat.", "")
    problems = only(small_kb)
    lines = (small_kb / ENTRY).read_text(encoding="utf-8").splitlines()
    assert (
        Problem(
            path, lines.index("## Wie doet wat") + 1, "body", "sectie '## Wanneer niet' ontbreekt"
        )
        in problems
    )
    assert (
        Problem(
            path, lines.index("## Combineren met") + 1, "body", "sectie '## Combineren met' is leeg"
        )
        in problems
    )
    assert "gezinstherapie-test" in load_kb(small_kb).entries


def test_empty_sources(small_kb: Path) -> None:
    path = break_file(
        small_kb,
        ENTRY,
        "sources:\n  - title: Testbron gezinstherapie\n    publisher: Testuitgever\n    url: https://example.org/gezinstherapie",
        "sources: []",
    )
    assert Problem(path, 23, "sources", "mag niet leeg zijn") in only(small_kb)


def test_non_utf8_file(small_kb: Path) -> None:
    path = small_kb / "interventie" / "latin1.md"
    path.write_bytes("---\nid: latin1\ntitle: Beëindiging\n---\n".encode("latin-1"))
    problem = next(p for p in only(small_kb) if p.path == "kb/interventie/latin1.md")
    assert problem.line == 3 and problem.field == "bestand" and "UTF-8" in problem.message


def test_missing_front_matter(small_kb: Path) -> None:
    (small_kb / "werkwijze" / "leeg.md").write_text("", encoding="utf-8")
    assert Problem(
        "kb/werkwijze/leeg.md",
        1,
        "front matter",
        "ontbreekt: het bestand moet beginnen met een ---blok",
    ) in only(small_kb)


def test_missing_canon_entry(small_kb: Path) -> None:
    (small_kb / "instrument" / "sluiting-test.md").unlink()
    problems = only(small_kb)
    assert (
        Problem("kb/canon.yaml", 5, "sluiting-test", "canon-vermelding ontbreekt in kb/instrument/")
        in problems
    )


def test_collects_every_problem_and_keeps_good_entries(small_kb: Path) -> None:
    break_file(small_kb, ENTRY, "domains: [zorg]", "domains: [zorgg]")
    break_file(small_kb, "interventie/mentoraat-test.md", "status: concept", "status: klaar")
    (small_kb / "werkwijze" / "leeg.md").write_text("", encoding="utf-8")
    kb = load_kb(small_kb)
    assert {p.path for p in kb.problems} >= {
        f"kb/{ENTRY}",
        "kb/interventie/mentoraat-test.md",
        "kb/werkwijze/leeg.md",
    }
    assert {"sluiting-test", "casusoverleg-test", "gemeente-test"} <= set(kb.entries)
    assert "gezinstherapie-test" not in kb.entries


def test_broken_taxonomy_is_reported(small_kb: Path) -> None:
    (small_kb / "taxonomy.yaml").write_text("phenomena: [\n", encoding="utf-8")
    kb = load_kb(small_kb)
    assert kb.taxonomy is None and kb.entries == {}
    assert kb.problems[0].path == "kb/taxonomy.yaml" and kb.problems[0].field == "yaml"


@pytest.mark.parametrize("name", ["x.md"])
def test_missing_kb_dir(tmp_path: Path, name: str) -> None:
    kb = load_kb(tmp_path / "nope")
    assert kb.problems and kb.problems[0].message == "map bestaat niet"

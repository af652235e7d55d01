"""Attack suite, damaged knowledge-base files: each is a clear path:line problem, nothing more.

One ``recommender validate`` run, as a subprocess under a memory limit, reads a KB holding
one file per class of damage; each test checks its own file's problem. The alias bomb and a
broken taxonomy get runs of their own, since they must be bounded on their own.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from recommender.loader import load_kb

from .conftest import copy_small_kb
from .limits import RECOMMENDER, Limited, run_limited

GOOD = "interventie/gezinstherapie-test.md"
CASUS = "casussen/koerier-test.md"
#: Address space for validate: the old loader needed 11 GB for the alias bomb.
MEMORY_MIB = 512
#: What validate may use for a 2 KB alias bomb (docs/security.md).
BOMB_PEAK_MIB = 200
SERVED = {"gezinstherapie-test", "mentoraat-test", "sluiting-test", "gemeente-test"}


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _variant(kb: Path, name: str, old: str, new: str, source: str = GOOD) -> tuple[str, str]:
    """Write a copy of ``source`` named ``name`` with ``old`` replaced; return (path, text)."""
    text = (kb / source).read_text(encoding="utf-8")
    stem = Path(source).stem
    text = text.replace(f"id: {stem}\n", f"id: {Path(name).stem}\n", 1).replace(old, new, 1)
    (kb / name).write_text(text, encoding="utf-8")
    return f"kb/{name}", text


def _list_as_id(kb: Path) -> tuple[str, int, str]:
    path, text = _variant(
        kb,
        "interventie/lijst-id.md",
        "phenomena: [criminele-uitbuiting,",
        "phenomena: [[criminele-uitbuiting],",
    )
    return path, _line(text, "phenomena:"), "phenomena.0"


def _dict_in_domains(kb: Path) -> tuple[str, int, str]:
    path, text = _variant(
        kb, "interventie/dict-domein.md", "domains: [zorg]", "domains: {zorg: ja}"
    )
    return path, _line(text, "domains:"), "domains"


def _list_as_evidence(kb: Path) -> tuple[str, int, str]:
    path, text = _variant(
        kb, "interventie/lijst-bewijs.md", "evidence: onbekend", "evidence: [onbekend]"
    )
    return path, _line(text, "evidence:"), "evidence"


def _bool_as_age(kb: Path) -> tuple[str, int, str]:
    path, text = _variant(kb, "interventie/leeftijd-waar.md", "age_min: 12", "age_min: true")
    return path, _line(text, "age_min:"), "age_min"


def _huge_number(kb: Path) -> tuple[str, int, str]:
    path, _ = _variant(kb, "interventie/groot-getal.md", "age_min: 12", "age_min: " + "9" * 5000)
    return path, 2, "yaml"


def _deep_nesting(kb: Path) -> tuple[str, int, str]:
    depth = 5_000  # far beyond both the loader's limit and Python's recursion limit
    path, text = _variant(
        kb,
        "interventie/diep.md",
        "aliases: [GTT, home-based family therapy]",
        "aliases: " + "[" * depth + "]" * depth,
    )
    return path, _line(text, "aliases:"), "yaml"


def _nested_list_in_profile(kb: Path) -> tuple[str, int, str]:
    path, text = _variant(
        kb,
        "casussen/profiel-lijst.md",
        "  phenomena: [criminele-uitbuiting, drugscriminaliteit]",
        "  phenomena: [[criminele-uitbuiting], drugscriminaliteit]",
        source=CASUS,
    )
    return path, _line(text, "  phenomena:"), "profile.phenomena.0"


def _bom(kb: Path) -> tuple[str, int, str]:
    # A byte-order mark is accepted: the entry loads (checked in the test).
    path, text = _variant(kb, "interventie/met-bom.md", "", "")
    (kb / "interventie/met-bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    return path, 0, ""


def _raw_html(kb: Path) -> tuple[str, int, str]:
    path, text = _variant(
        kb, "interventie/met-html.md", "## Voor wie\n", "## Voor wie\n\nZie <b>vet</b> hier.\n"
    )
    return path, _line(text, "Zie <b>"), "body"


def _symlink_loop(kb: Path) -> tuple[str, int, str]:
    link = kb / "interventie" / "lus.md"
    os.symlink(link, link)
    return "kb/interventie/lus.md", 1, "bestand"


def _folder_from_outside(kb: Path) -> tuple[str, int, str]:
    outside = kb.parent / "buiten-werkwijze"
    (kb / "werkwijze").rename(outside)
    os.symlink(outside, kb / "werkwijze")
    return "kb/werkwijze/casusoverleg-test.md", 1, "bestand"


def _canon_wrong_types(kb: Path) -> tuple[str, int, str]:
    text = "interventie: 5\ninstrument:\n  - [sluiting-test]\n"
    (kb / "canon.yaml").write_text(text, encoding="utf-8")
    return "kb/canon.yaml", 1, "interventie"


def _signals_missing_field(kb: Path) -> tuple[str, int, str]:
    text = "last_reviewed: 2026-11-28\nfenomenen:\n  drugscriminaliteit: 7\n"
    (kb / "signalen.yaml").write_text(text, encoding="utf-8")
    return "kb/signalen.yaml", 3, "fenomenen.drugscriminaliteit"


ATTACKS: dict[str, Callable[[Path], tuple[str, int, str]]] = {
    "list where an id belongs": _list_as_id,
    "dict in domains": _dict_in_domains,
    "list as evidence": _list_as_evidence,
    "true as age": _bool_as_age,
    "5,000-digit number": _huge_number,
    "deep nesting": _deep_nesting,
    "nested list in a vignette profile": _nested_list_in_profile,
    "byte-order mark": _bom,
    "raw HTML": _raw_html,
    "symlink loop": _symlink_loop,
    "folder symlinked from outside kb": _folder_from_outside,
    "canon.yaml with wrong types": _canon_wrong_types,
    "signal file with wrong types": _signals_missing_field,
}


def _validate(kb: Path, timeout: float = 120) -> Limited:
    return run_limited([*RECOMMENDER, "validate", "--kb", str(kb)], MEMORY_MIB, timeout)


@pytest.fixture(scope="module")
def damaged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, Limited]:
    """A KB with every damage at once, and the result of validating it."""
    kb = copy_small_kb(tmp_path_factory.mktemp("attacks") / "kb")
    expected = {name: attack(kb) for name, attack in ATTACKS.items()}
    return kb, expected, _validate(kb)


def test_validate_stays_bounded_and_serves_the_valid_entries(damaged) -> None:
    kb, _, run = damaged
    assert not run.timed_out and run.returncode == 1, run
    assert "Traceback" not in run.stderr, run.stderr
    assert all(len(line) < 500 for line in run.stdout.splitlines())
    loaded = load_kb(kb)
    assert set(loaded.entries) >= SERVED


@pytest.mark.parametrize("attack", list(ATTACKS), ids=list(ATTACKS))
def test_each_damage_is_one_clear_problem(attack: str, damaged) -> None:
    kb, expected, run = damaged
    path, line, field = expected[attack]
    mine = [line_ for line_ in run.stdout.splitlines() if line_.startswith(f"{path}:")]
    if not field:  # accepted as valid
        assert mine == [], mine
        assert Path(path).stem in load_kb(kb).entries
        return
    assert any(p.startswith(f"{path}:{line}: {field}: ") for p in mine), (path, line, field, mine)
    if attack == "raw HTML":  # a body problem: the entry is still served
        assert "met-html" in load_kb(kb).entries


def _alias_bomb(levels: int = 9, fan_out: int = 9) -> str:
    """A "billion laughs": each anchor holds ``fan_out`` aliases of the one before."""
    lines = ['title: &l0 "lachen"']
    for level in range(1, levels):
        lines.append(f"alias{level}: &l{level} [{', '.join([f'*l{level - 1}'] * fan_out)}]")
    lines.append(f"summary: *l{levels - 1}")
    return "\n".join(lines)


def test_alias_bomb_is_refused_within_bounds(tmp_path: Path) -> None:
    kb = copy_small_kb(tmp_path / "kb")
    bomb = _alias_bomb()
    assert len(bomb) < 2048
    (kb / "interventie" / "bom.md").write_text(
        f"---\n{bomb}\n---\n\n## Wat is het\n\nx\n", encoding="utf-8"
    )
    run = _validate(kb, timeout=60)
    assert not run.timed_out and run.returncode == 1, run
    assert "Traceback" not in run.stderr, run.stderr
    # The process itself (imports, the small KB) needs a few hundred MiB; the bomb may add little.
    clean = _validate(copy_small_kb(tmp_path / "schoon"), timeout=60)
    assert run.peak_mib < clean.peak_mib + BOMB_PEAK_MIB, (run.peak_mib, clean.peak_mib)
    assert (
        "kb/interventie/bom.md:2: yaml: ongeldige YAML: ankers (&naam) zijn niet toegestaan"
        in run.stdout
    )
    assert len(run.stdout) < 10_000
    assert "4 vermeldingen" in run.stderr or "vermeldingen en" in run.stderr


def test_broken_taxonomy_points_at_its_line(tmp_path: Path) -> None:
    kb = copy_small_kb(tmp_path / "kb")
    taxonomy = kb / "taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    broken = text.replace("    nl: Criminele uitbuiting\n", "    nl: [Criminele, uitbuiting]\n", 1)
    taxonomy.write_text(broken, encoding="utf-8")
    run = _validate(kb, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run
    line = _line(broken, "    nl: [Criminele, uitbuiting]")
    assert f"kb/taxonomy.yaml:{line}: phenomena.criminele-uitbuiting.nl: " in run.stdout, run.stdout

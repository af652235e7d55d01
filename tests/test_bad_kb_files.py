"""A matrix of broken KB files: each gives a clear path:line problem, and the rest still works."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from recommender.loader import load_kb
from recommender.ranking import Recommender

GOOD = "interventie/gezinstherapie-test.md"


def _edit(old: str, new: str) -> Callable[[Path], Path]:
    def apply(kb: Path) -> Path:
        path = kb / GOOD
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        return path

    return apply


def _write(name: str, content: bytes) -> Callable[[Path], Path]:
    def apply(kb: Path) -> Path:
        path = kb / name
        path.write_bytes(content)
        return path

    return apply


def _duplicate(kb: Path) -> Path:
    path = kb / "werkwijze" / "dubbel.md"
    path.write_text(
        (kb / GOOD).read_text(encoding="utf-8").replace("type: interventie", "type: werkwijze"),
        encoding="utf-8",
    )
    return path


def _symlink_outside(kb: Path) -> Path:
    outside = kb.parent / "buiten.md"
    outside.write_text((kb / GOOD).read_text(encoding="utf-8"), encoding="utf-8")
    link = kb / "interventie" / "link.md"
    os.symlink(outside, link)
    return link


def _huge(kb: Path) -> Path:
    path = kb / "interventie" / "groot.md"
    path.write_text("---\nid: groot\n---\n" + "x" * 5_000_000, encoding="utf-8")
    return path


CASES = {
    "invalid YAML": (_edit("domains: [zorg]", "domains: [zorg"), "yaml", 8),
    "wrong type": (_edit("age_min: 12", "age_min: [12]"), "age_min", 10),
    "unknown id": (_edit("roles: [dader, gezin]", "roles: [dader, ouders]"), "roles.1", 12),
    "duplicate id": (_duplicate, "id", 2),
    "dangling link": (
        _edit("combines_with: [sluiting-test]", "combines_with: [weg]"),
        "combines_with.0",
        21,
    ),
    "missing section": (_edit("## Voor wie\n", "## Voor wiee\n"), "body", None),
    "binary file": (
        _write("interventie/binair.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
        "bestand",
        1,
    ),
    "non-UTF-8": (
        _write(
            "interventie/latin.md", "---\nid: latin\ntitle: Beëindiging\n---\n".encode("latin-1")
        ),
        "bestand",
        3,
    ),
    "5 MB file": (_huge, "bestand", 1),
    "empty file": (_write("instrument/leeg.md", b""), "front matter", 1),
    "front matter only": (
        _write("werkwijze/alleen-kop.md", b"---\nid: alleen-kop\n---\n"),
        None,
        None,
    ),
    "symlink outside kb": (_symlink_outside, "bestand", 1),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_broken_file_is_reported_and_the_rest_serves(
    case: str, small_kb: Path, tmp_path: Path, use_encoder
) -> None:
    breaker, field, line = CASES[case]
    broken = breaker(small_kb)
    kb = load_kb(small_kb)
    shown = f"kb/{broken.relative_to(small_kb)}"
    mine = [p for p in kb.problems if p.path == shown]
    assert mine, f"no problem reported for {shown}: {kb.problems}"
    if field is not None:
        assert any(p.field == field for p in mine), mine
    if line is not None:
        assert any(p.line == line for p in mine), mine
    assert all(str(p).startswith(f"{p.path}:{p.line}: ") for p in kb.problems)
    # The other entries still load and answer a case.
    assert {"sluiting-test", "casusoverleg-test", "gemeente-test"} <= set(kb.entries)
    recommender = Recommender.load(
        kb_dir=small_kb, index_dir=tmp_path / "index", encoder=use_encoder
    )
    answer = recommender.recommend({"text": "pand sluiten waar drugs liggen"})
    assert answer.results and answer.results[0].id == "sluiting-test"

"""Git history of KB files: a commit per save authored by the adviser, log, diff and restore."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from recommender.editor import check_text, read_draft, save_entry, write_atomic
from recommender.history import Author, HistoryError, open_history

ADVISER = Author("Anna de Adviseur", "anna@example.org")
ENTRY = Path("interventie") / "gezinstherapie-test.md"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def repo_kb(small_kb: Path) -> Path:
    """The small KB inside a fresh git repository with one initial commit (no global identity)."""
    repo = small_kb.parent
    _git(repo, "init", "--quiet", "--initial-branch=main")
    _git(repo, "add", "kb")
    _git(
        repo,
        "-c",
        "user.name=Start",
        "-c",
        "user.email=start@example.org",
        "commit",
        "-qm",
        "begin",
    )
    return small_kb


def test_without_a_repository_history_is_off_and_saving_still_works(small_kb: Path) -> None:
    assert open_history(small_kb) is None
    path = small_kb / ENTRY
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.front["title"] = "Gezinstherapie aan huis (GTT)"
    assert save_entry(small_kb, draft, original).written


def test_a_save_is_one_commit_of_that_file_by_the_adviser(repo_kb: Path) -> None:
    history = open_history(repo_kb)
    assert history is not None
    path = repo_kb / ENTRY
    other = repo_kb / "werkwijze" / "casusoverleg-test.md"
    other.write_text(other.read_text(encoding="utf-8") + "\nNiet vastleggen.\n", encoding="utf-8")
    original = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.front["title"] = "Gezinstherapie aan huis (GTT)"
    save_entry(repo_kb, draft, original)
    sha = history.commit(path, "gezinstherapie-test: velden title gewijzigd", ADVISER)
    assert sha is not None
    assert _git(repo_kb.parent, "show", "--name-only", "--format=%an <%ae>|%s", sha).split() == [
        "Anna",
        "de",
        "Adviseur",
        "<anna@example.org>|gezinstherapie-test:",
        "velden",
        "title",
        "gewijzigd",
        "kb/interventie/gezinstherapie-test.md",
    ]
    # The unrelated edit in another file is not swept into the adviser's commit.
    assert "casusoverleg-test.md" in _git(repo_kb.parent, "status", "--porcelain")
    assert history.commit(path, "nogmaals", ADVISER) is None  # nothing changed: no empty commit


def test_log_diff_and_restore_an_earlier_version(repo_kb: Path) -> None:
    history = open_history(repo_kb)
    assert history is not None
    path = repo_kb / ENTRY
    first = path.read_text(encoding="utf-8")
    draft = read_draft(path)
    draft.front["title"] = "Gezinstherapie aan huis (GTT)"
    save_entry(repo_kb, draft, first)
    history.commit(path, "titel gewijzigd", ADVISER)
    log = history.log(path)
    assert [c.message for c in log] == ["titel gewijzigd", "begin"]
    assert log[0].author == ADVISER.name and log[0].email == ADVISER.email
    diff = history.diff(log[0].sha, path)
    assert "-title: Gezinstherapie thuis (GTT)" in diff
    assert "+title: Gezinstherapie aan huis (GTT)" in diff
    old = history.show(log[1].sha, path)
    assert old == first
    assert check_text(repo_kb, "interventie", "gezinstherapie-test", old) == []
    write_atomic(repo_kb, path, old)
    history.commit(path, "hersteld naar versie " + log[1].sha[:10], ADVISER)
    assert path.read_text(encoding="utf-8") == first
    assert len(history.log(path)) == 3


def test_only_commit_ids_are_passed_to_git(repo_kb: Path) -> None:
    history = open_history(repo_kb)
    assert history is not None
    for bad in ("--output=/tmp/x", "HEAD~1", "main", ""):
        with pytest.raises(HistoryError, match="geen geldige commit-id"):
            history.show(bad, repo_kb / ENTRY)

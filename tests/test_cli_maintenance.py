"""The maintenance commands: recommender new, review and history."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.loader import load_kb

SLUG = "gezinstherapie-test"


def _run(*args: str) -> object:
    return CliRunner().invoke(cli, list(args))


def test_new_writes_the_template_and_refuses_a_taken_slug(small_kb: Path) -> None:
    result = _run("new", "partner", "nieuwe-partner", "--kb", str(small_kb))
    assert result.exit_code == 0, result.output
    path = small_kb / "partner" / "nieuwe-partner.md"
    text = path.read_text(encoding="utf-8")
    assert "## Mandaat" in text and "status: concept" in text
    fields = {p.field for p in load_kb(small_kb).problems if p.path.endswith("nieuwe-partner.md")}
    # Empty until an adviser fills it in (rules across fields, like mandate, are checked after).
    assert {"title", "summary", "sources", "body"} <= fields
    again = _run("new", "interventie", "nieuwe-partner", "--kb", str(small_kb))
    assert again.exit_code == 2 and "bestaat al" in again.output
    bad = _run("new", "interventie", "Geen_Slug", "--kb", str(small_kb))
    assert bad.exit_code == 2 and "geen geldige slug" in bad.output


def test_review_needs_every_source_checked(small_kb: Path) -> None:
    path = small_kb / "interventie" / f"{SLUG}.md"
    before = path.read_text(encoding="utf-8")
    refused = _run("review", SLUG, "--by", "Anna", "--kb", str(small_kb))
    assert refused.exit_code == 2 and "bron 1 is nog niet als gecontroleerd" in refused.output
    assert path.read_text(encoding="utf-8") == before
    done = _run("review", SLUG, "--by", "Anna", "--checked-source", "1", "--kb", str(small_kb))
    assert done.exit_code == 0, done.output
    entry = load_kb(small_kb).entries[SLUG]
    assert (entry.status, entry.reviewed_by) == ("actueel", "Anna")


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_history_lists_the_review_commit(small_kb: Path) -> None:
    repo = small_kb.parent
    off = _run("history", SLUG, "--kb", str(small_kb))
    assert off.exit_code == 1 and "Geschiedenis staat uit" in off.output
    git = ["git", "-C", str(repo)]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "kb"], check=True)
    subprocess.run(
        [*git, "-c", "user.name=S", "-c", "user.email=s@example.org", "commit", "-qm", "begin"],
        check=True,
    )
    _run(
        "review",
        SLUG,
        "--by",
        "Anna de Adviseur",
        "--all-sources-checked",
        "--email",
        "anna@example.org",
        "--kb",
        str(small_kb),
    )
    shown = _run("history", SLUG, "--diff", "--kb", str(small_kb))
    assert shown.exit_code == 0, shown.output
    lines = shown.output.splitlines()
    assert (
        "Anna de Adviseur <anna@example.org>  gezinstherapie-test: beoordeeld door Anna de Adviseur"
        in lines[0]
    )
    assert "+status: actueel" in shown.output
    assert any(line.endswith("begin") for line in lines)


@pytest.mark.parametrize("command", ["new", "review", "history"])
def test_every_option_has_help(command: str) -> None:
    for param in cli.commands[command].params:
        if param.param_type_name == "option":
            assert param.help, f"{command} {param.name}"

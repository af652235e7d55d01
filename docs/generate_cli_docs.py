"""Write docs/cli.md from the real ``--help`` output of every command (run: make docs)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from recommender.cli import cli

DOC = Path(__file__).with_name("cli.md")


def render() -> str:
    """Return the Markdown page with the help text of the group and each command."""
    runner = CliRunner()
    parts = [
        "# Commandoregel: `recommender`",
        "",
        "Deze pagina is gegenereerd uit de echte `--help` (`make docs`); een test bewaakt dat "
        "ze klopt.",
        "",
        "```",
        runner.invoke(cli, ["--help"], prog_name="recommender", terminal_width=100).output.rstrip(),
        "```",
    ]
    for name in sorted(cli.commands):
        help_text = runner.invoke(
            cli, [name, "--help"], prog_name="recommender", terminal_width=100
        ).output.rstrip()
        parts += ["", f"## `recommender {name}`", "", "```", help_text, "```"]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    DOC.write_text(render(), encoding="utf-8")
    print(f"written {DOC}")

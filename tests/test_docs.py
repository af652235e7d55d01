"""Generated documentation matches the code."""

from __future__ import annotations

import importlib.util

from .conftest import REPO_ROOT


def test_cli_docs_are_current() -> None:
    spec = importlib.util.spec_from_file_location(
        "gen", REPO_ROOT / "docs" / "generate_cli_docs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert (REPO_ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == module.render(), (
        "docs/cli.md is verouderd: draai 'make docs'"
    )


def test_every_cli_option_has_help() -> None:
    from recommender.cli import cli

    for name, command in cli.commands.items():
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts}"

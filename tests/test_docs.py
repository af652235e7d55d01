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


def test_every_test_named_in_security_md_exists() -> None:
    import re

    text = (REPO_ROOT / "docs" / "security.md").read_text(encoding="utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)((?:::\w+)?)", text)
    assert len(named) >= 20
    for path, function in named:
        source = (REPO_ROOT / path).read_text(encoding="utf-8")
        if function:
            assert f"def {function.removeprefix('::')}(" in source, (path, function)
    # "::name" right after a test of the same file ("`…::a`, `::b`") names a test there too.
    for path, rest in re.findall(r"`(tests/[\w/]+\.py)::\w+[^`]*`((?:, `::\w+[^`]*`)+)", text):
        source = (REPO_ROOT / path).read_text(encoding="utf-8")
        for function in re.findall(r"`::(\w+)", rest):
            assert f"def {function}(" in source, (path, function)

"""The command-line interface through click's runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.cli import cli


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_help_lists_commands(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("validate", "stats", "build-index", "recommend", "eval"):
        assert command in result.output


def test_validate_clean_exits_zero(runner: CliRunner, small_kb: Path) -> None:
    result = runner.invoke(cli, ["validate", "--kb", str(small_kb)])
    assert result.exit_code == 0
    assert "OK: 6 vermeldingen en 1 casussen" in result.output


def test_validate_reports_every_problem_and_exits_one(runner: CliRunner, small_kb: Path) -> None:
    path = small_kb / "interventie" / "gezinstherapie-test.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("domains: [zorg]", "domains: [zorgg]"),
        encoding="utf-8",
    )
    (small_kb / "werkwijze" / "leeg.md").write_text("", encoding="utf-8")
    result = runner.invoke(cli, ["validate", "--kb", str(small_kb)])
    assert result.exit_code == 1
    assert (
        "kb/interventie/gezinstherapie-test.md:8: domains.0: onbekende id 'zorgg'; bedoel je 'zorg'?"
        in result.output
    )
    assert "kb/werkwijze/leeg.md:1: front matter:" in result.output


def test_validate_missing_dir_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["validate", "--kb", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_stats_prints_counts_coverage_and_review(runner: CliRunner, small_kb: Path) -> None:
    result = runner.invoke(cli, ["stats", "--kb", str(small_kb)])
    assert result.exit_code == 0
    assert "interventie" in result.output and "drugscriminaliteit" in result.output
    assert "mentoraat-test" in result.output  # last reviewed in 2024


@pytest.fixture
def small_args(small_kb: Path, tmp_path: Path) -> list[str]:
    return ["--kb", str(small_kb), "--index-dir", str(tmp_path / "idx")]


def test_recommend_table(runner: CliRunner, small_args: list[str]) -> None:
    result = runner.invoke(
        cli,
        [
            "recommend",
            "jongen vervoert drugs voor zijn oom",
            "--phenomenon",
            "drugscriminaliteit",
            *small_args,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Interventies" in result.output and "gezinstherapie-test" in result.output
    assert "Partners om te betrekken" in result.output


def test_recommend_json(runner: CliRunner, small_args: list[str]) -> None:
    result = runner.invoke(
        cli, ["recommend", "pand sluiten", "--json", "--top-k", "2", *small_args]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data["results"]) == 2 and "partners" in data and "package" in data


def test_recommend_unknown_facet_is_usage_error(runner: CliRunner, small_args: list[str]) -> None:
    result = runner.invoke(cli, ["recommend", "x", "--phenomenon", "drugs", *small_args])
    assert result.exit_code == 2
    assert "onbekende phenomena: drugs" in result.output


def test_batch_contract(runner: CliRunner, small_args: list[str], tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    lines = [
        {
            "text": "jongen vervoert drugs",
            "phenomena": ["drugscriminaliteit"],
            "domains": [],
            "age_groups": [],
            "roles": [],
            "levels": [],
        },
        {
            "text": "",
            "phenomena": ["misbruik-vastgoed"],
            "domains": ["bestuursrecht"],
            "age_groups": [],
            "roles": [],
            "levels": ["bestuurlijk"],
        },
    ]
    cases.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["recommend", "--input", str(cases), "--top-k", "3", *small_args])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    for record in records:
        assert set(record) == {
            "results",
            "partners",
            "package",
            "plan",
            "frame",
            "other_scope",
            "not_fitting",
        }
        assert len(record["results"]) == 3
        for item in record["results"]:
            assert (
                set(item) == {"id", "type", "title", "score", "why"} and item["type"] != "partner"
            )
        for partner in record["partners"]:
            assert set(partner) == {"id", "title", "score", "reason"}
        assert all(isinstance(i, str) for i in record["package"])
        plan = record["plan"]
        assert set(plan) == {"lanes", "tensions"}
        for lane in plan["lanes"]:
            assert set(lane) == {"id", "title", "items"} and lane["items"]
            for item in lane["items"]:
                assert set(item) == {"id", "for", "partner", "why"} and item["why"]
        # The package is the plan's entries in lane order.
        assert record["package"] == [i["id"] for lane in plan["lanes"] for i in lane["items"]]
        assert {"persons", "signals", "negated", "question_kind", "region"} <= set(record["frame"])
        for entry in record["not_fitting"]:
            assert set(entry) == {"id", "reasons"} and entry["reasons"]
    assert records[1]["results"][0]["id"] == "sluiting-test"
    assert records[0]["frame"]["persons"][0]["relation"] == "jongen"


def test_batch_reports_bad_lines_and_answers_the_rest(
    runner: CliRunner, small_args: list[str], tmp_path: Path
) -> None:
    cases = tmp_path / "cases.jsonl"
    cases.write_text(
        '{"text": "drugs in de schuur"}\n{kapot\n{"phenomena": ["onbekend"]}\n{"text": "pand sluiten"}\n',
        encoding="utf-8",
    )
    result = runner.invoke(cli, ["recommend", "--input", str(cases), *small_args])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert json.loads(lines[1])["line"] == 2 and json.loads(lines[2])["line"] == 3
    assert "results" in json.loads(lines[0]) and "results" in json.loads(lines[3])
    assert f"{cases}:2:" in result.stderr and f"{cases}:3:" in result.stderr


def test_batch_missing_file(runner: CliRunner, small_args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(cli, ["recommend", "--input", str(tmp_path / "nope.jsonl"), *small_args])
    assert result.exit_code == 2


def test_build_index_if_stale(runner: CliRunner, small_args: list[str]) -> None:
    first = runner.invoke(cli, ["build-index", "--if-stale", *small_args])
    assert first.exit_code == 0 and "Index opnieuw gebouwd" in first.stderr
    second = runner.invoke(cli, ["build-index", "--if-stale", *small_args])
    assert second.exit_code == 0 and "Index is actueel" in second.stderr

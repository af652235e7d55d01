"""Attack suite, batch mode: every broken line is its own error and every good line is answered.

One ``recommender recommend --input`` run, as a subprocess under a memory limit, over a
generated JSONL file that mixes good lines with each kind of broken line.
"""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import copy_small_kb
from .limits import RECOMMENDER, run_limited

MEMORY_MIB = 2048
GOOD = [
    {"text": "pand sluiten waar drugs liggen"},
    {"phenomena": ["drugscriminaliteit"], "roles": ["dader"]},
    {"text": "x" * 1_000_000},  # over the text limit: cut, with a notice, still answered
]
BAD = {
    "invalid UTF-8": b'{"text": "caf\xe9 \xff"}',
    "deeply nested JSON": b"[" * 200_000 + b"]" * 200_000,
    "deeply nested object": b'{"text": ' + b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"}",
    "true as age": b'{"age": true}',
    "not an object": b'"alleen tekst"',
    "not JSON": b"{text: zonder aanhalingstekens}",
}


def _jsonl() -> tuple[bytes, dict[int, str], list[int]]:
    """Return the file (with a byte-order mark), the bad line numbers and the good ones."""
    lines: list[bytes] = [json.dumps(GOOD[0]).encode()]
    bad: dict[int, str] = {}
    for name, line in BAD.items():
        lines.append(line)
        bad[len(lines)] = name
        lines.append(json.dumps(GOOD[len(lines) % 2 + 1]).encode())
    good = [n for n in range(1, len(lines) + 1) if n not in bad]
    return b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n", bad, good


def test_batch_answers_every_good_line_and_reports_each_bad_one(tmp_path: Path) -> None:
    kb = copy_small_kb(tmp_path / "kb")
    (kb / "interventie" / "kapot.md").write_text("---\nid: [kapot]\n---\n", encoding="utf-8")
    data, bad, good = _jsonl()
    source = tmp_path / "profielen.jsonl"
    source.write_bytes(data)
    run = run_limited(
        [
            *RECOMMENDER,
            "recommend",
            "--input",
            str(source),
            "--kb",
            str(kb),
            "--index-dir",
            str(tmp_path / "index"),
            "--encoder",
            "use-multilingual",
        ],
        MEMORY_MIB,
        timeout=300,
    )
    assert not run.timed_out, run
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 1  # some lines failed
    records = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(records) == len(bad) + len(good), run.stdout[:2000]
    for number, record in enumerate(records, start=1):
        if number in bad:
            assert record["line"] == number and record["error"], (bad[number], record)
            assert len(record["error"]) <= 500
            assert f"{source}:{number}: " in run.stderr, bad[number]
        else:
            assert record["results"], (number, record)
    # The skipped KB file is mentioned, and the rest of the KB answered.
    assert "1 bestanden van de kennisbank overgeslagen (kb/interventie/kapot.md)" in run.stderr
    assert len(run.stderr) < 20_000

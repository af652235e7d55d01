"""Attack suite, uploads and rendering: nested files, Markdown that fetches, names that break DOT.

Loading a hostile analysis file runs as a subprocess under a memory limit; the rendering
checks feed the output to a CommonMark parser, as the browser's Markdown renderer would.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from recommender import lokale_analyse as la
from recommender.render import markdown_to_html, plain_markdown

from .conftest import REAL_KB
from .limits import run_limited
from .ui.conftest import APP

MEMORY_MIB = 1024
SAMPLE = json.loads((REAL_KB / la.SAMPLE_FILE).read_text(encoding="utf-8"))
BEACON = "https://tracker.example/beacon.png"
HOSTILE_MARKDOWN = [
    f"![pixel]({BEACON})",
    f"[klik]({BEACON})",
    f"<img src={BEACON}>",
    f"**vet** _schuin_ `code` :red[rood] $x^2$ ![a]({BEACON}) \\",
    f"regel 1\n\n![b]({BEACON})",
]
# Streamlit's Markdown renderer follows CommonMark with raw HTML on.
COMMONMARK = MarkdownIt("commonmark")


def _load_in_subprocess(tmp_path: Path, data: bytes):
    path = tmp_path / "analyse.json"
    path.write_bytes(data)
    code = (
        "import sys\n"
        "from recommender.lokale_analyse import AnalysisFileError, load_analysis\n"
        "try:\n"
        "    load_analysis(open(sys.argv[1], 'rb').read())\n"
        "except AnalysisFileError as error:\n"
        "    print(error)\n"
    )
    return run_limited([sys.executable, "-c", code, str(path)], MEMORY_MIB, timeout=120)


NESTED = {
    "nested list": b"[" * 900_000 + b"]" * 900_000,
    "nested note in a real analysis": json.dumps({**SAMPLE, "notities": {"x": "PLACEHOLDER"}})
    .encode()
    .replace(b'"PLACEHOLDER"', b"[" * 100_000 + b"]" * 100_000),
    "nested objects": b'{"formaat": "interventiewijzer/lokale-analyse", "versie": 1, "titel": '
    + b'{"a": ' * 100_000
    + b"1"
    + b"}" * 100_000
    + b"}",
}


@pytest.mark.parametrize("payload", list(NESTED), ids=list(NESTED))
def test_deeply_nested_upload_is_a_clear_error(payload: str, tmp_path: Path) -> None:
    data = NESTED[payload]
    assert len(data) <= la.MAX_FILE_BYTES
    run = _load_in_subprocess(tmp_path, data)
    assert not run.timed_out and run.returncode == 0, run
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.stdout.strip(), "no error for a nested file"
    assert len(run.stdout) < 1000


def test_upload_errors_never_repeat_the_values(tmp_path: Path) -> None:
    secret = "GEHEIMEWAARDE7"
    bad = {**SAMPLE, "versie": secret, "titel": secret}
    with pytest.raises(la.AnalysisFileError) as caught:
        la.load_analysis(json.dumps(bad).encode())
    assert secret not in str(caught.value)
    bad = {**SAMPLE, "titel": [secret], "gemeente": secret * 100, "datum": secret}
    with pytest.raises(la.AnalysisFileError) as caught:
        la.load_analysis(json.dumps(bad).encode())
    assert "titel" in str(caught.value) and secret not in str(caught.value)


@pytest.mark.parametrize("text", HOSTILE_MARKDOWN)
def test_uploaded_text_is_shown_verbatim_never_as_markdown(text: str) -> None:
    html = COMMONMARK.render(plain_markdown(text))
    assert "<img" not in html and "<a " not in html and "<strong" not in html, html
    shown = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">")
    assert " ".join(shown.replace("&amp;", "&").split()) == " ".join(text.split())


def test_uploaded_references_are_escaped_on_the_page(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    hostile = f"![pixel]({BEACON})"
    analysis = la.load_analysis(
        json.dumps({**SAMPLE, "signalen": {hostile: ["x"]}}).encode("utf-8")
    )
    monkeypatch.setenv("INTERVENTIEWIJZER_KB", str(REAL_KB))
    # The index folder tests/ui/conftest.py uses for this KB: built once per session.
    index = tmp_path_factory.getbasetemp() / f"ui-index-{abs(hash(str(REAL_KB)))}"
    monkeypatch.setenv("INTERVENTIEWIJZER_INDEX", str(index))
    monkeypatch.setenv("UI_TEST_PAGE", "lokale-analyse")
    at = AppTest.from_file(APP, default_timeout=300)
    at.session_state["la_analysis"] = analysis
    at.run()
    assert not at.exception
    warnings = [w.value for w in at.warning if "Onbekende verwijzingen" in w.value]
    assert warnings, [w.value for w in at.warning]
    assert "<img" not in COMMONMARK.render(warnings[0])
    assert plain_markdown(hostile) in warnings[0]


@pytest.mark.parametrize(
    "text",
    [
        f"![pixel]({BEACON})",
        f"- lijst\n\n      code\n\n      ![pixel]({BEACON})\n",
        f"> citaat\n>\n>     code\n>\n>     ![pixel]({BEACON})\n",
        f"Tekst \\![pixel]({BEACON})",
    ],
    ids=["image", "code in a list", "code in a quote", "escaped image"],
)
def test_kb_markdown_never_loads_an_image(text: str) -> None:
    html = markdown_to_html(text)
    assert "<img" not in html
    # The page renders this HTML as Markdown again; no second pass may find an image.
    assert "<img" not in COMMONMARK.render(html), html
    if text.startswith("!"):
        assert f'<a href="{BEACON}"' in html and "pixel" in html


def _dot_labels(source: str) -> list[str]:
    """Return every quoted label of a DOT source, unescaped as Graphviz reads it."""
    labels = re.findall(r'label="((?:[^"\\]|\\.)*)"', source)
    return [
        re.sub(r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), s) for s in labels
    ]


def test_network_picture_keeps_any_name_as_text() -> None:
    names = ["Fam. \\ de Boer", 'Huis "A"', "<b>vet</b>", "eindigt op \\", "a:b -- c; d [e]"]
    analysis = la.LokaleAnalyse(
        huishoudens=[
            la.Household(id=f"H{n}", naam=name, leden=[la.Member(pseudoniem=name)])
            for n, name in enumerate(names)
        ],
        banden=[la.Tie(van="H0", naar="H1", soort='zus \\ "broer"')],
    )
    source = la.network_dot(analysis)
    labels = _dot_labels(source)
    for name in names:
        assert f"{name}\n{name} – onbekend" in labels, (name, labels)
    assert 'zus \\ "broer"' in labels
    outside_quotes = re.sub(r'"(?:[^"\\]|\\.)*"', '""', source)
    assert outside_quotes.count(" -- ") == 1, outside_quotes

"""Privacy and safety guarantees of the library and the configuration."""

from __future__ import annotations

import logging
import socket
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.ranking import Recommender

from .conftest import REPO_ROOT

MARKER = "MARKERTEKST7f3a9 jongen vervoert drugs voor zijn oom"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Refuse every non-loopback connection and record the attempts."""
    attempts: list[object] = []
    original = socket.socket.connect

    def guarded(self, address):  # type: ignore[no-untyped-def]
        if isinstance(address, tuple) and address[0] not in ("127.0.0.1", "::1", "localhost"):
            attempts.append(address)
            raise OSError(101, "network blocked in test")
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *a, **k: (_ for _ in ()).throw(OSError("no DNS in test"))
    )
    return attempts


@pytest.mark.parametrize(
    "encoder", ["use-multilingual", pytest.param("minilm", marks=pytest.mark.slow)]
)
def test_models_load_and_answer_without_network(
    encoder: str, small_kb: Path, tmp_path: Path, no_network
) -> None:
    recommender = Recommender.load(kb_dir=small_kb, index_dir=tmp_path / "index", encoder=encoder)
    assert recommender.recommend({"text": "jongen vervoert drugs"}).results
    assert no_network == []


def test_case_text_is_never_logged(
    small_kb: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    result = CliRunner().invoke(
        cli, ["recommend", MARKER, "--kb", str(small_kb), "--index-dir", str(tmp_path / "index")]
    )
    assert result.exit_code == 0, result.output
    assert "MARKERTEKST" not in caplog.text
    assert "MARKERTEKST" not in result.stderr
    for path in (tmp_path / "index").rglob("*"):
        if path.is_file():
            assert b"MARKERTEKST" not in path.read_bytes(), path


def test_streamlit_config_is_private_by_default() -> None:
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["address"] == "127.0.0.1"
    assert config["server"]["fileWatcherType"] == "none"
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] <= 5

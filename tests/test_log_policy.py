"""Log policy: a marker in any argument, message or exception never reaches a log line."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, ValidationError

from recommender.logpolicy import REDACTED, describe_exception, install_log_policy

MARKER = "LOGMARKER9f3 Jan de Vries"
USED_LOGGERS = (
    "streamlit",
    "streamlit.runtime.app_session",
    "tornado.application",
    "recommender.index",
    "py.warnings",
)


class _Model(BaseModel):
    age: int


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Every record at DEBUG, formatted with tracebacks, from the policy-installing factory."""
    previous = logging.getLogRecordFactory()
    install_log_policy()
    install_log_policy()  # a second call (every Streamlit rerun) must not stack
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    # Once Streamlit has set up its logging (any UI test before this one), its loggers have
    # their own level and stop propagating to the root; the policy must hold for them as well.
    loggers = [logging.getLogger(name) for name in USED_LOGGERS]
    saved = [(logger.level, logger.propagate) for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.propagate = True
    try:
        yield stream
    finally:
        for logger, (level, propagate) in zip(loggers, saved, strict=True):
            logger.setLevel(level)
            logger.propagate = propagate
        root.removeHandler(handler)
        root.setLevel(old_level)
        logging.setLogRecordFactory(previous)


def _validation_error() -> ValidationError:
    try:
        _Model.model_validate({"age": MARKER})
    except ValidationError as error:
        return error
    raise AssertionError("no error")


def test_no_marker_in_any_log_line(captured: io.StringIO) -> None:
    library = logging.getLogger("streamlit.runtime.app_session")
    library.debug("Received the following back message:\n%s", MARKER)
    library.debug(f"widget value {MARKER}")
    library.warning("value %s and count %d", MARKER, 3)
    library.warning("mapping %(text)s", {"text": MARKER})
    library.warning(MARKER.encode())
    library.error("Uncaught app execution", exc_info=_validation_error())
    try:
        try:
            raise KeyError(MARKER)
        except KeyError as inner:
            raise RuntimeError(MARKER) from inner
    except RuntimeError:
        logging.getLogger("tornado.application").exception("handler failed")
        logging.getLogger("recommender.index").exception("index kon niet worden gebouwd")
    logging.getLogger("py.warnings").warning("%s", MARKER)
    text = captured.getvalue()
    assert MARKER not in text and "LOGMARKER9f3" not in text, text
    # What remains still says what happened and where.
    assert "value … and count 3" in text
    assert "Uncaught app execution | ValidationError in " in text
    assert "RuntimeError in test_log_policy.py:" in text and "← KeyError" in text
    assert "index kon niet worden gebouwd | RuntimeError" in text
    assert "[debug-bericht weggelaten volgens het logbeleid]" in text


def test_own_messages_pass_unchanged(captured: io.StringIO) -> None:
    logging.getLogger("recommender.index").info("index wordt gebouwd: %s", "kennisbank gewijzigd")
    assert "index wordt gebouwd: kennisbank gewijzigd" in captured.getvalue()
    assert REDACTED not in captured.getvalue()


def test_exception_description_has_no_message() -> None:
    error = _validation_error()
    assert MARKER not in describe_exception(error)
    assert describe_exception(error).startswith("ValidationError in ")
    assert describe_exception(None) == "onbekende fout"
    loop = ValueError("x")
    loop.__context__ = loop
    assert describe_exception(loop) == "ValueError"

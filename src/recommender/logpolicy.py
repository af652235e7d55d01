"""Log policy: no text a user typed or uploaded reaches a log line, at any level.

Installed once per process (the app and every command) as a log record factory, so it holds
for every logger, handler and level, including those of Streamlit, Tornado and other
libraries, which may log widget values at DEBUG or an exception whose message quotes its
input (pydantic's ``input_value``):

- An exception is logged as its type and where it was raised, never its message.
- A library's message keeps its template, but its arguments other than numbers are
  replaced by ``…``; below WARNING a library's message is dropped altogether (a library may
  format values into the message itself).
- Messages of this package pass unchanged: they never carry user input, which
  ``tests/test_log_policy.py`` checks.
"""

from __future__ import annotations

import logging
import os
from types import TracebackType
from typing import Any

#: Loggers whose messages pass unchanged (their texts are fixed or describe the index).
OWN_LOGGERS = ("recommender",)
REDACTED = "…"
_MARK = "_interventiewijzer_log_policy"
_SAFE_ARGUMENTS = (int, float, bool, type(None))


def install_log_policy() -> None:
    """Install the policy for the whole process; calling it again does nothing."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, _MARK, False):
        return

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        scrub(record)
        return record

    setattr(factory, _MARK, True)
    logging.setLogRecordFactory(factory)


def scrub(record: logging.LogRecord) -> None:
    """Rewrite ``record`` in place so that it carries no user input."""
    own = record.name in OWN_LOGGERS or record.name.startswith(
        tuple(f"{name}." for name in OWN_LOGGERS)
    )
    if own:
        message = _format(record.msg, record.args)
    elif record.levelno < logging.WARNING:
        message = f"[{record.levelname.lower()}-bericht weggelaten volgens het logbeleid]"
    else:
        message = _format(record.msg, _redacted(record.args))
    if record.exc_info:
        message += " | " + describe_exception(record.exc_info[1])
    record.msg, record.args = message, ()
    record.exc_info, record.exc_text = None, None


def describe_exception(error: BaseException | None) -> str:
    """Return an exception's type and the place it was raised, without its message."""
    parts = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        parts.append(f"{type(error).__name__}{_place(error.__traceback__)}")
        error = error.__cause__ or error.__context__
    return " ← ".join(parts) or "onbekende fout"


def _place(trace: TracebackType | None) -> str:
    last = None
    while trace is not None:
        last = trace
        trace = trace.tb_next
    if last is None:
        return ""
    code = last.tb_frame.f_code
    return f" in {os.path.basename(code.co_filename)}:{last.tb_lineno} ({code.co_name})"


def _redacted(args: Any) -> Any:
    if isinstance(args, dict):
        return {key: _safe(value) for key, value in args.items()}
    if isinstance(args, tuple):
        return tuple(_safe(value) for value in args)
    return args


def _safe(value: object) -> object:
    return value if isinstance(value, _SAFE_ARGUMENTS) else REDACTED


def _format(msg: object, args: Any) -> str:
    if not isinstance(msg, str):  # an object logged as the message (e.g. a protobuf)
        return f"[{type(msg).__name__}]"
    if not args:
        return msg
    try:
        return msg % args
    except (TypeError, ValueError, KeyError):
        # A redacted argument may not fit its placeholder (%d); the template still says what.
        return msg

"""A fresh index without anyone asking: one background build per server, published atomically.

:class:`IndexPublisher` holds the recommender every session answers with. When a file under
``kb/`` changes (a save in Beheer, or an edit on disk) it builds a new recommender in one
background thread; requests that arrive during a build are merged into it (a second build runs
only when the KB changed again after the first one read it). Sessions keep answering with the
previous recommender until the new one replaces it in a single assignment.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from .ranking import Recommender

log = logging.getLogger(__name__)

#: How often (seconds) the KB folder is checked for changes at most.
CHECK_INTERVAL = 1.0

Fingerprint = tuple[tuple[str, int, int], ...]
Loader = Callable[[Recommender | None, bool], Recommender]


def fingerprint(kb_dir: Path) -> Fingerprint:
    """Return (path, mtime, size) of every visible file under ``kb_dir``: cheap, no file is read.

    Hidden files and folders are skipped. ``os.walk`` with one stat per file: pathlib's
    per-file objects made this walk cost 70 ms per page run.
    """
    rows = []
    for folder, subfolders, files in os.walk(kb_dir):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        relative = os.path.relpath(folder, kb_dir)
        prefix = "" if relative == "." else relative.replace(os.sep, "/") + "/"
        for name in files:
            if name.startswith("."):
                continue
            try:
                stat = os.stat(os.path.join(folder, name))
            except OSError:  # removed while walking, or a dangling link
                continue
            if not S_ISREG(stat.st_mode):
                continue
            rows.append((prefix + name, stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(rows))


@dataclass(frozen=True)
class PublisherState:
    """What the Beheer page shows about the index."""

    out_of_date: bool
    building: bool
    builds: int
    last_error: str | None


class IndexPublisher:
    """Serves the current recommender and rebuilds it in the background, one build at a time."""

    def __init__(self, kb_dir: Path, index_dir: Path, loader: Loader | None = None) -> None:
        self.kb_dir = Path(kb_dir)
        self.index_dir = Path(index_dir)
        self._loader = loader or self._load
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._pending = False
        self._force = False
        self._current: Recommender | None = None
        self._built_from: Fingerprint = ()
        self._checked_at = 0.0
        self._changed = False
        self.builds = 0
        self.last_error: str | None = None

    def _load(self, previous: Recommender | None, force: bool) -> Recommender:
        from .index import ensure_search_index
        from .loader import load_kb

        if previous is None or not force:
            encoder = previous.encoder if previous is not None else None
            return Recommender.load(self.kb_dir, self.index_dir, encoder=encoder)
        kb = load_kb(self.kb_dir)
        index, message = ensure_search_index(kb, previous.encoder, self.index_dir, force=True)
        return Recommender(kb, previous.encoder, index, previous.config, message)

    def current(self) -> Recommender:
        """Return the recommender to answer with; the first call loads it (and may build)."""
        with self._lock:
            if self._current is None:
                seen = fingerprint(self.kb_dir)
                self._current = self._loader(None, False)
                self._built_from = seen
            current = self._current
        self.check_disk()
        return current

    @property
    def loaded(self) -> bool:
        """True once the first recommender is loaded (later calls of :meth:`current` are cheap)."""
        return self._current is not None

    def check_disk(self) -> bool:
        """Start a rebuild when files under kb/ changed since the last build; True if out of date.

        The folder is walked at most once per ``CHECK_INTERVAL``: a page run asks for the
        recommender hundreds of times, and walking ``kb/`` on each call made every run seconds
        slower.
        """
        now = time.monotonic()
        if now - self._checked_at >= CHECK_INTERVAL:
            self._checked_at = now
            self._changed = fingerprint(self.kb_dir) != self._built_from
            if self._changed:
                self.request()
        return self._changed or self.building

    @property
    def building(self) -> bool:
        """True while a build runs."""
        thread = self._thread
        return thread is not None and thread.is_alive()

    def state(self) -> PublisherState:
        """Return whether the index is out of date, whether a build runs, and the build count."""
        building = self.building
        out_of_date = building or fingerprint(self.kb_dir) != self._built_from
        return PublisherState(out_of_date, building, self.builds, self.last_error)

    def request(self, force: bool = False) -> None:
        """Ask for a rebuild; merged into the running build if there is one."""
        with self._lock:
            self._force = self._force or force
            if self._thread is not None and self._thread.is_alive():
                self._pending = True
                return
            self._pending = False
            self._thread = threading.Thread(target=self._run, name="index-rebuild", daemon=True)
            self._thread.start()

    def wait(self, timeout: float = 300.0) -> bool:
        """Wait for the running build (and any merged follow-up); True when none runs any more."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            thread = self._thread
            if thread is None or not thread.is_alive():
                return True
            thread.join(timeout=min(0.2, max(0.0, deadline - time.monotonic())))
        return False

    def _run(self) -> None:
        while True:
            with self._lock:
                force, self._force = self._force, False
                previous = self._current
            seen = fingerprint(self.kb_dir)
            try:
                fresh = self._loader(previous, force)
            except Exception as error:  # any failure keeps the previous index serving
                log.warning("index kon niet opnieuw worden gebouwd: %s", error)
                with self._lock:
                    self.last_error = str(error)
                    self._built_from = seen  # do not retry the same broken state in a loop
                    self._thread = None
                return
            with self._lock:
                self._current = fresh  # the one assignment that publishes the new index
                self._built_from = seen
                self._checked_at = 0.0  # compare the next check with what was just built
                self.builds += 1
                self.last_error = None
                again = self._pending and (self._force or fingerprint(self.kb_dir) != seen)
                self._pending = False
                if not again:
                    self._thread = None
                    return

"""The history of KB files in the git repository that holds ``kb/`` (via the git command line).

Every save and review becomes one commit of that one file, authored by the adviser. Without git,
or when ``kb/`` is not in a repository, :func:`open_history` returns None and saving still works.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

GIT_TIMEOUT = 30
# Unit separator: cannot occur in names or subjects typed by a person.
_FIELD = "\x1f"


class HistoryError(RuntimeError):
    """A git command failed; the message holds git's own explanation."""


@dataclass(frozen=True)
class Author:
    """Who made a change: the signed-in adviser."""

    name: str
    email: str

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>"


@dataclass(frozen=True)
class Commit:
    """One commit that touched a file."""

    sha: str
    author: str
    email: str
    date: str  # ISO 8601
    message: str


class History:
    """Commits, log, diff and old versions of files in one git work tree."""

    def __init__(self, top: Path) -> None:
        self.top = top

    def _git(self, *args: str, author: Author | None = None) -> str:
        command = ["git", "-C", str(self.top)]
        if author is not None:
            # A server often has no git identity; the adviser is author and committer.
            command += ["-c", f"user.name={author.name}", "-c", f"user.email={author.email}"]
        result = subprocess.run(
            [*command, *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=GIT_TIMEOUT,
            check=False,
        )
        if result.returncode != 0:
            raise HistoryError(result.stderr.strip() or f"git {args[0]} faalde")
        return result.stdout

    def relative(self, path: Path) -> str:
        """Return ``path`` relative to the top of the work tree, as git names it."""
        return path.resolve().relative_to(self.top).as_posix()

    def commit(self, path: Path, message: str, author: Author) -> str | None:
        """Commit the current content of ``path`` (only that file); return the sha, or None if unchanged."""
        name = self.relative(path)
        self._git("add", "--", name)
        if not self._git("diff", "--cached", "--name-only", "--", name).strip():
            return None
        self._git(
            "commit",
            "--quiet",
            "--no-verify",
            "-m",
            message,
            f"--author={author}",
            "--",
            name,
            author=author,
        )
        return self._git("rev-parse", "HEAD").strip()

    def log(self, path: Path, limit: int = 50) -> list[Commit]:
        """Return the commits that changed ``path``, newest first."""
        fmt = _FIELD.join(("%H", "%an", "%ae", "%aI", "%s"))
        out = self._git("log", f"-n{limit}", f"--format={fmt}", "--", self.relative(path))
        return [Commit(*line.split(_FIELD, 4)) for line in out.splitlines() if line]

    def diff(self, sha: str, path: Path) -> str:
        """Return the unified diff that commit ``sha`` made to ``path``."""
        return self._git(
            "show", "--format=", "--no-color", self._sha(sha), "--", self.relative(path)
        )

    def show(self, sha: str, path: Path) -> str:
        """Return the content of ``path`` as it was in commit ``sha``."""
        return self._git("show", f"{self._sha(sha)}:{self.relative(path)}")

    def _sha(self, sha: str) -> str:
        # Only a full or abbreviated hex id: never an option or a revision expression.
        if not (4 <= len(sha) <= 64 and all(c in "0123456789abcdef" for c in sha)):
            raise HistoryError(f"geen geldige commit-id: {sha!r}")
        return sha


def open_history(kb_root: Path) -> History | None:
    """Return the history of the repository holding ``kb_root``, or None without git or repository."""
    if shutil.which("git") is None:
        return None
    try:
        result = subprocess.run(
            ["git", "-C", str(kb_root), "rev-parse", "--show-toplevel"],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0 or not result.stdout.strip():
        return None
    return History(Path(result.stdout.strip()).resolve())

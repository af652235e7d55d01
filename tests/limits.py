"""Run a command as a subprocess under a memory limit and a deadline, and measure it.

The attack tests use this to prove that hostile input costs bounded time and memory: the
child gets ``RLIMIT_AS`` (so a blow-up ends in MemoryError instead of swapping the machine),
and its peak resident memory comes from ``wait4``'s resource usage of that one child.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .conftest import REPO_ROOT

MIB = 1024 * 1024
#: The installed command, next to the interpreter that runs the tests.
RECOMMENDER = [str(Path(sys.executable).parent / "recommender")]


@dataclass
class Limited:
    """What a limited run returned and cost."""

    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mib: float
    timed_out: bool


def run_limited(
    args: list[str],
    memory_mib: int,
    timeout: float,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    file_size_bytes: int | None = None,
) -> Limited:
    """Run ``args`` with at most ``memory_mib`` of address space and ``timeout`` seconds.

    Args:
        args: The command.
        memory_mib: RLIMIT_AS of the child, in MiB.
        timeout: Seconds before the child is killed (``timed_out`` is then True).
        stdin: Bytes for standard input.
        env: Extra environment variables.
        file_size_bytes: RLIMIT_FSIZE: writes beyond it fail as on a full disk.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory_mib * MIB, memory_mib * MIB))
        if file_size_bytes is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size_bytes, file_size_bytes))
            # Ignored, a write past the limit fails with EFBIG instead of killing the child.
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)

    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **(env or {})}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.monotonic()
        process = subprocess.Popen(
            args,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env=full_env,
            cwd=REPO_ROOT,
            preexec_fn=limit,  # no threads run yet in the child
        )
        if stdin is not None:
            assert process.stdin is not None
            process.stdin.write(stdin)
            process.stdin.close()
        timed_out = False
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > timeout:
                timed_out = True
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Limited(
            returncode=process.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            peak_mib=usage.ru_maxrss / 1024,  # Linux reports KiB
            timed_out=timed_out,
        )

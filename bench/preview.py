"""The live preview's latency: from saving an edited record to `atlas serve` showing it."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from bench.serving import fetch, free_port


class Preview(subprocess.Popen[bytes]):
    """A running `atlas serve` whose stderr goes to a file: a pipe nobody reads while it runs would fill up (a
    corpus with thousands of warnings on each pass) and stop the server mid-write."""

    log: IO[bytes]

    def said(self, last: int = 3000) -> str:
        """The end of what it said on stderr, once stopped (if it still runs, it is stopped first)."""
        if self.poll() is None:
            self.terminate()
            self.wait(timeout=30)
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")[-last:]


def _wait_until_up(server: Preview, page: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not fetch(page):
        if server.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"atlas serve did not start: {server.said(2000)}")
        time.sleep(0.2)


def _time_edit(server: Preview, record: Path, original: str, page: str, timeout: float) -> float:
    """Retitle ``record`` with a fresh marker; seconds until ``page`` serves it."""
    marker = f"Preview edit {time.time_ns()}"
    record.write_text(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
    start = time.monotonic()
    while marker not in fetch(page):
        if server.poll() is not None or time.monotonic() - start > timeout:
            raise RuntimeError(f"the edit never showed: {server.said(2000)}")
        time.sleep(0.05)
    return time.monotonic() - start


@contextlib.contextmanager
def running_preview(root: Path, port: int) -> Iterator[Preview]:
    """`atlas serve` of the project at ``root`` on ``port``, stopped on leaving; what it says: ``said()``."""
    with tempfile.TemporaryFile() as log:
        server = Preview(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=root,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        server.log = log
        try:
            yield server
        finally:
            server.terminate()
            server.wait(timeout=30)


def preview_latency(root: Path, edits: int = 3, timeout: float = 120.0, start: float = 900.0) -> list[float]:
    """Seconds from saving an edited record to `atlas serve` showing it, for ``edits`` edits.

    Starts `atlas serve` on a free port in ``root``, waits for its first page, then
    changes the title of one provision ``edits`` times and polls that provision's
    page until the new title is served. Raises RuntimeError if it never is (within
    ``timeout`` seconds), or if the preview is not up within ``start`` seconds (its
    first build: more than two minutes at 1,000 provisions of the wide shape).
    """
    port = free_port()
    record = sorted((root / "provisions").rglob("*.yaml"))[0]
    page = f"http://127.0.0.1:{port}/provisions/{record.relative_to(root / 'provisions').with_suffix('').as_posix()}/"
    original = record.read_text(encoding="utf-8")
    latencies: list[float] = []
    with running_preview(root, port) as server:
        try:
            _wait_until_up(server, page, start)
            time.sleep(1.0)  # let the server settle: the first edit should not race its start-up
            for _ in range(edits):
                latencies.append(_time_edit(server, record, original, page, timeout))
                time.sleep(1.0)
        finally:
            record.write_text(original, encoding="utf-8")
    return latencies

"""Serving a built site and reaching it: a local HTTP server, a free port, a fetch, and Chromium.

Shared by the benchmark (bench/search.py, bench/preview.py) and the browser tests
(tests/browser/), which serve a site and launch the browser the same way.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Debian's Chromium, never a downloaded browser; the browser tests launch it the same way
#: (tests/browser/support.py and conftest.py import these two).
CHROMIUM = os.environ.get("ATLAS_CHROMIUM") or "/usr/bin/chromium"
#: Without the background-networking flags Chromium calls Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """``site`` over HTTP on 127.0.0.1 (a free port); yields its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (at the time of asking)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str:
    """The text at ``url`` (a local server), or "" if there is no answer yet."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # the local preview server
            return str(response.read().decode("utf-8"))
    except OSError:  # not up yet, or between two rebuilds
        return ""

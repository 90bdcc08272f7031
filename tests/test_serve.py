"""`atlas serve`: an edited record shows in the running preview (the benchmark's own measurement)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bench.preview import preview_latency, running_preview
from bench.serving import fetch, free_port


def test_an_edit_shows_in_the_preview(basic: Path) -> None:
    latencies = preview_latency(basic, edits=2, timeout=90)
    assert len(latencies) == 2  # each edit was served (preview_latency raises otherwise)
    record = (basic / "provisions" / "acme" / "csam-generation.yaml").read_text(encoding="utf-8")
    assert "Preview edit" not in record  # the record is restored


def test_fetch_of_a_closed_port_is_empty() -> None:
    assert fetch(f"http://127.0.0.1:{free_port()}/") == ""


def _wait_for(condition: Callable[[], bool], server: subprocess.Popen[str], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if server.poll() is not None or time.monotonic() > deadline:
            server.terminate()
            raise AssertionError(f"not seen in time; atlas serve said: {server.communicate()[1][-3000:]}")
        time.sleep(0.2)


def test_a_prose_page_added_while_serving_shows_in_the_nav_of_every_page(basic: Path) -> None:
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    with running_preview(basic, port) as server:
        _wait_for(lambda: bool(fetch(f"{site}/categories/")), server)
        assert "Press kit" not in fetch(f"{site}/categories/")
        time.sleep(1.0)  # let the first build settle
        (basic / "content" / "pages" / "press.md").write_text("# Press kit\n\nFor the press.\n", encoding="utf-8")
        _wait_for(lambda: "For the press." in fetch(f"{site}/press/"), server)
        # a page whose own file did not change carries the new nav entry too
        _wait_for(lambda: 'href="../press/"' in fetch(f"{site}/categories/"), server)

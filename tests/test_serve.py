"""`atlas serve`: an edited record shows in the running preview (the benchmark's own measurement)."""

from __future__ import annotations

from pathlib import Path

from bench.preview import preview_latency
from bench.serving import fetch, free_port


def test_an_edit_shows_in_the_preview(basic: Path) -> None:
    latencies = preview_latency(basic, edits=2, timeout=90)
    assert len(latencies) == 2  # each edit was served (preview_latency raises otherwise)
    record = (basic / "provisions" / "acme" / "csam-generation.yaml").read_text(encoding="utf-8")
    assert "Preview edit" not in record  # the record is restored


def test_fetch_of_a_closed_port_is_empty() -> None:
    assert fetch(f"http://127.0.0.1:{free_port()}/") == ""

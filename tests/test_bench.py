"""The benchmark's code, run at a tiny size (the real run is `make bench`, not a test)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from bench import memory
from bench.corpus import write_corpus
from bench.run import measure, table
from generator.project import Project, check


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for path in sorted((root / "provisions").rglob("*.yaml")) + sorted((root / "content").rglob("*.yaml")):
        h.update(path.read_bytes())
    return h.hexdigest()


def test_synthetic_corpus_is_valid_and_deterministic(tmp_path: Path) -> None:
    a = write_corpus(tmp_path / "a", 60, platforms=6, categories=5)
    b = write_corpus(tmp_path / "b", 60, platforms=6, categories=5)
    assert digest(a) == digest(b)
    result = check(Project(a))
    assert result.ok, result.diagnostics[:3]
    assert len(result.records.provisions) == 60
    assert len(result.records.platforms) == 6


def test_tiny_benchmark_run(tmp_path: Path) -> None:
    row = measure(12, tmp_path, shape="tiny", preview=False, lunr=True)  # tests/test_serve.py times the preview
    for name in (
        "check cold (s)",
        "check warm (s)",
        "check warm, one record edited (s)",
        "first build: total (s)",
        "first build: engine, Pagefind reading beside it (s)",
        "first build: Pagefind writing ∥ link check (s)",
        "rebuild after one edit: total (s)",
        "engine alone, no search (s)",
        "engine English tree with Material's lunr search (s)",
        "peak memory, all processes (MiB)",
        "output (MiB)",
    ):
        assert isinstance(row.figures[name], float) and row.figures[name] > 0, name
    # the engine alone built both trees, without any search plugin; the lunr baseline, the English tree with it
    assert (tmp_path / "baseline-no-search-tiny-12" / "ja" / "index.html").is_file()
    assert not (tmp_path / "baseline-no-search-tiny-12" / "search").exists()
    assert (tmp_path / "baseline-tiny-12" / "search" / "search_index.json").is_file()
    assert row.figures["lunr index, baseline (KiB)"] > 0
    # the ratio is the build's total over the engine alone
    for build in ("first build", "rebuild after one edit"):
        total = row.figures[f"{build}: total (s)"]
        for kind in ("alone, no search", "English tree with Material's lunr search"):
            baseline = row.figures[f"engine {kind} (s)"]
            assert isinstance(total, float) and isinstance(baseline, float)
            assert row.figures[f"{build} ÷ engine {kind}"] == pytest.approx(total / baseline), (build, kind)
    site = tmp_path / "corpus-tiny-12" / "site" / "provisions"
    titles = [re.search(r"<h1[^>]*>(.*?)</h1>", p.read_text(encoding="utf-8"), re.S) for p in site.rglob("index.html")]
    assert sum("(edited)" in t.group(1) for t in titles if t) == 1  # the rebuild shows the one edit
    assert row.figures["largest provision page (KiB)"] > 0
    text = table([row])
    assert text.splitlines()[0].startswith("| figure | 12 |")
    lines = {line.split(" | ")[0].removeprefix("| "): line for line in text.splitlines()}
    assert lines["first build ÷ engine alone, no search"].endswith("| < 1.0 at 10k |")
    assert lines["check warm (s)"].endswith("| ≤ 0.5 at 10k |")
    assert lines["first build ÷ engine English tree with Material's lunr search"].endswith("| (reference) |")


def test_a_process_counts_its_proportional_share_of_memory(tmp_path: Path) -> None:
    """PSS where /proc has it (a page shared with a fork counts once between them), else the resident size."""
    here = Path("/proc/self")
    if not (here / "smaps_rollup").is_file():
        pytest.skip("no smaps_rollup on this system")
    resident = int(next(ln for ln in (here / "status").read_text().splitlines() if ln.startswith("VmRSS")).split()[1])
    assert 0 < memory._memory_kib(here, resident) <= resident * 1.1  # PSS never exceeds RSS (sampled apart)
    assert memory._memory_kib(tmp_path, 1234) == 1234  # no smaps_rollup there: the resident size counts


def test_browser_figures_come_with_their_lunr_baseline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Search is measured beside the engine's lunr build: ``--browser`` alone once measured nothing, silently."""
    import bench.run

    asked: list[dict[str, object]] = []

    def measured(size: int, work: Path, **options: object) -> bench.run.Row:
        asked.append(options)
        return bench.run.Row(size)

    monkeypatch.setattr(bench.run, "measure", measured)
    monkeypatch.setattr(bench.run, "table", lambda rows: "")
    assert bench.run.main(["--sizes", "100", "--work", str(tmp_path), "--browser"]) == 0
    assert bench.run.main(["--sizes", "100", "--work", str(tmp_path)]) == 0
    assert [(o["browser"], o["lunr"]) for o in asked] == [(True, True), (False, False)]

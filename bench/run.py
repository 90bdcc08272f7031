"""`make bench`: measure the generator at 100, 1,000 and 10,000 provisions.

For each size it writes the synthetic corpus (bench/corpus.py), then measures,
each in a fresh process so that imports and caches count as an editor feels them:

* `atlas check` cold (no cache) and warm (cache filled by the previous run);
* `atlas build` in total, and its stages as the build reports them;
* the baseline: the engine alone building the very same generated Markdown;
* peak memory of the build, output size, the largest page and provision page,
  and the search payload a reader downloads for one query.

Results print as a table next to their targets; `--markdown FILE` also writes
them for docs/performance.md. Nothing here is a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import write_corpus

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable


@dataclass
class Row:
    size: int
    figures: dict[str, float | str] = field(default_factory=dict)


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """Wall time, peak RSS (KiB) of the child, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env={**os.environ, **(env or {})}, check=False)
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return elapsed, max(peak, before), proc.stdout + proc.stderr


def _tree_size(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file())


def _largest(root: Path, pattern: str) -> tuple[int, str]:
    sizes = [(p.stat().st_size, p.relative_to(root).as_posix()) for p in root.glob(pattern) if p.is_file()]
    return max(sizes) if sizes else (0, "")


def _search_payload(site: Path) -> int:
    """Bytes a reader downloads to answer one query."""
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        # entry + one index chunk + one fragment: what a single-word query fetches
        entry = sum(p.stat().st_size for p in pagefind.glob("pagefind*.js")) + sum(
            p.stat().st_size for p in pagefind.glob("pagefind-entry.json")
        )
        chunks = sorted(p.stat().st_size for p in (pagefind / "index").glob("*"))
        frags = sorted(p.stat().st_size for p in (pagefind / "fragment").glob("*"))
        meta = sum(p.stat().st_size for p in pagefind.glob("*.pf_meta"))
        return entry + meta + (chunks[-1] if chunks else 0) + sum(frags[-5:])
    index = site / "search" / "search_index.json"
    return index.stat().st_size if index.exists() else 0


def measure(size: int, work: Path) -> Row:
    root = work / f"corpus-{size}"
    write_corpus(root, size)
    atlas = [PY, "-m", "generator"]
    row = Row(size)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    row.figures["check cold (s)"], _, _ = _run([*atlas, "check"], root)
    row.figures["check warm (s)"], _, _ = _run([*atlas, "check"], root)
    elapsed, peak, out = _run([*atlas, "build", "--timings"], root)
    row.figures["build total (s)"] = elapsed
    row.figures["peak memory (MiB)"] = peak / 1024
    timings = {}
    for line in out.splitlines():
        if line.startswith("timing "):
            name, seconds = line.removeprefix("timing ").rsplit(" ", 1)
            timings[name] = float(seconds.rstrip("s"))
    row.figures["catalog + render (s)"] = timings.get("catalog", 0) + timings.get("render", 0)
    row.figures["engine (s)"] = timings.get("engine", 0)
    # Baseline: the engine alone on the same generated Markdown, no generator around it.
    baseline_cfg = root / "build" / "baseline.yml"
    baseline_cfg.write_text(
        json.dumps(
            {
                "INHERIT": "../mkdocs.yml",
                "docs_dir": "docs",
                "site_dir": str(work / f"baseline-{size}"),
                "nav": [{"Home": "index.md"}],
                "strict": False,
            }
        )
    )
    row.figures["engine baseline (s)"], _, _ = _run([PY, "-m", "mkdocs", "build", "-q", "-f", str(baseline_cfg)], root)
    overhead = row.figures["build total (s)"] - row.figures["engine baseline (s)"]
    row.figures["overhead vs engine (%)"] = 100 * overhead / max(row.figures["engine baseline (s)"], 1e-9)
    site = root / "site"
    row.figures["output (MiB)"] = _tree_size(site) / 2**20
    largest, page = _largest(site, "**/*.html")
    row.figures["largest page (KiB)"] = largest / 1024
    row.figures["largest page"] = page
    row.figures["largest provision page (KiB)"] = _largest(site, "provisions/**/*.html")[0] / 1024
    row.figures["search payload, one query (KiB)"] = _search_payload(site) / 1024
    return row


TARGETS = {
    "check cold (s)": "≤ 5 at 10k",
    "check warm (s)": "≤ 1 at 10k",
    "overhead vs engine (%)": "≤ 15 at 10k",
    "largest provision page (KiB)": "≤ 60",
    "search payload, one query (KiB)": "≤ 300",
}


def table(rows: list[Row]) -> str:
    names = list(rows[0].figures)
    head = "| figure | " + " | ".join(f"{r.size:,}" for r in rows) + " | target |"
    lines = [head, "|" + " --- |" * (len(rows) + 2)]
    for name in names:
        cells = []
        for r in rows:
            v = r.figures[name]
            cells.append(f"{v:.2f}" if isinstance(v, float) else str(v))
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {TARGETS.get(name, '')} |")
    return "\n".join(lines)


def machine() -> str:
    return f"{platform.platform()}, Python {platform.python_version()}, {os.cpu_count()} cores"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,10000")
    ap.add_argument("--work", default=str(REPO / "build" / "bench"))
    ap.add_argument("--markdown", help="also write the table to this file")
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    rows = [measure(int(s), work) for s in args.sizes.split(",")]
    text = f"Machine: {machine()}\n\n{table(rows)}\n"
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make bench`: measure the generator at 100, 1,000 and 10,000 provisions.

For each size it writes the synthetic corpus (bench/corpus.py), then measures,
each in a fresh process so that imports and caches count as an editor feels them:

* `atlas check` cold (no cache), warm (cache filled by the previous run, nothing changed since: the kept
  verdict, generator.read.verdict) and warm after one record is edited (that record decoded again, every
  record checked again);
* `atlas build` in total, and its stages as the build reports them;
* the engine alone (bench/baseline.py): MkDocs and Material building the very same
  generated pages of every language tree, configured as the build configures them,
  without any search plugin and without anything of ours (no shortcut, no page
  reader), one tree after the other; the build's time over it is the ratio issue 19
  asks to bring under 1.0; with ``--lunr``, also the English tree with Material's
  lunr search, for reference;
* peak memory of the build's whole process tree (bench/memory.py), output size,
  the largest page and provision page,
  and the search payload a reader downloads for one query, from the Pagefind
  bundle the build wrote (and the lunr index the engine alone writes, to compare);
* with `--browser`, search as a reader meets it, in headless Chromium against the
  built site served on 127.0.0.1: time to first result and the bytes one query
  really transferred, for the hosted site's Pagefind and for Material's lunr
  (the baseline build that keeps it). See bench/search.py.

Results print as a table next to their targets; `--markdown FILE` also writes
them for docs/performance.md. Nothing here is a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpus import SHAPES, write_corpus
from bench.memory import run_sampled
from bench.preview import preview_latency
from bench.search import QUERIES, search_in_browser, search_payload
from bench.serving import CHROMIUM
from generator.site.build import INDEX_AND_CHECK, OLD_SITE

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


def _timings(out: str) -> dict[str, float]:
    """The stage timings `atlas build --timings` printed."""
    timings = {}
    for line in out.splitlines():
        if line.startswith("timing "):
            name, seconds = line.removeprefix("timing ").rsplit(" ", 1)
            timings[name] = float(seconds.rstrip("s"))
    return timings


#: The engine baselines, each built into its own folder of the work directory (``{folder}-{size}``): the engine
#: alone without any search plugin, every tree (bench/baseline.py), which the build is measured against (the
#: build's search, Pagefind, is our own work), and, with ``--lunr``, the English tree with Material's lunr
#: search (mkdocs.yml's ``search`` plugin), for reference; ``--search-only`` finds lunr's site in ``baseline-{size}``.
NO_SEARCH, LUNR = "alone, no search", "English tree with Material's lunr search"
BASELINES = {NO_SEARCH: "baseline-no-search", LUNR: "baseline"}


def _lunr_config(root: Path, site: Path) -> Path:
    """An engine config for the English tree's generated Markdown with mkdocs.yml's own search (lunr)."""
    from generator.project import Project, check
    from generator.relate.catalog import build_catalog
    from generator.render.writer import nav
    from generator.site import engine

    project = Project(root)
    overrides = engine.config_overrides(project.docs, site, nav(build_catalog(check(project).records)), True)
    overrides["strict"] = False
    config = root / f"{BASELINES[LUNR]}.yml"
    config.write_text(json.dumps({"INHERIT": "mkdocs.yml", **overrides}))
    return config


def _baseline(kind: str, root: Path, site: Path) -> float:
    """Seconds the engine takes alone (see BASELINES)."""
    if kind == NO_SEARCH:
        out = _run([PY, "-m", "bench.baseline", str(root), str(site)], root, env={"PYTHONPATH": str(REPO)})[2]
        return float(out.split("engine ", 1)[1].split()[0])
    return _run([PY, "-m", "mkdocs", "build", "-q", "-f", str(_lunr_config(root, site))], root)[0]


def _edit_one_record(root: Path) -> None:
    """Change the title of one provision, as an editor would, before a rebuild."""
    records = sorted((root / "provisions").rglob("*.yaml"))
    record = records[len(records) // 2]
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"^title: (.*)$", r"title: \1 (edited)", text, count=1, flags=re.M), encoding="utf-8")


def ratio_name(build: str, baseline: str) -> str:
    """The figure of ``build``'s time over one of the ``BASELINES``'."""
    return f"{build} ÷ engine {baseline}"


def _build_figures(row: Row, label: str, runs: list[tuple[float, str]], baselines: dict[str, float]) -> None:
    """Medians over ``runs`` (wall time, `--timings` output) of one kind of build, and its overheads."""
    timings = [_timings(out) for _, out in runs]

    def median(stages: tuple[str, ...]) -> float:
        return statistics.median(sum(t.get(stage, 0) for stage in stages) for t in timings)

    elapsed = statistics.median(seconds for seconds, _ in runs)
    row.figures[f"{label}: total (s)"] = elapsed
    row.figures[f"{label}: check, cache warm (s)"] = median(("check",))
    row.figures[f"{label}: catalog + render (s)"] = median(("catalog", "render"))
    # Pagefind reads each page as the engine writes it (generator.site.searchindex), on the other core
    row.figures[f"{label}: engine, Pagefind reading beside it (s)"] = median(("engine",))
    row.figures[f"{label}: Pagefind writing ∥ link check (s)"] = median((INDEX_AND_CHECK,))
    for kind, baseline in baselines.items():
        row.figures[ratio_name(label, kind)] = elapsed / max(baseline, 1e-9)


@dataclass
class _Builds:
    """What ``repeat`` interleaved runs of the builds and the baseline gave."""

    firsts: list[tuple[float, str]] = field(default_factory=list)  # (wall time, `--timings` output)
    agains: list[tuple[float, str]] = field(default_factory=list)
    baselines: dict[str, list[float]] = field(default_factory=dict)
    peak: int = 0  # KiB, of the process tree
    sampled: bool = True  # False: the largest process only (no /proc)


def _forget_rendered_pages(root: Path) -> None:
    """Make the next build a first build: no page rendered or written yet (the decoded records stay cached)."""
    for stale in (*(root / ".cache" / "atlas").glob("pages-*"), *(root / ".cache" / "atlas").glob("docs-manifest*")):
        stale.unlink()
    for docs in (root / "build").glob("docs*"):  # every tree's docs folder (build/docs, build/docs-ja)
        shutil.rmtree(docs, ignore_errors=True)


def _old_sites_gone(root: Path, timeout: float = 600.0) -> None:
    """Wait until the sites the builds replaced are deleted (generator.site.build: by a process the build does not
    wait for), so that the deletion does not slow what is measured next."""
    deadline = time.monotonic() + timeout
    while any(root.glob(OLD_SITE + "*")) and time.monotonic() < deadline:
        time.sleep(0.2)


def _run_builds(root: Path, baseline_sites: dict[str, Path], repeat: int) -> _Builds:
    """A first build, the engine baselines, and a rebuild after one edit, ``repeat`` times over, interleaved."""
    atlas = [PY, "-m", "generator", "build", "--timings"]
    runs = _Builds(baselines={kind: [] for kind in baseline_sites})
    for _ in range(repeat):
        _forget_rendered_pages(root)
        seconds, used, out, sampled = run_sampled(atlas, root)
        runs.firsts.append((seconds, out))
        _old_sites_gone(root)
        for kind, site in baseline_sites.items():  # the engine alone on the generated pages the build left
            shutil.rmtree(site, ignore_errors=True)
            runs.baselines[kind].append(_baseline(kind, root, site))
        _edit_one_record(root)
        again, used_again, again_out, _ = run_sampled(atlas, root)
        runs.agains.append((again, again_out))
        _old_sites_gone(root)
        runs.peak, runs.sampled = max(runs.peak, used, used_again), sampled
    return runs


def _output_figures(row: Row, site: Path) -> None:
    """Size of the built ``site``, and of its largest pages."""
    row.figures["output (MiB)"] = _tree_size(site) / 2**20
    largest, page = _largest(site, "**/*.html")
    row.figures["largest page (KiB)"] = largest / 1024
    row.figures["largest page"] = page
    row.figures["largest provision page (KiB)"] = _largest(site, "provisions/**/*.html")[0] / 1024


def measure(
    size: int,
    work: Path,
    browser: bool = False,
    *,
    shape: str = "bench",
    preview: bool | None = None,
    repeat: int = 1,
    lunr: bool = False,
) -> Row:
    """Every figure at ``size`` provisions of corpus ``shape``; ``preview`` (default: up to PREVIEW_MAX_SIZE)
    times `atlas serve`.

    The builds and the engine baselines run ``repeat`` times, interleaved, and
    their medians are reported: on a shared machine one run can be off by 20 %.
    """
    root = work / f"corpus-{shape}-{size}"
    write_corpus(root, size, **SHAPES[shape])
    row = Row(size)
    colds, warms, edits = [], [], []
    for _ in range(repeat):
        shutil.rmtree(root / ".cache", ignore_errors=True)
        colds.append(_run([PY, "-m", "generator", "check"], root)[0])
        warms.append(_run([PY, "-m", "generator", "check"], root)[0])  # nothing changed: the kept verdict
        _edit_one_record(root)
        edits.append(_run([PY, "-m", "generator", "check"], root)[0])  # one record changed: read and checked again
    row.figures["check cold (s)"], row.figures["check warm (s)"] = statistics.median(colds), statistics.median(warms)
    row.figures["check warm, one record edited (s)"] = statistics.median(edits)
    kinds = (NO_SEARCH, LUNR) if lunr else (NO_SEARCH,)
    sites = {kind: work / f"{BASELINES[kind]}-{shape}-{size}" for kind in kinds}
    runs = _run_builds(root, sites, repeat)
    baselines = {kind: statistics.median(seconds) for kind, seconds in runs.baselines.items()}
    for kind, seconds in baselines.items():
        row.figures[f"engine {kind} (s)"] = seconds
    _build_figures(row, "first build", runs.firsts, baselines)
    _build_figures(row, "rebuild after one edit", runs.agains, baselines)
    memory = "peak memory, all processes (MiB)" if runs.sampled else "peak memory, largest process (MiB)"
    row.figures[memory] = runs.peak / 1024
    _output_figures(row, root / "site")
    if lunr:
        measure_search(row, root / "site", sites[LUNR], browser=browser)
    if size <= PREVIEW_MAX_SIZE if preview is None else preview:
        row.figures["preview: edit shown after (s)"] = statistics.median(preview_latency(root))
    return row


def measure_search(row: Row, site: Path, baseline: Path, *, browser: bool = False) -> Row:
    """The search figures: Pagefind on the built ``site``, lunr on the engine's ``baseline`` build."""
    row.figures["search payload, one query (KiB)"] = search_payload(site) / 1024
    row.figures["search payload, worst chunk (KiB)"] = search_payload(site, worst=True) / 1024
    row.figures["lunr index, baseline (KiB)"] = search_payload(baseline) / 1024
    if browser:
        for kind, query in QUERIES.items():
            for name, value in search_in_browser(site, query).items():
                row.figures[f"Pagefind, {kind}: {name}"] = value
        # one visit each way: at 10,000 a lunr visit downloads hundreds of MB (or its tab crashes)
        for name, value in search_in_browser(baseline, QUERIES["common word"], runs=1).items():
            row.figures[f"lunr: {name}"] = value
    return row


#: The largest corpus whose live preview is measured (the target is at 1,000 provisions).
PREVIEW_MAX_SIZE = 1000

TARGETS = {
    "preview: edit shown after (s)": "≤ 1 at 1k",
    "check cold (s)": "≤ 3 at 10k",
    "check warm (s)": "≤ 0.5 at 10k",
    "check warm, one record edited (s)": "(reference)",
    ratio_name("first build", NO_SEARCH): "< 1.0 at 10k",
    ratio_name("rebuild after one edit", NO_SEARCH): "(reference)",
    ratio_name("first build", LUNR): "(reference)",
    ratio_name("rebuild after one edit", LUNR): "(reference)",
    "peak memory, all processes (MiB)": "≤ 2048",
    "largest provision page (KiB)": "≤ 60",
    "search payload, one query (KiB)": "≤ 300",
    "Pagefind, common word: transferred (KiB)": "≤ 300",
    "Pagefind, rare word: transferred (KiB)": "≤ 300",
}


def table(rows: list[Row]) -> str:
    names = list(dict.fromkeys(name for r in rows for name in r.figures))  # a figure may exist at some sizes only
    head = "| figure | " + " | ".join(f"{r.size:,}" for r in rows) + " | target |"
    lines = [head, "|" + " --- |" * (len(rows) + 2)]
    for name in names:
        cells = []
        for r in rows:
            v = r.figures.get(name, "—")
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
    ap.add_argument("--shape", choices=sorted(SHAPES), default="bench", help="the corpus's shape (bench/corpus.py)")
    ap.add_argument("--lunr", action="store_true", help="also build the engine with its lunr search, for reference")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each build and of each baseline (medians reported)")
    ap.add_argument(
        "--browser",
        action="store_true",
        help=f"also measure search in headless Chromium ({CHROMIUM}): time to first result, bytes per query "
        "(implies --lunr: the figures are set beside Material's lunr search)",
    )
    ap.add_argument(
        "--search-only",
        action="store_true",
        help="measure only search (implies --browser), on the sites an earlier run left in --work",
    )
    args = ap.parse_args(argv)
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    if args.search_only:
        rows = [
            measure_search(
                Row(int(s)),
                work / f"corpus-{args.shape}-{s}" / "site",
                work / f"{BASELINES[LUNR]}-{args.shape}-{s}",
                browser=True,
            )
            for s in args.sizes.split(",")
        ]
    else:
        rows = [
            measure(
                int(s), work, browser=args.browser, shape=args.shape, repeat=args.repeat, lunr=args.lunr or args.browser
            )
            for s in args.sizes.split(",")
        ]
    shape = ", ".join(f"{k} {v}" for k, v in SHAPES[args.shape].items())
    text = f"Machine: {machine()}\nCorpus: {args.shape} ({shape})\n\n{table(rows)}\n"
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

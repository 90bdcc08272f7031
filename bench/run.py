"""`make bench`: measure the generator at 100, 1,000 and 10,000 provisions.

For each size it writes the synthetic corpus (bench/corpus.py), then measures,
each in a fresh process so that imports and caches count as an editor feels them:

* `atlas check` cold (no cache) and warm (cache filled by the previous run);
* `atlas build` in total, and its stages as the build reports them;
* the baseline: the engine alone building the very same generated Markdown;
* peak memory of the build, output size, the largest page and provision page,
  and the search payload a reader downloads for one query, from the Pagefind
  bundle the build wrote (and the lunr index the engine alone writes, to compare);
* with `--browser`, search as a reader meets it, in headless Chromium against the
  built site served on 127.0.0.1: time to first result and the bytes one query
  really transferred, for the hosted site's Pagefind and for Material's lunr
  (the baseline build, which still has it). See `search_in_browser`.

Results print as a table next to their targets; `--markdown FILE` also writes
them for docs/performance.md. Nothing here is a test: numbers vary by machine.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import platform
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.corpus import write_corpus
from generator.site.build import INDEX_AND_CHECK

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


#: The queries the search figures use. The synthetic corpus writes its prose from 50
#: words, so each of them is on nearly every page: a worst case for an index, whose
#: chunk for such a word is large. A reader looking for one provision types a word
#: few pages have, like the number in its title (bench/corpus.py: "Provision 04217 on …").
QUERIES = {"common word": "watermark", "rare word": "00042"}
#: Results drawn at once by the hosted search (site_templates/assets/pagefind-search.js), so fragments fetched.
FIRST_RESULTS = 10


def _search_payload(site: Path, worst: bool = False) -> int:
    """Bytes a reader downloads to answer a one-word query, read from the built search files.

    Pagefind (the hosted build): its loader and WebAssembly, the entry
    file and the language's metadata, then one index chunk (a one-word query loads
    one) and the fragments of the first results drawn: of median size, or with
    ``worst`` the largest chunk and fragments. ``search_in_browser`` measures what
    a query really fetches. Material's lunr search (the engine baseline, the
    offline export): the whole index, whatever the query.
    """
    pagefind = site / "pagefind"
    if pagefind.is_dir():
        entry = json.loads((pagefind / "pagefind-entry.json").read_text())
        (language,) = entry["languages"].values()  # one language: en
        files = ["pagefind.js", "pagefind-entry.json"]  # no worker: the site searches on the page's thread
        files += [f"pagefind.{language['hash']}.pf_meta", f"wasm.{language['wasm']}.pagefind"]
        fixed = sum((pagefind / name).stat().st_size for name in files if (pagefind / name).is_file())
        chunks = sorted(p.stat().st_size for p in (pagefind / "index").glob("*.pf_index"))
        frags = sorted(p.stat().st_size for p in (pagefind / "fragment").glob("*.pf_fragment"))
        if worst:
            return fixed + chunks[-1] + sum(frags[-FIRST_RESULTS:])
        return fixed + int(statistics.median(chunks)) + FIRST_RESULTS * int(statistics.median(frags))
    index = site / "search" / "search_index.json"
    return index.stat().st_size if index.exists() else 0


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


#: Debian's Chromium, never a downloaded browser; the browser tests launch it the same way
#: (tests/browser/support.py imports these two).
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
#: How long a visit may wait for the page or its first result, in ms.
TIMEOUT_MS = 180_000
#: Set in the page before any of its scripts: when the first key reached the search
#: field, and when the first result appeared (both ms since the page's navigation start).
_STOPWATCH = """
window.__atlas = {typed: null, first: null};
document.addEventListener("input", (e) => {
  if (window.__atlas.typed === null && e.target.matches(".md-search__input")) window.__atlas.typed = performance.now();
}, true);
new MutationObserver(() => {
  if (window.__atlas.first === null && document.querySelector(".md-search-result__item"))
    window.__atlas.first = performance.now();
}).observe(document, {childList: true, subtree: true});
"""


def search_in_browser(site: Path, query: str = QUERIES["common word"], runs: int = 3) -> dict[str, float | str]:
    """Search on ``site`` in headless Chromium as a reader does; medians of ``runs`` fresh visits.

    Each visit opens the home page in a new browser context (empty cache) and
    types ``query`` into the header's search field:

    * ``typing at once``: as soon as the page's HTML is parsed; the figure is the
      time from opening the page to the first result (so lunr's download and
      in-browser index build count, as a reader who searches straight away feels them);
    * ``typing after load``: once the page has loaded and gone quiet for a second;
      the figure is the time from the first key to the first result;
    * the bytes of every search file fetched on that visit (Pagefind's bundle, or
      lunr's index and worker), as the network reports their bodies.

    Works on both kinds of site: the markup of the results is Material's either way.
    A visit that fails (the tab crashes, no result within ``TIMEOUT_MS``) is
    reported as such instead of a number.
    """
    from playwright.sync_api import Error, Request, sync_playwright

    figures: dict[str, list[float]] = {
        "first result, typing at once (ms)": [],
        "first result, typing after load (ms)": [],
        "transferred (KiB)": [],
    }
    failed: list[str] = []
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                for mode in ("at once", "after load"):
                    context = browser.new_context(viewport={"width": 1280, "height": 1000})
                    page = context.new_page()
                    page.add_init_script(_STOPWATCH)
                    sizes: dict[str, int] = {}

                    def finished(request: Request, sizes: dict[str, int] = sizes) -> None:
                        response = request.response()
                        if response and any(
                            part in request.url for part in ("/pagefind/", "/search/", "/workers/search")
                        ):
                            # the network's count is 0 for a worker's own script; the server's length is right
                            length = int(response.headers.get("content-length") or 0)
                            sizes[request.url] = max(length, request.sizes()["responseBodySize"])

                    page.on("requestfinished", finished)
                    try:
                        if mode == "at once":
                            page.goto(base, wait_until="domcontentloaded")
                        else:
                            page.goto(base, wait_until="networkidle", timeout=TIMEOUT_MS)
                            page.wait_for_timeout(1000)
                        page.locator("input.md-search__input").press_sequentially(query)
                        page.locator(".md-search-result__item").first.wait_for(timeout=TIMEOUT_MS)
                        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
                        stopwatch = page.evaluate("() => window.__atlas")
                    except Error as exc:
                        failed.append(f"{mode}: {str(exc).splitlines()[0]}")
                        context.close()
                        continue
                    if mode == "at once":
                        figures["first result, typing at once (ms)"].append(stopwatch["first"])
                    else:
                        figures["first result, typing after load (ms)"].append(stopwatch["first"] - stopwatch["typed"])
                        figures["transferred (KiB)"].append(sum(sizes.values()) / 1024)
                    context.close()
        finally:
            browser.close()
    result: dict[str, float | str] = {
        name: statistics.median(values) if values else "failed" for name, values in figures.items()
    }
    if failed:
        result["failed visits"] = f"{len(failed)} of {2 * runs}: {'; '.join(sorted(set(failed)))}"
    return result


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # the local preview server
            return str(response.read().decode("utf-8"))
    except OSError:  # not up yet, or between two rebuilds
        return ""


def preview_latency(root: Path, edits: int = 3, timeout: float = 120.0) -> list[float]:
    """Seconds from saving an edited record to `atlas serve` showing it, for ``edits`` edits.

    Starts `atlas serve` on a free port in ``root``, waits for its first page, then
    changes the title of one provision ``edits`` times and polls that provision's
    page until the new title is served. Raises RuntimeError if it never is.
    """
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    record = sorted((root / "provisions").rglob("*.yaml"))[0]
    page = base + "provisions/" + record.relative_to(root / "provisions").with_suffix("").as_posix() + "/"
    original = record.read_text(encoding="utf-8")
    server = subprocess.Popen(
        [PY, "-m", "generator", "serve", "--port", str(port)],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    latencies: list[float] = []
    try:
        deadline = time.monotonic() + timeout
        while not _fetch(page):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"atlas serve did not start: {server.communicate()[1][-2000:]}")
            time.sleep(0.2)
        time.sleep(1.0)  # let the server settle: the first edit should not race its start-up
        for n in range(edits):
            marker = f"Preview edit {n} {time.time_ns()}"
            record.write_text(re.sub(r"^title: .*$", f"title: {marker}", original, count=1, flags=re.M))
            start = time.monotonic()
            while marker not in _fetch(page):
                if server.poll() is not None or time.monotonic() - start > timeout:
                    raise RuntimeError(f"the edit never showed: {server.communicate()[1][-2000:]}")
                time.sleep(0.05)
            latencies.append(time.monotonic() - start)
            time.sleep(1.0)
    finally:
        record.write_text(original, encoding="utf-8")
        server.terminate()
        server.wait(timeout=30)
    return latencies


def _timings(out: str) -> dict[str, float]:
    """The stage timings `atlas build --timings` printed."""
    timings = {}
    for line in out.splitlines():
        if line.startswith("timing "):
            name, seconds = line.removeprefix("timing ").rsplit(" ", 1)
            timings[name] = float(seconds.rstrip("s"))
    return timings


def _baseline_config(root: Path, site: Path) -> Path:
    """An engine config for the generated Markdown as the generator hands it over, without the generator.

    The same mkdocs.yml (theme, hooks, Material's own search), docs folder, nav and
    URL style as `atlas build` passes (generator.site.engine.config_overrides), in a file
    beside mkdocs.yml (the engine resolves theme.custom_dir from the config's folder).
    """
    from generator.project import Project, check
    from generator.relate.catalog import build_catalog
    from generator.render.writer import nav
    from generator.site import engine

    project = Project(root)
    overrides = engine.config_overrides(project.docs, site, nav(build_catalog(check(project).records)), True)
    overrides["strict"] = False
    config = root / "baseline.yml"
    config.write_text(json.dumps({"INHERIT": "mkdocs.yml", **overrides}))
    return config


def _edit_one_record(root: Path) -> None:
    """Change the title of one provision, as an editor would, before a rebuild."""
    records = sorted((root / "provisions").rglob("*.yaml"))
    record = records[len(records) // 2]
    text = record.read_text(encoding="utf-8")
    record.write_text(re.sub(r"^title: (.*)$", r"title: \1 (edited)", text, count=1, flags=re.M), encoding="utf-8")


def _build_figures(row: Row, label: str, runs: list[tuple[float, str]], baseline: float) -> None:
    """Medians over ``runs`` (wall time, `--timings` output) of one kind of build."""
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
    row.figures[f"{label}: overhead vs engine baseline (%)"] = 100 * (elapsed - baseline) / max(baseline, 1e-9)


def measure(
    size: int,
    work: Path,
    browser: bool = False,
    *,
    platforms: int = 200,
    categories: int = 30,
    preview: bool | None = None,
    repeat: int = 1,
) -> Row:
    """Every figure at ``size`` provisions; ``preview`` (default: up to PREVIEW_MAX_SIZE) times `atlas serve`.

    The builds and the engine baseline run ``repeat`` times, interleaved, and
    their medians are reported: on a shared machine one run can be off by 20 %.
    """
    root = work / f"corpus-{size}"
    write_corpus(root, size, platforms=platforms, categories=categories)
    atlas = [PY, "-m", "generator"]
    row = Row(size)
    shutil.rmtree(root / ".cache", ignore_errors=True)
    row.figures["check cold (s)"], _, _ = _run([*atlas, "check"], root)
    row.figures["check warm (s)"], _, _ = _run([*atlas, "check"], root)
    firsts: list[tuple[float, str]] = []
    agains: list[tuple[float, str]] = []
    baselines: list[float] = []
    peak = 0
    for _ in range(repeat):
        # a first build: no page rendered or written yet (the decoded records stay cached)
        for stale in (root / ".cache" / "atlas").glob("pages-*"):
            stale.unlink()
        (root / ".cache" / "atlas" / "docs-manifest.pickle").unlink(missing_ok=True)
        shutil.rmtree(root / "build" / "docs", ignore_errors=True)
        seconds, used, out = _run([*atlas, "build", "--timings"], root)
        firsts.append((seconds, out))
        # Baseline: the engine alone on the same generated Markdown, no generator around it
        # (with its own search index, Material's lunr, where our build runs Pagefind).
        config = _baseline_config(root, work / f"baseline-{size}")
        baselines.append(_run([PY, "-m", "mkdocs", "build", "-q", "-f", str(config)], root)[0])
        _edit_one_record(root)
        again, used_again, again_out = _run([*atlas, "build", "--timings"], root)
        agains.append((again, again_out))
        peak = max(peak, used, used_again)
    baseline = statistics.median(baselines)
    row.figures["engine baseline (s)"] = baseline
    _build_figures(row, "first build", firsts, baseline)
    _build_figures(row, "rebuild after one edit", agains, baseline)
    row.figures["peak memory of a build (MiB)"] = peak / 1024
    site = root / "site"
    row.figures["output (MiB)"] = _tree_size(site) / 2**20
    largest, page = _largest(site, "**/*.html")
    row.figures["largest page (KiB)"] = largest / 1024
    row.figures["largest page"] = page
    row.figures["largest provision page (KiB)"] = _largest(site, "provisions/**/*.html")[0] / 1024
    measure_search(row, site, work / f"baseline-{size}", browser=browser)
    if size <= PREVIEW_MAX_SIZE if preview is None else preview:
        row.figures["preview: edit shown after (s)"] = statistics.median(preview_latency(root))
    return row


def measure_search(row: Row, site: Path, baseline: Path, *, browser: bool = False) -> Row:
    """The search figures: Pagefind on the built ``site``, lunr on the engine's ``baseline`` build."""
    row.figures["search payload, one query (KiB)"] = _search_payload(site) / 1024
    row.figures["search payload, worst chunk (KiB)"] = _search_payload(site, worst=True) / 1024
    row.figures["lunr index, baseline (KiB)"] = _search_payload(baseline) / 1024
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
    "preview: edit shown after (s)": "≤ 3 at 1k",
    "check cold (s)": "≤ 5 at 10k",
    "check warm (s)": "≤ 1 at 10k",
    "first build: overhead vs engine baseline (%)": "≤ 15 at 10k",
    "rebuild after one edit: overhead vs engine baseline (%)": "≤ 15 at 10k",
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
    ap.add_argument("--repeat", type=int, default=3, help="runs of each build and of the baseline (medians reported)")
    ap.add_argument(
        "--browser",
        action="store_true",
        help=f"also measure search in headless Chromium ({CHROMIUM}): time to first result, bytes per query",
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
            measure_search(Row(int(s)), work / f"corpus-{s}" / "site", work / f"baseline-{s}", browser=True)
            for s in args.sizes.split(",")
        ]
    else:
        rows = [measure(int(s), work, browser=args.browser, repeat=args.repeat) for s in args.sizes.split(",")]
    text = f"Machine: {machine()}\n\n{table(rows)}\n"
    print(text)
    if args.markdown:
        Path(args.markdown).write_text(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Search as a reader meets it: the bytes one query needs, and the time to a first result in Chromium.

Both work on either kind of built site: the hosted build's Pagefind bundle, or
Material's lunr index (the engine baseline with its search plugin, and the offline export).
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench.serving import CHROMIUM, CHROMIUM_ARGS, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Request

#: The queries the search figures use. The synthetic corpus writes its prose from 50
#: words, so each of them is on nearly every page: a worst case for an index, whose
#: chunk for such a word is large. A reader looking for one provision types a word
#: few pages have, like the number in its title (bench/corpus.py: "Provision 04217 on …").
QUERIES = {"common word": "watermark", "rare word": "00042"}
#: Results drawn at once by the hosted search (site_templates/assets/pagefind-search.js), so fragments fetched.
FIRST_RESULTS = 10
#: How long a visit may wait for the page or its first result, in ms.
TIMEOUT_MS = 180_000
#: The two ways a visit types its query (see ``search_in_browser``).
AT_ONCE, AFTER_LOAD = "at once", "after load"
#: Parts of the URLs of the search files: Pagefind's bundle, or lunr's index and worker.
SEARCH_FILES = ("/pagefind/", "/search/", "/workers/search")
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


def search_payload(site: Path, worst: bool = False) -> int:
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
        language = entry["languages"]["en"]  # the English tree's (the Japanese one has its own)
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


def _count_search_files(page: Page) -> dict[str, int]:
    """Bytes of each search file ``page`` fetches from now on, by URL (filled as requests finish)."""
    sizes: dict[str, int] = {}

    def finished(request: Request) -> None:
        response = request.response()
        if response and any(part in request.url for part in SEARCH_FILES):
            # the network's count is 0 for a worker's own script; the server's length is right
            length = int(response.headers.get("content-length") or 0)
            sizes[request.url] = max(length, request.sizes()["responseBodySize"])

    page.on("requestfinished", finished)
    return sizes


def _visit(browser: Browser, base: str, query: str, mode: str) -> tuple[float, float]:
    """One visit in a fresh context: ms to the first result (as ``mode`` counts it), KiB of search files.

    Raises playwright's Error if the visit fails.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 1000})
    try:
        page = context.new_page()
        page.add_init_script(_STOPWATCH)
        sizes = _count_search_files(page)
        if mode == AT_ONCE:
            page.goto(base, wait_until="domcontentloaded")
        else:
            page.goto(base, wait_until="networkidle", timeout=TIMEOUT_MS)
            page.wait_for_timeout(1000)
        page.locator("input.md-search__input").press_sequentially(query)
        page.locator(".md-search-result__item").first.wait_for(timeout=TIMEOUT_MS)
        page.wait_for_load_state("networkidle", timeout=TIMEOUT_MS)
        stopwatch: dict[str, Any] = page.evaluate("() => window.__atlas")
    finally:
        context.close()
    since = 0.0 if mode == AT_ONCE else stopwatch["typed"]
    return stopwatch["first"] - since, sum(sizes.values()) / 1024


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
    from playwright.sync_api import Error, sync_playwright

    transferred = "transferred (KiB)"
    figures: dict[str, list[float]] = {f"first result, typing {mode} (ms)": [] for mode in (AT_ONCE, AFTER_LOAD)}
    figures[transferred] = []
    failed: list[str] = []
    with served(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for _ in range(runs):
                for mode in (AT_ONCE, AFTER_LOAD):
                    try:
                        ms, kib = _visit(browser, base, query, mode)
                    except Error as exc:
                        failed.append(f"{mode}: {str(exc).splitlines()[0]}")
                        continue
                    figures[f"first result, typing {mode} (ms)"].append(ms)
                    if mode == AFTER_LOAD:
                        figures[transferred].append(kib)
        finally:
            browser.close()
    result: dict[str, float | str] = {
        name: statistics.median(values) if values else "failed" for name, values in figures.items()
    }
    if failed:
        result["failed visits"] = f"{len(failed)} of {2 * runs}: {'; '.join(sorted(set(failed)))}"
    return result

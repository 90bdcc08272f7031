"""The hosted site's search index: Pagefind indexes each page as the engine writes it.

The engine renders pages one after another on one core; Pagefind indexing them
afterwards, from the finished site, doubled the time a build spends past the
engine (14 s of a 70 s build at 10,000 provisions). So the index is built beside
the engine instead: :class:`SearchIndex` runs Pagefind's indexing service
(``pagefind --service``, the protocol Pagefind's own Python and Node APIs speak)
and hands it every page the moment the engine has rendered it (``add``, the
engine's page sink, see generator.site.engine). Pagefind parses and indexes on the
other core meanwhile; once the engine is done, only writing the bundle is left
(``write``).

The result is the index the Pagefind command line makes of the finished site,
page for page: the same pages, the same fragments (tests/test_searchindex.py
holds the two to the same fragments). Only the articles marked
``data-pagefind-body`` are indexed (each page's article, see
``site_templates/overrides/main.html``): pages without one (the 404 page,
redirects, pages whose front matter says ``search: {exclude: true}``) are left
out, and so are navigation, table of contents, header and footer. The binary
comes from the pinned ``pagefind_bin_extended`` wheel (the build that segments Japanese); nothing is downloaded.
"""

from __future__ import annotations

import base64
import json
import os
import queue
import re
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from generator.diagnostics import BuildMessage, Severity
from generator.site.linkcheck import niced
from generator.site.searchpage import PAGEFIND_EXCLUDE, indexed_part

#: The hosted build's search bundle, below the site root: Pagefind's index, its
#: loader, worker and WebAssembly (docs/decisions/0006-pagefind-hosted-search.md).
#: How Pagefind's messages are signed (BuildMessage.origin).
PAGEFIND = "pagefind"
PAGEFIND_BUNDLE = "pagefind/"
#: The bundle's entry file: its version and languages, which the pages' loader reads first.
PAGEFIND_ENTRY = "pagefind-entry.json"
#: Files of Pagefind's bundle the site does not use: its own search UIs and the
#: highlighter (the header's search field is Material's, assets/pagefind-search.js),
#: and its Web Worker (that script searches on the page's thread: 41 KB less per query).
PAGEFIND_UNUSED = (
    "pagefind-worker.js",
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: The build step that writes the search index, as the build's timings name it.
SEARCH_INDEX_STAGE = "search index"
#: Pages waiting to be sent to Pagefind, at most (the engine waits beyond that: memory stays bounded).
BACKLOG = 1024


def page_url(path: str) -> str:
    """The URL Pagefind gives the page at ``path`` below the site root, as its command line does."""
    return "/" + path.removesuffix("index.html") if path.rsplit("/", 1)[-1] == "index.html" else "/" + path


#: What makes two of Pagefind's messages differ though they say the same: task and thread numbers.
_NUMBERING = re.compile(r"\b(task|thread '[^']*') \(?\d+\)?")


def _same(message: str) -> str:
    return _NUMBERING.sub(r"\1", message)


def _encode(message_id: int, payload: dict[str, Any]) -> bytes:
    """One request of the service protocol: base64 of its JSON, ended by a comma."""
    return base64.b64encode(json.dumps({"message_id": message_id, "payload": payload}).encode("utf-8")) + b","


class SearchIndex:
    """A Pagefind index built page by page (see the module's docstring); use ``open``."""

    def __init__(self, process: subprocess.Popen[bytes], errors: IO[bytes]) -> None:
        self._process = process
        self._stderr = errors
        self._pages: queue.Queue[tuple[str, str] | None] = queue.Queue(BACKLOG)
        self._next_id = 0
        self._answers: dict[int, dict[str, Any] | None] = {}  # requests waited on → their answer, once come
        self._failed: dict[str, list[str]] = {}  # Pagefind's message → the pages it was about
        self._about: dict[int, str] = {}  # message id → its page, while unanswered
        self._lock = threading.Condition()
        self._reader = threading.Thread(target=self._read, name="pagefind-answers", daemon=True)
        self._reader.start()
        answer = self._ask({"type": "NewIndex", "config": {"exclude_selectors": list(PAGEFIND_EXCLUDE)}})
        self._index: int | None = answer.get("index_id")
        if self._index is None:
            self._failed[str(answer.get("message", answer))] = ["the site"]
        self._writer = threading.Thread(target=self._write_pages, name="pagefind-pages", daemon=True)
        self._writer.start()

    @classmethod
    @contextmanager
    def open(cls) -> Iterator[SearchIndex]:
        """Start Pagefind's service; it is stopped when the block ends, whatever happened."""
        from pagefind_bin_extended import get_executable

        with tempfile.TemporaryDirectory(prefix="atlas-pagefind-") as quiet, open(Path(quiet) / "stderr", "w+b") as err:
            # run in an empty folder: Pagefind would read a pagefind.yml from its working directory
            # below the engine's priority: Pagefind takes the time the engine leaves
            process = subprocess.Popen(
                niced([str(get_executable()), "--service"]),
                cwd=quiet,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                env={**os.environ, "RUST_BACKTRACE": "0"},  # a panic is one line, not a trace
            )
            index = None
            try:
                index = cls(process, err)
                yield index
            finally:
                process.kill()  # first: a page being sent fails at once, and the sender drains the queue
                process.wait()
                if index is not None:
                    index._pages.put(None)

    def add(self, path: str, html: str) -> None:
        """Index the page the engine wrote at ``path`` (below the site root) with this HTML."""
        self._pages.put((path, html))

    def stop(self) -> None:
        """Stop Pagefind once its bundle is written: what it held goes back to the system (the next piece's
        writing needs it: generator.site.searchparts)."""
        self._process.kill()
        self._process.wait()

    def write(self, bundle: Path) -> tuple[BuildMessage, ...]:
        """Write the index into ``bundle`` once every page is added; returns Pagefind's complaints.

        The pages look for it at ``site/pagefind/`` (``PAGEFIND_BUNDLE``); a bundle
        written elsewhere (beside a link check still reading the site) must be
        moved there before the site is published. Like the engine, Pagefind is
        held to a strict standard: an error, or anything it prints, comes back
        as a message and fails the build.
        """
        self._pages.put(None)
        self._writer.join()
        answer = self._ask({"type": "WriteFiles", "index_id": self._index, "output_path": str(bundle.resolve())})
        if answer.get("type") == "WriteFiles":
            _settled(bundle)
        complaints = [
            BuildMessage(
                PAGEFIND,
                Severity.ERROR,
                f"could not index {min(pages)}"  # the first in the site's order, whichever tree came first
                + (f" (and {len(pages) - 1} more pages)" if len(pages) > 1 else "")
                + f": {message}",
            )
            for message, pages in self._failed.items()
        ]
        if answer.get("type") != "WriteFiles" or not (bundle / "pagefind.js").is_file():
            failure = f"could not write the search index: {answer.get('message', answer)}"
            complaints.append(BuildMessage(PAGEFIND, Severity.ERROR, failure))
        self._stderr.seek(0)
        said = dict.fromkeys(
            _same(line.strip()) for line in self._stderr.read().decode("utf-8", "replace").splitlines()
        )
        complaints += [BuildMessage(PAGEFIND, Severity.WARNING, line) for line in said if line]
        for name in PAGEFIND_UNUSED:
            (bundle / name).unlink(missing_ok=True)
        sort_languages(bundle / PAGEFIND_ENTRY)
        return tuple(complaints)

    def _send(self, payload: dict[str, Any], *, about: str = "", wait: bool = False) -> int:
        """Send one request; its answer is kept for ``_ask`` if ``wait``, else only an error, ``about`` a page."""
        assert self._process.stdin is not None
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
            if about:
                self._about[message_id] = about
            if wait:
                self._answers[message_id] = None
        self._process.stdin.write(_encode(message_id, payload))
        return message_id

    def _ask(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Send one request and wait for its answer (an error payload if Pagefind stopped)."""
        assert self._process.stdin is not None
        try:
            message_id = self._send(payload, wait=True)
            self._process.stdin.flush()
        except OSError as exc:
            return {"type": "Error", "message": f"Pagefind stopped ({exc})"}
        with self._lock:
            self._lock.wait_for(lambda: self._answers[message_id] is not None or not self._reader.is_alive())
            return self._answers.pop(message_id) or {"type": "Error", "message": "Pagefind stopped"}

    def _write_pages(self) -> None:
        """Send the pages to Pagefind as they come (a thread: the engine does not wait for the pipe)."""
        assert self._process.stdin is not None
        page: tuple[str, str] | None = ("", "")
        try:
            while self._index is not None and (page := self._pages.get()) is not None:
                path, html = page
                part = indexed_part(html)
                if part is None:
                    continue
                url = page_url(path)
                self._send({"type": "AddFile", "index_id": self._index, "url": url, "file_contents": part}, about=url)
            self._process.stdin.flush()
        except OSError as exc:  # Pagefind stopped
            with self._lock:
                self._failed.setdefault(f"Pagefind stopped ({exc})", []).append("the site")
        while page is not None:  # keep taking pages until the end, so the engine never waits
            page = self._pages.get()

    def _read(self) -> None:
        """Collect Pagefind's answers: each base64 JSON, ended by a comma."""
        assert self._process.stdout is not None
        pending = b""
        while chunk := os.read(self._process.stdout.fileno(), 1 << 16):
            *messages, pending = (pending + chunk).split(b",")
            for message in messages:
                try:
                    answer = json.loads(base64.b64decode(message))
                except ValueError:  # not the protocol: Pagefind printed something else
                    answer = {"payload": {"type": "Error", "message": message.decode("utf-8", "replace")[:200]}}
                self._take(answer.get("message_id"), answer.get("payload") or {})
        with self._lock:
            self._lock.notify_all()

    def _take(self, message_id: int | None, payload: dict[str, Any]) -> None:
        with self._lock:
            page = self._about.pop(message_id, "") if message_id is not None else ""
            if message_id in self._answers:
                self._answers[message_id] = payload
                self._lock.notify_all()
            elif payload.get("type") == "Error":
                self._failed.setdefault(_same(str(payload.get("message"))), []).append(page or "a page")


def _settled(bundle: Path, timeout: float = 10.0) -> None:
    """Wait until the bundle's files stop changing. Pagefind's service answers a write once it has handed the
    files over, and their last bytes reach the disk just after (the entry file was read empty at times)."""
    entry, last = bundle / PAGEFIND_ENTRY, None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            sizes: dict[Path, int] | None = {p: p.stat().st_size for p in bundle.rglob("*") if p.is_file()}
            json.loads(entry.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # a file gone or still being written
            sizes = None
        if sizes is not None and sizes == last:
            return
        last = sizes
        time.sleep(0.05)


def sort_languages(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in no fixed order (two trees: en and ja); in language
    order, the same pages give the same bytes (tests/test_security.py: reproducible builds)."""
    if entry.is_file():
        write_entry(entry, json.loads(entry.read_text(encoding="utf-8")))


def write_entry(entry: Path, data: dict[str, Any]) -> None:
    """Write a bundle's entry file, its languages in language order (``sort_languages``)."""
    data = {**data, "languages": dict(sorted(data.get("languages", {}).items()))}
    entry.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")

"""Rendered pages remembered between runs, keyed by everything each was made from.

A page's Markdown is a pure function of its template (and the templates it
imports), the generator's code and its context: the records it shows, its
place in the site, the options of the run. ``page_key`` hashes exactly that; a
page whose key is unchanged since the last run is taken from the cache instead
of being rendered again. That is what makes an edit to one record cost a few
pages, not the whole atlas (``atlas serve``, a second ``atlas build``).

Records are hashed once each, by value (``Digester``), and a context refers to
them by that hash, so hashing 10,000 contexts does not re-serialize the records
they share. The whole catalog is the one input too big to key every page by:
contexts carry it for the hub pages that count or list across the atlas. A page
whose template read ``page.cat`` while it rendered is stored with the digest of
the whole catalog and is reused only while the catalog is unchanged; templates
are deterministic, so a page that did not read it last time with the same key
will not read it now.

The cache lives under the project's cache folder (``.cache/atlas/``), named by
a hash of the generator's code, the templates, Python's version and the versions
of the libraries that shape every page (``LIBRARIES``); it is safe to delete. A cache that cannot be read is ignored: pages are rendered again.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import types
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from generator import cachefile
from generator.relate.catalog import Catalog


@dataclass(frozen=True, slots=True)
class Entry:
    key: bytes  # page_key of the context the content was rendered from
    catalog: bytes | None  # digest of the whole catalog when the template read it, else None
    data: bytes  # the page's source, UTF-8 (generator.render.page.RenderedPage)


#: Libraries whose output is part of every page: templates, escaping, Markdown, sanitizing.
LIBRARIES = ("jinja2", "markupsafe", "markdown", "nh3")


def version(templates: Path) -> str:
    """A name for the cache of pages rendered by this code from these templates."""
    return cachefile.source_digest(
        templates, (p for p in templates.rglob("*") if p.is_file()), [cachefile.package_digest(*LIBRARIES)]
    )


def _record(digest: bytes) -> None:
    """What a record stands for in a digested context (never called: its name and argument are hashed)."""


def _catalog() -> None:
    """What the catalog stands for in a digested context (never called)."""


def _function(name: str) -> None:
    """What a function (a column's accessor) stands for in a digested context (never called)."""


_MARKERS = (_record, _catalog, _function)  # pickled by name, as any module-level function


class Digester:
    """Stable hashes of page contexts, with each record hashed once by value.

    Records (instances of the classes in ``generator.read.model``) are replaced by the
    hash of their own pickle; the catalog by a marker (see the module docstring).
    The pickles are deterministic: the model holds tuples, dicts in insertion
    order, strings, numbers and dates, never sets.

    The replacing is the pickler's ``reducer_override``, which, unlike its
    ``persistent_id``, is not called for the strings, numbers, tuples and dicts that
    make up most of a context: a tenth of the render's time went into that call.
    """

    def __init__(self) -> None:
        self._records: dict[int, tuple[object, bytes]] = {}  # id → (record kept alive, digest)

    def _reduce(self, obj: object) -> Any:
        kind = type(obj)
        if kind is Catalog:
            return _catalog, ()
        if kind is types.FunctionType and obj not in _MARKERS:  # a column's accessor: its code is in the version
            code = obj.__code__  # type: ignore[attr-defined]  # every FunctionType has one
            return _function, (f"{code.co_filename}:{code.co_firstlineno}:{obj.__qualname__}",)  # type: ignore[attr-defined]
        if kind.__module__ == "generator.read.model":
            known = self._records.get(id(obj))
            if known is None:
                digest = hashlib.blake2b(pickle.dumps(obj, protocol=5), digest_size=16).digest()
                known = self._records[id(obj)] = (obj, digest)
            return _record, (known[1],)
        return NotImplemented

    def catalog(self, cat: Catalog) -> bytes:
        """The digest of everything in the catalog."""
        return self.digest(*(getattr(cat, f.name) for f in fields(cat)))

    def digest(self, *parts: Any) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self._reduce).dump(parts)
        return hashlib.blake2b(buffer.getbuffer(), digest_size=16).digest()


class _Pickler(pickle.Pickler):
    def __init__(self, buffer: io.BytesIO, reduce: Any) -> None:
        super().__init__(buffer, protocol=5)
        self.reducer_override = reduce  # type: ignore[method-assign]  # the documented hook, per instance


class PageCache:
    """Pages of the last run by source path; ``save`` keeps only this run's pages."""

    def __init__(self, path: Path | None, entries: dict[str, Entry]) -> None:
        self.path = path
        self.previous = entries
        self.current: dict[str, Entry] = {}

    @classmethod
    def open(cls, folder: Path | None, templates: Path, variant: str) -> PageCache:
        """The cache of pages for ``templates``; ``variant`` tells kinds of run apart (URL style)."""
        if folder is None:
            return cls(None, {})
        path = folder / f"pages-{variant}-{version(templates)}.pickle"
        return cls(path, cachefile.load(path))  # none that can be read: render everything

    def get(self, src: str, key: bytes, catalog: bytes) -> Entry | None:
        """The page ``src`` of the last run, if it was rendered from the same inputs."""
        entry = self.previous.get(src)
        if entry is None or entry.key != key or (entry.catalog is not None and entry.catalog != catalog):
            return None
        return entry

    def store(self, src: str, entry: Entry) -> None:
        self.current[src] = entry

    def save(self) -> None:
        """Write this run's pages, atomically; a cache that cannot be written is skipped."""
        if self.path is not None and self.current != self.previous:
            variant = self.path.name.rsplit("-", 1)[0]
            cachefile.save(self.path, self.current, replaces=f"{variant}-*.pickle")

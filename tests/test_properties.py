"""Property tests of the parts that take text from outside (docs/security.md): archive imports on arbitrary
names and bytes, quote matching on arbitrary bodies and texts, and the way every page and feed prints text.

The only outcomes allowed are a result or a refusal the code names (``ArchiveError``), never another
exception; nothing is written outside ``archive/``; and no output carries a raw control or bidirectional
character, whatever reaches it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.editing import archive
from generator.project import Project, check
from generator.read import characters, quotes
from generator.read.markup import md_text, plain_text, render_inline, render_markdown
from generator.read.model import Records
from generator.relate import history
from generator.relate.catalog import build_catalog
from generator.render import feeds
from generator.render.runner import make_environment
from generator.settings import AtlasSettings
from generator.site.engine import engine_title

from .conftest import REPO, copy_project

T = TypeVar("T")
PROPERTY = settings(
    max_examples=200,
    deadline=dt.timedelta(seconds=10),  # a hang guard, not a performance assertion
    suppress_health_check=[HealthCheck.too_slow],
)
#: Characters that matter here, made likely: controls, bidirectional and invisible ones, Markdown and HTML syntax.
HOSTILE = list("\x00\x07\x1b\x7f\x85\x9b\u061c\u200b\u200e\u200f\u202a\u202e\u2060\u2066\u2069\u2028\ufeff")
SYNTAX = [*"[]()*_`#>-|\\<>!&=+@'\"…./:; \t\r\n", "...", "[…]", "<script>", "](javascript:x)", "\n\n- ", "# "]
TEXT = st.lists(st.characters(codec="utf-8") | st.sampled_from(HOSTILE + SYNTAX), max_size=120).map("".join)
_TARGETS = ["../x", "/etc", "acme/../x", "acme/aup/x", "./acme", "acme/", "a/\x00", "a\u202e/b"]


def mostly(usual: st.SearchStrategy[T], other: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """``usual`` four times in five, else ``other``: so that most examples get past the first refusal."""
    return st.integers(0, 4).flatmap(lambda i: other if i == 0 else usual)


NAMES = mostly(st.just("acme/aup"), st.sampled_from(_TARGETS) | TEXT)


def _files_below(folder: Path) -> set[Path]:
    return {Path(d, f) for d, _, files in os.walk(folder) for f in files}


#: Provenance values: mostly what an editor gives, sometimes anything.
FIELD = mostly(st.sampled_from(["https://acme.example/aup", "CC-BY-4.0", "Acme", ""]), TEXT)
#: An archived text: prose as policies are written (Markdown, raw HTML and all), or any text, or any bytes.
_PLAIN = st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Zl", "Zp"))
PROSE = st.lists(_PLAIN | st.sampled_from(SYNTAX), max_size=150).map("".join)
ARCHIVED = mostly(PROSE.map(str.encode), TEXT.map(str.encode) | st.binary(max_size=300))


def _import(root: Path, to: str, texts: list[bytes], day: dt.date | None, fields: list[str]) -> list[Path]:
    """Plan and write ``texts`` as versions of ``to``, then add the first as a file: the files written, or []."""
    url, licence, title = fields
    given_file = root.parent / "given.md"
    given_file.write_bytes(texts[0])
    provenance = archive.Provenance(url, licence, title)
    try:
        folder = archive.folder_of(root, to)
        versions = [archive.Version(day, text, {"url": url, "title": title}, provenance) for text in texts]
        written = archive.write(folder, archive.plan(folder, versions))
        return written + archive.add_file(root, given_file, to, day, {"url": url}, provenance, effective=day)
    except archive.ArchiveError as exc:
        event(f"refused: {str(exc)[:60]}")
        return []


@PROPERTY
@given(
    to=NAMES,
    texts=st.lists(ARCHIVED, min_size=1, max_size=3),
    day=st.dates() | st.none(),
    fields=st.lists(FIELD, min_size=3, max_size=3),
)
def test_an_archive_import_stores_or_refuses_any_names_and_bytes(
    to: str, texts: list[bytes], day: dt.date | None, fields: list[str]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        root.mkdir()
        written = _import(root, to, texts, day, fields)
        event(f"wrote {len(written)} files")
        assert set(written) <= _files_below(root / "archive")
        assert _files_below(Path(tmp)) - _files_below(root / "archive") == {Path(tmp) / "given.md"}
        for path in written:
            assert path.resolve().is_relative_to((root / "archive").resolve()) and not path.is_symlink()
        if written:  # what was written is what `atlas check` reads as an archived version: no forbidden character
            assert all(not characters.FORBIDDEN_IN_ARCHIVE.search(p.read_text(encoding="utf-8")) for p in written)


@PROPERTY
@given(body=TEXT, text=st.lists(st.characters(codec="utf-8") | st.sampled_from(SYNTAX), max_size=1000).map("".join))
def test_quote_matching_answers_any_body_and_text(body: str, text: str) -> None:
    for excerpt in (True, False):
        miss = quotes.find(body, text, excerpt=excerpt)
        assert (miss is None) == quotes.occurs(body, text, excerpt=excerpt)
        assert (miss is None) == quotes.occurs_in(
            body, text, hashlib.sha256(text.encode()).hexdigest(), excerpt=excerpt
        )
        if miss is not None:
            assert miss.passage in quotes.passages(body, excerpt=excerpt) and isinstance(miss.nearest, str)
    assert quotes.find(text, text, excerpt=False) is None  # a text always holds itself


def _clean(output: str) -> bool:
    return characters.FORBIDDEN_IN_ARCHIVE.search(output) is None


@PROPERTY
@given(TEXT)
def test_no_page_prints_a_raw_control_character(text: str) -> None:
    env = make_environment(REPO / "site_templates" / "pages")
    template = env.from_string("{{ x }}|{{ x | md }}|{{ x | md_inline }}|{{ x | mdtext }}|<a title='{{ x }}'>")
    for output in (
        render_markdown(text),
        render_inline(text),
        md_text(text),
        plain_text(text),
        engine_title(text),
        template.render(x=text),
    ):
        assert _clean(str(output)), repr(output)


@functools.lru_cache(maxsize=1)
def _records() -> Records:
    root = copy_project("basic", Path(tempfile.mkdtemp(prefix="atlas-properties-")) / "project")
    return check(Project(root)).records


@PROPERTY
@given(title=TEXT, summary=TEXT, name=TEXT)
def test_no_feed_carries_a_raw_control_character(title: str, summary: str, name: str) -> None:
    records = _records()
    p = next(p for p in records.provisions if p.history)
    changed = dataclasses.replace(
        p, title=title, history=tuple(dataclasses.replace(h, summary=summary) for h in p.history)
    )
    platforms = tuple(dataclasses.replace(pl, name=name) if pl.id == p.platform else pl for pl in records.platforms)
    provisions = tuple(changed if q.id == p.id else q for q in records.provisions)
    cat = build_catalog(dataclasses.replace(records, provisions=provisions, platforms=platforms))
    changes = history.all_changes(cat.provisions.values(), {pl.id: pl.name for pl in cat.platforms.values()})
    rendered = feeds.render_feeds(
        cat,
        changes,
        feeds.feeds_of(cat, changes),
        directory_urls=True,
        settings=AtlasSettings(),
        day=dt.date(2026, 1, 1),
    )
    for path, xml in rendered:
        assert _clean(xml), path
        ET.fromstring(xml.encode("utf-8"))  # well-formed: XML allows no control character


@PROPERTY
@given(st.one_of(TEXT, st.text(st.characters(max_codepoint=0x7F), max_size=60)))
def test_visible_text_is_the_text_with_each_control_and_bidirectional_character_replaced(text: str) -> None:
    shown = characters.visible(text)
    assert shown == characters.FORBIDDEN_IN_ARCHIVE.sub(characters.REPLACEMENT, text)
    assert (shown is text) == (characters.FORBIDDEN_IN_ARCHIVE.search(text) is None)  # unchanged: the same object

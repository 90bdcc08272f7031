"""Atom feeds: valid against RFC 4287's requirements, stable ids, dates from the data, working links."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.render import feeds
from generator.render.runner import render_pages
from generator.settings import AtlasSettings
from generator.site.build import build
from tests.conftest import render_options

from .conftest import TODAY

A = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$")
#: RFC 4151: tag:<authority>,<date>:<specific>
TAG_URI = re.compile(r"^tag:[a-z0-9.-]+,\d{4}(?:-\d{2}(?:-\d{2})?)?:[\x21-\x7e]+$")

Write = Callable[[str, str | bytes], Path]


def files(root: Path, *, directory_urls: bool = True, today: dt.date = TODAY, **settings: str) -> dict[str, str]:
    result = check(Project(root))
    assert result.ok, [str(d) for d in result.diagnostics]
    options = render_options(directory_urls, settings=AtlasSettings(**settings), today=today)  # type: ignore[arg-type]
    return {p.src: p.content for p in render_pages(build_catalog(result.records), Project(root).templates, options)}


def atom_feeds(rendered: dict[str, str]) -> dict[str, ET.Element]:
    return {
        src: ET.fromstring(text.encode("utf-8"))
        for src, text in rendered.items()
        if src.startswith("feeds/") and not src.endswith("sitemap.xml")
    }


def is_rfc3339(value: str) -> bool:
    if not RFC3339.match(value):
        return False
    dt.datetime.fromisoformat(value.replace("Z", "+00:00"))  # a real date and time
    return True


def _exactly_one(parent: ET.Element, name: str, where: str, problems: list[str]) -> ET.Element | None:
    found = parent.findall(A + name)
    if len(found) != 1:
        problems.append(f"{where}: {len(found)} atom:{name} elements, need exactly 1")
        return None
    return found[0]


def _feed_problems(feed: ET.Element) -> list[str]:
    """RFC 4287 section 4.1.1: the feed element's own children."""
    problems: list[str] = []
    for name in ("id", "title", "updated"):
        _exactly_one(feed, name, "feed", problems)
    if len(feed.findall(A + "subtitle")) > 1 or len(feed.findall(A + "rights")) > 1:
        problems.append("feed: more than one subtitle or rights")
    feed_id = feed.find(A + "id")
    if feed_id is not None and not TAG_URI.match(feed_id.text or ""):
        problems.append(f"feed: id {feed_id.text!r} is not a tag: URI")
    updated = feed.find(A + "updated")
    if updated is not None and not is_rfc3339(updated.text or ""):
        problems.append(f"feed: updated {updated.text!r} is not an RFC 3339 date-time")
    links = feed.findall(A + "link")
    if not any(link.get("rel") == "self" for link in links):
        problems.append("feed: no link rel=self (SHOULD)")
    alternates = [
        (link.get("type"), link.get("hreflang")) for link in links if link.get("rel", "alternate") == "alternate"
    ]
    if len(alternates) != len(set(alternates)):
        problems.append("feed: two alternate links with the same type and hreflang")
    if not feed.findall(A + "author") and not all(e.findall(A + "author") for e in feed.findall(A + "entry")):
        problems.append("feed: no atom:author on the feed or on every entry")
    return problems


def _entry_problems(entry: ET.Element, where: str) -> list[str]:
    """RFC 4287 section 4.1.2: one entry."""
    problems: list[str] = []
    for name in ("id", "title", "updated"):
        _exactly_one(entry, name, where, problems)
    entry_id = entry.find(A + "id")
    if entry_id is not None and not TAG_URI.match(entry_id.text or ""):
        problems.append(f"{where}: id {entry_id.text!r} is not a tag: URI")
    for name in ("updated", "published"):
        stamp = entry.find(A + name)
        if stamp is not None and not is_rfc3339(stamp.text or ""):
            problems.append(f"{where}: {name} {stamp.text!r} is not an RFC 3339 date-time")
    has_content = entry.find(A + "content") is not None
    entry_alternates = [link for link in entry.findall(A + "link") if link.get("rel", "alternate") == "alternate"]
    if not has_content and not entry_alternates:
        problems.append(f"{where}: no content and no alternate link")
    if not has_content and entry.find(A + "summary") is None:
        problems.append(f"{where}: no summary (SHOULD, without content)")
    problems += [f"{where}: a link without href" for link in entry.findall(A + "link") if not link.get("href")]
    return problems


def rfc4287_problems(feed: ET.Element) -> list[str]:
    """What the feed breaks of RFC 4287's MUSTs (section 4.1.1 and 4.1.2), plus well-chosen SHOULDs."""
    if feed.tag != A + "feed":
        return [f"root element is {feed.tag}, not atom:feed"]
    problems = _feed_problems(feed)
    entries = feed.findall(A + "entry")
    for i, entry in enumerate(entries):
        problems += _entry_problems(entry, f"entry {i}")
    ids = [e.text for entry in entries if (e := entry.find(A + "id")) is not None]
    if len(ids) != len(set(ids)):
        problems.append("feed: entry ids repeat")
    return problems


def entries(feed: ET.Element) -> list[ET.Element]:
    return feed.findall(A + "entry")


def text(el: ET.Element, name: str) -> str:
    found = el.find(A + name)
    assert found is not None and found.text is not None, name
    return found.text


def test_four_kinds_of_feed_all_valid(basic: Path) -> None:
    parsed = atom_feeds(files(basic))
    assert sorted(parsed) == [
        "feeds/atlas.xml",
        "feeds/categories/child-safety.xml",
        "feeds/categories/model-extraction.xml",
        "feeds/categories/violent-extremism.xml",
        "feeds/platforms/acme.xml",
        "feeds/platforms/globex.xml",
        "feeds/platforms/initech.xml",
        "feeds/provisions/acme/csam-generation.xml",
        "feeds/provisions/acme/no-extraction.xml",
        "feeds/provisions/globex/minors.xml",
        "feeds/provisions/globex/terrorism.xml",
        "feeds/provisions/initech/extremism.xml",
    ]
    for src, feed in parsed.items():
        assert rfc4287_problems(feed) == [], src
    counts = {src: len(entries(feed)) for src, feed in parsed.items()}
    assert counts == {
        "feeds/atlas.xml": 7,
        "feeds/categories/child-safety.xml": 1,
        "feeds/categories/model-extraction.xml": 1,
        "feeds/categories/violent-extremism.xml": 5,
        "feeds/platforms/acme.xml": 2,
        "feeds/platforms/globex.xml": 3,
        "feeds/platforms/initech.xml": 2,
        # one provision's feed: its own history and the changes found in the archive, nothing else
        "feeds/provisions/acme/csam-generation.xml": 1,
        "feeds/provisions/acme/no-extraction.xml": 1,
        "feeds/provisions/globex/minors.xml": 0,
        "feeds/provisions/globex/terrorism.xml": 3,
        "feeds/provisions/initech/extremism.xml": 2,
    }


def test_entries_newest_first_and_dates_come_from_history(basic: Path) -> None:
    atlas = atom_feeds(files(basic))["feeds/atlas.xml"]
    stamps = [text(e, "updated") for e in entries(atlas)]
    assert stamps == sorted(stamps, reverse=True)
    assert stamps[0] == "2025-06-10T00:00:00Z" == text(atlas, "updated")
    assert [text(e, "id") for e in entries(atlas)][2:5] == [
        "tag:provision-atlas.invalid,2026:provisions/acme/csam-generation/2025-04-01",
        "tag:provision-atlas.invalid,2026:provisions/initech/extremism/2025-04-01",
        "tag:provision-atlas.invalid,2026:provisions/initech/extremism/2025-04-01-2",  # same day, second change
    ]


def test_ids_and_bytes_stable_across_builds_days_and_hosts(basic: Path) -> None:
    first = files(basic)
    again = files(basic, today=dt.date(2031, 1, 1))
    hosted = files(basic, site_url="https://atlas.example.org/")
    for src, feed in atom_feeds(first).items():
        assert first[src] == again[src], f"{src} depends on the build date"
        hosted_feed = atom_feeds(hosted)[src]
        assert [text(e, "id") for e in entries(feed)] == [text(e, "id") for e in entries(hosted_feed)]
        assert text(feed, "id") == text(hosted_feed, "id")


def test_links_are_relative_without_site_url_and_absolute_with_it(basic: Path) -> None:
    relative = atom_feeds(files(basic))["feeds/platforms/globex.xml"]
    hrefs = [link.get("href") for link in relative.iter(A + "link")]
    assert hrefs[:2] == ["globex.xml", "../../platforms/globex/"]
    assert "../../provisions/globex/terrorism/#change-2025-06-10" in hrefs
    absolute = atom_feeds(files(basic, site_url="https://atlas.example.org/sub"))["feeds/platforms/globex.xml"]
    hrefs = [link.get("href") for link in absolute.iter(A + "link")]
    assert hrefs[:2] == [
        "https://atlas.example.org/sub/feeds/platforms/globex.xml",
        "https://atlas.example.org/sub/platforms/globex/",
    ]
    assert "https://atlas.example.org/sub/provisions/globex/terrorism/#change-2025-06-10" in hrefs


def test_entry_carries_summary_categories_and_the_word_diff(basic: Path) -> None:
    globex = atom_feeds(files(basic))["feeds/platforms/globex.xml"]
    newest = entries(globex)[0]
    assert text(newest, "title") == "Globex: Terrorism & violent extremism (changed 2025-06-10)"
    assert [c.get("term") for c in newest.findall(A + "category")] == ["violent-extremism"]
    summary = newest.find(A + "summary")
    assert summary is not None and summary.get("type") == "html"
    assert "<del>[-support or-]</del>" in (summary.text or "")
    assert "&amp; dropped" in (summary.text or "")  # record text escaped inside the HTML


def test_an_empty_feed_takes_the_newest_change_in_the_atlas(basic: Path, write: Write) -> None:
    categories = (basic / "content/categories.yaml").read_text()
    write("content/categories.yaml", categories + "- id: unused\n  title: Unused\n  description: Nothing here.\n")
    feed = atom_feeds(files(basic))["feeds/categories/unused.xml"]
    assert rfc4287_problems(feed) == []
    assert entries(feed) == [] and text(feed, "updated") == "2025-06-10T00:00:00Z"


def test_markup_in_titles_stays_text(basic: Path, write: Write) -> None:
    path = basic / "provisions/initech/extremism.yaml"
    write(str(path.relative_to(basic)), path.read_text().replace("title: Violent extremism", "title: '<b>x</b> & y'"))
    feed = atom_feeds(files(basic))["feeds/platforms/initech.xml"]
    assert text(entries(feed)[0], "title") == "Initech: <b>x</b> & y (changed 2025-04-01)"


def test_feed_link_in_head_and_every_feed_link_resolves(basic: Path) -> None:
    assert build(Project(basic)).ok
    site = basic / "site"
    head = '<link rel="alternate" type="application/atom+xml" title="Provision Atlas: changes to Globex&#39;s policies" href="../../feeds/platforms/globex.xml">'
    assert head in (site / "platforms/globex/index.html").read_text()
    assert 'href="../../feeds/categories/child-safety.xml"' in (site / "categories/child-safety/index.html").read_text()
    assert (
        'type="application/atom+xml" title="Provision Atlas: what changed" href="feeds/atlas.xml"'
        in (site / "index.html").read_text()
    )
    assert (site / "feeds/sitemap.xml").is_file()  # answers the theme's probe beside a rel=alternate link
    for feed_path in sorted(site.glob("feeds/**/*.xml")):
        if feed_path.name == "sitemap.xml":
            continue
        feed = ET.parse(feed_path).getroot()
        rel = feed_path.relative_to(site).as_posix()
        for link in feed.iter(A + "link"):
            parts = urllib.parse.urlsplit(link.get("href", ""))
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), parts.path))
            page = site / target / "index.html" if parts.path.endswith("/") else site / target
            assert page.is_file(), (rel, link.get("href"))
            if parts.fragment:
                assert f'id="{parts.fragment}"' in page.read_text(), (rel, link.get("href"))


def test_file_url_builds_keep_the_visible_link_but_not_the_head_link(basic: Path) -> None:
    rendered = files(basic, directory_urls=False)
    page = rendered["platforms/globex.md"]
    assert "feed:" not in page.split("---")[1]
    assert '<a class="atlas-feed" href="../feeds/platforms/globex.xml" type="application/atom+xml">' in page


@pytest.mark.parametrize("key", ["2025-04-01", "2025-04-01-2"])
def test_entry_id_shape(key: str) -> None:
    assert TAG_URI.match(f"{feeds.TAG_PREFIX}provisions/acme/x/{key}")


def test_without_any_change_feeds_are_empty_and_dated_by_the_data(basic: Path, write: Write) -> None:
    from .test_history import _drop_history

    for path in (basic / "provisions").rglob("*.yaml"):
        write(str(path.relative_to(basic)), _drop_history(path.read_text()))
    for src, feed in atom_feeds(files(basic)).items():
        assert rfc4287_problems(feed) == [], src
        assert entries(feed) == [] and text(feed, "updated") == "2026-11-02T00:00:00Z"  # the build date (TODAY)

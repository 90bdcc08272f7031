"""What of a page the search index reads (generator.site.searchpage)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site import searchpage
from generator.site.build import Project, build
from generator.site.searchindex import SearchIndex

PAGE = (
    '<!doctype html><html lang="en" class="no-js"><head><title>T</title></head><body>'
    '<nav><a href="/">Home</a></nav><div class="md-content">'
    '<article class="md-typeset" data-pagefind-body><h1>T</h1><article><p>inner</p></article>'
    "<p>words</p></ARTICLE></div><footer>f</footer></body></html>"
)


def test_pagefind_is_handed_the_article_and_the_language_only() -> None:
    assert searchpage.indexed_part(PAGE) == (
        '<html lang="en" class="no-js"><body><article class="md-typeset" data-pagefind-body><h1>T</h1>'
        "<article><p>inner</p></article><p>words</p></ARTICLE></body></html>"
    )
    assert searchpage.indexed_part(PAGE.replace(" data-pagefind-body", "")) is None  # left out, as Pagefind would
    # marks outside the article (metadata, filters) are Pagefind's to read: the page goes whole
    marked = PAGE.replace("<footer>", '<footer data-pagefind-meta="x">')
    assert searchpage.indexed_part(marked) == marked
    unclosed = PAGE.replace("</ARTICLE>", "")
    assert searchpage.indexed_part(unclosed) == unclosed


@pytest.mark.parametrize(
    ("html", "indexed"),
    [
        # an excluded element goes with all it holds, the elements of its own name within it too
        (
            '<p>a</p>\n<div class="atlas-cite">\n<div class="atlas-cite-format"><p>x</p></div><pre>y</pre></div>\n<p>b</p>',
            "<p>a</p>\n\n<p>b</p>",
        ),
        # one class of several; an h2's permalink sign; a table's caption
        ('<ul class="atlas-list atlas-listing"><li>x</li></ul><p>b</p>', "<p>b</p>"),
        (
            '<h2 id="t">Text<a class="headerlink" href="#t" title="Permanent link">&para;</a></h2>',
            '<h2 id="t">Text</h2>',
        ),
        ("<table><caption>Cap</caption><tr><td>c</td></tr></table>", "<table><tr><td>c</td></tr></table>"),
        # an element with no end tag goes alone
        ('<img class="atlas-edit" src="x.png"><p>a</p><br class="atlas-edit"/>', "<p>a</p>"),
        # what only looks like one stays: another class, another attribute, a longer name, text
        ('<div class="atlas-cite-format"><p>x</p></div>', '<div class="atlas-cite-format"><p>x</p></div>'),
        ('<div data-class="atlas-cite"><p>x</p></div>', '<div data-class="atlas-cite"><p>x</p></div>'),
        ('<captions>x</captions><p>class="atlas-cite"</p>', '<captions>x</captions><p>class="atlas-cite"</p>'),
        # an excluded element with an id stays: Pagefind keeps the id as an anchor of the page, though not its text
        ('<ul class="atlas-listing"\nid="m"><li>x</li></ul>', None),
        # an excluded element not closed: where it ends is Pagefind's to judge, so nothing is cut
        ('<p>a</p><span class="headerlink">x</span><div class="atlas-others"><p>x</p>', None),
    ],
)
def test_excluded_elements_are_cut_before_the_page_is_sent(html: str, indexed: str | None) -> None:
    assert searchpage.without_excluded(html) == (html if indexed is None else indexed)


def test_an_index_of_pages_cut_is_the_index_of_pages_whole(
    basic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind leaves the excluded elements out itself: cutting them first changes no byte of the bundle."""
    assert build(Project(basic)).ok
    site = basic / "site"
    pages = [(p.relative_to(site).as_posix(), p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))]
    assert sum(searchpage.without_excluded(html) != html for _, html in pages) > 20

    def bundle(out: Path) -> dict[str, bytes]:
        with SearchIndex.open() as index:
            for path, html in pages:
                index.add(path, html)
            assert index.write(out) == ()
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}

    cut = bundle(tmp_path / "cut")
    monkeypatch.setattr(searchpage, "without_excluded", lambda html: html)
    whole = bundle(tmp_path / "whole")
    assert len(cut) > 20 and cut == whole

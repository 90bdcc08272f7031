"""A generated page's front matter, read line by line, gives what MkDocs' own reader (PyYAML) gives, or is left
to it."""

from __future__ import annotations

from typing import Any

from hypothesis import event, given, settings
from hypothesis import strategies as st
from mkdocs.utils import meta

from generator.render.page import Alternate, Layout, PageSource
from generator.site.engine import _front_matter, frontmatter, page_source

BODY = "# Heading\n\nSome text.\n"

#: What the generator writes as front matter values, and what it might (numbers, nesting, any text).
_VALUES = st.recursive(
    st.none() | st.booleans() | st.text() | st.integers() | st.floats(allow_nan=True),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
_KEYS = st.sampled_from(["hide", "feed_title", "languages", "on", "no", "null", "Title", "body-lang", "x"])


@settings(max_examples=400, deadline=None)
@given(title=st.none() | st.text(), extra=st.dictionaries(_KEYS, _VALUES, max_size=4))
def test_read_gives_what_the_engine_s_reader_gives_or_leaves_it_to_that(
    title: str | None, extra: dict[str, Any]
) -> None:
    source = _front_matter(title, extra) + BODY
    fast = frontmatter.read(source)
    event("read here" if fast is not None else "left to PyYAML")
    if fast is not None:
        assert fast == meta.get_data(source)


@settings(max_examples=200, deadline=None)
@given(line=st.text(max_size=40))
def test_any_line_is_read_the_same_or_left(line: str) -> None:
    source = f"---\n{line}\n---\n\n{BODY}"
    fast = frontmatter.read(source)
    if fast is not None:
        assert fast == meta.get_data(source)


def test_the_pages_the_generator_writes_are_read_here() -> None:
    """In English and in Japanese, with a feed, alternates and a hidden navigation: no YAML parser needed."""
    alternates = (
        Alternate("en", "English", "../../provisions/x/", False),
        Alternate("ja", "日本語", "./", True),
    )
    page = PageSource(
        title="児童の安全 — “quoted” & <b>",
        body=BODY,
        generated=True,
        layout=Layout(navigation=False, searchable=False),
        feed="feeds/x.xml",
        feed_title="Provision Atlas: 児童の安全",
        alternates=alternates,
        hreflang=True,
    )
    source = page_source(page)
    assert frontmatter.read(source) == meta.get_data(source)
    assert meta.get_data(source)[1]["languages"] == [{"lang": "en", "name": "English", "href": "../../provisions/x/"}]


def test_what_yaml_reads_otherwise_is_left_to_it() -> None:
    for source in (
        '---\ntitle: "a\u2028b"\n---\n\nx\n',  # a line break of YAML's own
        'title: "no front matter"\n\nx\n',
        '---\nfeed_title: "\\ud83d\\ude00"\n---\n\nx\n',  # JSON joins the surrogates, PyYAML does not
        "---\nhide: 1e5\n---\n\nx\n",  # a number: YAML 1.1 reads this one as a string
        '---\non: "x"\n---\n\nx\n',  # a key YAML 1.1 reads as true
        "---\ntitle: plain words\n---\n\nx\n",  # YAML, but not JSON
    ):
        assert frontmatter.read(source) is None, source

"""Embeds: a category comparison as a small self-contained page for an iframe, and the code to copy."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.render import embeds, urls
from generator.settings import AtlasSettings

from .conftest import catalog
from .test_feeds import files

#: Elements without an end tag.
VOID = {"meta", "link", "br", "img", "hr", "input", "source", "wbr", "col", "area", "base", "embed", "track"}
HOSTED = "https://atlas.example.org/sub/"


@dataclass
class Parsed(HTMLParser):
    """One document read with html.parser: its elements must nest and close, as written."""

    doctype: str = ""
    open: list[str] = field(default_factory=list)
    tags: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    text: dict[str, str] = field(default_factory=dict)  # the text of title and h1
    problems: list[str] = field(default_factory=list)
    links: list[tuple[dict[str, str], str]] = field(default_factory=list)  # each <a>: attributes, text

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.tags.append((tag, values))
        if tag == "a":
            self.links.append((values, ""))
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] in ("title", "h1"):
            self.text[self.open[-1]] = self.text.get(self.open[-1], "") + data
        if "a" in self.open and self.links:
            attrs, text = self.links[-1]
            self.links[-1] = (attrs, text + data)


def parsed(document: str) -> Parsed:
    doc = Parsed()
    doc.feed(document)
    doc.close()
    return doc


def test_every_category_has_its_embed_in_both_url_styles(basic: Path) -> None:
    cat = catalog(basic)
    for directory_urls in (True, False):
        made = {src for src in files(basic, directory_urls=directory_urls) if src.startswith("embed/")}
        assert made == {f"embed/{c}/index.html" for c in cat.categories}


@pytest.mark.parametrize("directory_urls", [True, False])
def test_an_embed_is_valid_self_contained_html_that_links_back(basic: Path, directory_urls: bool) -> None:
    cat = catalog(basic)
    rendered = files(basic, directory_urls=directory_urls)
    page = ".html" if not directory_urls else "/"
    for c in cat.categories.values():
        doc = parsed(rendered[embeds.embed_path(c.id)])
        assert doc.doctype.lower() == "doctype html"
        assert doc.problems == [] and doc.open == []
        names = [tag for tag, _ in doc.tags]
        assert [names.count(t) for t in ("html", "head", "body", "title", "h1", "style")] == [1] * 6
        assert dict(doc.tags)["html"] == {"lang": "en"}
        assert doc.text["title"] == f"{c.title}: how every platform handles this - Provision Atlas"
        assert doc.text["h1"] == c.title
        # nothing runs and nothing is loaded: no script, no stylesheet link, no src, no inline event handler
        assert not {"script", "link", "iframe", "img", "object", "embed"} & set(names)
        assert not [a for _, attrs in doc.tags for a in attrs if a == "src" or a.startswith("on") or a == "style"]
        # every link opens in the top window; one leads back to the full comparison
        assert doc.links and all(attrs.get("target") == "_top" for attrs, _ in doc.links)
        back = [attrs["href"] for attrs, text in doc.links if text == "See the full comparison on Provision Atlas"]
        assert back == [f"../../categories/{c.id}{page}"]
        hrefs = {attrs["href"] for attrs, _ in doc.links}
        assert {f"../../provisions/{p.id}{page}" for p in cat.by_category.get(c.id, ())} <= hrefs


def test_an_embed_says_status_and_exposure_in_words(basic: Path) -> None:
    document = files(basic)["embed/violent-extremism/index.html"]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.unescape(document)))
    assert "a provision is recorded on 2 of 3 platforms" in text
    # Globex: two provisions in one row group, one of them not rated; Initech rated medium; Acme has none
    assert 'rowspan="2">Globex</th>' in document
    rows = [
        "Globex Child safety Excerpt Exposure: high",
        "Terrorism & violent extremism Verbatim text Exposure not rated",
        "Initech Violent extremism Paraphrase Exposure: medium",
    ]
    assert " ".join(rows) in text
    assert "No provision recorded: Acme AI." in text


def test_embed_links_are_absolute_with_a_site_url(basic: Path) -> None:
    rendered = files(basic, site_url=HOSTED)
    doc = parsed(rendered["embed/model-extraction/index.html"])
    hrefs = [attrs["href"] for attrs, _ in doc.links]
    assert hrefs == [
        "https://atlas.example.org/sub/provisions/acme/no-extraction/",
        "https://atlas.example.org/sub/categories/model-extraction/",
        "https://atlas.example.org/sub/",
    ]
    offline = parsed(files(basic, directory_urls=False, site_url=HOSTED)["embed/model-extraction/index.html"])
    back = "https://atlas.example.org/sub/categories/model-extraction.html"
    assert [attrs["href"] for attrs, _ in offline.links][1] == back


def _embed_code(page: str) -> str:
    match = re.search(r'<pre id="embed-code" data-embed-src="([^"]*)">(.*?)</pre>', page, re.DOTALL)
    assert match, "the category page shows no embed code"
    return html.unescape(match.group(2))


def test_the_category_page_shows_the_iframe_to_copy(basic: Path) -> None:
    page = files(basic)["categories/violent-extremism.md"]
    code = _embed_code(page)
    assert code == (
        '<iframe src="../../embed/violent-extremism/" title="Violent extremism: how every platform handles this'
        ' (Provision Atlas)" width="100%" height="320" loading="lazy"></iframe>'
    )
    doc = parsed(code)
    assert doc.problems == [] and [tag for tag, _ in doc.tags] == ["iframe"]
    assert '<a href="../../embed/violent-extremism/">See the embed on its own</a>' in page
    assert 'aria-describedby="embed-code-label">Copy</button>' in page  # the copy button of the cite formats
    hosted = _embed_code(files(basic, site_url=HOSTED)["categories/violent-extremism.md"])
    assert 'src="https://atlas.example.org/sub/embed/violent-extremism/"' in hosted
    offline = files(basic, directory_urls=False)["categories/violent-extremism.md"]
    assert 'src="../embed/violent-extremism/index.html"' in _embed_code(offline)
    assert '<a href="../embed/violent-extremism/index.html">See the embed on its own</a>' in offline


def test_the_frame_grows_with_the_comparison_up_to_a_limit(basic: Path) -> None:
    c = catalog(basic).categories["child-safety"]
    here = urls.Linker("categories/child-safety.md")
    settings = AtlasSettings()
    heights = [embeds.embed_code(c, n, here=here, settings=settings).height for n in (0, 1, 10, 1000)]
    assert heights == [embeds.BASE_HEIGHT, 240, 600, embeds.MAX_HEIGHT]
    quoted = embeds.EmbedCode(src='x"y', title="A & B", height=9, preview="").snippet
    assert quoted == '<iframe src="x&quot;y" title="A &amp; B" width="100%" height="9" loading="lazy"></iframe>'

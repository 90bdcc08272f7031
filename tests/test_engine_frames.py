"""Material's page made once per shape of page and filled in (generator/site/engine/frames.py): every page is the
page its template renders, whether filled in or rendered, and a shape whose words a template does not print as
they are is rendered as always. The fast build of the fixture is the slow one file for file
(tests/test_engine_shortcuts.py); at 10,000 provisions every page of the bench's corpus was (docs/performance.md)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import jinja2
import pytest

from generator.site.engine.frames import Frames, framed, shape

#: A page template printing what Material's does of a page: its title (as it is, escaped, stripped of tags), the
#: skip link to its title heading, the table of contents below it, the front matter's feed and alternates, the
#: content (with a title heading where it has none), and what shows its shape (a hidden sidebar).
PAGE = """<title>{{ page.title | striptags }}</title><h2>{{ page.meta.title }}</h2>
{%- if page.toc | first is defined %}<a href="#{{ (page.toc | first).id }}">skip</a>{% endif %}
{%- for entry in (page.toc | first).children %}<li>{{ entry.title }}</li>{% endfor %}
{%- if page.meta.feed %}<link title="{{ page.meta.feed_title | e }}" href="{{ page.meta.feed | e }}">{% endif %}
{%- for other in page.meta.hreflang %}<link hreflang="{{ other.lang }}" href="{{ other.href | e }}">{% endfor %}
{%- if "toc" in page.meta.hide %}<nav hidden>{% endif %}<a href="{{ page.edit_url }}">edit</a>
{%- if "<h1" not in page.content %}<h1>{{ page.title }}</h1>{% endif %}{{ page.content }}"""


class Page(SimpleNamespace):
    """What the engine's page gives a template; its title is its front matter's, as the engine's is."""

    @property
    def title(self) -> str:
        return str(self.meta["title"])


def _page(n: int, *, title: str = "", folder: str = "provisions", hide: tuple[str, ...] = ()) -> Page:
    title = title or f"Provision {n} on words"
    toc = [SimpleNamespace(id=f"provision-{n}", title=title, level=1, children=[_entry("Text"), _entry("Note")])]
    meta = {
        "title": title,
        "hide": list(hide),
        "feed": f"../../feeds/p{n}.xml",
        "feed_title": f"Atlas: {title}",
        "hreflang": [{"lang": "en", "href": "./"}, {"lang": "ja", "href": f"../../ja/{folder}/p{n}/"}],
    }
    content = f"<p>Words of page {n}, with <em>markup</em> &amp; all.</p>"
    return Page(
        url=f"{folder}/p{n}/",
        meta=meta,
        content=content,
        toc=toc,
        canonical_url=None,
        edit_url=f"https://example.org/edit/main/{folder}/p{n}.yaml",
        previous_page=None,
        next_page=None,
        is_homepage=False,
    )


def _entry(title: str) -> SimpleNamespace:
    return SimpleNamespace(id=title.lower(), title=title, level=2, children=[])


def _framing(template: str) -> tuple[jinja2.Template, jinja2.Template, Frames]:
    """The template as the engine renders it, and the same template filled in by ``Frames``."""
    plain = jinja2.Environment().from_string(template)
    filled = jinja2.Environment().from_string(template)
    frames = Frames()
    framed(filled, lambda page: page.url.split("/")[0], frames)
    return plain, filled, frames


def test_a_shape_is_filled_in_from_its_fourth_page_on_to_the_very_page_rendered() -> None:
    plain, filled, frames = _framing(PAGE)
    pages = [_page(n) for n in range(6)] + [_page(6, hide=("toc",)), _page(7, folder="platforms")]
    for page in pages:
        assert filled.render(page=page) == plain.render(page=page)
    # the first page of a shape is rendered; the second is probed and rendered; the third rendered to prove it
    assert (frames.filled, frames.failed) == (3, 0)


def test_a_shape_whose_words_are_changed_by_its_template_is_rendered_as_always() -> None:
    plain, filled, frames = _framing(PAGE + "{{ page.meta.feed_title | upper }}")
    for n in range(6):
        assert filled.render(page=_page(n)) == plain.render(page=_page(n))
    assert (frames.filled, frames.failed) == (0, 1)


def test_what_a_page_holds_that_the_probe_does_not_stand_for_fails_its_shape() -> None:
    """The page's address is no word of its: the probe made from the second page holds the second's, which the
    third page shows up."""
    plain, filled, frames = _framing(PAGE + "{{ page.url }}")
    for n in range(6):
        assert filled.render(page=_page(n)) == plain.render(page=_page(n))
    assert (frames.filled, frames.failed) == (0, 1)


@pytest.mark.parametrize(
    "title",
    ["Fish &amp; chips", "A <em>title</em>", "Two  spaces", " Leading", "Quoted 'words'", 'Say "so"', "Line\nbreak"],
)
def test_a_page_whose_words_are_not_plain_is_rendered_as_always(title: str) -> None:
    assert shape(_page(1, title=title), "provisions") is None
    plain, filled, frames = _framing(PAGE)
    pages = [_page(n) for n in range(4)] + [_page(4, title=title)]
    for page in pages:
        assert filled.render(page=page) == plain.render(page=page)
    assert frames.filled == 1  # the fourth plain page; the last was rendered


def test_the_shape_holds_what_a_template_tests_and_not_the_words() -> None:
    def key(page: Page) -> Any:
        found = shape(page, "provisions")
        assert found is not None
        return found.key

    assert key(_page(1)) == key(_page(2))
    assert key(_page(1)) != key(_page(1, hide=("toc",)))
    titled = _page(1)
    titled.content = "<h1 id='x'>Own title</h1>" + titled.content
    assert key(titled) != key(_page(1))
    other = _page(2)
    other.toc[0].children.append(_entry("Sources"))
    assert key(other) != key(_page(1))


def test_a_page_in_a_sequence_or_with_its_own_template_is_rendered_as_always() -> None:
    for change in ({"previous_page": object()}, {"is_homepage": True}):
        assert shape(Page(**{**vars(_page(1)), **change}), "provisions") is None
    page = _page(1)
    page.meta["template"] = "other.html"
    assert shape(page, "provisions") is None


def test_a_template_that_fails_on_a_probe_renders_its_shape_as_always() -> None:
    """A template that reads into a word (here: a feed's folder) fails on the probe, which has none: the shape's
    pages are rendered as always, as the engine renders them."""
    plain, filled, frames = _framing(PAGE + "{{ page.meta.feed.split('/')[2] }}")
    for n in range(5):
        assert filled.render(page=_page(n)) == plain.render(page=_page(n))
    assert (frames.filled, frames.failed) == (0, 1)

"""Material's whole page made once per *shape* of page and filled in with each page's own words (decision 0011).

A page outside the navigation differs from another of its kind, in the page Material makes around its content,
only by a few words: its title (the head's ``<title>``, the header), its content, the id its skip link leads to
(the title heading's), its canonical and edit addresses, and what the generator's front matter names of it
alone (its feed and the feed's title, the same page's address in each language). Everything else (the
navigation, the table of contents, the scripts, which parts are shown) depends on what the page's *shape* holds:
where it is (``links``, engine/shortcuts.py), the headings below its title, which front-matter keys it has and
their other values. So the page is rendered once per shape with a *probe* (a token no page holds) in each of
those places, and every later page of the shape is the probe's page with its own words put in the tokens' places.

The words must be *plain* (no character an escape, ``striptags`` or whitespace folding would change: they are
printed as they are wherever a template prints them). A shape is trusted only once it has proved itself on two
pages. Its first page is rendered as always. Its second is rendered as always and also probed, and the probe
filled in with that page's words must give that very page. Its third is rendered as always too and must come out
of the probe the same way (a per-page value the probe does not stand for was printed as the second page's, and
shows there). Only from the fourth page on are pages filled in; a shape that fails (or whose probe a template
fails on) is rendered as always from then on. ``tests/test_engine_frames.py`` holds the filling to the
template's own pages; ``tests/test_engine_shortcuts.py`` the fast build to the engine's own, file for file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

#: The probe of the n-th word: plain, and in no page.
TOKEN = "Atlasframeslot{}z"
#: Words every template prints as they are: no character an escape or ``striptags`` changes, single spaces only.
_PLAIN = re.compile(r"[^<>&\"'\s]+(?: [^<>&\"'\s]+)*\Z")
#: The front matter the generator writes (engine.page_source) whose words are a page's own: a key whose value is
#: printed (a string), or a list of mappings, of which the fields named are printed. Any other key's value is
#: part of the shape.
PRINTED = {"title": (), "feed": (), "feed_title": (), "hreflang": ("href",), "languages": ("href", "name")}

_Place = tuple[Any, Any]  # (a mapping or an object, its key or attribute): where a word sits


@dataclass(slots=True)
class _Frame:
    """A shape's page with probes: its text between the words, and which word goes between each two."""

    between: list[str]
    words: list[int]
    proved: int = 0  # pages it gave right (2: trusted)

    def fill(self, words: list[str]) -> str:
        out = [self.between[0]]
        for index, text in zip(self.words, self.between[1:], strict=True):
            out += (words[index], text)
        return "".join(out)


@dataclass(frozen=True, slots=True)
class Shape:
    key: Hashable
    places: list[_Place]  # where each word sits: the content first
    words: list[str]


def shape(page: Any, links: Hashable) -> Shape | None:
    """The page's shape and words, or None for a page rendered as always (its own template, a page in a
    sequence, words that are not plain, headings the table of contents prints with more than their titles)."""
    meta = page.meta
    if "title" not in meta or "title" in vars(page) or "template" in meta or not page.content:
        return None
    if page.previous_page is not None or page.next_page is not None or page.is_homepage:
        return None
    places: list[_Place] = [(page, "content")]
    frozen = []
    for name, value in meta.items():
        fields = PRINTED.get(name)
        if fields is None:
            frozen.append((name, _frozen(value)))
        elif not fields and isinstance(value, str):
            places.append((meta, name))
        elif fields and isinstance(value, list) and all(isinstance(item, dict) for item in value):
            frozen.append((name, tuple(_frozen({k: None if k in fields else v for k, v in i.items()}) for i in value)))
            places += [(item, field) for item in value for field in fields if field in item]
        else:
            return None
    below = headings_below(page)
    if below is None:
        return None
    toc = list(page.toc)
    heading = toc[0] if toc and toc[0].level == 1 else None
    if heading is not None:
        places += [(heading, "id"), (heading, "title")]
    places += [(page, name) for name in ("canonical_url", "edit_url") if getattr(page, name) is not None]
    words = [_get(place) for place in places]
    if not all(isinstance(word, str) and _PLAIN.match(word) for word in words[1:]):
        return None
    titled = "<h1" in words[0]  # Material adds a title heading to content that has none
    key = (links, tuple(frozen), below, heading is not None, page.canonical_url is None, page.edit_url is None, titled)
    return Shape(key, places, words)


def _get(place: _Place) -> Any:
    owner, name = place
    return owner[name] if isinstance(owner, dict) else getattr(owner, name)


def _set(place: _Place, value: Any) -> None:
    owner, name = place
    if isinstance(owner, dict):
        owner[name] = value
    else:
        setattr(owner, name, value)


def _frozen(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value if isinstance(value, Hashable) else repr(value)


def headings_below(page: Any) -> Hashable | None:
    """What Material's table of contents prints of a page: the entries it shows (ids, titles, levels), nothing else;
    None where an entry carries more (the typeset plugin's titles), to be rendered as always. (The table of
    contents' memo key, engine/shortcuts.py, and part of a page's shape.)"""

    def entries(items: Any) -> tuple[Any, ...] | None:
        out = []
        for item in items:
            children = entries(item.children)
            if children is None or hasattr(item, "typeset"):
                return None
            out.append((item.id, item.title, item.level, children))
        return tuple(out)

    shown = list(page.toc)
    if shown and shown[0].level == 1:  # the page's title: Material shows the headings below it only
        shown = shown[0].children
    return entries(shown)


class Frames:
    """Each shape's frame, made and proved as the pages come (see the module). ``filled`` counts the pages made
    by filling a frame in; ``failed`` the shapes that did not prove themselves."""

    def __init__(self) -> None:
        self._seen: set[Hashable] = set()
        self._frames: dict[Hashable, _Frame | None] = {}  # None: a shape that failed
        self.filled = 0
        self.failed = 0

    def page(self, found: Shape, render: Callable[[], str]) -> str:
        """The page of ``found``'s shape; ``render`` renders it as always."""
        key = found.key
        if key not in self._seen:  # the first page of its shape (most shapes have but one)
            self._seen.add(key)
            return render()
        if key not in self._frames:
            self._frames[key] = _probed(found, render)
            if self._frames[key] is None:
                self.failed += 1
        frame = self._frames[key]
        if frame is None:
            return render()
        if frame.proved >= 2:
            self.filled += 1
            return frame.fill(found.words)
        made = render()
        if frame.fill(found.words) == made:
            frame.proved += 1
        else:
            self._frames[key] = None
            self.failed += 1
        return made


def _probed(found: Shape, render: Callable[[], str]) -> _Frame | None:
    """The frame of ``found``'s shape: the page rendered with a probe in each word's place (None if a template
    fails on a probe: the page is then rendered as always, and fails there only if it fails the engine too)."""
    probes = [TOKEN.format(n) for n in range(len(found.places))]
    if "<h1" in found.words[0]:
        probes[0] = f"<h1>{probes[0]}</h1>"
    for place, probe in zip(found.places, probes, strict=True):
        _set(place, probe)
    try:
        made = render()
    except Exception:  # whatever a template raises on a probe, the shape is rendered as always
        return None
    finally:
        for place, word in zip(found.places, found.words, strict=True):
            _set(place, word)
    parts = re.split("(" + "|".join(map(re.escape, probes)) + ")", made)
    return _Frame(parts[0::2], [probes.index(probe) for probe in parts[1::2]])


def framed(template: Any, links: Callable[[Any], Hashable | None], frames: Frames) -> None:
    """Have ``frames`` make ``template`` (Material's page) for each page outside the navigation (``links`` gives
    None for one in it)."""
    render = template.root_render_func

    def root(context: Any) -> Iterator[str]:
        page = context.get("page")
        where = None if page is None else links(page)
        found = None if where is None else shape(page, where)
        if found is None:
            yield from render(context)
            return
        yield frames.page(found, lambda: "".join(render(template.new_context(dict(context.parent)))))

    template.root_render_func = root

"""A generated page's front matter read without a YAML parser, for the very same page data (decision 0011).

The generator writes front matter one ``key: value`` line per key, each value JSON (``_front_matter``): JSON in
a YAML document is YAML, and for such lines PyYAML's loader and ``json.loads`` make the same values. MkDocs reads
the front matter of every page with PyYAML, a quarter to half a millisecond per page even with its C loader (the
pages of one tree at 1,000 provisions: 0.39–0.83 s, read here 0.12–0.23 s); this reads it line by line, and
hands anything it cannot vouch for to MkDocs' own reader (``mkdocs.utils.meta.get_data``):

* a character YAML reads otherwise than JSON: outside what YAML may print, or a line break of its own (NEL,
  U+2028, U+2029), a byte-order mark, or an escaped surrogate (PyYAML keeps the halves apart; JSON joins them);
* a number (YAML 1.1 reads ``1e5`` as a string), or a key YAML 1.1 reads as a boolean or null (``on``, ``no``);
* a line that is not ``key: JSON``.

``tests/test_frontmatter.py`` holds the two readers to the same result for any title and value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from mkdocs.structure.pages import Page
from mkdocs.utils import meta

#: What YAML reads otherwise than JSON in a double-quoted value, or refuses (see the module's docstring).
_NOT_JSON_ALIKE = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]|\\\\u[dD][89a-fA-F]"
)
_KEY = re.compile(r"[a-z][a-z_]*")
#: Keys YAML 1.1 reads as booleans or null.
_NOT_STRINGS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _refuse(text: str) -> Any:
    raise ValueError(f"not read the same by YAML: {text}")


def read(source: str) -> tuple[str, dict[str, Any]] | None:
    """The page's Markdown and front matter as ``mkdocs.utils.meta.get_data`` gives them, or None where this
    cannot vouch for the same."""
    found = meta.YAML_RE.match(source)
    if found is None or _NOT_JSON_ALIKE.search(found.group(1)):
        return None
    data: dict[str, Any] = {}
    for line in found.group(1).split("\n")[:-1]:
        key, colon, value = line.partition(": ")
        if not colon or not _KEY.fullmatch(key) or key in _NOT_STRINGS:
            return None
        try:
            data[key] = json.loads(value, parse_int=_refuse, parse_float=_refuse, parse_constant=_refuse)
        except ValueError:  # json.JSONDecodeError among them
            return None
    return source[found.end() :].lstrip("\n"), data


def reader(page: Page) -> Callable[[Any], None]:
    """A ``read_source`` for ``page`` that does what the engine's own does (mkdocs.structure.pages.Page.read_source),
    front matter read by ``read`` where it can."""

    def read_source(config: Any) -> None:
        source = config.plugins.on_page_read_source(page=page, config=config)
        if source is None:
            try:
                source = page.file.content_string
            except (OSError, ValueError):
                return Page.read_source(page, config)  # the engine's own way, with its own messages
        page.markdown, page.meta = read(source) or meta.get_data(source)
        return None

    return read_source

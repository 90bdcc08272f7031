"""What a record's links may be: the targets of a Markdown text's links, the schemes none may use, and a URL's
parts (generator.read.fieldtypes: the ``Markdown`` and ``Url`` field types)."""

from __future__ import annotations

import html
import re
import urllib.parse

_LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def link_targets(text: str) -> list[str]:
    """The targets of the inline and reference links of a Markdown text."""
    if "](" not in text and "]:" not in text:  # neither kind of link (inline, reference) can be there
        return []
    return [m.group(1) or m.group(2) or "" for m in _LINK_TARGET_RE.finditer(text)]


def dangerous_scheme(target: str) -> str | None:
    """The forbidden scheme a link target uses, seen through entities, escapes and case."""
    decoded = target
    for _ in range(3):  # entities and percent-encoding may be nested
        decoded = urllib.parse.unquote(html.unescape(decoded))
    squashed = re.sub(r"[\x00-\x20\\]", "", decoded).lower()
    return next((s for s in _BAD_SCHEMES if squashed.startswith(s)), None)


def split_url(value: str) -> urllib.parse.SplitResult | None:
    """The parts of ``value`` as a URL, or None if it holds whitespace or cannot be split (``urlsplit`` raises on
    an unbalanced bracket in the host, ``https://[x``: an editor's typo must be a diagnostic, never a traceback)."""
    if re.search(r"\s", value):
        return None
    try:
        return urllib.parse.urlsplit(value)
    except ValueError:
        return None

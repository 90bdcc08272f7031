"""What changed and when: provision histories as timelines, word diffs, and one atlas-wide list.

A provision's ``history`` lists dated changes in any order. Here each entry becomes
a :class:`Change` with a permanent id (the provision id, the date, and a counter
when one provision has several changes on the same date), used for the anchors on
the provision page and as the Atom entry ids, so nothing depends on build time.

Where an entry carries ``previous_text`` (the wording *before* that change), the
wording *after* it is the next entry's ``previous_text``, or for the latest change
the current wording if the record holds it (status verbatim or excerpt). The two
are compared word by word; Markdown syntax is compared as the words a reader sees.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.read.fields import QUOTED_STATUSES
from generator.read.markup import markdown_html, render_markdown
from generator.read.model import HistoryEntry, Provision, Response

#: text statuses whose body is the platform's own wording (a paraphrase is ours)
WORDING_STATUSES = QUOTED_STATUSES
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of words in a diff: ``op`` is "equal", "delete" or "insert".

    ``gap`` is the space before the run (" " or ""), kept outside any marker.
    """

    op: str
    text: str
    gap: str = ""


@dataclass(frozen=True, slots=True)
class WordDiff:
    before: tuple[Segment, ...]  # the old wording: equal and deleted runs
    after: tuple[Segment, ...]  # the new wording: equal and inserted runs
    inline: tuple[Segment, ...]  # both, in reading order (deletions before insertions)

    @property
    def changed(self) -> bool:
        return any(s.op != "equal" for s in self.inline)


@dataclass(frozen=True, slots=True)
class Change:
    """One history entry of one provision, with its permanent key."""

    provision: Provision
    entry: HistoryEntry
    key: str  # "2025-04-01", or "2025-04-01-2" for a second change on that date ("archive-..." when found there)
    #: found in the archive (generator.relate.wording), not written by an editor; with the passage's diff
    archived: bool = False
    found_diff: WordDiff | None = None
    response: Response | None = None  # a reply to the record (right of reply), not a change of the policy

    @property
    def date(self) -> dt.date:
        return self.entry.date

    @property
    def anchor(self) -> str:
        return f"change-{self.key}"


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    change: Change
    previous_text: str | None
    #: the wording after the change, when known
    next_text: str | None
    #: what ``next_text`` is, for the reader ("the current wording", "the wording before the change of ...")
    next_label: str
    diff: WordDiff | None


def _keys(entries: Iterable[HistoryEntry]) -> list[str]:
    seen: dict[dt.date, int] = {}
    keys = []
    for e in entries:
        seen[e.date] = seen.get(e.date, 0) + 1
        n = seen[e.date]
        keys.append(e.date.isoformat() + (f"-{n}" if n > 1 else ""))
    return keys


def changes_of(p: Provision) -> tuple[Change, ...]:
    """The provision's changes, oldest first (same-date entries in file order)."""
    ordered = sorted(enumerate(p.history), key=lambda ie: (ie[1].date, ie[0]))
    entries = [e for _, e in ordered]
    return tuple(Change(p, e, k) for e, k in zip(entries, _keys(entries), strict=True))


def current_wording(p: Provision) -> str | None:
    if p.text is not None and p.text.status in WORDING_STATUSES:
        return p.text.body
    return None


def timeline(p: Provision) -> tuple[TimelineEntry, ...]:
    """The provision's changes, newest first, each with the diff it introduced where known."""
    ordered = changes_of(p)
    out = []
    for i, ch in enumerate(ordered):
        prev = ch.entry.previous_text
        nxt: str | None
        if i + 1 < len(ordered):
            later = ordered[i + 1]
            nxt = later.entry.previous_text
            label = f"the wording before the change of {later.date.isoformat()}"
        else:
            nxt = current_wording(p)
            label = "the current wording"
        diff = word_diff(prev, nxt) if prev is not None and nxt is not None else None
        out.append(TimelineEntry(ch, prev, nxt, label, diff))
    return tuple(reversed(out))


def response_changes(provisions: Iterable[Provision]) -> list[Change]:
    """Each reply to a record, as an entry of the changes page and the feeds (marked as a response)."""
    out = []
    for p in provisions:
        replies = sorted(p.responses, key=lambda r: r.date)
        entries = [HistoryEntry(r.date, f"Response from {r.by}: {r.summary}") for r in replies]
        for r, e, key in zip(replies, entries, _keys(entries), strict=True):  # dated keys, numbered as changes are
            out.append(Change(p, e, f"response-{key}", response=r))
    return out


def all_changes(
    provisions: Iterable[Provision], platform_name: dict[str, str], found_in_archive: Iterable[Change] = ()
) -> tuple[Change, ...]:
    """Every change across ``provisions`` (and those found in the archive), newest first; ties by platform
    name, provision id, key."""
    provisions = tuple(provisions)
    found = [ch for p in provisions for ch in changes_of(p)] + list(found_in_archive) + response_changes(provisions)
    found.sort(key=lambda ch: (platform_name.get(ch.provision.platform, ""), ch.provision.id, ch.key))
    found.sort(key=lambda ch: ch.date, reverse=True)
    return tuple(found)


def by_month(changes: Iterable[Change]) -> tuple[tuple[str, str, tuple[Change, ...]], ...]:
    """Changes grouped by month, in the given order: (``YYYY-MM``, "April 2025", changes)."""
    groups: dict[str, list[Change]] = {}
    for ch in changes:
        groups.setdefault(f"{ch.date.year:04d}-{ch.date.month:02d}", []).append(ch)
    return tuple((key, f"{MONTHS[int(key[5:]) - 1]} {key[:4]}", tuple(found)) for key, found in groups.items())


#: tags whose boundaries separate words (inline tags such as <em> do not: "**im**possible" is one word)
_BLOCKS = frozenset(
    {"blockquote", "br", "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "table", "td", "th", "tr", "ul"}
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append(" ")


#: Longer Markdown than this is an archived document's, not a record field's (generator.read.markup.render_markdown).
FIELD_SIZE = 4096


def forget_words() -> None:
    """Let go of the texts' words remembered for comparing them (generator.relate.documents.known): an archived
    document's are thousands of strings, and the 256 remembered held 300 MiB to the build's end at 10,000
    provisions."""
    _words.cache_clear()
    _tokens.cache_clear()


def words(markdown: str) -> list[str]:
    """The words a reader sees in a Markdown text (syntax removed, whitespace collapsed)."""
    return list(_words(markdown))


@functools.lru_cache(maxsize=256)  # an archived version is compared with the one before it and the one after
def _words(markdown: str) -> tuple[str, ...]:
    """The words a reader sees in a Markdown text (syntax removed, whitespace collapsed)."""
    parser = _Text()
    # a field's HTML is remembered for its pages; an archived document's (tens of KB) would only be held
    parser.feed(str(render_markdown(markdown) if len(markdown) < FIELD_SIZE else markdown_html(markdown)))
    parser.close()
    return tuple("".join(parser.parts).split())  # character references are already decoded


#: a word (letters and digits, with inner apostrophes or hyphens) or one punctuation mark
_TOKEN_RE = re.compile(r"(\s*)(\w+(?:['’\-]\w+)*|[^\w\s])")


@functools.lru_cache(maxsize=256)  # as _words: a version is compared with the one before it and the one after
def _tokens(markdown: str) -> tuple[tuple[str, str], ...]:
    return tuple(_TOKEN_RE.findall(" ".join(_words(markdown))))  # (space, word) pairs: the pattern's two groups


def _segment(op: str, tokens: tuple[tuple[str, str], ...]) -> Segment:
    text = tokens[0][1] + "".join(itertools.chain.from_iterable(tokens[1:]))
    return Segment(op, text, " " if tokens[0][0] else "")


def _opcodes(a: list[str], b: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes from ``a`` to ``b``, the words both begin and end with set aside first: two versions of a
    long document differ in a few places, and difflib's time grows with the square of what it compares."""
    head = 0
    while head < min(len(a), len(b)) and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < min(len(a), len(b)) - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    middle = difflib.SequenceMatcher(None, a[head : len(a) - tail], b[head : len(b) - tail], autojunk=False)
    ops = [("equal", 0, head, 0, head)] if head else []
    ops += [(op, i1 + head, i2 + head, j1 + head, j2 + head) for op, i1, i2, j1, j2 in middle.get_opcodes()]
    if tail:
        ops.append(("equal", len(a) - tail, len(a), len(b) - tail, len(b)))
    return [op for op in ops if op[0] != "equal" or op[2] > op[1]]


def word_diff(old: str, new: str) -> WordDiff:
    """A word-level comparison of two Markdown texts (punctuation marks count as words)."""
    a, b = _tokens(old), _tokens(new)
    before: list[Segment] = []
    after: list[Segment] = []
    inline: list[Segment] = []
    for op, i1, i2, j1, j2 in _opcodes([w for _, w in a], [w for _, w in b]):
        if op == "equal":
            before.append(_segment("equal", a[i1:i2]))
            after.append(_segment("equal", b[j1:j2]))
            inline.append(after[-1])
            continue
        if i2 > i1:
            before.append(_segment("delete", a[i1:i2]))
            inline.append(before[-1])
        if j2 > j1:
            after.append(_segment("insert", b[j1:j2]))
            # in reading order a replacement shows as "[-old-] {+new+}": keep the two apart
            inline.append(Segment("insert", after[-1].text, " " if i2 > i1 else after[-1].gap))
    return WordDiff(tuple(before), tuple(after), tuple(inline))


def marked(diff: WordDiff, text: Callable[[str], str] = str, deleted: str = "{}", inserted: str = "{}") -> str:
    """The inline diff wdiff style, ``[-deleted-]`` and ``{+inserted+}``, each word run passed through
    ``text`` and a marked run placed in ``deleted`` / ``inserted`` (``{}`` stands for the run)."""
    out = []
    for s in diff.inline:
        if s.op == "delete":
            out.append(s.gap + deleted.format(f"[-{text(s.text)}-]"))
        elif s.op == "insert":
            out.append(s.gap + inserted.format(f"{{+{text(s.text)}+}}"))
        else:
            out.append(s.gap + text(s.text))
    return "".join(out)


def as_text(diff: WordDiff) -> str:
    """The inline diff as plain text, wdiff style: ``[-deleted-]`` and ``{+inserted+}``."""
    return marked(diff).strip()

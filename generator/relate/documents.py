"""What the archive says about a platform document as a whole: its outline, where each record sits in it,
the headings no record covers yet, and what changed between consecutive versions."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from generator import cachefile
from generator.read import quotes
from generator.read.model import ArchivedVersion, Provision
from generator.relate.history import Segment, WordDiff, forget_words, word_diff
from generator.workers import fork_map, nothing

_ATX = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.+)$")  # the closing #s are stripped after: no backtracking
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
#: Words of unchanged text kept either side of a change in a condensed diff.
CONTEXT_WORDS = 12


@dataclass(frozen=True, slots=True)
class Section:
    heading: str  # as the document writes it, Markdown removed
    text: str  # the section's body, normalized as quotes are (generator.read.quotes)


def outline(text: str) -> tuple[Section, ...]:
    """The document's sections, by its Markdown headings (ATX ``#`` and setext underlines)."""
    lines = text.splitlines()
    sections: list[tuple[str, list[str]]] = [("", [])]
    underline = -1  # the setext underline of the heading just taken
    for i, line in enumerate(lines):
        if i == underline:
            continue
        atx = _ATX.match(line)
        starts_block = i == 0 or not lines[i - 1].strip()
        if atx:
            sections.append((quotes.normalize(atx.group(1).rstrip(" \t#")), []))
        elif line.strip() and starts_block and i + 1 < len(lines) and _SETEXT.match(lines[i + 1]):
            sections.append((quotes.normalize(line), []))
            underline = i + 1
        else:
            sections[-1][1].append(line)
    return tuple(Section(h, quotes.normalize("\n".join(body))) for h, body in sections if h or "".join(body).strip())


def position(p: Provision, version: ArchivedVersion) -> int | None:
    """Where ``p``'s quoted wording starts in ``version`` (normalized), or None when it is not there."""
    if p.text is None or not p.text.body:
        return None
    first = quotes.passages(p.text.body, excerpt=p.text.excerpt)
    if not first:
        return None
    found = quotes.normalize(version.text).find(first[0])
    return found if found >= 0 else None


def in_order(provisions: Iterable[Provision], newest: ArchivedVersion | None) -> tuple[Provision, ...]:
    """The records of a document in the order their wording appears in its newest version; the rest after, by title."""
    placed: list[tuple[int, Provision]] = []
    rest: list[Provision] = []
    for p in provisions:
        at = position(p, newest) if newest is not None else None
        if at is None:
            rest.append(p)
        else:
            placed.append((at, p))
    placed.sort(key=lambda ap: (ap[0], ap[1].id))
    return (*(p for _, p in placed), *sorted(rest, key=lambda p: (p.title.casefold(), p.id)))


def uncovered(sections: tuple[Section, ...], provisions: Iterable[Provision]) -> tuple[str, ...]:
    """Headings of the document that no record covers: none quotes wording of the section or names it."""
    records = list(provisions)
    named = {quotes.normalize(p.section).casefold() for p in records if p.section}
    bodies = [
        passage
        for p in records
        if p.text and p.text.body
        for passage in quotes.passages(p.text.body, excerpt=p.text.excerpt)
    ]
    return tuple(
        s.heading
        for s in sections
        if s.heading and s.heading.casefold() not in named and not any(b in s.text for b in bodies)
    )


def condensed(diff: WordDiff, context: int = CONTEXT_WORDS) -> tuple[Segment, ...]:
    """The inline diff with long unchanged runs cut to ``context`` words either side of a change."""
    out: list[Segment] = []
    runs = diff.inline
    for i, s in enumerate(runs):
        words = s.text.split(" ")
        if s.op != "equal" or len(words) <= 2 * context + 1:
            out.append(s)
            continue
        head = " ".join(words[:context]) if i > 0 else ""
        tail = " ".join(words[-context:]) if i + 1 < len(runs) else ""
        text = " … ".join(part for part in (head, tail) if part) if head or tail else "…"
        if head and not tail:
            text = head + " …"
        elif tail and not head:
            text = "… " + tail
        out.append(Segment("equal", text, s.gap))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class VersionChange:
    older: ArchivedVersion
    newer: ArchivedVersion
    segments: tuple[Segment, ...]  # condensed inline word diff
    changed: bool


#: What changed from one text to the next, by the two texts' digests: worked out once a process (``known``, or on
#: first use), for both language trees and every later render of ``atlas serve``.
_CHANGED: dict[tuple[str, str], tuple[tuple[Segment, ...], bool]] = {}


def _between(older: ArchivedVersion, newer: ArchivedVersion) -> tuple[tuple[Segment, ...], bool]:
    key = (older.text_digest, newer.text_digest)
    if key not in _CHANGED:
        diff = word_diff(older.text, newer.text)
        _CHANGED[key] = (condensed(diff), diff.changed)
    return _CHANGED[key]


def forget() -> None:
    """Forget what changed between versions (worked out again, or read from the cache, when next asked)."""
    _CHANGED.clear()


def changes(versions: tuple[ArchivedVersion, ...]) -> tuple[VersionChange, ...]:
    """What changed between each pair of consecutive versions, newest first."""
    out = [VersionChange(older, newer, *_between(older, newer)) for older, newer in itertools.pairwise(versions)]
    return tuple(reversed(out))


def known(every: Iterable[tuple[ArchivedVersion, ...]], *, workers: int = 1, cache: Path | None = None) -> None:
    """Work out what changed between the consecutive versions of every document, on ``workers`` cores, before
    the pages that show it are rendered (in each language, in processes forked from this one); kept in the
    ``cache`` folder for the next run."""
    path = cache / f"changes-{cachefile.package_digest()}.pickle" if cache else None
    if path is not None and not _CHANGED:
        _CHANGED.update(cachefile.load(path))
    pairs = [pair for versions in every for pair in itertools.pairwise(versions)]
    missing = [pair for pair in pairs if (pair[0].text_digest, pair[1].text_digest) not in _CHANGED]

    def task(indices: range) -> list[tuple[tuple[str, str], tuple[tuple[Segment, ...], bool]]]:
        return [((missing[i][0].text_digest, missing[i][1].text_digest), _between(*missing[i])) for i in indices]

    # runs of neighbours: a version is the newer of one pair and the older of the next, and its words are
    # worked out once per process (history._words is remembered), not once in each of two processes; not in
    # this process, where the millions of words it makes and drops would leave 300 MiB of its heap scattered
    # for the rest of the build at 10,000 provisions (what it keeps is small)
    found, _ = fork_map(task, len(missing), workers=workers, minimum=8, beside=nothing, contiguous=True, here=False)
    forget_words()
    _CHANGED.update(found)
    if path is not None and found:
        current = {(a.text_digest, b.text_digest) for a, b in pairs}
        cachefile.save(path, {key: _CHANGED[key] for key in current}, replaces="changes-*.pickle")

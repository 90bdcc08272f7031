"""A quote's own timeline, derived from the archive when the site is built.

For a ``verbatim`` or ``excerpt`` record that names its archived version, the
archive says more than the record: the earliest archived version that already
holds the wording ("in the archived text since at least ..."), and, where a
later version no longer holds it, when that was recorded and how the passage
reads there (a word diff against the closest passage of that version). These
are *found in the archive*, not written by an editor: they appear on the
provision page, the changes page and the feeds marked as such, beside the
editors' own ``history``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.read import quotes
from generator.read.fields import QUOTED_STATUSES
from generator.read.model import ArchivedVersion, HistoryEntry, Provision
from generator.relate.history import Change, WordDiff, word_diff


@dataclass(frozen=True, slots=True)
class ArchivedWording:
    provision: Provision
    cited: ArchivedVersion  # the version the record names
    since: ArchivedVersion  # the earliest archived version holding the wording (in the run around ``cited``)
    gone: ArchivedVersion | None  # the first later version that no longer holds it
    #: the first passage no longer found, against the closest passage of ``gone``
    diff: WordDiff | None
    newest: ArchivedVersion  # the newest archived version of the document
    current: bool  # whether the newest archived version holds the wording (it may come back after ``gone``)

    @property
    def key(self) -> str:
        """The permanent key of the change it records ("archive-2025-06-11"), when the wording went."""
        return f"archive-{self.gone.slug}" if self.gone else ""

    @property
    def date(self) -> dt.date | None:
        return self.gone.dated if self.gone else None


def _holds(p: Provision, body: str, version: ArchivedVersion) -> bool:
    return quotes.occurs_in(body, version.text, version.text_digest, excerpt=p.text is not None and p.text.excerpt)


def wording_of(p: Provision, versions: tuple[ArchivedVersion, ...]) -> ArchivedWording | None:
    """The archived timeline of ``p``'s quoted wording, given its document's versions oldest first."""
    text = p.text
    if text is None or text.status not in QUOTED_STATUSES or not text.body or text.version is None:
        return None
    at = next((i for i, v in enumerate(versions) if v.slug == text.version), None)
    if at is None or not _holds(p, text.body, versions[at]):
        return None  # reported by the check (quoted-wording)
    first = at
    while first > 0 and _holds(p, text.body, versions[first - 1]):
        first -= 1
    gone = next((v for v in versions[at + 1 :] if not _holds(p, text.body, v)), None)
    diff = None
    if gone is not None:
        miss = quotes.find_in(text.body, gone.text, gone.text_digest, excerpt=p.text is not None and p.text.excerpt)
        if miss is not None:
            diff = word_diff(miss.passage, miss.nearest)
    current = gone is None or _holds(p, text.body, versions[-1])
    return ArchivedWording(p, versions[at], versions[first], gone, diff, versions[-1], current)


def wordings(
    provisions: Iterable[Provision], versions: dict[tuple[str, str], tuple[ArchivedVersion, ...]]
) -> dict[str, ArchivedWording]:
    """The archived timelines of every quoting provision, by provision id."""
    found = {}
    for p in provisions:
        w = wording_of(p, versions.get((p.platform, p.document), ()))
        if w is not None:
            found[p.id] = w
    return found


def found_in_archive(w: ArchivedWording) -> str:
    """What a change found in the archive says, in English (the render stage says it in the reader's language)."""
    assert w.gone is not None
    if w.gone.recorded is not None:
        when = f"recorded on {w.gone.recorded.isoformat()}"
    else:
        when = f"dated {w.gone.effective} (a stored copy; when it was recorded is unknown)"
    return f"Found in the archive: the wording quoted here is no longer in the version of this document {when}."


def archive_changes(
    found: Iterable[ArchivedWording], describe: Callable[[ArchivedWording], str] = found_in_archive
) -> tuple[Change, ...]:
    """The changes found in the archive: a quoted wording gone from a later version (for the changes page and
    feeds), each summed up by ``describe``."""
    out = []
    for w in found:
        if w.gone is None:
            continue
        entry = HistoryEntry(w.gone.dated or dt.date.min, describe(w))
        out.append(Change(w.provision, entry, w.key, archived=True, found_diff=w.diff))
    return tuple(out)

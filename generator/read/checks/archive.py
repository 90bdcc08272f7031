"""Checks of the archive of document versions, and of the wording that cites it.

An archived version must sit in the folder of a known platform's document, be
named by the date it was recorded and say where it came from. A ``verbatim`` or
``excerpt`` provision of a document with archived versions names the version its
wording was taken from, and every passage of its body is found there
(generator.read.quotes); a quote the newest version no longer holds is a warning
(an error under ``atlas check --strict-archive``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.diagnostics import Diagnostic, Severity
from generator.read import quotes
from generator.read.checks.base import Index, located
from generator.read.fields import QUOTED_STATUSES
from generator.read.fieldtypes import did_you_mean
from generator.read.model import ArchivedVersion, Provision

#: The longest passage a message quotes whole; longer ones are cut in the middle.
_SHOWN = 120


def shortened(text: str) -> str:
    return text if len(text) <= _SHOWN else f"{text[: _SHOWN // 2 - 1]} … {text[-(_SHOWN // 2 - 2) :]}"


def version_place(v: ArchivedVersion, ix: Index) -> Iterator[Diagnostic]:
    """An archived version sits in the folder of a known platform's document and is named by its date; an
    edition is in another language than its document."""
    platform = ix.platforms.get(v.platform)
    document = platform.document(v.document) if platform else None
    if platform is None:
        hint = did_you_mean(v.platform, ix.platforms) or "move it under archive/<platform>/<document>/"
        message = f"'{v.platform}' is not a known platform: no content/platforms/{v.platform}.yaml"
        yield Diagnostic(v.origin.path, 0, 0, "unknown-platform", message, hint)
    elif document is None:
        ids = [d.id for d in platform.documents]
        message = f"unknown document '{v.document}' of platform '{v.platform}'"
        hint = did_you_mean(v.document, ids) or "known: " + ", ".join(ids)
        yield Diagnostic(v.origin.path, 0, 0, "unknown-document", message, hint)
    elif v.language is not None and v.language == document.language:
        message = f"an edition must be in another language than its document ({document.language})"
        hint = "leave out 'language': a version in the document's own language is one of its versions"
        yield located(v.origin, "bad-language", message, "language", hint=hint)
    yield from _version_date(v)


def _version_date(v: ArchivedVersion) -> Iterator[Diagnostic]:
    """A version is named by the date it was recorded; a stored copy whose recording date is unknown, by the
    date the document states (and only a copy taken from an address: a commit always has a date)."""
    if v.recorded is None and v.source is not None and (v.source.commit or not v.source.url):
        message = "a version taken from a repository needs the date it was recorded (its commit's date)"
        yield located(v.origin, "missing-field", message, "source", hint="add 'recorded: <YYYY-MM-DD>'")
    elif v.recorded is None and v.effective is None:
        message = "a copy whose recording date is unknown needs the date the document states"
        yield located(v.origin, "missing-field", message, "source", hint="add 'effective: <YYYY-MM-DD>'")
    dated, field = (v.recorded, "recorded") if v.recorded else (v.effective, "effective")
    suffix = f".{v.language}" if v.language else ""
    if dated is None or re.fullmatch(rf"{dated.isoformat()}(-[2-9]|-[1-9][0-9]+)?{re.escape(suffix)}", v.slug):
        return
    what = "the date it was recorded" if v.recorded else "the date the document states (its recording date is unknown)"
    name = f"<{field}>{suffix}"
    yield located(
        v.origin,
        "bad-version",
        f"the version's name '{v.slug}' is not {what} ({dated.isoformat()}){' and its language' if suffix else ''}",
        field,
        hint=f"name its two files {name}.yaml and {name}.md (-2, -3... after the date for more that day)",
    )


def version_source(v: ArchivedVersion, ix: Index) -> Iterator[Diagnostic]:
    """An archived version's source is a repository's file at a commit, or an address."""
    src = v.source
    if src is None:
        return
    in_repository = (src.repository, src.path, src.commit)
    if any(in_repository) and not all(in_repository):
        yield located(v.origin, "bad-source", "a repository source needs repository, path and commit", "source")
    elif not any(in_repository) and not src.url:
        message = "the source needs a repository (with path and commit) or a url"
        yield located(v.origin, "bad-source", message, "source")


def tracked_sources(ix: Index) -> Iterator[Diagnostic]:
    """Each source the archive follows names a known document, once."""
    for i, t in enumerate(ix.records.tracked):
        platform_id, _, document_id = t.to.partition("/")
        platform = ix.platforms.get(platform_id)
        if platform is None or platform.document(document_id) is None:
            known = [f"{p.id}/{d.id}" for p in ix.platforms.values() for d in p.documents]
            message = f"'{t.to}' is not a document of a known platform"
            yield located(t.origin, "unknown-document", message, "to", hint=did_you_mean(t.to, known))
        elif (t.repository, t.path) in {(u.repository, u.path) for u in ix.records.tracked[:i]}:
            yield located(t.origin, "duplicate-id", f"'{t.path}' of {t.repository} is tracked twice", "path")


def quoted_wording(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """Verbatim and excerpt wording names its archived version, and every passage of it is found there."""
    text = p.text
    if text is None:
        return
    archived = ix.versions.get((p.platform, p.document), {})
    if text.version is None:
        if text.status in QUOTED_STATUSES and archived:
            hint = "add 'version:' under text, one of: " + ", ".join(list(archived)[-3:])
            message = f"{text.status} wording of a document with archived versions must name the version it is from"
            yield located(p.origin, "missing-version", message, "text", hint=hint)
        return
    version = archived.get(text.version)
    if version is None:
        where = f"archive/{p.platform}/{p.document}/"
        hint = did_you_mean(text.version, archived) or (
            "known: " + ", ".join(archived) if archived else f"import it into {where}"
        )
        message = f"no archived version '{text.version}' of {p.platform}/{p.document}"
        yield located(p.origin, "unknown-version", message, "text", "version", hint=hint)
        return
    if text.status in QUOTED_STATUSES and text.body:
        yield from _proved(p, text.body, version, archived)


def not_found(
    p: Provision, body: str, version: ArchivedVersion, what: str, where: tuple[str, ...], *, excerpt: bool = True
) -> Diagnostic | None:
    """``quote-not-found`` at ``where`` in ``p`` when a passage of ``body`` is not in the archived ``version``
    (``what``: "version", or "edition"), naming the closest stretch there; None when every passage is."""
    miss = quotes.find_in(body, version.text, version.text_digest, excerpt=excerpt)
    if miss is None:
        return None
    which = f"passage {miss.index + 1}" if len(quotes.passages(body, excerpt=excerpt)) > 1 else "the wording"
    message = f"{which} is not in the archived {what} {version.id}: '{shortened(miss.passage)}'"
    hint = f"the closest there: '{shortened(miss.nearest)}'" if miss.nearest else ""
    return located(p.origin, "quote-not-found", message, *where, hint=hint)


def _proved(
    p: Provision, body: str, version: ArchivedVersion, archived: dict[str, ArchivedVersion]
) -> Iterator[Diagnostic]:
    excerpt = p.text is not None and p.text.excerpt
    missing = not_found(p, body, version, "version", ("text", "body"), excerpt=excerpt)
    if missing is not None:
        yield missing
        return
    newest = list(archived.values())[-1]
    if newest is not version and not quotes.occurs_in(body, newest.text, newest.text_digest, excerpt=excerpt):
        message = f"the wording is no longer in the newest archived version ({newest.id})"
        hint = "re-read the record against it; `atlas check --strict-archive` makes this an error"
        yield located(p.origin, "quote-outdated", message, "text", "version", hint=hint, severity=Severity.WARNING)

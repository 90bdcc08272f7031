"""Bringing dated versions of a policy into ``archive/``: from a versions repository's history, or one file.

``import_history`` walks the git history of one file of a local clone of a
versions repository (Open Terms Archive's collections record each new version of
a document as a commit), keeps each version whose text differs from the one
before it, and writes its text and provenance into
``archive/<platform>/<document>/<recorded>.md`` and ``.yaml``. ``add_file`` does
the same for one file with provenance given by the editor (a model repository's
policy at a commit, a stored public copy).

Both are idempotent (a version already stored, by its source commit or by its
text, is not written again), refuse to replace a stored version's text with
another, and write nothing at all when anything is refused.

What they read comes from outside, and is refused rather than trusted
(docs/security.md): a ``--to`` that is not ``<platform>/<document>`` slugs, a
path in the repository that is absolute or climbs out (``../x``), a file that is a
symbolic link or a submodule at some commit, or one over the size limit (refused
before it is read); a text that is not UTF-8 or holds a control or bidirectional
character (generator.read.characters). Nothing is written through a link or
outside ``archive/<platform>/<document>/``; raw HTML in a text is kept as text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from generator.editing import gitsource
from generator.editing.gitsource import ArchiveError as ArchiveError
from generator.read import characters, confine
from generator.read.fieldtypes import SLUG_RE
from generator.read.kinds import BY_NAME
from generator.read.load import MAX_ATTACHED_BYTES
from generator.read.model import version_order

#: What a document states as its own date ("Effective: March 1, 2025", "Last updated 2025-03-01", "UpdatedMarch 23, 2023").
_STATED = re.compile(
    r"(?:effective(?:\s+date)?|last\s+(?:updated|modified|revised)|updated|revised)\s*(?:on|as\s+of)?\s*:?\s*"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{4}|\d{4}-\d{2}-\d{2})",
    re.IGNORECASE,
)
_DATE_FORMATS = ("%B %d, %Y", "%B %d %Y", "%d %B %Y", "%Y-%m-%d")


@dataclass(frozen=True, slots=True)
class Provenance:
    """What an editor states about where a text comes from (the parts an import cannot read itself)."""

    url: str  # the document's original address
    licence: str
    attribution: str = ""
    language: str = ""  # an edition's language (when not the document's own); its name ends .<language>
    publisher: str = ""  # who published an edition, when not the platform itself

    @property
    def suffix(self) -> str:
        """What ends the name of a version with this provenance: ``.<language>`` for an edition."""
        return f".{self.language}" if self.language else ""


@dataclass(frozen=True, slots=True)
class Version:
    """A version to store: its text and the provenance fields of its .yaml."""

    recorded: dt.date | None  # None: a stored copy whose recording date is unknown (then ``effective`` names it)
    text: bytes
    source: dict[str, str]
    provenance: Provenance
    effective: dt.date | None = None  # the date the document states; read from the text when not given

    @property
    def stated(self) -> dt.date | None:
        return self.effective or stated_date(self.text.decode("utf-8", "replace"))

    @property
    def dated(self) -> dt.date:
        day = self.recorded or self.stated
        if day is None:
            raise ArchiveError("its recording date is unknown and it states no date: give --effective <YYYY-MM-DD>")
        return day


def stated_date(text: str) -> dt.date | None:
    """The date the document states as its own (effective, last updated), if it states one near its top."""
    match = _STATED.search(text[:4000])
    if match is None:
        return None
    raw = re.sub(r"\s+", " ", match.group("date")).replace(" ,", ",")
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(raw.title() if fmt != "%Y-%m-%d" else raw, fmt).date()
        except ValueError:
            continue
    return None


def history(repo: Path, path: str, repository: str, provenance: Provenance) -> list[Version]:
    """Every version of ``path`` in the clone ``repo`` whose text differs from the one before, oldest first."""
    found: list[Version] = []
    last: bytes | None = None
    for commit, when in gitsource.commits(repo, path):
        text = gitsource.blob_at(repo, commit, path)
        if text is None:
            continue  # the file is gone at this commit
        if text == last:
            continue
        last = text
        recorded = dt.datetime.fromisoformat(when).astimezone(dt.UTC).date()
        source = {"repository": repository, "path": path, "commit": commit}
        found.append(Version(recorded, text, source, provenance))
    if not found:
        raise ArchiveError(f"{repo}: no version of '{path}' in its history")
    return found


@dataclass(frozen=True, slots=True)
class Stored:
    """A version already in the archive: its name, text and source commit or address."""

    name: str
    text: bytes
    source: str


def stored(folder: Path) -> list[Stored]:
    """The versions already in ``folder`` (archive/<platform>/<document>/), oldest first."""
    from ruamel.yaml import YAML

    found = []
    for meta in sorted(folder.glob("*.yaml")):  # a link is read as nothing (`atlas check` reports it)
        try:
            data = YAML(typ="safe", pure=True).load(confine.read(meta).decode("utf-8"))
            source = data["source"].get("commit") or data["source"].get("url") or ""
        except Exception:  # a provenance file the check will report; it names no source to skip by
            source = ""
        found.append(Stored(meta.stem, _stored_text(meta.with_suffix(".md")), str(source)))
    return sorted(found, key=lambda s: version_order(_date_of(s.name), s.name))


def _stored_text(path: Path) -> bytes:
    try:
        return confine.read(path)
    except OSError:  # missing, or a link: never read
        return b""


def _field_problem(value: str) -> str | None:
    """What keeps ``value`` from being a one-line value of a provenance file, if anything does."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not UTF-8 text"
    found = characters.FORBIDDEN.search(value) or re.search("[\r\n]", value)
    if found is None:
        return None
    return "runs over several lines" if found.group() in "\r\n" else f"holds a {characters.describe(found.group())}"


def _refused(v: Version) -> str | None:
    """Why ``v`` cannot be archived, if it cannot: its text is too large, not UTF-8 or holds a control or
    bidirectional character; a value of its provenance is not one line of text `atlas check` accepts."""
    p = v.provenance
    for key, value in (*v.source.items(), ("url", p.url), ("licence", p.licence), ("attribution", p.attribution)):
        problem = _field_problem(value)
        if problem is not None:
            return f"its {key} {problem}"
    if len(v.text) > MAX_ATTACHED_BYTES:
        return f"it is {len(v.text)} bytes, over {MAX_ATTACHED_BYTES}"
    try:
        text = v.text.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"it is not UTF-8 text (byte {exc.start})"
    found = next(characters.find(text, characters.FORBIDDEN_IN_ARCHIVE), None)
    if found is not None:
        return f"line {found.line}, column {found.col} holds a {characters.describe(found.char)}"
    return None


def _date_of(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(name[:10])
    except ValueError:
        return None


def plan(folder: Path, versions: list[Version]) -> list[tuple[str, Version]]:
    """The versions to write, with their names; ArchiveError when one would replace another's text."""
    suffix = versions[0].provenance.suffix if versions else ""
    kept = [s for s in stored(folder) if s.name.endswith(suffix) and s.name.count(".") == bool(suffix)]
    known_sources = {s.source for s in kept}
    known_copies = {(s.source, s.text) for s in kept}
    taken = {s.name: s for s in kept}
    last = kept[-1].text if kept else None
    out: list[tuple[str, Version]] = []
    for v in versions:
        commit, url = v.source.get("commit"), v.source.get("url")
        seen = commit in known_sources if commit else (url, v.text) in known_copies
        if seen or v.text == last:  # stored before (by its commit, or the same copy of a page), or unchanged
            last = v.text
            continue
        refused = _refused(v)
        if refused is not None:
            where = f"at commit {commit}" if commit else f"of {v.recorded or v.effective or 'unknown date'}"
            raise ArchiveError(f"the version {where}: {refused}; nothing was written")
        name = _free_name(v.dated, taken, suffix)
        if name in taken and taken[name].text != v.text:
            raise ArchiveError(f"{folder / name}.md already holds another text; refusing to replace it")
        taken[name] = Stored(name, v.text, "")
        out.append((name, v))
        last = v.text
    return out


def _free_name(day: dt.date, taken: dict[str, Stored], suffix: str = "") -> str:
    name, n = day.isoformat() + suffix, 1
    while name in taken:
        n += 1
        name = f"{day.isoformat()}-{n}{suffix}"
    return name


def provenance_yaml(version: Version, modeline: str = "") -> str:
    """The .yaml beside a stored text, in ``atlas fmt``'s form (JSON strings are valid YAML: any value is written
    safely); ``modeline`` names the JSON Schema for editors."""
    lines = [*([modeline] if modeline else []), "# Written by `atlas archive`; the text beside it is kept as imported."]
    lines.append("source:")
    lines += [f"  {key}: {json.dumps(value, ensure_ascii=False)}" for key, value in version.source.items() if value]
    if version.recorded is not None:
        lines.append(f"recorded: {version.recorded.isoformat()}")
    effective = version.stated
    if effective is not None:
        lines.append(f"effective: {effective.isoformat()}")
    p = version.provenance
    lines += [f"url: {json.dumps(p.url)}", f"licence: {json.dumps(p.licence, ensure_ascii=False)}"]
    if p.attribution:
        lines.append(f"attribution: {json.dumps(p.attribution, ensure_ascii=False)}")
    lines.append(f"sha256: {hashlib.sha256(version.text).hexdigest()}")
    if p.language:
        lines.append(f"language: {json.dumps(p.language)}")
    if p.publisher:
        lines.append(f"publisher: {json.dumps(p.publisher, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def _modeline(path: Path) -> str:
    from generator.editing.fmt import modeline

    return modeline(path, path.parents[3], BY_NAME["version"])  # archive/<platform>/<document>/<version>.yaml


def _no_link(folder: Path) -> Path:
    """``folder`` (archive/<platform>/<document>) when neither it nor its two parents is a link; else ArchiveError."""
    for path in (folder, folder.parent, folder.parent.parent):
        if path.is_symlink():
            raise ArchiveError(
                f"{path} is a symbolic link: the archive is written through no link; nothing was written"
            )
    return folder


def write(folder: Path, planned: list[tuple[str, Version]]) -> list[Path]:
    """Write the planned versions; on any failure, remove what this call wrote."""
    written: list[Path] = []
    _no_link(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name, version in planned:
            for path, data in (
                (folder / f"{name}.md", version.text),
                (folder / f"{name}.yaml", provenance_yaml(version, _modeline(folder / f"{name}.yaml")).encode()),
            ):
                with path.open("xb") as handle:  # never over an existing file
                    written.append(path)
                    handle.write(data)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        raise ArchiveError(f"cannot write the archive: {exc.strerror or exc}; nothing was written") from None
    return written


def folder_of(root: Path, to: str) -> Path:
    """``archive/<platform>/<document>/`` for ``to`` = "<platform>/<document>" (two slugs; else ArchiveError)."""
    platform, _, document = to.partition("/")
    if not (SLUG_RE.fullmatch(platform) and SLUG_RE.fullmatch(document)):
        raise ArchiveError(f"--to {to!r}: write <platform>/<document>, lowercase letters, digits and hyphens")
    return _no_link(root / "archive" / platform / document)


def import_history(
    root: Path, clone: Path, path: str, to: str, provenance: Provenance, repository: str = ""
) -> list[Path]:
    """Import every changed version of ``path`` in ``clone`` into the archive of ``to``; returns the files written."""
    repository = repository or gitsource.repository_name(clone)
    if not repository:
        raise ArchiveError(f"{clone}: cannot tell its repository (no origin remote): give --repository owner/name")
    folder = folder_of(root, to)
    return write(folder, plan(folder, history(clone, path, repository, provenance)))


def add_file(
    root: Path,
    file: Path,
    to: str,
    recorded: dt.date | None,
    source: dict[str, str],
    provenance: Provenance,
    effective: dt.date | None = None,
) -> list[Path]:
    """Store one file as a version of ``to`` with the stated source; returns the files written. ``recorded`` is
    None for a stored copy whose recording date is unknown: it is then named by the date the document states."""
    if recorded is None and source.get("commit"):
        raise ArchiveError("a file taken from a repository at a commit has a date: give --recorded <the commit's date>")
    folder = folder_of(root, to)
    if file.is_symlink():
        raise ArchiveError(f"{file}: a symbolic link; give the file itself (the import follows no link)")
    try:
        text = confine.read(file, MAX_ATTACHED_BYTES)
    except confine.FileTooLargeError as exc:
        raise ArchiveError(f"{file}: {exc.size} bytes, over {MAX_ATTACHED_BYTES}") from None
    except OSError as exc:
        raise ArchiveError(f"{file}: cannot read it: {exc.strerror}") from None
    return write(folder, plan(folder, [Version(recorded, text, source, provenance, effective)]))


#: Open Terms Archive's version collections are distributed under the Open Database License's attribution terms.
OTA_LICENCE = "ODC-BY-1.0"


def default_licence(repository: str, licence: str | None, attribution: str | None) -> tuple[str, str]:
    """The licence and attribution of an import: as given, or Open Terms Archive's for its collections."""
    if licence:
        return licence, attribution or ""
    if repository.lower().startswith("opentermsarchive/"):
        name = repository.split("/", 1)[1]
        return OTA_LICENCE, attribution or f"Open Terms Archive, {name} collection (https://github.com/{repository})"
    raise ArchiveError(
        f"{repository or 'this repository'}: give --licence (the licence the source gives the text under)"
    )


def source_of(
    repository: str | None, path: str | None, commit: str | None, url: str | None, title: str | None
) -> dict[str, str]:
    """The ``source`` of a single file: a repository's file at a commit, or an address."""
    if repository or path or commit:
        if not (repository and path and commit):
            raise ArchiveError("a repository source needs --repository, --path and --commit together")
        if not re.fullmatch(r"[0-9a-f]{40}", commit):
            raise ArchiveError(f"--commit {commit}: give the full 40-digit commit id")
        source = {"repository": repository, "path": path, "commit": commit}
    elif url:
        source = {"url": url}
    else:
        raise ArchiveError("say where the text comes from: --repository, --path and --commit, or --source-url")
    return {**source, "title": title} if title else source

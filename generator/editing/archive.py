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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

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


class ArchiveError(Exception):
    """The import cannot be done (a path that is not a repository, a refused overwrite); nothing was written."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """What an editor states about where a text comes from (the parts an import cannot read itself)."""

    url: str  # the document's original address
    licence: str
    attribution: str = ""


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


def _git(repo: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise ArchiveError(f"cannot run git: {exc.strerror}") from None
    if proc.returncode != 0:
        raise ArchiveError(f"git {' '.join(args[:2])}: {proc.stderr.decode('utf-8', 'replace').strip() or 'failed'}")
    return proc.stdout


def repository_name(repo: Path) -> str:
    """``owner/name`` of a clone, from its ``origin`` remote (GitHub-style addresses)."""
    try:
        url = _git(repo, "remote", "get-url", "origin").decode().strip()
    except ArchiveError:
        return ""
    match = re.search(r"[:/]([A-Za-z0-9][A-Za-z0-9_.-]*)/([A-Za-z0-9][A-Za-z0-9_.-]*?)(?:\.git)?/?$", url)
    return f"{match.group(1)}/{match.group(2)}" if match else ""


def require_repository(repo: Path) -> None:
    """ArchiveError unless ``repo`` is the top folder of a git repository."""
    if not repo.is_dir() or _is_not_repository(repo):
        raise ArchiveError(f"{repo}: not a git repository (clone the versions repository first)")


def history(repo: Path, path: str, repository: str, provenance: Provenance) -> list[Version]:
    """Every version of ``path`` in the clone ``repo`` whose text differs from the one before, oldest first."""
    require_repository(repo)
    log = _git(repo, "log", "--reverse", "--format=%H %cI", "--", path).decode().split("\n")
    found: list[Version] = []
    last: bytes | None = None
    for line in filter(None, log):
        commit, when = line.split(" ", 1)
        try:
            text = _git(repo, "show", f"{commit}:{path}")
        except ArchiveError:
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


def _is_not_repository(repo: Path) -> bool:
    try:
        return _git(repo, "rev-parse", "--show-toplevel").decode().strip() != str(repo.resolve())
    except ArchiveError:
        return True


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
    for meta in sorted(folder.glob("*.yaml")):
        text_file = meta.with_suffix(".md")
        try:
            data = YAML(typ="safe", pure=True).load(meta.read_text(encoding="utf-8"))
            source = data["source"].get("commit") or data["source"].get("url") or ""
        except Exception:  # a provenance file the check will report; it names no source to skip by
            source = ""
        found.append(Stored(meta.stem, text_file.read_bytes() if text_file.is_file() else b"", str(source)))
    return sorted(found, key=lambda s: version_order(_date_of(s.name), s.name))


def _date_of(name: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(name[:10])
    except ValueError:
        return None


def plan(folder: Path, versions: list[Version]) -> list[tuple[str, Version]]:
    """The versions to write, with their names; ArchiveError when one would replace another's text."""
    kept = stored(folder)
    known_sources = {s.source for s in kept}
    known_copies = {(s.source, s.text) for s in kept}
    taken = {s.name: s for s in kept}
    last = kept[-1].text if kept else None
    out: list[tuple[str, Version]] = []
    for v in versions:
        if len(v.text) > MAX_ATTACHED_BYTES:
            raise ArchiveError(f"the version of {v.dated} is {len(v.text)} bytes, over {MAX_ATTACHED_BYTES}")
        commit, url = v.source.get("commit"), v.source.get("url")
        seen = commit in known_sources if commit else (url, v.text) in known_copies
        if seen or v.text == last:  # stored before (by its commit, or the same copy of a page), or unchanged
            last = v.text
            continue
        name = _free_name(v.dated, taken)
        if name in taken and taken[name].text != v.text:
            raise ArchiveError(f"{folder / name}.md already holds another text; refusing to replace it")
        taken[name] = Stored(name, v.text, "")
        out.append((name, v))
        last = v.text
    return out


def _free_name(day: dt.date, taken: dict[str, Stored]) -> str:
    name, n = day.isoformat(), 1
    while name in taken:
        n += 1
        name = f"{day.isoformat()}-{n}"
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
    return "\n".join(lines) + "\n"


def _modeline(path: Path) -> str:
    from generator.editing.fmt import modeline

    return modeline(path, path.parents[3], BY_NAME["version"])  # archive/<platform>/<document>/<version>.yaml


def write(folder: Path, planned: list[tuple[str, Version]]) -> list[Path]:
    """Write the planned versions; on any failure, remove what this call wrote."""
    written: list[Path] = []
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
    """``archive/<platform>/<document>/`` for ``to`` = "<platform>/<document>"."""
    platform, _, document = to.partition("/")
    return root / "archive" / platform / document


def import_history(
    root: Path, clone: Path, path: str, to: str, provenance: Provenance, repository: str = ""
) -> list[Path]:
    """Import every changed version of ``path`` in ``clone`` into the archive of ``to``; returns the files written."""
    repository = repository or repository_name(clone)
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
    try:
        text = file.read_bytes()
    except OSError as exc:
        raise ArchiveError(f"{file}: cannot read it: {exc.strerror}") from None
    try:
        text.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArchiveError(f"{file}: not UTF-8 text (byte {exc.start})") from None
    folder = folder_of(root, to)
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

"""Stage 1, load: find the project's source files and read their bytes.

Nothing here knows what a field means; it only knows the layout of a project
(``content/…``, ``provisions/<platform>/<slug>.yaml``) and reads each YAML file
into a :class:`SourceFile`. Files in the wrong place are reported here. Parsing
is per file, in :mod:`generator.read.decode`, where it can be cached and parallel.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.read import characters, confine, kept, prose
from generator.read.confine import READ_AS_CODE
from generator.read.fieldtypes import SLUG_RE
from generator.read.kinds import KINDS, RecordKind
from generator.read.model import ProsePage
from generator.read.translation import TRANSLATED, PageTranslation


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # relative to the project root, with forward slashes
    kind: str  # the name of its RecordKind (generator.read.kinds)
    data: bytes | None  # None when the file could not be read
    #: the attached file's bytes (an archived version's text: generator.read.kinds), if the kind has one
    attachment: bytes | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.path.split("/"))


@dataclass(frozen=True, slots=True)
class Loaded:
    root: Path
    files: tuple[SourceFile, ...]
    pages: tuple[ProsePage, ...]
    diagnostics: tuple[Diagnostic, ...]


#: Page slugs the generator uses itself; a prose page may not take them.
RESERVED_PAGES = frozenset(
    {
        "index",
        "categories",
        "platforms",
        "provisions",
        "jurisdictions",
        "matrix",
        "transparency",
        "assets",
        "search",
        "format",
        "changes",
        "data",
        "maintenance",
        "feeds",
        "documents",
    }
)
#: The hint of a forbidden character in a prose page (generator.read.characters).
FORBIDDEN_HINT = "delete it; it is invisible or changes how text displays"
#: The largest attached file (an archived document's text) read.
MAX_ATTACHED_BYTES = 2 * 1024 * 1024
_PLACEHOLDER = re.compile(r"<[a-z]+>")


def _rel(root: Path, path: Path) -> str:
    # String slicing: os.path.relpath costs more than reading the file, at 10,000 files.
    return str(path)[len(str(root)) + 1 :].replace(os.sep, "/")


def _read(root: Path, path: Path | str, kind: str) -> tuple[SourceFile, list[Diagnostic]]:
    rel = _rel(root, Path(path)) if isinstance(path, Path) else _rel_str(str(root), path)
    try:
        return SourceFile(rel, kind, kept.read(path)), []
    except OSError as exc:
        return SourceFile(rel, kind, None), [Diagnostic(rel, 0, 0, "unreadable", f"cannot read file: {exc.strerror}")]


def _rel_str(root: str, path: str) -> str:
    return path[len(root) + 1 :].replace(os.sep, "/")


def _walk_names(root: Path, rel: str) -> tuple[list[str], list[Diagnostic]]:
    """Every non-hidden file below the folder ``rel``, as plain strings (at 10,000 records, making Path objects
    costs as much as reading the files), in a stable order; and a diagnostic for each link met, not followed."""
    refused = confine.refused(root, rel)
    if refused is not None:
        return [], [refused]
    files, links = confine.walk(str(root / rel))
    return files, [confine.link_diagnostic(root, link) for link in links]


def _walk(root: Path, rel: str) -> tuple[list[Path], list[Diagnostic]]:
    """``_walk_names`` as paths."""
    names, diags = _walk_names(root, rel)
    return [Path(p) for p in names], diags


def _misplaced(rel: str, kind: RecordKind, parts: tuple[str, ...], suffix: str) -> Diagnostic:
    if len(parts) != kind.depth:
        folders = "/".join(_PLACEHOLDER.findall(kind.pattern)[:-1])
        hint = f"move it into a {'platform' if kind.depth == 2 else 'document'}'s folder: {kind.folder}/{folders}/"
    elif suffix == ".yml":
        hint = "rename it to .yaml"
    else:
        hint = "ids are lowercase letters, digits and single hyphens"
    return Diagnostic(rel, 0, 0, "misplaced-file", f"a {kind.name} file must be at {kind.pattern}", hint)


def _nested(root: Path, kind: RecordKind) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Files at ``folder/<platform>/<slug>.yaml`` (or deeper, by the kind's pattern); anything else is misplaced.

    A kind with an ``attached`` file (an archived version's text) reads it too; one
    without the other is an error.
    """
    files: list[SourceFile] = []
    folder = kind.folder
    paths, diags = _walk_names(root, folder)
    present = set(paths)
    base, skip = str(root), len(folder.split("/"))
    for path in paths:
        rel = _rel_str(base, path)
        rel_parts = tuple(rel.split("/")[skip:])
        stem, suffix = os.path.splitext(rel_parts[-1])
        if kind.attached and suffix == kind.attached:
            if len(rel_parts) == kind.depth and path[: -len(suffix)] + ".yaml" not in present:
                diags.append(_orphan(rel, kind))
            continue  # a text beside its provenance is read with it; a README elsewhere is left alone
        if suffix not in (".yaml", ".yml"):
            continue  # READMEs and the like may live beside records
        ok = (
            len(rel_parts) == kind.depth
            and suffix == ".yaml"
            and all(SLUG_RE.match(part) for part in rel_parts[:-1])
            and kind.names.match(stem) is not None
        )
        if not ok:
            diags.append(_misplaced(rel, kind, rel_parts, suffix))
            continue
        source, file_diags = _read(root, path, kind.name)
        if kind.attached:
            text = path[: -len(suffix)] + kind.attached
            source, attached_diags = _attach(root, source, Path(text)) if text in present else _missing(source, text)
            file_diags += attached_diags
        files.append(source)
        diags.extend(file_diags)
    return files, diags


def _orphan(rel: str, kind: RecordKind) -> Diagnostic:
    yaml_name = rel.rsplit(".", 1)[0] + ".yaml"
    return Diagnostic(
        rel, 0, 0, "missing-provenance", f"this text has no provenance ({yaml_name})", "import it with `atlas archive`"
    )


def _missing(source: SourceFile, text: str) -> tuple[SourceFile, list[Diagnostic]]:
    """No regular file holds the text of the version ``source`` (a link there is reported, never read)."""
    if os.path.islink(text):
        return source, []
    rel = source.path.removesuffix(".yaml") + os.path.splitext(text)[1]
    message = f"the text of this version is missing ({rel})"
    return source, [Diagnostic(source.path, 0, 0, "missing-text", message, "import it with `atlas archive`")]


def _attach(root: Path, source: SourceFile, path: Path) -> tuple[SourceFile, list[Diagnostic]]:
    """``source`` with the bytes of its attached file at ``path`` (its text)."""
    rel = _rel(root, path)
    try:
        return dataclasses.replace(source, attachment=kept.read(path, MAX_ATTACHED_BYTES)), []
    except confine.FileTooLargeError as exc:
        message = f"file is {exc.size} bytes, over the limit of {MAX_ATTACHED_BYTES} bytes"
        return source, [Diagnostic(rel, 0, 0, "file-too-large", message, "archive a smaller document")]
    except OSError as exc:
        return source, [Diagnostic(rel, 0, 0, "unreadable", f"cannot read file: {exc.strerror}")]


def _pages(root: Path) -> tuple[list[ProsePage], list[Diagnostic]]:
    """The prose pages (``content/pages/<slug>.md``), each with its translations (``content/pages/<lang>/<slug>.md``,
    generator.read.prose)."""
    pages: list[ProsePage] = []
    translations: list[PageTranslation] = []
    folder = root / "content" / "pages"
    paths, diags = _walk(root, "content/pages")
    for path in paths:
        rel = _rel(root, path)
        lang = path.parent.name if path.parent.parent == folder and path.parent.name in TRANSLATED else None
        if path.suffix != ".md" or (path.parent != folder and lang is None):
            where = "|".join(TRANSLATED)
            message = f"a prose page must be content/pages/<slug>.md, its translation content/pages/{where}/<slug>.md"
            diags.append(Diagnostic(rel, 0, 0, "misplaced-file", message))
            continue
        if not SLUG_RE.match(path.stem) or path.stem in RESERVED_PAGES:
            diags.append(
                Diagnostic(
                    rel,
                    0,
                    0,
                    "bad-page-name",
                    f"'{path.stem}' cannot name a prose page",
                    "use a lowercase slug not used by the generator (" + ", ".join(sorted(RESERVED_PAGES)) + ")",
                )
            )
            continue
        try:
            text = confine.read(path).decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            diags.append(Diagnostic(rel, 1, 1, "not-utf8", "file is not valid UTF-8", "save the file as UTF-8"))
            continue
        forbidden = characters.diagnostics(rel, text, FORBIDDEN_HINT)
        if forbidden:
            diags.extend(forbidden)
            continue
        if lang is not None:
            translation, found = prose.read_translation(rel, lang, text)
            translations += [translation] if translation else []
            diags.extend(found)
            continue
        match = prose.H1_RE.search(text)
        if not match:
            diags.append(Diagnostic(rel, 1, 1, "missing-title", "a prose page must start with a '# Title' line"))
            continue
        pages.append(ProsePage(path.stem, match.group(1), text, rel))
    pages, orphans = prose.attach(pages, translations)
    return pages, diags + orphans


def _single(root: Path, kind: RecordKind) -> tuple[list[SourceFile], list[Diagnostic]]:
    """The one file at ``kind.pattern``, if it exists (it must when the kind is required)."""
    path = root / kind.pattern
    refused = confine.refused(root, kind.pattern)
    if refused is not None:
        return [], [refused]
    if path.is_file():
        source, diags = _read(root, path, kind.name)
        return [source], diags
    if kind.required:
        return [], [Diagnostic(kind.pattern, 0, 0, "missing-file", "required file is missing")]
    return [], []


def _flat(root: Path, kind: RecordKind) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Files at ``folder/<id>.yaml``; other YAML files there are misplaced."""
    files: list[SourceFile] = []
    folder = root / kind.folder
    paths, diags = _walk(root, kind.folder)
    for path in paths:
        rel = _rel(root, path)
        if path.suffix in (".yaml", ".yml") and path.parent == folder:
            if path.suffix == ".yaml" and SLUG_RE.match(path.stem):
                source, file_diags = _read(root, path, kind.name)
                files.append(source)
                diags.extend(file_diags)
                continue
        elif path.suffix not in (".yaml", ".yml"):
            continue
        diags.append(Diagnostic(rel, 0, 0, "misplaced-file", f"a {kind.name} file must be at {kind.pattern}"))
    return files, diags


def load(root: Path) -> Loaded:
    """Read every source file of the project at ``root``: each record kind's (generator.read.kinds), then the prose pages."""
    files: list[SourceFile] = []
    diags: list[Diagnostic] = []
    for kind in KINDS:
        reader = _nested if kind.depth >= 2 else _flat if kind.depth == 1 else _single
        found, found_diags = reader(root, kind)
        files.extend(found)
        diags.extend(found_diags)
    pages, page_diags = _pages(root)
    diags.extend(page_diags)
    for rel in READ_AS_CODE:  # read by the renderer and the engine, after the check: their links are refused now
        diags.extend(confine.links_in(root, rel))
    return Loaded(root, tuple(files), tuple(pages), tuple(dict.fromkeys(diags)))

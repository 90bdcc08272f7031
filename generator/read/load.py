"""Stage 1, load: find the project's source files and read their bytes.

Nothing here knows what a field means; it only knows the layout of a project
(``content/…``, ``provisions/<platform>/<slug>.yaml``) and reads each YAML file
into a :class:`SourceFile`. Files in the wrong place are reported here. Parsing
is per file, in :mod:`generator.read.decode`, where it can be cached and parallel.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.read.fieldtypes import SLUG_RE
from generator.read.kinds import KINDS, RecordKind
from generator.read.model import ProsePage


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: str  # relative to the project root, with forward slashes
    kind: str  # the name of its RecordKind (generator.read.kinds)
    data: bytes | None  # None when the file could not be read

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
    }
)
_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


def _rel(root: Path, path: Path) -> str:
    # String slicing: os.path.relpath costs more than reading the file, at 10,000 files.
    return str(path)[len(str(root)) + 1 :].replace(os.sep, "/")


def _read(root: Path, path: Path, kind: str) -> tuple[SourceFile, list[Diagnostic]]:
    rel = _rel(root, path)
    try:
        return SourceFile(rel, kind, path.read_bytes()), []
    except OSError as exc:
        return SourceFile(rel, kind, None), [Diagnostic(rel, 0, 0, "unreadable", f"cannot read file: {exc.strerror}")]


def _walk(folder: Path) -> list[Path]:
    """Every non-hidden file below ``folder``, in a stable order."""
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(str(folder)):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        found.extend(os.path.join(dirpath, name) for name in filenames if not name.startswith("."))
    return [Path(p) for p in sorted(found)]


def _nested(root: Path, kind: RecordKind) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Files at ``folder/<platform>/<slug>.yaml``; anything else there is misplaced."""
    files: list[SourceFile] = []
    diags: list[Diagnostic] = []
    folder = kind.folder
    base = root / folder
    for path in _walk(base):
        rel = _rel(root, path)
        rel_parts = tuple(rel.split("/")[len(folder.split("/")) :])
        if path.suffix not in (".yaml", ".yml"):
            continue  # READMEs and the like may live beside records
        ok = (
            len(rel_parts) == 2
            and path.suffix == ".yaml"
            and SLUG_RE.match(rel_parts[0]) is not None
            and SLUG_RE.match(path.stem) is not None
        )
        if not ok:
            if len(rel_parts) != 2:
                hint = f"move it into a platform's folder: {folder}/<platform>/"
            elif path.suffix == ".yml":
                hint = "rename it to .yaml"
            else:
                hint = "ids are lowercase letters, digits and single hyphens"
            diags.append(Diagnostic(rel, 0, 0, "misplaced-file", f"a {kind.name} file must be at {kind.pattern}", hint))
            continue
        source, file_diags = _read(root, path, kind.name)
        files.append(source)
        diags.extend(file_diags)
    return files, diags


def _pages(root: Path) -> tuple[list[ProsePage], list[Diagnostic]]:
    pages: list[ProsePage] = []
    diags: list[Diagnostic] = []
    for path in _walk(root / "content" / "pages"):
        rel = _rel(root, path)
        if path.suffix != ".md" or path.parent != root / "content" / "pages":
            diags.append(Diagnostic(rel, 0, 0, "misplaced-file", "a prose page must be content/pages/<slug>.md"))
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
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            diags.append(Diagnostic(rel, 1, 1, "not-utf8", "file is not valid UTF-8", "save the file as UTF-8"))
            continue
        match = _H1_RE.search(text)
        if not match:
            diags.append(Diagnostic(rel, 1, 1, "missing-title", "a prose page must start with a '# Title' line"))
            continue
        pages.append(ProsePage(path.stem, match.group(1), text, rel))
    return pages, diags


def _single(root: Path, kind: RecordKind) -> tuple[list[SourceFile], list[Diagnostic]]:
    """The one file at ``kind.pattern``, if it exists (it must when the kind is required)."""
    path = root / kind.pattern
    if path.is_file():
        source, diags = _read(root, path, kind.name)
        return [source], diags
    if kind.required:
        return [], [Diagnostic(kind.pattern, 0, 0, "missing-file", "required file is missing")]
    return [], []


def _flat(root: Path, kind: RecordKind) -> tuple[list[SourceFile], list[Diagnostic]]:
    """Files at ``folder/<id>.yaml``; other YAML files there are misplaced."""
    files: list[SourceFile] = []
    diags: list[Diagnostic] = []
    folder = root / kind.folder
    for path in _walk(folder):
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
        reader = _nested if kind.depth == 2 else _flat if kind.depth == 1 else _single
        found, found_diags = reader(root, kind)
        files.extend(found)
        diags.extend(found_diags)
    pages, page_diags = _pages(root)
    diags.extend(page_diags)
    return Loaded(root, tuple(files), tuple(pages), tuple(diags))

"""Files from outside the project: a link anywhere the generator reads is refused and never read, and an archive
import reads no link and writes nothing outside archive/<platform>/<document>/ (docs/security.md)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.editing import archive, gitsource
from generator.project import Project, check
from generator.read.load import MAX_ATTACHED_BYTES

from .conftest import Atlas, git_at

#: Paths opened while ``_recording`` is on (an audit hook sees every open, whatever opens it).
_OPENED: list[str] | None = None


def _audit(event: str, args: tuple[object, ...]) -> None:
    if _OPENED is not None and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        _OPENED.append(os.fsdecode(args[0]))


sys.addaudithook(_audit)


@pytest.fixture
def opened() -> Iterator[list[str]]:
    global _OPENED
    _OPENED = []
    try:
        yield _OPENED
    finally:
        _OPENED = None


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the project holding what a link would reach: a valid record and a secret."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.yaml").write_text("title: SECRET FROM OUTSIDE\n", encoding="utf-8")
    return folder


#: (where the link is, relative to the project, what it points at: "file" or "folder")
LINKS = [
    ("provisions/acme/leak.yaml", "file"),
    ("content/categories.yaml", "file"),
    ("content/platforms/leak.yaml", "file"),
    ("content/pages/leak.md", "file"),
    ("archive/globex/terms/2024-03-02.yaml", "file"),
    ("provisions/leak", "folder"),
    ("provisions", "folder"),
    ("content/pages", "folder"),
    ("archive", "folder"),
    ("site_templates/pages/leak.md.j2", "file"),
    ("site_templates/overrides", "folder"),
    ("mkdocs.yml", "file"),
]


@pytest.mark.parametrize(("where", "kind"), LINKS, ids=[w for w, _ in LINKS])
def test_a_link_is_refused_where_it_is_and_never_read(
    basic: Path, outside: Path, opened: list[str], where: str, kind: str
) -> None:
    link = basic / where
    if link.exists():
        shutil.rmtree(link) if link.is_dir() else link.unlink()
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside / "secret.yaml" if kind == "file" else outside)
    opened.clear()  # what the check opens, from here
    result = check(Project(basic))
    assert not result.ok
    refused = [d for d in result.diagnostics if d.code == "symbolic-link"]
    assert [(d.path, d.line, d.message) for d in refused] == [
        (where, 0, "a symbolic link (to a path outside the project) is not read")
    ]
    reached = [p for p in opened if os.path.realpath(p).startswith(str(outside)) or p.startswith(str(link))]
    assert reached == []


def test_a_link_inside_the_project_is_refused_too(atlas: Atlas, basic: Path) -> None:
    (basic / "provisions/acme/again.yaml").symlink_to(basic / "provisions/acme/no-extraction.yaml")
    code, _, err = atlas("--root", str(basic), "check")
    assert (code, err) == (
        1,
        "provisions/acme/again.yaml: error: a symbolic link (to a path inside the project) is not read (replace "
        "the link with the file or folder itself; the generator reads only the project's own files)\n"
        "1 error in 1 file\n",
    )


def test_a_pipe_is_never_waited_on(basic: Path) -> None:
    os.mkfifo(basic / "provisions/acme/pipe.yaml")
    os.mkfifo(basic / "content/pages/pipe.md")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    run = [sys.executable, "-m", "generator", "--root", str(basic), "check"]
    done = subprocess.run(run, capture_output=True, text=True, timeout=120, env=env)  # a read would block for ever
    assert done.returncode == 0, done.stderr


# --- archive imports -------------------------------------------------------------------------------------


PROVENANCE = archive.Provenance("https://globex.example/terms", "CC-BY-4.0")


@pytest.mark.parametrize("to", ["../x", "globex/../../x", "/etc", "globex", "globex/terms/x", "Globex/terms", ""])
def test_an_archive_target_is_two_slugs(basic: Path, to: str) -> None:
    with pytest.raises(archive.ArchiveError, match="write <platform>/<document>"):
        archive.folder_of(basic, to)
    assert not (basic / "archive").exists() and not (basic.parent / "x").exists()


@pytest.mark.parametrize("path", ["../x.md", "/etc/passwd", "Acme/../../x.md", "./Acme/T.md", "Acme//T.md", ""])
def test_a_path_in_the_repository_stays_in_it(versions_repo: Path, path: str) -> None:
    with pytest.raises(archive.ArchiveError, match="give the file's path inside the repository"):
        archive.history(versions_repo, path, "o/n", PROVENANCE)


def _commit(repo: Path, message: str = "v") -> None:
    git_at(repo, "add", "-A")
    git_at(repo, "commit", "-qm", message)


def _import(basic: Path, repo: Path, path: str) -> list[Path]:
    return archive.import_history(basic, repo, path, "globex/terms", PROVENANCE, "o/n")


def test_a_link_in_the_imported_repository_is_not_followed(basic: Path, versions_repo: Path, outside: Path) -> None:
    terms = versions_repo / "Acme/Terms.md"
    terms.symlink_to(outside / "secret.yaml")
    _commit(versions_repo)
    with pytest.raises(archive.ArchiveError, match=r"Acme/Terms\.md at commit [0-9a-f]{12} is a symbolic link"):
        _import(basic, versions_repo, "Acme/Terms.md")
    (versions_repo / "Linked").symlink_to("Acme")  # a file below a linked folder is not in git's tree
    _commit(versions_repo)
    with pytest.raises(archive.ArchiveError, match=r"no version of 'Linked/Acceptable Use Policy\.md'"):
        _import(basic, versions_repo, "Linked/Acceptable Use Policy.md")
    with pytest.raises(archive.ArchiveError, match=r"Acme at commit [0-9a-f]{12} is not a file \(a tree\)"):
        _import(basic, versions_repo, "Acme")
    assert not (basic / "archive").exists()


def test_a_huge_blob_is_refused_before_it_is_read(
    basic: Path, versions_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (versions_repo / "Acme/Big.md").write_bytes(b"x" * (MAX_ATTACHED_BYTES + 1))
    _commit(versions_repo)
    asked: list[tuple[str, ...]] = []
    real = gitsource.git

    def spy(repo: Path, *args: str) -> bytes:
        asked.append(args)
        return real(repo, *args)

    monkeypatch.setattr(gitsource, "git", spy)
    with pytest.raises(archive.ArchiveError, match=f"is {MAX_ATTACHED_BYTES + 1} bytes, over {MAX_ATTACHED_BYTES}"):
        _import(basic, versions_repo, "Acme/Big.md")
    assert [a[0] for a in asked if a[0] in ("show", "cat-file")] == []
    assert not (basic / "archive").exists()


def test_nothing_is_written_through_a_linked_archive_folder(
    atlas: Atlas, basic: Path, outside: Path, tmp_path: Path
) -> None:
    (basic / "archive").mkdir()
    (basic / "archive/globex").symlink_to(outside)
    text = tmp_path / "copy.md"
    text.write_text("# Terms\n", encoding="utf-8")
    args = ["--to", "globex/terms", "--recorded", "2024-03-02", "--source-url", "https://x.example/t", "--licence", "l"]
    code, _, err = atlas("--root", str(basic), "archive", "add", str(text), *args)
    assert code == 2 and "archive/globex is a symbolic link: the archive is written through no link" in err
    assert sorted(p.name for p in outside.iterdir()) == ["secret.yaml"]
    (basic / "archive/globex").unlink()
    (text.parent / "linked.md").symlink_to(text)
    code, _, err = atlas("--root", str(basic), "archive", "add", str(text.parent / "linked.md"), *args)
    assert code == 2 and "linked.md: a symbolic link; give the file itself" in err
    assert not (basic / "archive/globex").exists()


def test_a_link_in_the_archive_folder_is_neither_read_nor_written_through(basic: Path, outside: Path) -> None:
    folder = basic / "archive/globex/terms"
    folder.mkdir(parents=True)
    (folder / "2024-03-02.md").symlink_to(outside / "secret.yaml")
    (folder / "2024-03-02.yaml").symlink_to(outside / "secret.yaml")
    assert archive.stored(folder)[0].text == b""  # never read
    version = archive.Version(None, b"# Terms\n", {"url": "https://x.example/t"}, PROVENANCE, effective=None)
    with pytest.raises(archive.ArchiveError, match="nothing was written"):
        archive.write(folder, [("2024-03-02", version)])
    assert (outside / "secret.yaml").read_text(encoding="utf-8") == "title: SECRET FROM OUTSIDE\n"

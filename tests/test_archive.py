"""The archive of document versions: importing it (a git repository the test makes), checking it, proving quotes."""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.conftest import AUP, MINORS, V1, V2, Atlas

Write = Callable[[str, str | bytes], Path]


def _commits(repo: Path) -> list[str]:
    out = subprocess.run(["git", "-C", str(repo), "log", "--reverse", "--format=%H"], capture_output=True, text=True)
    return out.stdout.split()


def test_import_keeps_the_versions_that_changed_with_their_provenance(
    atlas: Atlas, basic: Path, versions_repo: Path
) -> None:
    code, out, err = atlas("--root", str(basic), "archive", "import", str(versions_repo), AUP, "--to", "globex/terms")
    assert (code, out, err) == (0, "archived 2 new versions of globex/terms\n", "")
    folder = basic / "archive" / "globex" / "terms"
    assert sorted(p.name for p in folder.iterdir()) == [
        "2024-03-02.md",
        "2024-03-02.yaml",
        "2025-06-11.md",
        "2025-06-11.yaml",
    ]
    assert (folder / "2025-06-11.md").read_text(encoding="utf-8") == V2
    first, _, third = _commits(versions_repo)
    assert (folder / "2025-06-11.yaml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../../../schema/version.schema.json\n"
        "# Written by `atlas archive`; the text beside it is kept as imported.\n"
        "source:\n"
        '  repository: "OpenTermsArchive/test-versions"\n'
        f'  path: "{AUP}"\n'
        f'  commit: "{third}"\n'
        "recorded: 2025-06-11\n"
        "effective: 2025-06-10\n"
        'url: "https://globex.example/terms"\n'
        'licence: "ODC-BY-1.0"\n'
        'attribution: "Open Terms Archive, test-versions collection (https://github.com/OpenTermsArchive/test-versions)"\n'
        f"sha256: {hashlib.sha256(V2.encode()).hexdigest()}\n"
    )
    assert first in (folder / "2024-03-02.yaml").read_text(encoding="utf-8")
    written = [str(path) for path in sorted(folder.glob("*.yaml"))]
    assert atlas("--root", str(basic), "fmt", "--check", *written)[0] == 0  # written as `atlas fmt` writes
    # idempotent: nothing new the second time
    assert atlas("--root", str(basic), "archive", "import", str(versions_repo), AUP, "--to", "globex/terms")[:2] == (
        0,
        "archived 0 new versions of globex/terms\n",
    )
    # the archive is valid; the records that quote the document must now say which version they quote
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1 and err.count("must name the version it is from") == 2 and err.endswith("2 errors in 2 files\n")


def test_a_failed_import_writes_nothing(atlas: Atlas, basic: Path, versions_repo: Path, tmp_path: Path) -> None:
    folder = basic / "archive" / "globex" / "terms"
    folder.mkdir(parents=True)
    (folder / "2025-06-11.md").write_text("someone else's text\n", encoding="utf-8")  # in the way of the second version
    code, out, err = atlas("--root", str(basic), "archive", "import", str(versions_repo), AUP, "--to", "globex/terms")
    assert code == 2 and out == ""
    assert "nothing was written" in err
    assert sorted(p.name for p in folder.iterdir()) == ["2025-06-11.md"]
    code, _, err = atlas("--root", str(basic), "archive", "import", str(tmp_path), AUP, "--to", "globex/terms")
    assert code == 2 and err.startswith(f"atlas: error: {tmp_path}: not a git repository")
    code, _, err = atlas("--root", str(basic), "archive", "import", str(versions_repo), AUP, "--to", "globex/nope")
    assert code == 2 and "--to globex/nope: not a document of a known platform" in err


def _archive(atlas: Atlas, basic: Path, text: str, recorded: str) -> None:
    source = basic.parent / f"{recorded}.txt"
    source.write_text(text, encoding="utf-8")
    args = ["--to", "globex/terms", "--recorded", recorded, "--source-url", "https://web.archive.example/terms"]
    code, _, err = atlas("--root", str(basic), "archive", "add", str(source), *args, "--licence", "CC-BY-4.0")
    assert code == 0, err


def _cite(
    write: Write, basic: Path, version: str | None, body: str = "You may not use Globex to promote terrorism."
) -> None:
    """Globex's two quoting records name ``version``; the terrorism one quotes ``body``."""
    for name, status, given in (("terrorism", "verbatim", body), ("minors", "excerpt", None)):
        path = basic / "provisions" / "globex" / f"{name}.yaml"
        record = path.read_text(encoding="utf-8")
        start = record.index("text:")
        body_at = record.index("  body:", start)
        end = record.index("\n", body_at) + 1
        text = given or record[body_at + len("  body: ") : end - 1]
        if record.startswith("  version:", end):  # named before: replace it
            end = record.index("\n", end) + 1
        line = f"  version: {version}\n" if version else ""
        write(
            f"provisions/globex/{name}.yaml",
            record[:start] + f"text:\n  status: {status}\n  body: {text}\n{line}" + record[end:],
        )


def test_quotes_are_proved_against_the_version_they_name(atlas: Atlas, basic: Path, write: Write) -> None:
    _archive(atlas, basic, V1, "2024-03-02")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert err.splitlines()[1] == (
        "provisions/globex/terrorism.yaml:6:3: error: verbatim wording of a document with archived versions must "
        "name the version it is from (add 'version:' under text, one of: 2024-03-02)"
    )
    _cite(write, basic, "2024-03-02")
    assert atlas("--root", str(basic), "check")[0] == 0
    _cite(write, basic, "2024-03-02", "You may not use Globex to support terrorism.")
    code, _, err = atlas("--root", str(basic), "check")
    assert err.splitlines()[0] == (
        "provisions/globex/terrorism.yaml:7:9: error: the wording is not in the archived version "
        "globex/terms/2024-03-02: 'You may not use Globex to support terrorism.' "
        "(the closest there: 'You may not use Globex to promote terrorism.')"
    )
    _cite(write, basic, "2024-03-01")
    assert (
        "error: no archived version '2024-03-01' of globex/terms (did you mean '2024-03-02'?)"
        in atlas("--root", str(basic), "check")[2]
    )


def test_a_quote_gone_from_the_newest_version_warns_and_fails_strict_checks(
    atlas: Atlas, basic: Path, write: Write
) -> None:
    _archive(atlas, basic, V1, "2024-03-02")
    _archive(atlas, basic, "# Acceptable Use\n\nBe kind.\n" + MINORS, "2025-06-11")
    _cite(write, basic, "2024-03-02")
    code, out, err = atlas("--root", str(basic), "check")
    warning = (
        "provisions/globex/terrorism.yaml:8:12: warning: the wording is no longer in the newest archived version "
        "(globex/terms/2025-06-11) (re-read the record against it; `atlas check --strict-archive` makes this an error)"
    )
    assert (code, err) == (0, warning + "\n") and out.startswith("ok: ")
    code, _, err = atlas("--root", str(basic), "check", "--strict-archive")
    assert code == 1 and err.startswith(warning.replace("warning:", "error:"))


def test_the_archive_itself_is_checked(atlas: Atlas, basic: Path, write: Write) -> None:
    _archive(atlas, basic, V1, "2024-03-02")
    folder = "archive/globex/terms"
    (basic / folder / "2024-03-02.md").write_text(V1 + "edited\n", encoding="utf-8")
    write(f"{folder}/2024-04-01.md", "an orphan\n")
    write("archive/globex/nope/2024-03-02.yaml", (basic / folder / "2024-03-02.yaml").read_text(encoding="utf-8"))
    write("archive/globex/nope/2024-03-02.md", V1)
    code, _, err = atlas("--root", str(basic), "check")
    lines = err.splitlines()
    assert code == 1
    assert lines[0].startswith(
        "archive/globex/nope/2024-03-02.yaml: error: unknown document 'nope' of platform 'globex'"
    )
    assert lines[1] == (
        "archive/globex/terms/2024-03-02.yaml:9:9: error: the text does not match its digest (the file's is "
        f"{hashlib.sha256((V1 + 'edited' + chr(10)).encode()).hexdigest()}) (archived text is kept as imported: "
        "import the new version instead of editing this one)"
    )
    assert lines[2] == (
        "archive/globex/terms/2024-04-01.md: error: this text has no provenance "
        "(archive/globex/terms/2024-04-01.yaml) (import it with `atlas archive`)"
    )


def test_an_oversized_archived_text_is_refused(atlas: Atlas, basic: Path, write: Write) -> None:
    from generator.read.load import MAX_ATTACHED_BYTES

    _archive(atlas, basic, V1, "2024-03-02")
    text = basic / "archive" / "globex" / "terms" / "2024-03-02.md"
    text.write_bytes(b"x" * (MAX_ATTACHED_BYTES + 1))
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert err.splitlines()[0] == (
        f"archive/globex/terms/2024-03-02.md: error: file is {MAX_ATTACHED_BYTES + 1} bytes, over the limit of "
        f"{MAX_ATTACHED_BYTES} bytes (archive a smaller document)"
    )


def test_damaged_texts_are_reported_on_every_run(atlas: Atlas, basic: Path) -> None:
    _archive(atlas, basic, V1, "2024-03-02")
    text = basic / "archive" / "globex" / "terms" / "2024-03-02.md"
    text.write_bytes(b"caf\xe9\n")
    for _ in range(2):  # the second run answers from the cache
        code, _, err = atlas("--root", str(basic), "check")
        assert code == 1 and "archive/globex/terms/2024-03-02.md:1:1: error: file is not valid UTF-8 (byte 3)" in err
    text.write_bytes(b"a\nb\x1b[31m\n")
    code, _, err = atlas("--root", str(basic), "check")
    assert (
        "archive/globex/terms/2024-03-02.md:2:2: error: the archived text holds a control character U+001B ESCAPE "
        "(archived text is kept as imported: import a clean copy, or report it to the source)"
    ) in err
    text.write_bytes("a\nbc \u202e and \u2066 and \x85\n".encode())
    code, _, err = atlas("--root", str(basic), "check")
    assert (
        "archive/globex/terms/2024-03-02.md:2:4: error: the archived text holds a bidirectional control character "
        "U+202E RIGHT-TO-LEFT OVERRIDE (and more after it)"
    ) in err


def test_an_edited_then_restored_text_is_judged_as_it_is_now(atlas: Atlas, basic: Path, write: Write) -> None:
    _archive(atlas, basic, V1, "2024-03-02")
    _cite(write, basic, "2024-03-02")
    assert atlas("--root", str(basic), "check")[0] == 0
    text = basic / "archive" / "globex" / "terms" / "2024-03-02.md"
    text.write_text("Nothing here.\n", encoding="utf-8")
    assert "error: the wording is not in the archived version" in atlas("--root", str(basic), "check")[2]
    text.write_text(V1, encoding="utf-8")  # put back: the answers worked out from the edit must not come back
    assert atlas("--root", str(basic), "check")[:2] == (0, "ok: 5 provisions, 3 platforms, 3 categories\n")


def test_a_verbatim_quote_is_compared_whole(atlas: Atlas, basic: Path, write: Write) -> None:
    _archive(atlas, basic, V1, "2024-03-02")
    _cite(write, basic, "2024-03-02", "You may not use Globex … terrorism.")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1 and "error: the wording is not in the archived version globex/terms/2024-03-02" in err


def test_a_readme_may_sit_in_the_archive_and_bad_sources_stop_the_commands(atlas: Atlas, basic: Path) -> None:
    (basic / "archive").mkdir()
    (basic / "archive" / "README.md").write_text("# The archive\n", encoding="utf-8")
    assert atlas("--root", str(basic), "check")[0] == 0
    (basic / "content" / "archive.yaml").write_text(f"- to: globex/terms\n  path: {AUP}\n", encoding="utf-8")
    code, out, err = atlas("--root", str(basic), "archive", "sources")
    assert (code, out) == (1, "")
    assert err.startswith("content/archive.yaml:1:3: error: missing required field 'repository'")
    assert err.endswith("archive: nothing done: fix the errors above first\n")


def test_a_copy_of_unknown_date_is_named_by_the_date_it_states(atlas: Atlas, basic: Path, write: Write) -> None:
    source = basic.parent / "copy.txt"
    source.write_text("Terms\n\nLast Updated 30 April 2024\n\n" + V1, encoding="utf-8")
    args = ["--to", "globex/terms", "--source-url", "https://copies.example/terms", "--licence", "none stated"]
    code, out, err = atlas("--root", str(basic), "archive", "add", str(source), "--recorded", "unknown", *args)
    assert (code, out, err) == (0, "archived 1 new version of globex/terms\n", "")
    meta = (basic / "archive/globex/terms/2024-04-30.yaml").read_text(encoding="utf-8")
    assert "recorded:" not in meta and "effective: 2024-04-30" in meta
    _cite(write, basic, "2024-04-30")
    code, out, err = atlas("--root", str(basic), "build")
    assert code == 0, err
    page = (basic / "site/documents/globex/terms/index.html").read_text(encoding="utf-8")
    assert '<th scope="row">Unknown</th>' in page
    provision = (basic / "site/provisions/globex/terrorism/index.html").read_text(encoding="utf-8")
    assert 'recorded on an unknown date (a <a href="https://copies.example/terms"' in provision
    # without a stated date, or taken at a commit, it needs its recording date
    source.write_text("no date here\n", encoding="utf-8")
    code, _, err = atlas("--root", str(basic), "archive", "add", str(source), "--recorded", "unknown", *args)
    assert code == 2 and "states no date: give --effective <YYYY-MM-DD>" in err
    at_commit = ["--repository", "a/b", "--path", "p.md", "--commit", "0" * 40]
    code, _, err = atlas(
        "--root",
        str(basic),
        "archive",
        "add",
        str(source),
        "--recorded",
        "unknown",
        *args[:2],
        *at_commit,
        "--licence",
        "x",
    )
    assert code == 2 and "give --recorded <the commit's date>" in err


def test_a_version_without_a_recording_date_is_checked(atlas: Atlas, basic: Path, write: Write) -> None:
    _archive(atlas, basic, V1, "2024-03-02")
    meta = basic / "archive/globex/terms/2024-03-02.yaml"
    kept = [
        line
        for line in meta.read_text(encoding="utf-8").splitlines(True)
        if not line.startswith(("recorded", "effective"))
    ]
    meta.write_text("".join(kept), encoding="utf-8")
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert (
        "archive/globex/terms/2024-03-02.yaml:4:3: error: a copy whose recording date is unknown needs the date the document states (add 'effective: <YYYY-MM-DD>')"
        in err.splitlines()
    )

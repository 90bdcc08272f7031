"""A quote's timeline derived from the archive, and the page of a document: what the reader is shown."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from generator.project import Project, check
from generator.relate.catalog import build_catalog
from generator.relate.wording import archive_changes
from generator.render.runner import render_pages
from tests.conftest import MINORS, Atlas, render_options

Write = Callable[[str, str | bytes], Path]
QUOTE = "You may not use Globex to promote terrorism."
HEAD = "# Terms\n\n## Prohibited uses\n\n"
#: Three versions: the quote is in the first two, reworded in the third; a heading no record covers, and
#: hostile markup that must never reach a page as markup.
VERSIONS = (
    ("2024-01-10", HEAD + f"* {QUOTE}\n{MINORS}\n## Fees\n\nNone.\n"),
    ("2024-06-01", HEAD + f"* {QUOTE}\n{MINORS}\n## Fees\n\nNone at all. <script>alert(1)</script>\n"),
    ("2025-02-03", HEAD + f"* You may not use Globex to support terrorism.\n{MINORS}\n## Fees\n\nNone at all.\n"),
)


def _project(atlas: Atlas, basic: Path, write: Write) -> Path:
    for name, text in VERSIONS:
        source = basic.parent / f"{name}.md"
        source.write_text(text, encoding="utf-8")
        args = ["--to", "globex/terms", "--recorded", name, "--source-url", f"https://copy.example/{name}"]
        assert atlas("--root", str(basic), "archive", "add", str(source), *args, "--licence", "CC0-1.0")[0] == 0
    for name in ("terrorism", "minors"):
        record = basic / "provisions" / "globex" / f"{name}.yaml"
        text = record.read_text(encoding="utf-8")
        write(f"provisions/globex/{name}.yaml", text.replace("\n  body:", "\n  version: 2024-06-01\n  body:", 1))
    return basic


def _pages(root: Path) -> dict[str, str]:
    result = check(Project(root))
    assert result.ok, result.diagnostics
    cat = build_catalog(result.records)
    return {p.src: p.content for p in render_pages(cat, Project(root).templates, render_options())}


def test_the_timeline_is_found_in_the_archive(atlas: Atlas, basic: Path, write: Write) -> None:
    result = check(Project(_project(atlas, basic, write)))
    assert [d.code for d in result.diagnostics] == ["quote-outdated"]
    w = build_catalog(result.records).wordings["globex/terrorism"]
    assert (w.cited.slug, w.since.slug, w.gone.slug if w.gone else None) == ("2024-06-01", "2024-01-10", "2025-02-03")
    assert w.diff is not None and [(s.op, s.text) for s in w.diff.inline if s.op != "equal"] == [
        ("delete", "promote"),
        ("insert", "support"),
    ]
    (change,) = archive_changes([w])
    assert (change.key, change.date.isoformat(), change.archived) == ("archive-2025-02-03", "2025-02-03", True)
    minors = build_catalog(result.records).wordings["globex/minors"]
    assert minors.current and minors.since.slug == "2024-01-10"


def test_the_provision_changes_and_feed_say_it_was_found_in_the_archive(
    atlas: Atlas, basic: Path, write: Write
) -> None:
    pages = _pages(_project(atlas, basic, write))
    provision = pages["provisions/globex/terrorism.md"]
    assert 'recorded on <a href="https://copy.example/2024-06-01"' in provision
    assert 'in the archived text since at least <a href="https://copy.example/2024-01-10"' in provision
    assert (
        '<p class="atlas-archived-gone" id="change-archive-2025-02-03"><strong>No longer in the archived text'
        in provision
    )
    assert '<del class="atlas-del"><span class="atlas-mark">[-</span>promote' in provision
    assert "Still in the newest archived version" in pages["provisions/globex/minors.md"]
    changes = pages["changes.md"]
    assert "Found in the archive</span> Found in the archive: the wording quoted here is no longer" in changes
    assert 'href="../provisions/globex/terrorism/#change-archive-2025-02-03"' in changes
    feed = pages["feeds/atlas.xml"]
    assert "Globex: Terrorism &amp; violent extremism (found in the archive, recorded 2025-02-03)" in feed
    assert "tag:provision-atlas.invalid,2026:provisions/globex/terrorism/archive-2025-02-03" in feed
    maintenance = pages["maintenance.md"]
    assert "## Quotes gone from the newest archived version" in maintenance
    assert "terrorism/#change-archive-2025-02-03" in maintenance


def test_the_document_page(atlas: Atlas, basic: Path, write: Write) -> None:
    page = _pages(_project(atlas, basic, write))["documents/globex/terms.md"]
    assert "3 archived versions of this document" in page
    recorded = re.findall(r'<tr id="v-([0-9-]+)">', page)
    assert recorded == ["2025-02-03", "2024-06-01", "2024-01-10"]  # newest first
    # records in the order their wording appears in the newest version: minors (still there) before the rest
    listed = re.findall(r'<li><a href="../../../provisions/(globex/[a-z-]+)/">', page)
    assert listed == ["globex/minors", "globex/terrorism"]
    assert "## Not yet recorded" in page and "<li>Fees</li>" in page and "<li>Terms</li>" in page
    assert page.count('<details class="atlas-version-diff">') == 2
    assert "<summary>From 2024-06-01 to 2025-02-03</summary>" in page
    assert "Archived text, under CC0-1.0." in page
    # archived text is compared as the words a reader sees: the sanitizer drops the script, tags and all
    assert "<script" not in page and "alert(1)" not in page


def test_a_wording_back_in_the_newest_version_is_current(atlas: Atlas, basic: Path, write: Write) -> None:
    _project(atlas, basic, write)
    source = basic.parent / "back.md"
    source.write_text(VERSIONS[0][1], encoding="utf-8")  # the quote comes back
    args = ["--to", "globex/terms", "--recorded", "2025-06-01", "--source-url", "https://copy.example/back"]
    assert atlas("--root", str(basic), "archive", "add", str(source), *args, "--licence", "CC0-1.0")[0] == 0
    result = check(Project(basic))
    assert [d.code for d in result.diagnostics] == []  # the newest version holds it: no warning
    w = build_catalog(result.records).wordings["globex/terrorism"]
    assert w.gone is not None and w.gone.slug == "2025-02-03" and w.current


def test_the_catalog_remembers_its_archive_searches_in_the_cache(
    atlas: Atlas, basic: Path, write: Write, tmp_path: Path
) -> None:
    result = check(Project(_project(atlas, basic, write)))
    cache = tmp_path / "cache"
    plain = build_catalog(result.records)
    assert build_catalog(result.records, cache=cache) == plain
    (kept,) = cache.glob("quotes-*.pickle")  # what the outdated quote's search found
    stamp = kept.stat().st_mtime_ns
    assert build_catalog(result.records, cache=cache) == plain  # the same, from what was remembered
    assert kept.stat().st_mtime_ns == stamp  # nothing new to keep

"""History timelines and word diffs, the changes page, review freshness, aliases and their redirects."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.project import Project, check
from generator.read.model import HistoryEntry, Provision
from generator.relate import history
from generator.relate.dating import build_date
from generator.render import redirects
from generator.render.runner import render_pages
from generator.settings import AtlasSettings, SettingsError, load_settings, settings_from
from generator.site.build import build
from tests.conftest import render_options

from .conftest import TODAY, catalog

Write = Callable[[str, str | bytes], Path]
Atlas = Callable[..., tuple[int, str, str]]


def pages(root: Path, *, today: dt.date = TODAY, directory_urls: bool = True) -> dict[str, str]:
    options = render_options(directory_urls, today=today)
    return {p.src: p.content for p in render_pages(catalog(root), Project(root).templates, options)}


def with_history(p: Provision, *entries: tuple[str, str | None], body: str | None = None) -> Provision:
    text = dataclasses.replace(p.text, body=body) if body is not None else p.text
    return dataclasses.replace(
        p,
        text=text,
        history=tuple(
            HistoryEntry(dt.date.fromisoformat(d), f"change {i}", prev) for i, (d, prev) in enumerate(entries)
        ),
    )


# --- word diff -------------------------------------------------------------------------


def test_word_diff_marks_insertions_and_deletions_in_text() -> None:
    diff = history.word_diff("You may not use X for terrorism.", "You may not use X to *support* terrorism.")
    assert history.as_text(diff) == "You may not use X [-for-] {+to support+} terrorism."
    assert [s.op for s in diff.before] == ["equal", "delete", "equal"]
    assert [s.op for s in diff.after] == ["equal", "insert", "equal"]


def test_word_diff_punctuation_and_markdown() -> None:
    diff = history.word_diff("Do **not** do it.", "Do not do it, ever.")
    assert history.as_text(diff) == "Do not do it{+, ever+}."  # emphasis is not a change in wording
    assert not history.word_diff("a  b\n\nc", "a b c").changed


# --- timelines -----------------------------------------------------------------------------


def test_timeline_compares_each_previous_text_with_the_next_known_wording(basic: Path) -> None:
    cat = catalog(basic)
    line = history.timeline(cat.provisions["globex/terrorism"])
    assert [t.change.key for t in line] == ["2025-06-10", "2024-09-15", "2024-03-01"]
    newest, middle, oldest = line
    assert newest.next_label == "the current wording" and newest.diff is not None
    assert (
        history.as_text(newest.diff)
        == "You may not use Globex to [-support or-] promote terrorism [-& violent extremism-]."
    )
    assert middle.next_label == "the wording before the change of 2025-06-10" and middle.diff is not None
    assert oldest.previous_text is None and oldest.diff is None


def test_no_diff_without_the_later_wording(basic: Path) -> None:
    cat = catalog(basic)
    (entry,) = history.timeline(cat.provisions["acme/no-extraction"])  # a paraphrase is not the wording
    assert entry.previous_text is not None and entry.next_text is None and entry.diff is None
    p = with_history(cat.provisions["globex/terrorism"], ("2024-01-01", "Old."), ("2025-01-01", None))
    older = history.timeline(p)[1]
    assert older.diff is None  # the next entry does not hold the wording before its own change


def test_same_day_changes_get_distinct_keys(basic: Path) -> None:
    changes = history.changes_of(catalog(basic).provisions["initech/extremism"])
    assert [c.key for c in changes] == ["2025-04-01", "2025-04-01-2"]
    assert [c.anchor for c in changes] == ["change-2025-04-01", "change-2025-04-01-2"]


def test_all_changes_newest_first_grouped_by_month(basic: Path) -> None:
    cat = catalog(basic)
    names = {p.id: p.name for p in cat.platforms.values()}
    changes = history.all_changes(cat.provisions.values(), names)
    assert [c.date.isoformat() for c in changes] == sorted((c.date.isoformat() for c in changes), reverse=True)
    months = history.by_month(changes)
    assert [(key, label, len(found)) for key, label, found in months] == [
        ("2025-06", "June 2025", 1),
        ("2025-04", "April 2025", 4),
        ("2024-09", "September 2024", 1),
        ("2024-03", "March 2024", 1),
    ]


# --- pages -------------------------------------------------------------------------------


def test_provision_page_shows_timeline_and_side_by_side_diff(basic: Path) -> None:
    page = pages(basic)["provisions/globex/terrorism.md"]
    assert '<li id="change-2025-06-10">' in page and '<li id="change-2024-03-01">' in page
    assert page.index("change-2025-06-10") < page.index("change-2024-09-15") < page.index("change-2024-03-01")
    mark = '<span class="atlas-mark">{}</span>'
    deleted = '<del class="atlas-del">' + mark.format("[-") + "{}" + mark.format("-]") + "</del>"
    inserted = '<ins class="atlas-ins">' + mark.format("{{+") + "{}" + mark.format("+}}") + "</ins>"
    assert deleted.format("support or") in page
    assert inserted.format("to support or promote") in page
    assert deleted.format("&amp; violent extremism") in page  # escaped
    assert "After: the current wording" in page
    assert "removed words are marked" in page
    assert (
        "Former addresses, redirected here: <code>globex/terror</code>, <code>globex/violent-extremism</code>" in page
    )
    other = pages(basic)["provisions/acme/no-extraction.md"]
    assert "The wording after this change is not recorded, so no comparison is shown." in other
    assert "removed words are marked" not in other


def test_changes_page_lists_every_change_with_platform_and_category(basic: Path) -> None:
    page = pages(basic)["changes.md"]
    assert page.index("## June 2025") < page.index("## April 2025") < page.index("## March 2024")
    assert page.count("<li><time") == 7
    assert (
        '<a href="../platforms/initech/">Initech</a>: <a href="../provisions/initech/extremism/#change-2025-04-01-2">'
        in page
    )
    assert '<a class="atlas-chip atlas-chip-primary" href="../categories/violent-extremism/">' in page
    assert 'feed: "../feeds/atlas.xml"' in page


def test_platform_and_category_pages_show_their_recent_changes(basic: Path) -> None:
    rendered = pages(basic)
    platform = rendered["platforms/globex.md"]
    assert "## Recent changes" in platform and platform.count("<li><time") == 3
    assert '<a class="atlas-feed" href="../../feeds/platforms/globex.xml"' in platform
    category = rendered["categories/child-safety.md"]
    assert category.count("<li><time") == 1 and "Acme AI</a>: <a href=" in category
    assert 'feed: "../../feeds/categories/child-safety.xml"' in category


def test_a_page_without_changes_says_so(basic: Path, write: Write) -> None:
    for path in (basic / "provisions").rglob("*.yaml"):
        write(str(path.relative_to(basic)), _drop_history(path.read_text()))
    rendered = pages(basic)
    assert "No change is recorded yet for Globex's provisions." in rendered["platforms/globex.md"]
    assert "No change is recorded yet." in rendered["changes.md"]


def _drop_history(text: str) -> str:
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("history:"):
            skipping = True
            continue
        if skipping and (line.startswith(("-", " "))):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


# --- review freshness -------------------------------------------------------------------------


def test_review_due_is_marked_and_listed_with_its_age(basic: Path) -> None:
    rendered = pages(basic)
    page = rendered["provisions/initech/extremism.md"]
    assert '<span class="atlas-badge atlas-review-due" title="Last reviewed 427 days ago">Review due</span>' in page
    assert "427 days before this build; records are due for review after 180 days." in page
    assert "Review due" not in rendered["provisions/acme/csam-generation.md"]  # reviewed 2026-11-01
    maintenance = rendered["maintenance.md"]
    assert '<td><time datetime="2025-09-01">2025-09-01</time></td> <td>427</td>' in maintenance
    never = maintenance.split("## Never reviewed")[1]
    assert "3 of 5 records have no <code>last_reviewed</code> date" in never
    for title in ("No model extraction", "Child safety", "Terrorism &amp; violent extremism"):
        assert title in never
    assert 'search: {"exclude": true}' in maintenance


def test_review_age_follows_today_and_the_configured_limit(basic: Path) -> None:
    early = pages(basic, today=dt.date(2025, 10, 1))
    assert "Review due" not in early["provisions/initech/extremism.md"]
    assert "No reviewed record is older than 180 days." in early["maintenance.md"]
    config = (basic / "mkdocs.yml").read_text()
    assert "review_max_age_days: 180" in config
    (basic / "mkdocs.yml").write_text(config.replace("review_max_age_days: 180", "review_max_age_days: 1000"))
    relaxed = pages(basic)
    assert "Review due" not in relaxed["provisions/initech/extremism.md"]
    assert "more than 1000 days earlier" in relaxed["maintenance.md"]


def test_today_comes_from_source_date_epoch(basic: Path) -> None:
    records = check(Project(basic)).records
    day = lambda environ: build_date(records.provisions, records.reports, environ).day  # noqa: E731
    assert day({"SOURCE_DATE_EPOCH": "1793577600"}) == dt.date(2026, 11, 2)
    assert day({}) == dt.date(2026, 11, 1)  # never the clock: the newest date in the records
    with pytest.raises(SettingsError, match="SOURCE_DATE_EPOCH"):
        day({"SOURCE_DATE_EPOCH": "soon"})


def test_settings_from_the_engine_config(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: X\nsite_url: https://atlas.example.org\n"
        "markdown_extensions:\n- pymdownx.emoji:\n    emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
        "extra:\n  atlas:\n    review_max_age_days: 90\n"
    )
    assert load_settings(config) == AtlasSettings(review_max_age_days=90, site_url="https://atlas.example.org/")
    assert load_settings(tmp_path / "missing.yml") == AtlasSettings()
    for bad in ({"review_max_age_days": 0}, {"review_max_age_days": "90"}, {"review_max_age_days": True}, {"typo": 1}):
        with pytest.raises(SettingsError):
            settings_from({"extra": {"atlas": bad}})
    with pytest.raises(SettingsError, match="site_url"):
        settings_from({"site_url": "ftp://x"})


# --- aliases and redirects -------------------------------------------------------------------


def test_alias_redirect_pages_for_both_url_styles(basic: Path) -> None:
    assert redirects.redirect_path("globex/terror", True) == "provisions/globex/terror/index.html"
    assert redirects.redirect_path("globex/terror", False) == "provisions/globex/terror.html"
    hosted = pages(basic)["provisions/globex/terror/index.html"]
    assert '<meta http-equiv="refresh" content="0; url=../terrorism/">' in hosted
    assert '<link rel="canonical" href="../terrorism/">' in hosted
    assert '<a href="../terrorism/">Terrorism &amp; violent extremism</a>' in hosted
    offline = pages(basic, directory_urls=False)["provisions/globex/terror.html"]
    assert '<meta http-equiv="refresh" content="0; url=terrorism.html">' in offline


def test_old_addresses_keep_working_in_the_built_site(basic: Path) -> None:
    result = build(Project(basic))  # the link check follows the redirects' links too
    assert result.ok, result.messages
    site = basic / "site"
    for alias in ("terror", "violent-extremism"):
        assert 'url=../terrorism/"' in (site / f"provisions/globex/{alias}/index.html").read_text()
    assert (site / "provisions/globex/terrorism/index.html").is_file()


@pytest.mark.parametrize(
    ("aliases", "expected"),
    [
        (
            "[acme/no-extraction]",
            "provisions/globex/terrorism.yaml:25:11: error: alias 'acme/no-extraction' is the id of a live provision",
        ),
        (
            "[globex/terrorism]",
            "provisions/globex/terrorism.yaml:25:11: error: alias 'globex/terrorism' is this provision's own id",
        ),
        (
            "[globex/old, globex/old]",
            "provisions/globex/terrorism.yaml:25:23: error: alias 'globex/old' is already used (at line 25)",
        ),
        ("[Globex/Old]", "provisions/globex/terrorism.yaml:25:11: error: 'aliases' is not a former provision id"),
        ("[old]", "provisions/globex/terrorism.yaml:25:11: error: 'aliases' is not a former provision id"),
    ],
)
def test_bad_aliases_are_located_errors(basic: Path, write: Write, atlas: Atlas, aliases: str, expected: str) -> None:
    rel = "provisions/globex/terrorism.yaml"
    text = (basic / rel).read_text()
    write(rel, text.replace("aliases: [globex/terror, globex/violent-extremism]", f"aliases: {aliases}"))
    code, _out, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert err.startswith(expected), err


def test_an_alias_used_by_two_records(basic: Path, write: Write, atlas: Atlas) -> None:
    rel = "provisions/acme/no-extraction.yaml"
    write(rel, (basic / rel).read_text() + "aliases: [globex/terror]\n")
    code, _out, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert "alias 'globex/terror' is already used (at provisions/acme/no-extraction.yaml:" in err


def test_prose_pages_cannot_take_generated_names(basic: Path, write: Write, atlas: Atlas) -> None:
    write("content/pages/changes.md", "# Changes\n")
    code, _out, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert "content/pages/changes.md" in err and "'changes' cannot name a prose page" in err


def test_words_are_what_a_reader_sees() -> None:
    assert history.words("**im**possible &lt;b&gt; a & b\n\n- x\n- y") == ["impossible", "<b>", "a", "&", "b", "x", "y"]

"""`atlas serve`: both language trees previewed, each following edits (the benchmark's own measurement for one)."""

from __future__ import annotations

import dataclasses
import re
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from bench.preview import Preview, preview_latency, running_preview
from bench.serving import fetch, free_port
from generator.project import Project
from generator.site.engine.preview import LiveNav
from generator.site.serve import edited, regenerate

from .conftest import catalog, translate


def test_an_edit_shows_in_the_preview(basic: Path) -> None:
    latencies = preview_latency(basic, edits=2, timeout=90)
    assert len(latencies) == 2  # each edit was served (preview_latency raises otherwise)
    record = (basic / "provisions" / "acme" / "csam-generation.yaml").read_text(encoding="utf-8")
    assert "Preview edit" not in record  # the record is restored


def test_fetch_of_a_closed_port_is_empty() -> None:
    assert fetch(f"http://127.0.0.1:{free_port()}/") == ""


def _wait_for(condition: Callable[[], bool], server: Preview, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if server.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"not seen in time; atlas serve said: {server.said()}")
        time.sleep(0.2)


def test_a_prose_page_added_while_serving_shows_in_the_nav_of_every_page(basic: Path) -> None:
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    with running_preview(basic, port) as server:
        _wait_for(lambda: bool(fetch(f"{site}/categories/")), server)
        assert "Press kit" not in fetch(f"{site}/categories/")
        time.sleep(1.0)  # let the first build settle
        (basic / "content" / "pages" / "press.md").write_text("# Press kit\n\nFor the press.\n", encoding="utf-8")
        for tree in ("", "/ja"):  # in both trees, each with its own navigation
            _wait_for(_serves(f"{site}{tree}/press/", "For the press."), server)
            # a page whose own file did not change carries the new nav entry too
            _wait_for(_serves(f"{site}{tree}/categories/", 'href="../press/"'), server)


def _serves(url: str, text: str) -> Callable[[], bool]:
    """Whether the page at ``url`` holds ``text`` now."""
    return lambda: text in fetch(url)


def test_both_trees_are_previewed_and_follow_edits(basic: Path) -> None:
    """The Japanese tree at /ja/, in Japanese; a translation edited shows there, an English record in both."""
    translate(basic)  # globex/terrorism has a machine translation
    port = free_port()
    site = f"http://127.0.0.1:{port}"
    terrorism, other = "provisions/globex/terrorism/", "provisions/acme/no-extraction/"
    with running_preview(basic, port) as server:
        _wait_for(lambda: bool(fetch(f"{site}/ja/{terrorism}")), server)
        japanese, english = fetch(f"{site}/ja/{terrorism}"), fetch(f"{site}/{terrorism}")
        assert '<html lang="ja"' in japanese and "機械翻訳" in japanese  # the theme and the interface in Japanese
        assert "<title>テロリズムの助長の禁止 - " in japanese and '<html lang="en"' in english
        assert 'href="../../../ja/provisions/globex/terrorism/"' in english  # the switch leads to it
        time.sleep(1.0)  # let the first build settle

        record = basic / "provisions" / "globex" / "terrorism.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(
            text.replace("title: テロリズムの助長の禁止", "title: テロリズム助長の禁止（改訂）"), encoding="utf-8"
        )
        _wait_for(_serves(f"{site}/ja/{terrorism}", "<title>テロリズム助長の禁止（改訂） - "), server)
        assert "（改訂）" not in fetch(f"{site}/{terrorism}")

        record = basic / "provisions" / "acme" / "no-extraction.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(re.sub(r"^title: .*$", "title: Retitled in preview", text, count=1, flags=re.M))
        for tree in ("", "/ja"):  # untranslated: the Japanese page shows the English title
            _wait_for(_serves(f"{site}{tree}/{other}", "<title>Retitled in preview - "), server)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_pass_renders_every_tree_and_a_broken_record_leaves_both_as_they_were(basic: Path) -> None:
    project = Project(basic)
    made = regenerate(project)
    assert made is not None
    every, navs = made
    assert [tree.lang for tree in every] == ["en", "ja"] and set(navs) == {"en", "ja"}
    docs, docs_ja = project.docs, project.work / "docs-ja"
    assert (docs / "provisions" / "acme" / "no-extraction.md").is_file()
    assert (docs_ja / "provisions" / "acme" / "no-extraction.md").is_file()
    before = _files(docs), _files(docs_ja)
    record = basic / "provisions" / "acme" / "no-extraction.yaml"
    record.write_text(re.sub(r"^title: .*$", "title: [unclosed", record.read_text(encoding="utf-8"), flags=re.M))
    assert regenerate(project) is None
    assert (_files(docs), _files(docs_ja)) == before  # the last good preview, of either tree, stays up


def test_a_change_of_navigation_clears_the_pages_of_its_tree_only(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for rel in ("index.html", "categories/index.html", "ja/index.html", "ja/categories/index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("built", encoding="utf-8")
    english = LiveNav(tmp_path / "docs", [{"Home": "index.md"}])
    japanese = LiveNav(tmp_path / "docs-ja", [{"ホーム": "index.md"}], language="ja", folder="ja/")
    assert not english.update([{"Home": "index.md"}]) and not english.starting_build(site, keep=frozenset({"ja"}))
    assert english.update([{"Home": "index.md"}, {"Press": "press.md"}])
    assert english.starting_build(site, keep=frozenset({"ja"}))
    assert sorted(_files(site)) == ["ja/categories/index.html", "ja/index.html"]  # the Japanese tree is left
    assert not japanese.starting_build(site / "ja")  # its navigation did not change


def test_the_pages_written_first_are_those_of_the_edited_provisions(
    basic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = catalog(basic)
    record = basic / "provisions" / "acme" / "no-extraction.yaml"
    record.write_text(re.sub(r"^title: .*$", "title: Retitled", record.read_text(encoding="utf-8"), flags=re.M))
    now = catalog(basic)
    assert edited(before, now) == {"provisions/acme/no-extraction.md"}
    assert edited(None, now) == frozenset() and edited(now, now) == frozenset()
    every = frozenset(f"provisions/{pid}.md" for pid in now.provisions)
    assert edited(dataclasses.replace(now, provisions={}), now) == every  # every provision new
    monkeypatch.setattr("generator.site.serve.FIRST_AT_MOST", len(every) - 1)
    assert edited(dataclasses.replace(now, provisions={}), now) == frozenset()  # too wide a change to write first


def test_the_pages_written_first_are_those_of_every_edited_record(basic: Path) -> None:
    """Not a provision's only: a platform's page, a report's metrics' pages."""

    def edit(rel: str, old: str, new: str) -> None:
        path = basic / rel
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    before = catalog(basic)
    edit("content/platforms/acme.yaml", "name: Acme AI", "name: Acme Renamed")
    edit("content/reports/acme/integrity-2024-2025.yaml", "value: 13", "value: 14")
    assert edited(before, catalog(basic)) == {
        "platforms/acme.md",
        "transparency/ncmec-reports.md",
        "transparency/models-red-teamed.md",  # the report's other figure: its row on that page shows the report too
    }


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.is_file() else []


def test_the_engine_stops_when_the_generator_is_gone_however_it_went(basic: Path) -> None:
    port = free_port()
    site = f"http://127.0.0.1:{port}/"
    with running_preview(basic, port) as server:
        _wait_for(lambda: bool(fetch(site)), server)
        engines = _children(server.pid)
        if not engines:
            pytest.skip("no /proc to find the engine's process in")
        server.send_signal(signal.SIGKILL)  # no clean-up of its own: the engine must notice
        server.wait(timeout=30)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{pid}").exists() and _running(pid) for pid in engines):
            assert time.monotonic() < deadline, "the engine's process outlived the generator's"
            time.sleep(0.2)
    assert fetch(site) == ""


def _running(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended but not yet reaped by its parent's parent, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] != "Z"
    except OSError:
        return False

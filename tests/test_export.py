"""The offline export: one deterministic zip, self-contained, dated reproducibly."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.project import SOURCE_FOLDERS
from generator.site import engine
from generator.site.build import Project, build
from generator.site.export import EXCLUDED_FILES, ExportError, export, export_time, external_resources

from .conftest import REPO

Atlas = Callable[..., tuple[int, str, str]]
Write = Callable[[str, str | bytes], Path]

#: 2026-11-02 03:04:05 UTC.
EPOCH = "1793588645"
#: sha256 of iframe-worker@1.0.4's shim/index.js, the file vendored in generator/vendor/.
SHIM_SHA256 = "e8e412dbcfea9b7e31b5ffa288d7b6035915e714c542f4176a0cdbe262fc9609"


def test_export_zip_layout(basic: Path, tmp_path: Path) -> None:
    result = export(Project(basic), tmp_path / "dist", environ={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.ok and result.path == tmp_path / "dist" / "provision-atlas-offline-2026-11-02.zip"
    assert result.date == dt.date(2026, 11, 2)
    assert sorted(p.name for p in (tmp_path / "dist").iterdir()) == [result.path.name]  # no partial file left
    with zipfile.ZipFile(result.path) as zf:
        infos = zf.infolist()
        names = [i.filename for i in infos]
        assert names == sorted(names) and len(names) == len(set(names)) == result.files
        assert all(n.startswith("provision-atlas-offline-2026-11-02/") for n in names)
        assert {i.date_time for i in infos} == {(2026, 11, 2, 3, 4, 4)}  # zip times have two-second steps
        assert {i.external_attr >> 16 for i in infos} == {0o100644}
        assert {i.compress_type for i in infos} == {zipfile.ZIP_DEFLATED}
        assert not any(n.endswith("/") for n in names)  # no directory entries
        files = {n.removeprefix("provision-atlas-offline-2026-11-02/"): n for n in names}
        for page in (
            "README.txt",
            "index.html",
            "categories/child-safety.html",
            "provisions/acme/csam-generation.html",
            "matrix.html",
            "embed/child-safety/index.html",
            "search/search_index.js",
            "search/search_index.json",
            engine.WORKER_SHIM_URL,
        ):
            assert page in files, page
        assert not [f for f in files if f.removeprefix("ja/") in EXCLUDED_FILES or f.endswith(".map")]
        assert "ja/index.html" in files and "ja/search/search_index.js" in files  # the Japanese tree, without them
        readme = zf.read(files["README.txt"]).decode()
        index = zf.read(files["index.html"]).decode()
        search_js = zf.read(files["search/search_index.js"]).decode()
        shim = zf.read(files[engine.WORKER_SHIM_URL])
    assert readme.startswith("Provision Atlas, offline edition of 2026-11-02\n")
    assert "5 provisions from 3 platforms in 3 categories." in readme
    assert "open index.html with a web browser" in readme
    assert "Dated 2026-11-02: the release time given by SOURCE_DATE_EPOCH." in readme
    assert search_js.startswith("var __index = {")
    assert hashlib.sha256(shim).hexdigest() == SHIM_SHA256
    # the local shim comes before Material's bundle, and nothing names a CDN
    shim_at = index.index('<script src="assets/offline/iframe-worker.js"></script>')
    assert shim_at < index.index('src="assets/javascripts/bundle.')
    assert "unpkg.com" not in index and "fonts.googleapis" not in index
    assert 'href="categories/child-safety.html"' in index


def test_export_is_byte_for_byte_reproducible(tmp_path: Path) -> None:
    """The shipped corpus, exported twice from two copies: identical bytes."""
    zips = []
    for n in (1, 2):
        project = tmp_path / f"copy{n}"
        for folder in (*SOURCE_FOLDERS, "site_templates"):
            shutil.copytree(REPO / folder, project / folder)
        shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
        result = export(Project(project), tmp_path / f"dist{n}", environ={})
        assert result.ok, (result.build.messages, result.external)
        assert result.path is not None
        zips.append(result.path)
    assert zips[0].name == zips[1].name
    assert zips[0].read_bytes() == zips[1].read_bytes()


def test_date_without_source_date_epoch_is_the_newest_record_date(
    basic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # basic's newest date is acme/csam-generation's last_reviewed: 2026-11-01
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = export(Project(basic), tmp_path, environ={})
    assert "SOURCE_DATE_EPOCH" not in os.environ  # pinned for the build only, then restored
    assert result.path == tmp_path / "provision-atlas-offline-2026-11-01.zip"
    with zipfile.ZipFile(result.path) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2026, 11, 1, 0, 0, 0)}
        readme = zf.read("provision-atlas-offline-2026-11-01/README.txt").decode()
    assert "Dated 2026-11-01: the newest date in its records" in readme


def test_export_time_rules(basic: Path) -> None:
    from generator.site.build import check

    records = check(Project(basic)).records
    assert export_time(records, {"SOURCE_DATE_EPOCH": "0"})[0] == dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
    assert export_time(records, {"SOURCE_DATE_EPOCH": " 1793588645 "})[0].isoformat() == "2026-11-02T03:04:04+00:00"
    assert export_time(records, {"SOURCE_DATE_EPOCH": ""})[0].isoformat() == "2026-11-01T00:00:00+00:00"
    with pytest.raises(ExportError, match="SOURCE_DATE_EPOCH='soon' is not a number"):
        export_time(records, {"SOURCE_DATE_EPOCH": "soon"})


def test_hosted_build_has_no_offline_machinery(basic: Path) -> None:
    assert build(Project(basic)).ok
    site = basic / "site"
    assert not (site / "search/search_index.js").exists()
    assert not (site / engine.WORKER_SHIM_URL).exists()
    assert "iframe-worker" not in (site / "index.html").read_text()


def test_external_resources_are_found(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/page.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example/x.css"><link rel="canonical" href="https://atlas.example/">'
        '<script src="//cdn.example/x.js"></script><script src="../local.js"></script>'
        '<img src="data:image/png;base64,AAAA"><img srcset="small.png 1x, https://img.example/big.png 2x">'
        '<a href="https://openai.com/policies/">a link a reader clicks</a>'
        "<style>@import 'https://fonts.example/f.css'; .x{background:url(img/ok.png)}</style>"
        '<div style="background: url(&quot;http://img.example/bg.png&quot;)"></div>'
    )
    (tmp_path / "a/site.css").write_text(".y { background: url('https://img.example/y.png') } .z { mask: url(data:x) }")
    assert external_resources(tmp_path) == [
        "a/page.html: https://cdn.example/x.css",
        "a/page.html: //cdn.example/x.js",
        "a/page.html: https://img.example/big.png",
        "a/page.html: https://fonts.example/f.css",
        "a/page.html: http://img.example/bg.png",
        "a/site.css: https://img.example/y.png",
    ]


def test_export_refuses_a_page_that_loads_from_outside(basic: Path, write: Write, tmp_path: Path) -> None:
    write("content/pages/about.md", "# About\n\n![A chart](https://charts.example/c.png)\n")
    result = export(Project(basic), tmp_path / "dist", environ={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.build.ok and not result.ok
    assert result.external == (
        "about.html: https://charts.example/c.png",
        "ja/about.html: https://charts.example/c.png",
    )
    assert not (tmp_path / "dist").exists()


def test_vendored_shim_is_the_pinned_npm_file() -> None:
    assert hashlib.sha256(engine.WORKER_SHIM.read_bytes()).hexdigest() == SHIM_SHA256
    npm_copy = REPO / "node_modules/iframe-worker/shim/index.js"
    if npm_copy.is_file():  # installed by `make test` whenever Chromium is present
        assert npm_copy.read_bytes() == engine.WORKER_SHIM.read_bytes()


def test_cli_export(atlas: Atlas, basic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    code, out, err = atlas("--root", str(basic), "export", "--out-dir", str(tmp_path / "out"))
    assert (code, err) == (0, "")
    zip_path = tmp_path / "out/provision-atlas-offline-2026-11-02.zip"
    with zipfile.ZipFile(zip_path) as zf:
        entries = len(zf.namelist())
    size = zip_path.stat().st_size / 1_000_000
    assert out == f"exported {entries} files ({size:.1f} MB) into {os.path.relpath(zip_path)}\n"


def test_cli_export_errors(atlas: Atlas, basic: Path, write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "tomorrow")
    assert atlas("--root", str(basic), "export") == (
        2,
        "",
        "atlas: error: SOURCE_DATE_EPOCH='tomorrow' is not a number of seconds since 1970\n",
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    write("content/pages/about.md", "# About\n\n![A chart](https://charts.example/c.png)\n")
    assert atlas("--root", str(basic), "export") == (
        1,
        "",
        "error: about.html: https://charts.example/c.png: loaded from outside the site\n"
        "error: ja/about.html: https://charts.example/c.png: loaded from outside the site\n"
        "export failed: nothing was written\n",
    )
    write("content/categories.yaml", "- id: Bad\n")
    code, out, err = atlas("--root", str(basic), "export")
    assert code == 1 and out == "" and err.endswith("export not started: fix the errors above\n")
    assert not (basic / "dist").exists()

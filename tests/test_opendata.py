"""Open data: atlas.json, provisions.csv and one JSON file per provision read back into the same catalog."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.read.model import Origin
from generator.relate.catalog import Catalog, build_catalog
from generator.render import opendata, spreadsheet
from generator.render.runner import render_pages
from generator.site.build import Project, build
from tests.conftest import render_options

from .conftest import REPO, TODAY, catalog

ORIGIN = Origin("x")


def data(root: Path, directory_urls: bool = True) -> dict[str, str]:
    options = render_options(directory_urls, today=TODAY)
    rendered = render_pages(catalog(root), Project(root).templates, options)
    return {p.src: p.content for p in rendered if p.src.startswith("data/") and not p.src.endswith(".md")}


def validator(definition: str | None = None) -> jsonschema.Draft202012Validator:
    schema = json.loads((REPO / "schema" / "atlas.schema.json").read_text(encoding="utf-8"))
    if definition:
        schema = {**schema, "$ref": f"#/$defs/{definition}", "required": [], "properties": {}}
    return jsonschema.Draft202012Validator(schema)


def strip(value: Any) -> Any:
    """A record with every origin replaced, so records from files and from JSON compare equal."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {"origin": ORIGIN} if any(f.name == "origin" for f in dataclasses.fields(value)) else {}
        return dataclasses.replace(value, **changes)
    return value


def same_catalog(a: Catalog, b: Catalog) -> None:
    assert {k: strip(v) for k, v in a.provisions.items()} == {k: strip(v) for k, v in b.provisions.items()}
    assert list(a.provisions) == list(b.provisions)
    assert {k: strip(v) for k, v in a.categories.items()} == {k: strip(v) for k, v in b.categories.items()}
    assert list(a.categories) == list(b.categories)
    assert {k: strip(v) for k, v in a.platforms.items()} == {k: strip(v) for k, v in b.platforms.items()}
    assert {k: strip(v) for k, v in a.jurisdictions.items()} == {k: strip(v) for k, v in b.jurisdictions.items()}
    assert {k: strip(v) for k, v in a.metrics.items()} == {k: strip(v) for k, v in b.metrics.items()}
    assert [strip(r) for r in a.reports] == [strip(r) for r in b.reports]
    assert {
        pid: [(link.other.id, link.relation, link.note) for link in links] for pid, links in a.analogues.items()
    } == {pid: [(link.other.id, link.relation, link.note) for link in links] for pid, links in b.analogues.items()}
    for index in ("by_category", "by_platform", "by_jurisdiction", "by_law"):
        assert {k: [p.id for p in v] for k, v in getattr(a, index).items()} == {
            k: [p.id for p in v] for k, v in getattr(b, index).items()
        }, index


def test_committed_schema_is_current_and_valid() -> None:
    committed = json.loads((REPO / "schema" / "atlas.schema.json").read_text(encoding="utf-8"))
    assert committed == opendata.atlas_json_schema(), "schema/atlas.schema.json is stale: run `atlas schema`"
    jsonschema.Draft202012Validator.check_schema(committed)


def test_atlas_json_reads_back_into_the_same_catalog(basic: Path) -> None:
    files = data(basic)
    atlas = json.loads(files["data/atlas.json"])
    assert atlas["schema_version"] == opendata.SCHEMA_VERSION == "1.2"
    assert atlas["licence"]["id"] == "CC-BY-4.0"
    assert list(validator().iter_errors(atlas)) == []
    same_catalog(build_catalog(opendata.records_from_atlas(atlas)), catalog(basic))
    terrorism = next(p for p in atlas["provisions"] if p["id"] == "globex/terrorism")
    assert terrorism["aliases"] == ["globex/terror", "globex/violent-extremism"]
    assert terrorism["history"][2]["previous_text"].startswith("You may not use Globex to *support*")
    assert terrorism["page"] == "provisions/globex/terrorism/"
    assert terrorism["data"] == "data/provisions/globex/terrorism.json"
    assert terrorism["last_reviewed"] is None and terrorism["exposure"] is None


def test_every_key_is_in_the_schema(basic: Path) -> None:
    schema = opendata.atlas_json_schema()
    atlas = json.loads(data(basic)["data/atlas.json"])
    assert set(atlas) == set(schema["properties"])
    for key, spec in ((k.data_key, k.spec) for k in opendata.TOP):
        for item in atlas[key]:
            assert set(item) == set(schema["$defs"][spec.name]["properties"]), key


def test_one_json_file_per_provision_at_its_permanent_address(basic: Path) -> None:
    files = data(basic)
    atlas = json.loads(files["data/atlas.json"])
    check_file = validator("provision_file")
    for p in atlas["provisions"]:
        own = json.loads(files[f"data/provisions/{p['id']}.json"])
        assert list(check_file.iter_errors(own)) == []
        assert own["provision"] == p and own["schema_version"] == atlas["schema_version"]
    assert len([f for f in files if f.startswith("data/provisions/")]) == len(atlas["provisions"]) == 5
    assert list(validator("provision_file").iter_errors({"provision": {}})) != []


def test_csv_has_one_row_per_provision_and_reads_back(basic: Path) -> None:
    cat = catalog(basic)
    raw = data(basic)["data/provisions.csv"]
    assert raw.startswith("id,platform,platform_name,") and "\r\n" in raw
    # a cell a spreadsheet would take for a formula is prefixed with ' (generator.render.spreadsheet): undone here
    rows = [{k: spreadsheet.restore(v) for k, v in r.items()} for r in csv.DictReader(io.StringIO(raw, newline=""))]
    assert list(rows[0]) == [c.name for c in opendata.COLUMNS]
    assert [r["id"] for r in rows] == list(cat.provisions)

    def split(cell: str) -> tuple[str, ...]:
        return tuple(cell.split(opendata.LIST_SEPARATOR)) if cell else ()

    for row in rows:
        p = cat.provisions[row["id"]]
        assert (row["platform"], row["slug"], row["title"], row["document"]) == (
            p.platform,
            p.slug,
            p.title,
            p.document,
        )
        assert row["section"] == (p.section or "")
        assert split(row["categories"]) == p.categories
        assert (row["summary"], row["text_status"], row["text_body"]) == (p.summary, p.text.status, p.text.body or "")
        assert row["exposure_level"] == (p.exposure.level if p.exposure else "")
        assert split(row["jurisdictions"]) == tuple(f.code for f in p.jurisdictions)
        assert split(row["laws"]) == tuple(law for f in p.jurisdictions for law in f.laws)
        analogues = tuple(re.fullmatch(r"(\S+) \((\w+)\)", a).groups() for a in split(row["analogues"]))  # type: ignore[union-attr]
        assert analogues == tuple((a.provision, a.relation) for a in p.analogues)
        assert split(row["history_dates"]) == tuple(sorted(h.date.isoformat() for h in p.history))
        assert split(row["sources"]) == tuple(s.url for s in p.sources)
        assert row["last_reviewed"] == (p.last_reviewed.isoformat() if p.last_reviewed else "")
        assert split(row["aliases"]) == p.aliases
        assert row["json"] == f"data/provisions/{p.id}.json"


def test_data_is_reproducible_and_follows_the_url_style(basic: Path) -> None:
    first, again = data(basic), data(basic)
    assert first == again
    offline = json.loads(data(basic, directory_urls=False)["data/atlas.json"])
    assert offline["provisions"][0]["page"] == "provisions/acme/csam-generation.html"


def test_data_page_links_the_files_and_states_licence_and_citation(basic: Path) -> None:
    result = build(Project(basic))
    assert result.ok, result.messages
    site = basic / "site"
    page = (site / "data/index.html").read_text(encoding="utf-8")
    for link in ('href="atlas.json"', 'href="provisions.csv"', 'href="atlas.schema.json"'):
        assert link in page
    assert 'href="provisions/acme/csam-generation.json"' in page
    assert "Creative Commons Attribution 4.0 International" in page and "CC-BY-4.0" in page
    assert "How to cite" in page and "schema version 1.2" in page
    assert (site / "data/atlas.json").is_file() and (site / "data/provisions/globex/terrorism.json").is_file()
    provision = (site / "provisions/globex/terrorism/index.html").read_text(encoding="utf-8")
    assert 'href="../../../data/provisions/globex/terrorism.json"' in provision


@pytest.fixture(scope="module")
def corpus() -> Catalog:
    return catalog(REPO)


def test_shipped_corpus_round_trips_through_its_open_data(corpus: Catalog) -> None:
    atlas = opendata.atlas_data(corpus)
    text = opendata.dumps(atlas)
    assert list(validator().iter_errors(json.loads(text))) == []
    same_catalog(build_catalog(opendata.records_from_atlas(json.loads(text))), corpus)
    rows = list(csv.DictReader(io.StringIO(opendata.provisions_csv(corpus), newline="")))
    assert [r["id"] for r in rows] == list(corpus.provisions)
    assert [r["text_status"] for r in rows] == [p.text.status for p in corpus.provisions.values()]


def test_an_unknown_major_version_is_refused() -> None:
    with pytest.raises(ValueError, match="unsupported schema_version"):
        opendata.records_from_atlas({"schema_version": "2.0"})

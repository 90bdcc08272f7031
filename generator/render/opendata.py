"""Open data: the catalog as JSON and CSV, generated in the same build as the pages.

Files, at fixed addresses below the site root:

* ``data/atlas.json``: the whole catalog (categories, jurisdictions and laws,
  platforms and documents, provisions, metrics, reports), described by
  ``data/atlas.schema.json`` (also committed as ``schema/atlas.schema.json``);
* ``data/provisions.csv``: one row per provision, one column per scalar field,
  lists joined with ``"; "``, a cell a spreadsheet would run as a formula prefixed with ``'``;
* ``data/provisions/<platform>/<slug>.json``: one provision, the same object as in
  ``atlas.json``, wrapped with the schema version and licence.

Records are serialised from the field definitions in :mod:`generator.read.fields`, so
a field added there appears here without further work, under its YAML name.
Every optional field is present, ``null`` (or ``[]`` for lists) when absent.
Nothing depends on the clock: the same records give the same bytes.

``schema_version`` is ``MAJOR.MINOR``: a minor version only adds keys; anything
else (removing, renaming, retyping a key) is a new major version.
:func:`records_from_atlas` reads a file back into records (used by the tests).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from generator.read import fields, fieldtypes
from generator.read.fieldtypes import Date, FieldType, ListOf
from generator.read.kinds import KINDS, RecordKind
from generator.read.model import Origin, Provision, Records
from generator.read.recordspec import Object, RecordSpec, nested_specs
from generator.relate.catalog import Catalog
from generator.render import urls
from generator.render.citation import cite
from generator.render.csvfile import COLUMNS, LIST_SEPARATOR, Column, provisions_csv

__all__ = ["COLUMNS", "LIST_SEPARATOR", "Column", "provisions_csv"]  # the CSV's, named here too
from generator.settings import AtlasSettings

SCHEMA_VERSION = "1.2"  # 1.1: text.version (the archived version a quote is from); 1.2: a provision's citation
ATLAS_JSON = "data/atlas.json"
PROVISIONS_CSV = "data/provisions.csv"
SCHEMA_FILE = "data/atlas.schema.json"
SCHEMA_ID = "https://provision-atlas.invalid/schema/atlas.schema.json"
LICENCE = {
    "id": "CC-BY-4.0",
    "name": "Creative Commons Attribution 4.0 International",
    "url": "https://creativecommons.org/licenses/by/4.0/",
}
CITATION = (
    "Provision Atlas contributors. Provision Atlas: what AI platforms' policies say, compared provision by "
    "provision [data set], schema version {version}. Retrieved <date> from <address>. Licensed under CC BY 4.0."
)

#: The record lists of atlas.json, in its order (fixed by schema version 1.0; the registry's order is the editors').
ATLAS_ORDER = ("categories", "jurisdictions", "platforms", "provisions", "metrics", "reports")
#: The record kinds (generator.read.kinds) in atlas.json's order: key, spec, and the fields a path implies.
TOP: tuple[RecordKind, ...] = tuple(
    sorted((kind for kind in KINDS if kind.published), key=lambda kind: ATLAS_ORDER.index(kind.data_key))
)


def provision_file(provision_id: str) -> str:
    """The stable address of one provision's JSON file, relative to the site root."""
    return urls.provision_data(provision_id)


# --- records → JSON ---------------------------------------------------------------


def _to_json(ftype: FieldType, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(ftype, ListOf):
        return [_to_json(ftype.item, v) for v in value]
    if isinstance(ftype, Object):
        return _record(ftype.spec, value)
    if isinstance(ftype, Date):
        return value.isoformat()
    return value


def _record(spec: RecordSpec, obj: Any, implied: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {name: getattr(obj, name) for name in implied}
    for f in spec.fields:
        out[f.name] = _to_json(f.type, getattr(obj, f.name))
    return out


def provision_data(p: Provision, directory_urls: bool = True) -> dict[str, Any]:
    data = _record(fields.PROVISION, p, ("id", "platform", "slug"))
    data["page"] = urls.url_path(urls.provision(p.id), directory_urls)
    data["data"] = provision_file(p.id)
    return data


def atlas_data(
    cat: Catalog, *, directory_urls: bool = True, settings: AtlasSettings | None = None, day: dt.date | None = None
) -> dict[str, Any]:
    """The whole catalog as one JSON-ready mapping; with the build date ``day``, each provision's citation."""
    site_url = settings.site_url if settings else ""
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "schema": "atlas.schema.json",
        "title": "Provision Atlas",
        "licence": LICENCE,
        "citation": CITATION.format(version=SCHEMA_VERSION),
        "site_url": site_url or None,
    }
    values: dict[str, tuple[Any, ...]] = {
        "categories": tuple(cat.categories.values()),
        "jurisdictions": tuple(cat.jurisdictions.values()),
        "platforms": tuple(cat.platforms.values()),
        "provisions": tuple(cat.provisions.values()),
        "metrics": tuple(cat.metrics.values()),
        "reports": cat.reports,
    }
    for key, spec, implied in ((k.data_key, k.spec, k.implied) for k in TOP):
        if key == "provisions":
            out[key] = [provision_data(p, directory_urls) for p in values[key]]
            if day is not None:
                for data, p in zip(out[key], values[key], strict=True):
                    data["citation"] = cite(cat, p, settings or AtlasSettings(), day).data()
        else:
            out[key] = [_record(spec, r, implied) for r in values[key]]
    return out


def dumps(data: Any) -> str:
    """Compact JSON: these files are for programs, and Python's C encoder writes only this form
    (with ``indent`` it falls back to pure Python, seconds at 10,000 provisions)."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def provision_document(provision: dict[str, Any]) -> dict[str, Any]:
    """The content of one provision's own JSON file, around its object from ``provision_data``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "schema": "../../atlas.schema.json",
        "licence": LICENCE,
        "provision": provision,
    }


# --- JSON → records ---------------------------------------------------------------


def _from_json(ftype: FieldType, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(ftype, ListOf):
        return tuple(_from_json(ftype.item, v) for v in value)
    if isinstance(ftype, Object):
        return _build(ftype.spec, value, {})
    if isinstance(ftype, Date):
        return dt.date.fromisoformat(value)
    return value


def _build(spec: RecordSpec, data: Mapping[str, Any], implied: dict[str, Any]) -> Any:
    values = dict(implied)
    for f in spec.fields:
        raw = data.get(f.name)
        values[f.name] = f.empty if raw is None else _from_json(f.type, raw)
    return spec.model(**values)


def records_from_atlas(data: Mapping[str, Any], origin_path: str = ATLAS_JSON) -> Records:
    """Read an ``atlas.json`` back into records (prose pages are not part of the data)."""
    major = str(data.get("schema_version", "")).split(".")[0]
    if major != SCHEMA_VERSION.split(".")[0]:
        raise ValueError(f"unsupported schema_version {data.get('schema_version')!r}")
    built: dict[str, tuple[Any, ...]] = {}
    for key, spec, implied in ((k.data_key, k.spec, k.implied) for k in TOP):
        items = []
        for item in data[key]:
            extra: dict[str, Any] = {name: item[name] for name in implied}
            if "origin" in spec.implied:
                extra["origin"] = Origin(origin_path)
            items.append(_build(spec, item, extra))
        built[key] = tuple(items)
    unpublished = {kind.data_key: () for kind in KINDS if not kind.published}  # archived texts: not in the data
    return Records(**built, **unpublished, pages=())


# --- JSON Schema ----------------------------------------------------------------


def _object_schema(spec: RecordSpec, implied: Mapping[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    props: dict[str, Any] = dict(implied or {})
    for f in spec.fields:
        schema = f.type.json_schema()
        if not f.required and not isinstance(f.type, ListOf):
            schema = {"anyOf": [schema, {"type": "null"}]}
        props[f.name] = {"description": f.doc, **schema}
    return {"type": "object", "description": spec.doc, "required": list(props), "properties": props}


_VERSION = {"type": "string", "pattern": r"^1\.[0-9]+$", "description": "MAJOR.MINOR; 1.x only adds keys."}
_LICENCE = {
    "type": "object",
    "required": ["id", "name", "url"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}, "url": {"type": "string"}},
}


def _record_defs() -> dict[str, Any]:
    """The ``$defs`` of every record kind and nested record, with the fields a path implies."""
    slug = {"type": "string", "pattern": fieldtypes.SLUG_RE.pattern}
    pid = {"type": "string", "pattern": fieldtypes.PROVISION_ID_RE.pattern}
    implied_schemas: dict[str, dict[str, Any]] = {
        "id": {"description": "The id, from the file's path."},
        "platform": {"description": "The platform id, from the file's path.", **slug},
        "slug": {"description": "The file's name without .yaml.", **slug},
    }
    defs: dict[str, Any] = {}
    nested: dict[str, RecordSpec] = {}
    for key, spec, implied in ((k.data_key, k.spec, k.implied) for k in TOP):
        nested_specs(spec, nested)
        own = {name: dict(implied_schemas[name]) for name in implied}
        if "id" in own:
            own["id"].update(pid if key in ("provisions", "reports") else slug)
        defs[spec.name] = _object_schema(spec, own)
    for name, spec in nested.items():
        defs.setdefault(name, _object_schema(spec))
    prov = defs[fields.PROVISION.name]
    prov["properties"]["page"] = {
        "type": "string",
        "description": "The provision's page, relative to the site root (or to site_url).",
    }
    prov["properties"]["data"] = {
        "type": "string",
        "description": "The provision's own JSON file, relative to the site root.",
    }
    prov["required"] = list(prov["properties"])
    prov["properties"]["citation"] = {
        "type": "object",
        "description": "How to cite the provision: plain text, BibTeX and CSL-JSON (one item), dated by its "
        "archived wording, with the build date as the access date.",
        "properties": {"text": {"type": "string"}, "bibtex": {"type": "string"}, "csl": {"type": "object"}},
        "required": ["text", "bibtex", "csl"],
    }
    return defs


def atlas_json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of ``atlas.json``; ``$defs/provision_file`` describes a provision's file."""
    defs = _record_defs()
    defs["licence"] = _LICENCE
    defs["provision_file"] = {
        "type": "object",
        "description": "data/provisions/<platform>/<slug>.json: one provision.",
        "required": ["schema_version", "schema", "licence", "provision"],
        "properties": {
            "schema_version": _VERSION,
            "schema": {"type": "string"},
            "licence": {"$ref": "#/$defs/licence"},
            "provision": {"$ref": f"#/$defs/{fields.PROVISION.name}"},
        },
    }
    top_props: dict[str, Any] = {
        "schema_version": _VERSION,
        "schema": {"type": "string", "description": "This schema's file name, relative to atlas.json."},
        "title": {"type": "string"},
        "licence": {"$ref": "#/$defs/licence"},
        "citation": {"type": "string", "description": "How to cite the data."},
        "site_url": {"type": ["string", "null"], "description": "The hosted site's address, if configured."},
    }
    for key, spec in ((k.data_key, k.spec) for k in TOP):
        top_props[key] = {"type": "array", "items": {"$ref": f"#/$defs/{spec.name}"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Provision Atlas open data: data/atlas.json",
        "description": "The whole catalog. Keys are the record format's field names; absent optional values are "
        "null, absent lists []. Consumers should ignore keys they do not know (minor versions add keys).",
        "type": "object",
        "required": list(top_props),
        "properties": top_props,
        "$defs": dict(sorted(defs.items())),
    }


def schema_text() -> str:
    return json.dumps(atlas_json_schema(), indent=2, ensure_ascii=False) + "\n"


# --- all files ------------------------------------------------------------------


def data_files(
    cat: Catalog, *, directory_urls: bool = True, settings: AtlasSettings | None = None, day: dt.date | None = None
) -> list[tuple[str, str]]:
    """Every open-data file as (path relative to the site root, content)."""
    atlas = atlas_data(cat, directory_urls=directory_urls, settings=settings, day=day)
    files = [
        (ATLAS_JSON, dumps(atlas)),
        (PROVISIONS_CSV, provisions_csv(cat)),
        (SCHEMA_FILE, schema_text()),
    ]
    # each provision's own file holds its object from atlas.json (converted once, at 10,000 it counts)
    files += [(provision_file(data["id"]), dumps(provision_document(data))) for data in atlas["provisions"]]
    return files

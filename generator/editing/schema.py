"""JSON Schema and the field reference, both generated from :mod:`generator.read.fields`.

There is no hand-written copy of the format: ``atlas schema`` writes one schema
per file kind into ``schema/`` (editors' YAML extensions use them through the
``# yaml-language-server: $schema=...`` modeline), and :func:`field_reference`
renders the same definitions as Markdown for the site and CONTRIBUTING.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.read import fields
from generator.read.kinds import BY_NAME, KINDS
from generator.read.recordspec import RecordSpec, nested_specs

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _object_schema(spec: RecordSpec) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for f in spec.fields:
        prop = f.type.json_schema()
        if f.doc and "$ref" not in prop:
            prop = {"description": f.doc, **prop}
        elif f.doc:
            prop = {"description": f.doc, "allOf": [prop]}
        props[f.name] = prop
    schema: dict[str, Any] = {
        "type": "object",
        "description": spec.doc,
        "additionalProperties": False,
        "properties": props,
    }
    required = [f.name for f in spec.fields if f.required]
    if required:
        schema["required"] = required
    if spec is fields.TEXT:  # mirrors the text-body check
        schema["if"] = {"properties": {"status": {"const": "unavailable"}}}
        schema["then"] = {"not": {"required": ["body"]}}
        schema["else"] = {"required": ["body"]}
    return schema


def json_schema(kind_name: str) -> dict[str, Any]:
    """The JSON Schema of one kind of record file (generator.read.kinds)."""
    kind = BY_NAME[kind_name]
    filename, spec, is_list, where = kind.schema_file, kind.spec, kind.listed, kind.pattern
    defs: dict[str, RecordSpec] = {}
    nested_specs(spec, defs)
    top = _object_schema(spec)
    body: dict[str, Any] = {"type": "array", "items": {"$ref": f"#/$defs/{spec.name}"}} if is_list else top
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": f"https://provision-atlas.invalid/schema/{filename}",
        "title": f"Provision Atlas: {where}",
        **body,
    }
    all_defs = {name: _object_schema(s) for name, s in sorted(defs.items())}
    if is_list:
        all_defs[spec.name] = top
    if all_defs:
        schema["$defs"] = dict(sorted(all_defs.items()))
    return schema


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; returns the files whose content changed."""
    from generator.render.opendata import schema_text  # the open data's schema (data/atlas.json), from the same fields

    texts = {
        kind.schema_file: json.dumps(json_schema(kind.name), indent=2, ensure_ascii=False) + "\n" for kind in KINDS
    }
    texts["atlas.schema.json"] = schema_text()
    return [folder / name for name, text in texts.items() if write_if_changed(folder / name, text)]


def write_if_changed(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless it already holds exactly that; returns whether it wrote."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True

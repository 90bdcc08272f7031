"""JSON Schema and the field reference, both generated from :mod:`generator.fields`.

There is no hand-written copy of the format: ``atlas schema`` writes one schema
per file kind into ``schema/`` (editors' YAML extensions use them through the
``# yaml-language-server: $schema=...`` modeline), and :func:`field_reference`
renders the same definitions as Markdown for the site and CONTRIBUTING.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import fields
from generator.fields import FieldSpec, ListOf, Object, RecordSpec

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: file kind -> (schema file name, top-level spec, is the file a list of records?, where the file lives)
FILE_KINDS: dict[str, tuple[str, RecordSpec, bool, str]] = {
    "categories": ("categories.schema.json", fields.CATEGORY, True, "content/categories.yaml"),
    "jurisdictions": ("jurisdictions.schema.json", fields.JURISDICTION, True, "content/jurisdictions.yaml"),
    "metrics": ("metrics.schema.json", fields.METRIC, True, "content/metrics.yaml"),
    "platform": ("platform.schema.json", fields.PLATFORM, False, "content/platforms/<platform>.yaml"),
    "provision": ("provision.schema.json", fields.PROVISION, False, "provisions/<platform>/<slug>.yaml"),
    "report": ("report.schema.json", fields.REPORT, False, "content/reports/<platform>/<report>.yaml"),
}


def _def_name(spec: RecordSpec) -> str:
    return spec.name


def _nested(spec: RecordSpec, found: dict[str, RecordSpec]) -> None:
    for f in spec.fields:
        t = f.type.item if isinstance(f.type, ListOf) else f.type
        if isinstance(t, Object) and t.spec.name not in found:
            found[t.spec.name] = t.spec
            _nested(t.spec, found)


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


def json_schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of one file kind (see ``FILE_KINDS``)."""
    filename, spec, is_list, where = FILE_KINDS[kind]
    defs: dict[str, RecordSpec] = {}
    _nested(spec, defs)
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
    folder.mkdir(parents=True, exist_ok=True)
    changed = []
    for kind, (filename, *_rest) in FILE_KINDS.items():
        path = folder / filename
        text = json.dumps(json_schema(kind), indent=2, ensure_ascii=False) + "\n"
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            changed.append(path)
    return changed


def _type_text(f: FieldSpec) -> str:
    t = f.type
    if isinstance(t, ListOf):
        inner = t.item
        text = f"list of {inner.spec.name} entries" if isinstance(inner, Object) else f"list of {inner.describe()}"
        return text + (f" (at least {t.min_items})" if t.min_items else "")
    if isinstance(t, Object):
        return f"{t.spec.name} (mapping, below)"
    return t.describe()


def field_reference() -> str:
    """Markdown tables of every record kind and its fields."""
    out = []
    seen: set[str] = set()
    for _kind, (_filename, spec, is_list, where) in FILE_KINDS.items():
        specs: dict[str, RecordSpec] = {spec.name: spec}
        _nested(spec, specs)
        for name, s in specs.items():
            if name in seen:
                continue
            seen.add(name)
            heading = f"`{where}`" + (" (a list of these)" if is_list and s is spec else "") if s is spec else f"{name}"
            out.append(f"### {heading}\n\n{s.doc}\n")
            out.append("| Field | Required | Type | Meaning |\n| --- | --- | --- | --- |")
            for f in s.fields:
                default = f" (default `{f.default}`)" if isinstance(f.default, str) else ""
                out.append(f"| `{f.name}` | {'yes' if f.required else 'no'} | {_type_text(f)}{default} | {f.doc} |")
            out.append("")
    return "\n".join(out)

"""The JSON Schemas are generated from the field definitions and agree with `atlas check`."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.editing.schema import json_schema
from generator.project import Project, check
from generator.read import yamlsource
from generator.read.kinds import KINDS
from generator.read.reference import field_reference

from .conftest import FIXTURES, REPO

_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")


def as_json(node: yamlsource.Node) -> Any:
    """What a YAML 1.2 (core schema) editor plugin sees: the data the schema is applied to."""
    if isinstance(node, yamlsource.Mapping):
        return {k: as_json(v) for k, (_, v) in node.entries.items()}
    if isinstance(node, yamlsource.Sequence):
        return [as_json(i) for i in node.items]
    if not node.plain:
        return node.value
    if node.value in ("", "~", "null", "Null", "NULL"):
        return None
    if node.value in ("true", "True", "TRUE", "false", "False", "FALSE"):
        return node.value.lower() == "true"
    if _INT.match(node.value):
        return int(node.value)
    if _FLOAT.match(node.value):
        return float(node.value)
    return node.value


def kind_of(rel: str) -> str:
    if rel.startswith("provisions/"):
        return "provision"
    if rel.startswith("content/platforms/"):
        return "platform"
    if rel.startswith("content/reports/"):
        return "report"
    return rel.removeprefix("content/").removesuffix(".yaml")


def schema_errors(rel: str, data: bytes) -> list[str]:
    tree, diags = yamlsource.parse(rel, data)
    assert tree is not None, diags
    validator = jsonschema.Draft202012Validator(json_schema(kind_of(rel)))
    return [e.message for e in validator.iter_errors(as_json(tree))]


def test_committed_schemas_are_up_to_date() -> None:
    for kind in KINDS:
        committed = json.loads((REPO / "schema" / kind.schema_file).read_text())
        assert committed == json_schema(kind.name), f"schema/{kind.schema_file} is stale: run `atlas schema`"
        jsonschema.Draft202012Validator.check_schema(committed)


def test_valid_fixture_files_pass_the_schema() -> None:
    root = FIXTURES / "basic"
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root).as_posix()
        assert schema_errors(rel, path.read_bytes()) == [], rel


GOOD = (
    "title: T\ndocument: aup\ncategories: [model-extraction]\nsummary: S\n"
    "text: {status: paraphrase, body: B}\nsources: [{url: 'https://acme.example/aup'}]\n"
)


@pytest.mark.parametrize(
    "mutation",
    [
        ("title: T\n", "titel: T\n"),  # unknown field
        ("status: paraphrase", "status: verbatum"),  # value outside the set
        ("title: T\n", ""),  # missing required field
        ("[model-extraction]", "[Model_Extraction]"),  # bad slug
        ("summary: S", "summary: <b>S</b>"),  # raw HTML
        ("'https://acme.example/aup'", "'ftp://acme.example/aup'"),  # non-http URL
        ("status: paraphrase, body: B", "status: paraphrase"),  # body required
        ("status: paraphrase, body: B", "status: unavailable, body: B"),  # body forbidden
        ("sources: [{url: 'https://acme.example/aup'}]", "sources: []"),  # at least one
        ("title: T\n", "title: T\nlast_reviewed: 2026-1-5\n"),  # bad date
    ],
)
def test_schema_and_check_reject_the_same_mistakes(basic: Path, mutation: tuple[str, str]) -> None:
    rel = "provisions/acme/mutated.yaml"
    good_errors = schema_errors(rel, GOOD.encode())
    assert good_errors == []
    bad = GOOD.replace(*mutation)
    assert bad != GOOD
    (basic / rel).write_text(bad)
    assert not check(Project(basic)).ok, "atlas check accepted it"
    assert schema_errors(rel, bad.encode()), "the schema accepted it"


def test_field_reference_lists_every_field() -> None:
    text = field_reference()
    for name in ("interpretive_note", "last_reviewed", "relation", "regulatory_landscape", "period", "figures"):
        assert f"| `{name}` |" in text


def test_committed_field_reference_is_up_to_date() -> None:
    from generator.read.reference import FIELD_REFERENCE_HEADER

    committed = (REPO / "docs" / "field-reference.md").read_text(encoding="utf-8")
    assert committed == FIELD_REFERENCE_HEADER + field_reference(), (
        "docs/field-reference.md is stale: run `atlas schema`"
    )

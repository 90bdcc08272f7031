"""The field tables hold the model, the registry of record kinds and the templates' label tables to them."""

from __future__ import annotations

import dataclasses

import jinja2

from generator.read import english, fields, translation
from generator.read.kinds import KINDS
from generator.read.recordspec import RecordSpec, nested_specs
from generator.relate import history
from generator.render.runner import make_environment
from tests.conftest import REPO


def _every_spec() -> dict[str, RecordSpec]:
    found: dict[str, RecordSpec] = {}
    for kind in KINDS:
        found[kind.spec.name] = kind.spec
        nested_specs(kind.spec, found)
    return found


def test_every_model_holds_exactly_its_fields() -> None:
    specs = _every_spec()
    assert len(specs) == 29  # every record and nested record the format has
    for name, spec in specs.items():
        model_fields = [f.name for f in dataclasses.fields(spec.model)]
        assert sorted(model_fields) == sorted([*spec.names, *spec.implied]), name
        # the fields an editor writes come first, in the format's order (the documented order)
        assert [n for n in model_fields if n in spec.names] == list(spec.names), name


def test_the_registry_implies_what_the_specs_say_a_path_gives() -> None:
    for kind in KINDS:
        attached = kind.ATTACHED_FIELDS if kind.attached else ()  # an archived version's text: the file beside it
        assert kind.implied == tuple(n for n in kind.spec.implied if n not in ("origin", *attached)), kind.name
        example = kind.pattern.replace("<platform>", "acme").replace("<document>", "aup")
        example = example.replace("<slug>", "x").replace("<report>", "x").replace("<version>", "2025-01-01")
        assert sorted(kind.implied_values(example)) == sorted(kind.implied), kind.name
    assert len({k.data_key for k in KINDS}) == len(KINDS) and len({k.schema_file for k in KINDS}) == len(KINDS)
    records = {f.name for f in dataclasses.fields(fields.model.Records)}
    assert records == {k.data_key for k in KINDS} | {"pages"}


def test_the_inverse_relation_is_an_involution_on_the_relations() -> None:
    assert set(fields.INVERSE_RELATION) == set(fields.RELATIONS)
    for relation, inverse in fields.INVERSE_RELATION.items():
        assert fields.INVERSE_RELATION[inverse] == relation


def _labels() -> jinja2.environment.TemplateModule:
    return make_environment(REPO / "site_templates" / "pages").get_template("_macros.md.j2").module


def test_every_value_has_its_label_and_meaning_in_the_templates() -> None:
    labels = _labels()
    assert set(labels.STATUS_LABEL) == set(fields.TEXT_STATUSES)  # type: ignore[attr-defined]
    assert set(labels.STATUS_MEANING) == set(fields.TEXT_STATUSES)  # type: ignore[attr-defined]
    assert set(labels.EXPOSURE_RULE) == set(fields.EXPOSURE_LEVELS)  # type: ignore[attr-defined]
    assert set(labels.RELATION_LABEL) == set(fields.RELATIONS)  # type: ignore[attr-defined]
    assert set(labels.RELATION_PHRASE) == set(fields.RELATIONS)  # type: ignore[attr-defined]
    assert set(history.WORDING_STATUSES) <= set(fields.TEXT_STATUSES)
    # the words the pages show for each value, through the message catalogue
    assert set(labels.EXPOSURE_LEVEL) == set(fields.EXPOSURE_LEVELS)  # type: ignore[attr-defined]
    assert set(labels.DOCUMENT_KIND) == set(fields.DOCUMENT_KINDS)  # type: ignore[attr-defined]
    assert set(labels.METRIC_UNIT) == set(fields.METRIC_UNITS)  # type: ignore[attr-defined]
    assert set(labels.FIELD_LABEL) == set(english.FIELDS)  # type: ignore[attr-defined]
    assert set(labels.LANGUAGE) == set(translation.LANGUAGES)  # type: ignore[attr-defined]
    assert set(labels.METHOD) == set(translation.METHODS)  # type: ignore[attr-defined]


def test_every_status_and_exposure_level_has_its_style() -> None:
    css = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "site_templates" / "assets").rglob("*.css"))
    for status in fields.TEXT_STATUSES:
        assert f".atlas-status-{status}" in css, status
    for level in fields.EXPOSURE_LEVELS:
        assert f".atlas-exposure-{level}" in css, level

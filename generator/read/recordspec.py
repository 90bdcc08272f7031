"""A record kind's fields (:class:`RecordSpec`, :class:`FieldSpec`) and a field holding a nested record (:class:`Object`).

A :class:`RecordSpec` decodes a mapping into its model (a dataclass of
:mod:`generator.read.model`), reporting every problem of every field in one pass.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostic
from generator.read.fieldtypes import Ctx, FieldType, ListOf, did_you_mean
from generator.read.yamltree import Mapping, Node


@dataclass(frozen=True)
class Object(FieldType):
    spec: RecordSpec

    def describe(self) -> str:
        return f"a mapping ({self.spec.name})"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> Any:
        return self.spec.decode(node, ctx.path, diags, prefix=ctx.name)

    def json_schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.spec.name}"}


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: FieldType
    required: bool = False
    default: Any = None
    doc: str = ""

    @property
    def empty(self) -> Any:
        """The value of the field when it is absent (or, in a partial record, broken)."""
        if self.default is None and isinstance(self.type, ListOf):
            return ()
        return self.default


@dataclass(frozen=True)
class RecordSpec:
    """One record kind: its fields, the model it decodes into, and what it is."""

    name: str
    model: Callable[..., Any]
    fields: tuple[FieldSpec, ...]
    doc: str = ""
    #: values the loader supplies from the file path (not written by editors)
    implied: tuple[str, ...] = field(default=())

    @functools.cached_property  # asked for every key of every record: worked out once (a frozen dataclass's dict)
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def _misplaced_hint(self, key: str) -> str:
        owner = _nested_owner(self, key)
        if owner is None:
            return ""
        return f"it belongs under '{owner}:'; indent it to line up with the other fields of '{owner}'"

    def decode(
        self,
        node: Node,
        path: str,
        diags: list[Diagnostic],
        *,
        prefix: str = "",
        implied: dict[str, Any] | None = None,
        partial: bool = False,
    ) -> Any:
        """Decode ``node`` into ``self.model``, reporting every problem into ``diags``.

        Returns ``None`` if the value does not fit. With ``partial`` (top-level
        records), a record with bad fields is still returned, those fields set to
        their default (``None`` or ``()``), so that the checks on its other fields
        still run and every problem is reported in one pass. Such a record never
        reaches the catalog: any error stops the pipeline before it.
        """
        ctx = Ctx(path, prefix or self.name)
        if not isinstance(node, Mapping):
            diags.append(ctx.not_a(node, "a mapping", "indent its fields below it by two spaces"))
            return None
        before = len(diags)
        for key, (key_node, _value) in node.entries.items():
            if key not in self.names:
                where = f"{prefix}." if prefix else ""
                hint = did_you_mean(key, self.names) or self._misplaced_hint(key)
                diags.append(ctx.error(key_node, "unknown-field", f"unknown field '{where}{key}'", hint))
        values: dict[str, Any] = dict(implied or {})
        for spec in self.fields:
            value_node = node.get(spec.name)
            name = f"{prefix}.{spec.name}" if prefix else spec.name
            if value_node is None:
                if spec.required:
                    hint = f"add '{spec.name}:' — {spec.doc[0].lower()}{spec.doc[1:]}" if spec.doc else ""
                    diags.append(ctx.error(node, "missing-field", f"missing required field '{name}'", hint.rstrip(".")))
                values[spec.name] = spec.empty
                continue
            value = spec.type.decode(value_node, ctx.child(name), diags)
            values[spec.name] = spec.empty if value is None else value
        if len(diags) != before and not partial:
            return None
        return self.model(**values)


def record_spec(
    name: str, model_cls: Callable[..., Any], doc: str, *fields: FieldSpec, implied: tuple[str, ...] = ()
) -> RecordSpec:
    return RecordSpec(name, model_cls, tuple(fields), doc, implied)


def _nested_owner(spec: RecordSpec, key: str) -> str | None:
    """The field of ``spec`` whose nested mapping has a field called ``key``."""
    for f in spec.fields:
        inner = f.type.item if isinstance(f.type, ListOf) else f.type
        if isinstance(inner, Object) and key in inner.spec.names:
            return f.name
    return None


def nested_specs(spec: RecordSpec, found: dict[str, RecordSpec]) -> None:
    """Add every record kind nested in ``spec`` (mappings and lists of them) to ``found``."""
    for f in spec.fields:
        t = f.type.item if isinstance(f.type, ListOf) else f.type
        if isinstance(t, Object) and t.spec.name not in found:
            found[t.spec.name] = t.spec
            nested_specs(t.spec, found)

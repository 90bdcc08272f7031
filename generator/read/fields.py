"""The field definitions: the one place in code that says what a record holds.

Each record kind is a :class:`RecordSpec` listing its :class:`FieldSpec` s; each
field has a :class:`FieldType` that both *decodes* a located YAML node into a
Python value (reporting located diagnostics) and *describes* itself, so the same
definitions drive the validator, the editors' JSON Schema and the field
reference. Change the format here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
import difflib
import html
import re
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from generator.diagnostics import Diagnostic
from generator.read import model
from generator.read.yamlsource import Mapping, Node, Scalar, Sequence, kind_name

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
JURISDICTION_RE = re.compile(r"^(?:[A-Z]{2,3}|EU)$")
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_NULLS = {"", "~", "null", "Null", "NULL"}
_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_HTML_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z][A-Za-z0-9-]*|!--|!\[CDATA\[|\?|![A-Za-z])")
_AUTOLINK_RE = re.compile(r"<(?:https?|mailto):[^<>\s]*>", re.IGNORECASE)
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
_LINK_TARGET_RE = re.compile(r"\]\(\s*<?([^)\s>]*)|^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_BAD_SCHEMES = ("javascript:", "data:", "vbscript:")


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """A "did you mean ...?" hint naming the closest choice, or ""."""
    close = difflib.get_close_matches(value, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


@dataclass(frozen=True, slots=True)
class Ctx:
    """Where a value sits: the file and the dotted field name, for messages."""

    path: str
    name: str

    def error(self, node: Node, code: str, message: str, hint: str = "") -> Diagnostic:
        return Diagnostic(self.path, node.line, node.col, code, message, hint)

    def child(self, name: str) -> Ctx:
        return Ctx(self.path, name)


class FieldType:
    """Decodes a node and describes itself for the JSON Schema and the docs."""

    label: ClassVar[str] = "value"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError

    def describe(self) -> str:
        return self.label

    def scalar(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> Scalar | None:
        if not isinstance(node, Scalar):
            diags.append(
                ctx.error(node, "wrong-type", f"'{ctx.name}' must be {self.describe()}, not {kind_name(node)}")
            )
            return None
        if node.plain and node.value in _NULLS:
            diags.append(ctx.error(node, "empty-value", f"'{ctx.name}' is empty", "give a value or remove the field"))
            return None
        return node

    def text(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> tuple[Scalar, str] | None:
        """The scalar and its text without surrounding blanks; None (reported) if empty."""
        sc = self.scalar(node, ctx, diags)
        if sc is None:
            return None
        value = sc.value.strip()
        if not value:
            diags.append(ctx.error(sc, "empty-value", f"'{ctx.name}' is empty", "give a value or remove the field"))
            return None
        return sc, value


@dataclass(frozen=True)
class Text(FieldType):
    """Plain text on one line: no Markdown."""

    label: ClassVar[str] = "plain text"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> str | None:
        found = self.text(node, ctx, diags)
        if found is None:
            return None
        sc, value = found
        if "\n" in value:
            diags.append(ctx.error(sc, "multiline-text", f"'{ctx.name}' must be a single line"))
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "pattern": r"^[^\n]*\S[^\n]*$"}


def _link_targets(text: str) -> list[str]:
    return [m.group(1) or m.group(2) or "" for m in _LINK_TARGET_RE.finditer(text)]


def dangerous_scheme(target: str) -> str | None:
    """The forbidden scheme a link target uses, seen through entities, escapes and case."""
    decoded = target
    for _ in range(3):  # entities and percent-encoding may be nested
        decoded = urllib.parse.unquote(html.unescape(decoded))
    squashed = re.sub(r"[\x00-\x20\\]", "", decoded).lower()
    return next((s for s in _BAD_SCHEMES if squashed.startswith(s)), None)


@dataclass(frozen=True)
class Markdown(FieldType):
    """Markdown text: inline and block Markdown, never raw HTML."""

    label: ClassVar[str] = "Markdown text"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> str | None:
        found = self.text(node, ctx, diags)
        if found is None:
            return None
        sc, value = found
        prose = _AUTOLINK_RE.sub("", _CODE_SPAN_RE.sub("", value))
        tag = _HTML_RE.search(prose)
        ok = True
        if tag:
            snippet = prose[tag.start() : tag.start() + 12].split(">")[0]
            diags.append(
                ctx.error(
                    sc,
                    "raw-html",
                    f"raw HTML is not allowed in '{ctx.name}' ('{snippet}')",
                    "use Markdown, or write '&lt;' for a literal '<'",
                )
            )
            ok = False
        for target in _link_targets(value):
            scheme = dangerous_scheme(target)
            if scheme:
                diags.append(
                    ctx.error(
                        sc,
                        "unsafe-link",
                        f"link target uses the forbidden scheme '{scheme}' in '{ctx.name}'",
                        "link to an https:// address",
                    )
                )
                ok = False
        return value if ok else None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1, "not": {"pattern": _HTML_RE.pattern}}


@dataclass(frozen=True)
class Pattern(FieldType):
    regex: re.Pattern[str]
    what: str
    advice: str
    code: str

    def describe(self) -> str:
        return self.what

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> str | None:
        sc = self.scalar(node, ctx, diags)
        if sc is None:
            return None
        if not self.regex.match(sc.value):
            diags.append(ctx.error(sc, self.code, f"'{ctx.name}' is not {self.what}: '{sc.value}'", self.advice))
            return None
        return sc.value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": self.regex.pattern}


def Slug() -> Pattern:  # noqa: N802 - reads as a type in the field tables
    return Pattern(SLUG_RE, "a valid id", "use lowercase letters, digits and single hyphens", "bad-slug")


def JurisdictionCode() -> Pattern:  # noqa: N802 - reads as a type in the field tables
    return Pattern(JURISDICTION_RE, "a jurisdiction code", "use 2-3 uppercase letters, or EU", "bad-code")


def LanguageTag() -> Pattern:  # noqa: N802 - reads as a type in the field tables
    return Pattern(LANGUAGE_RE, "a BCP 47 language tag", "for example en, fr or pt-BR", "bad-language")


PROVISION_ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")


def FormerId() -> Pattern:  # noqa: N802 - reads as a type in the field tables
    """A provision id that no longer names a record (checked by the ``aliases`` check)."""
    return Pattern(PROVISION_ID_RE, "a former provision id", "write it as <platform>/<slug>", "bad-slug")


@dataclass(frozen=True)
class Ref(Pattern):
    """An id that must name an existing record of ``target`` (resolved by catalog checks)."""

    target: str = ""

    def describe(self) -> str:
        return f"the id of a {self.target}"


def RefTo(target: str, *, code: bool = False) -> Ref:  # noqa: N802 - reads as a type
    if code:
        return Ref(JURISDICTION_RE, "a jurisdiction code", "use 2-3 uppercase letters, or EU", "bad-code", target)
    regex = PROVISION_ID_RE if target == "provision" else SLUG_RE
    advice = (
        "write it as <platform>/<slug>" if target == "provision" else "use lowercase letters, digits and single hyphens"
    )
    return Ref(regex, "a valid id", advice, "bad-slug", target)


@dataclass(frozen=True)
class Date(FieldType):
    label: ClassVar[str] = "a date (YYYY-MM-DD)"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> dt.date | None:
        sc = self.scalar(node, ctx, diags)
        if sc is None:
            return None
        match = DATE_RE.match(sc.value)
        try:
            if not match:
                raise ValueError
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            diags.append(
                ctx.error(
                    sc,
                    "bad-date",
                    f"'{ctx.name}' is not a valid date: '{sc.value}'",
                    "use YYYY-MM-DD, a real calendar date",
                )
            )
            return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": DATE_RE.pattern}


@dataclass(frozen=True)
class Url(FieldType):
    label: ClassVar[str] = "an absolute http(s) URL"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> str | None:
        sc = self.scalar(node, ctx, diags)
        if sc is None:
            return None
        value = sc.value.strip()
        parsed = urllib.parse.urlsplit(value) if not re.search(r"\s", value) else None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.hostname:
            diags.append(
                ctx.error(
                    sc, "bad-url", f"'{ctx.name}' is not an absolute http(s) URL: '{value}'", "start it with https://"
                )
            )
            return None
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": r"^https?://[^\s/]+"}


@dataclass(frozen=True)
class Enum(FieldType):
    values: tuple[str, ...]

    def describe(self) -> str:
        return "one of " + ", ".join(self.values)

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> str | None:
        sc = self.scalar(node, ctx, diags)
        if sc is None:
            return None
        if sc.value not in self.values:
            diags.append(
                ctx.error(
                    sc,
                    "bad-value",
                    f"'{ctx.name}' must be {self.describe()}, not '{sc.value}'",
                    did_you_mean(sc.value, self.values),
                )
            )
            return None
        return sc.value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.values)}


@dataclass(frozen=True)
class Number(FieldType):
    label: ClassVar[str] = "a number"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> int | float | None:
        sc = self.scalar(node, ctx, diags)
        if sc is None:
            return None
        if not sc.plain:
            diags.append(
                ctx.error(sc, "wrong-type", f"'{ctx.name}' must be a number, not quoted text", "remove the quotes")
            )
            return None
        if _INT_RE.match(sc.value):
            return int(sc.value)
        if _FLOAT_RE.match(sc.value):
            return float(sc.value)
        diags.append(ctx.error(sc, "wrong-type", f"'{ctx.name}' must be a number, not '{sc.value}'"))
        return None

    def json_schema(self) -> dict[str, Any]:
        return {"type": "number"}


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 0

    def describe(self) -> str:
        return f"a list of {self.item.describe()}"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> tuple[Any, ...] | None:
        if not isinstance(node, Sequence):
            if isinstance(node, Scalar) and node.plain and node.value in _NULLS:
                diags.append(
                    ctx.error(node, "empty-value", f"'{ctx.name}' is empty", "give a value or remove the field")
                )
            else:
                diags.append(ctx.error(node, "wrong-type", f"'{ctx.name}' must be a list, not {kind_name(node)}"))
            return None
        if len(node.items) < self.min_items:
            diags.append(
                ctx.error(
                    node,
                    "too-few",
                    f"'{ctx.name}' needs at least {self.min_items} item{'s' if self.min_items > 1 else ''}",
                )
            )
            return None
        before = len(diags)
        out = [self.item.decode(item, ctx, diags) for item in node.items]
        return tuple(out) if len(diags) == before else None

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.min_items:
            schema["minItems"] = self.min_items
        return schema


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

    @property
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
            if isinstance(node, Scalar) and node.plain and node.value in _NULLS:
                diags.append(
                    ctx.error(node, "empty-value", f"'{ctx.name}' is empty", "indent its fields below it by two spaces")
                )
            else:
                diags.append(ctx.error(node, "wrong-type", f"'{ctx.name}' must be a mapping, not {kind_name(node)}"))
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


def _spec(
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


F = FieldSpec

DOCUMENT_KINDS = (
    "acceptable-use-policy",
    "terms-of-service",
    "usage-policy",
    "content-policy",
    "privacy-policy",
    "model-license",
    "transparency-report",
    "other",
)
TEXT_STATUSES = ("verbatim", "excerpt", "paraphrase", "unavailable")
EXPOSURE_LEVELS = ("high", "medium", "low")
RELATIONS = ("equivalent", "stricter", "looser", "related")
METRIC_UNITS = ("count", "percent")

CATEGORY = _spec(
    "category",
    model.Category,
    "One entry of the taxonomy in content/categories.yaml.",
    F("id", Slug(), True, doc="Unique id; the category page's address."),
    F("title", Text(), True, doc="Name shown on the site."),
    F("description", Markdown(), True, doc="What the category covers."),
    F("group", Text(), doc="A heading that groups categories."),
    implied=("origin",),
)
LAW = _spec(
    "law",
    model.Law,
    "A law of a jurisdiction.",
    F("id", Slug(), True, doc="Unique across all jurisdictions."),
    F("title", Text(), True, doc="Name of the law."),
    F("citation", Text(), doc="Formal citation, e.g. 18 U.S.C. § 2258A."),
    F("url", Url(), doc="Where the law can be read."),
)
JURISDICTION = _spec(
    "jurisdiction",
    model.Jurisdiction,
    "One jurisdiction in content/jurisdictions.yaml.",
    F("code", JurisdictionCode(), True, doc="2-3 uppercase letters, or EU; unique."),
    F("name", Text(), True, doc="Name shown on the site."),
    F("laws", ListOf(Object(LAW)), default=(), doc="The laws provisions can be flagged with."),
    implied=("origin",),
)
DOCUMENT = _spec(
    "document",
    model.Document,
    "A policy document of a platform.",
    F("id", Slug(), True, doc="Unique within the platform."),
    F("title", Text(), True, doc="The document's name."),
    F("kind", Enum(DOCUMENT_KINDS), True, doc="What sort of document it is."),
    F("url", Url(), True, doc="Its public address."),
    F("language", LanguageTag(), default="en", doc="BCP 47 tag; default en."),
)
PLATFORM = _spec(
    "platform",
    model.Platform,
    "A platform, in content/platforms/<platform>.yaml.",
    F("name", Text(), True, doc="Name shown on the site."),
    F("homepage", Url(), True, doc="The platform's home page."),
    F("headquarters", RefTo("jurisdiction", code=True), doc="A jurisdiction code."),
    F("description", Markdown(), doc="What the platform is."),
    F("documents", ListOf(Object(DOCUMENT), min_items=1), True, doc="Its policy documents, at least one."),
    implied=("id", "origin"),
)
TEXT = _spec(
    "text",
    model.Text,
    "The provision's wording and its provenance.",
    F("status", Enum(TEXT_STATUSES), True, doc="verbatim, excerpt, paraphrase or unavailable."),
    F("body", Markdown(), doc="The wording; required unless status is unavailable."),
    F("language", LanguageTag(), default="en", doc="BCP 47 tag; default en."),
)
EXPOSURE = _spec(
    "exposure",
    model.Exposure,
    "Governance exposure.",
    F("level", Enum(EXPOSURE_LEVELS), True, doc="high, medium or low."),
    F("rationale", Markdown(), True, doc="Why this level."),
)
JURISDICTION_FLAG = _spec(
    "jurisdiction flag",
    model.JurisdictionFlag,
    "A jurisdiction the provision matters in.",
    F("code", RefTo("jurisdiction", code=True), True, doc="A code from jurisdictions.yaml."),
    F("laws", ListOf(RefTo("law")), default=(), doc="Law ids of that jurisdiction."),
    F("note", Markdown(), doc="Why it matters there."),
)
ANALOGUE = _spec(
    "analogue",
    model.Analogue,
    "A provision of another platform on the same matter.",
    F("provision", RefTo("provision"), True, doc="An existing provision id, not this one."),
    F("relation", Enum(RELATIONS), True, doc="Read from this provision: stricter means this one is stricter."),
    F("note", Markdown(), doc="How they differ."),
)
COMPLIANCE = _spec(
    "compliance",
    model.Compliance,
    "Compliance analysis; each part optional.",
    F("regulatory_landscape", Markdown(), doc="Laws and enforcers involved."),
    F("contract_implications", Markdown(), doc="What it means for contracts and vendors."),
    F("considerations", Markdown(), doc="What operators should do."),
)
HISTORY = _spec(
    "history entry",
    model.HistoryEntry,
    "A dated change to the provision. Record a change only when it and its date are publicly documented, "
    "and cite that documentation in the provision's sources.",
    F("date", Date(), True, doc="When the change took effect or was published."),
    F("summary", Markdown(), True, doc="What changed."),
    F(
        "previous_text",
        Markdown(),
        doc="The wording before this change, word for word, only if you hold it; the page shows a word-level "
        "diff against the next known wording (the next entry's previous_text, or the current verbatim or "
        "excerpt text).",
    ),
)
SOURCE = _spec(
    "source",
    model.Source,
    "Where the record's information comes from.",
    F("url", Url(), True, doc="The source's address."),
    F("retrieved", Date(), doc="When the source was actually retrieved."),
    F("title", Text(), doc="The source's title."),
)
PROVISION = _spec(
    "provision",
    model.Provision,
    "One provision, in provisions/<platform>/<slug>.yaml.",
    F("title", Text(), True, doc="Plain text, no Markdown."),
    F("document", RefTo("document"), True, doc="A document id of this platform."),
    F("section", Text(), doc="Where in the document."),
    F("categories", ListOf(RefTo("category"), min_items=1), True, doc="Category ids; the first is primary."),
    F("summary", Markdown(), True, doc="What the provision says, plainly."),
    F("text", Object(TEXT), True, doc="The wording and its status."),
    F("interpretive_note", Markdown(), doc="How to read it, caveats, provenance."),
    F("affects", Markdown(), doc="Who it binds and the practical effect."),
    F("exposure", Object(EXPOSURE), doc="Governance exposure."),
    F("jurisdictions", ListOf(Object(JURISDICTION_FLAG)), default=(), doc="Jurisdictions and laws involved."),
    F("analogues", ListOf(Object(ANALOGUE)), default=(), doc="Provisions of other platforms on the same matter."),
    F("compliance", Object(COMPLIANCE), doc="Compliance analysis."),
    F("history", ListOf(Object(HISTORY)), default=(), doc="Dated changes."),
    F("sources", ListOf(Object(SOURCE), min_items=1), True, doc="At least one source."),
    F("last_reviewed", Date(), doc="When a person last checked the record against its source."),
    F(
        "aliases",
        ListOf(FormerId()),
        default=(),
        doc="Former ids of this provision (`<platform>/<slug>`); each old address redirects to this page.",
    ),
    implied=("id", "platform", "slug", "origin"),
)
METRIC = _spec(
    "metric",
    model.Metric,
    "A transparency figure's definition, in content/metrics.yaml.",
    F("id", Slug(), True, doc="Unique id."),
    F("title", Text(), True, doc="Name shown on the site."),
    F("unit", Enum(METRIC_UNITS), True, doc="count or percent."),
    F("description", Markdown(), doc="What is counted."),
    implied=("origin",),
)
PERIOD = _spec(
    "period",
    model.Period,
    "The reporting period.",
    F("start", Date(), True, doc="First day."),
    F("end", Date(), True, doc="Last day."),
)
FIGURE = _spec(
    "figure",
    model.Figure,
    "One reported figure.",
    F("metric", RefTo("metric"), True, doc="A metric id; at most once per report."),
    F("value", Number(), True, doc="A number (percent: 0-100)."),
    F("note", Markdown(), doc="Caveats."),
)
REPORT = _spec(
    "report",
    model.Report,
    "Transparency-report figures, in content/reports/<platform>/<report>.yaml.",
    F("document", RefTo("document"), True, doc="A document of this platform."),
    F("period", Object(PERIOD), True, doc="The reporting period."),
    F("figures", ListOf(Object(FIGURE), min_items=1), True, doc="At least one figure."),
    implied=("id", "platform", "slug", "origin"),
)

#: Every record kind, for the schema and documentation generators.
ALL_SPECS: tuple[RecordSpec, ...] = (
    CATEGORY,
    JURISDICTION,
    LAW,
    PLATFORM,
    DOCUMENT,
    PROVISION,
    TEXT,
    EXPOSURE,
    JURISDICTION_FLAG,
    ANALOGUE,
    COMPLIANCE,
    HISTORY,
    SOURCE,
    METRIC,
    REPORT,
    PERIOD,
    FIGURE,
)

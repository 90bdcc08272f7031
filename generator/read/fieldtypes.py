"""Field types: each decodes a located YAML node into a Python value, reporting located
diagnostics, and describes itself for the JSON Schema and the field reference.

The tables that say which record has which fields are in :mod:`generator.read.fields`;
records and their fields are :mod:`generator.read.recordspec`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from generator.diagnostics import Diagnostic
from generator.read.links import dangerous_scheme, link_targets, split_url
from generator.read.yamlsource import kind_name
from generator.read.yamltree import Node, Scalar, Sequence

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
JURISDICTION_RE = re.compile(r"^(?:[A-Z]{2,3}|EU)$")
LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
NULLS = {"", "~", "null", "Null", "NULL"}
_INT_RE = re.compile(r"^[-+]?[0-9]+$")
_FLOAT_RE = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_HTML_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*|/[A-Za-z][A-Za-z0-9-]*|!--|!\[CDATA\[|\?|![A-Za-z])")
_AUTOLINK_RE = re.compile(r"<(?:https?|mailto):[^<>\s]*>", re.IGNORECASE)
_CODE_SPAN_RE = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)


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

    def empty(self, node: Node, hint: str = "give a value or remove the field") -> Diagnostic:
        return self.error(node, "empty-value", f"'{self.name}' is empty", hint)

    def not_a(self, node: Node, what: str, empty_hint: str) -> Diagnostic:
        """The problem with a value that should be ``what`` (a list, a mapping): it is empty, or of another type."""
        if isinstance(node, Scalar) and node.plain and node.value in NULLS:
            return self.empty(node, empty_hint)
        return self.error(node, "wrong-type", f"'{self.name}' must be {what}, not {kind_name(node)}")


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
        if node.plain and node.value in NULLS:
            diags.append(ctx.empty(node))
            return None
        return node

    def text(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> tuple[Scalar, str] | None:
        """The scalar and its text without surrounding blanks; None (reported) if empty."""
        sc = self.scalar(node, ctx, diags)
        if sc is None:
            return None
        value = sc.value.strip()
        if not value:
            diags.append(ctx.empty(sc))
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


@dataclass(frozen=True)
class Markdown(FieldType):
    """Markdown text: inline and block Markdown, never raw HTML."""

    label: ClassVar[str] = "Markdown text"

    def decode(self, node: Node, ctx: Ctx, diags: list[Diagnostic]) -> str | None:
        found = self.text(node, ctx, diags)
        if found is None:
            return None
        sc, value = found
        # without "<" there is no tag to find (most values: the substitutions are skipped, not their answer)
        prose = _AUTOLINK_RE.sub("", _CODE_SPAN_RE.sub("", value)) if "<" in value else ""
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
        for target in link_targets(value):
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
#: An archived version's name: the date its source recorded it, with -2, -3... for more that day, and for an
#: edition in another language, that language after a dot (2026-11-21.ja).
VERSION_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[2-9]|-[1-9][0-9]+)?(\.[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$")
REPOSITORY_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*/[A-Za-z0-9][A-Za-z0-9_.-]*$")
COMMIT_RE = re.compile(r"^[0-9a-f]{40}$")
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


def VersionName() -> Pattern:  # noqa: N802 - reads as a type in the field tables
    return Pattern(VERSION_RE, "an archived version's name", "the date it was recorded, YYYY-MM-DD", "bad-version")


def DocumentId() -> Pattern:  # noqa: N802 - reads as a type in the field tables
    return Pattern(PROVISION_ID_RE, "a document of a platform", "write it as <platform>/<document>", "bad-slug")


def RepositoryName() -> Pattern:  # noqa: N802 - reads as a type in the field tables
    return Pattern(REPOSITORY_RE, "a repository name", "write it as owner/name", "bad-source")


def Hex(regex: re.Pattern[str], what: str) -> Pattern:  # noqa: N802 - reads as a type in the field tables
    return Pattern(regex, what, "lowercase hexadecimal digits", "bad-hash")


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
        parsed = split_url(value)
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
            diags.append(ctx.not_a(node, "a list", "give a value or remove the field"))
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

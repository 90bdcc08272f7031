"""The editors' and maintainers' docs keep up with the code.

Every diagnostic code the generator can emit is in docs/diagnostics.md, and every
setting it reads from mkdocs.yml is in docs/settings.md; neither lists one the
code no longer has.
"""

from __future__ import annotations

import ast
import re
import textwrap
from pathlib import Path

import pytest

from generator.settings import ATLAS_SETTINGS, SETTINGS
from tests.conftest import REPO
from tests.diagnostic_codes import Collector, UnresolvedCodeError, diagnostic_codes

DIAGNOSTICS_DOC = REPO / "docs" / "diagnostics.md"
SETTINGS_DOC = REPO / "docs" / "settings.md"
#: A table row whose first cell is one `name`: the names a doc's tables document.
_ROW = re.compile(r"^\|\s*`([^`|]+)`\s*\|", re.MULTILINE)


def documented(doc: Path) -> list[str]:
    return _ROW.findall(doc.read_text(encoding="utf-8"))


def _compare(in_code: set[str], in_doc: list[str], doc: Path, what: str) -> None:
    rel = doc.relative_to(REPO).as_posix()
    twice = sorted({name for name in in_doc if in_doc.count(name) > 1})
    undocumented = sorted(in_code - set(in_doc))
    stale = sorted(set(in_doc) - in_code)
    problems = []
    if undocumented:
        problems.append(f"{what} not documented in {rel}: {', '.join(undocumented)}")
    if stale:
        problems.append(f"{rel} documents {what} the generator no longer has: {', '.join(stale)}")
    if twice:
        problems.append(f"{rel} documents these {what} twice: {', '.join(twice)}")
    assert not problems, "; ".join(problems)


# --- diagnostic codes ---------------------------------------------------------------------------


def test_every_diagnostic_code_is_documented() -> None:
    codes = diagnostic_codes(REPO / "generator")
    _compare(set(codes), documented(DIAGNOSTICS_DOC), DIAGNOSTICS_DOC, "diagnostic codes")


def test_the_collector_finds_codes_through_every_kind_of_helper() -> None:
    codes = diagnostic_codes(REPO / "generator")
    # One of each way a code reaches a Diagnostic today: directly, a method (Ctx.error),
    # a nested function (yamlsource's error), a module function (_at), and a dataclass
    # field (Pattern.code, given by LanguageTag() and by RefTo() through the subclass Ref).
    for code, where in (
        ("misplaced-file", "generator/read/load.py"),
        ("unknown-field", "generator/read/recordspec.py"),
        ("yaml-tag", "generator/read/yamlsource.py"),
        ("duplicate-id", "generator/read/checks/references.py"),
        ("bad-language", "generator/read/fieldtypes.py"),
        ("bad-code", "generator/read/fieldtypes.py"),
    ):
        assert any(place.startswith(where + ":") for place in codes.get(code, [])), code
    assert "text-body" not in codes  # a check's name, not a code it reports


_DIAGNOSTICS = """
from dataclasses import dataclass

@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int
    col: int
    code: str
    message: str
"""


def _collect(source: str) -> dict[str, list[str]]:
    modules = {"generator/diagnostics.py": _DIAGNOSTICS, "generator/checks.py": textwrap.dedent(source)}
    return Collector(modules).codes()


def test_the_collector_follows_codes_it_can_read() -> None:
    source = """
    from dataclasses import dataclass
    from generator.diagnostics import Diagnostic as D

    def _at(origin, code, message, *path):
        return D(origin, 1, 1, code, message)

    def _warn(origin, message, code="defaulted"):
        return _at(origin, code, message)

    @dataclass(frozen=True)
    class Rule:
        pattern: str
        code: str

        def run(self, path):
            def error(line, kind):
                return D(path, line, 1, kind, "")
            yield error(1, self.code)
            yield error(2, "nested")

    @dataclass(frozen=True)
    class Strict(Rule):
        extra: str = ""

    def check(flag):
        code = "when-set" if flag else "when-unset"
        yield _at("p", code, "m")
        yield _warn("p", "m")
        yield D(path="p", line=1, col=1, code="by-keyword", message="m")
        RULES = (Rule("x", "from-field"), Strict("y", code="from-subclass"))
    """
    assert set(_collect(source)) == {
        "defaulted",
        "nested",
        "when-set",
        "when-unset",
        "by-keyword",
        "from-field",
        "from-subclass",
    }


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ('CODES = {"a": "x"}\nD = Diagnostic("p", 1, 1, CODES["a"], "m")', "cannot tell which diagnostic code"),
        ('def f(args):\n    return Diagnostic("p", 1, 1, *args)', "inside *arguments"),
        ('def f(kw):\n    return Diagnostic("p", 1, 1, **kw)', "inside **arguments"),
        ('def f(codes):\n    for c in codes:\n        yield Diagnostic("p", 1, 1, c, "m")', "cannot tell"),
        ("make = Diagnostic", "used without being called"),
        ('import functools\nmake = functools.partial(Diagnostic, "p")', "used without being called"),
        (
            'def f(code):\n    return Diagnostic("p", 1, 1, code, "m")\nclass C:\n'
            '    def f(self, node, code):\n        return Diagnostic("p", 1, 1, code, "m")',
            "take a diagnostic code in different places",
        ),
    ],
)
def test_the_collector_refuses_what_it_cannot_read(source: str, complaint: str) -> None:
    with pytest.raises(UnresolvedCodeError, match=re.escape(complaint)):
        _collect("from generator.diagnostics import Diagnostic\n" + source)


# --- settings -----------------------------------------------------------------------------------


def test_every_setting_is_documented() -> None:
    _compare(set(SETTINGS), documented(SETTINGS_DOC), SETTINGS_DOC, "settings")


def test_the_settings_table_is_what_settings_from_reads() -> None:
    tree = ast.parse((REPO / "generator" / "settings.py").read_text(encoding="utf-8"))
    reader = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "settings_from")
    read = {
        call.args[0].value
        for call in ast.walk(reader)
        if isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "get"
        and call.args
        and isinstance(call.args[0], ast.Constant)
        and isinstance(call.args[0].value, str)
    } - {"extra", "atlas"}
    engine_keys = {key for key in SETTINGS if not key.startswith("extra.")}
    assert read == engine_keys | set(ATLAS_SETTINGS)


# --- security ---------------------------------------------------------------------------------


def test_every_test_the_security_page_names_exists() -> None:
    """docs/security.md names, for each kind of hostile input, the tests that cover it: they must exist."""
    text = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    named: list[tuple[str, str]] = []
    for module, first, more in re.findall(r"`(tests/test_\w+\.py)::(\w+)`((?:, `::\w+`)*)", text):
        named += [(module, first), *((module, name) for name in re.findall(r"`::(\w+)`", more))]
    assert len(named) > 20
    missing = []
    for module, name in named:
        source = (REPO / module).read_text(encoding="utf-8")
        if not re.search(rf"^def {name}\(", source, re.MULTILINE):
            missing.append(f"{module}::{name}")
    assert missing == []

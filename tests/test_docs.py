"""The editors' and maintainers' docs keep up with the code.

Every setting the generator reads from mkdocs.yml is in docs/settings.md, which
lists none the code no longer has.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from generator.settings import ATLAS_SETTINGS, SETTINGS
from tests.conftest import REPO

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

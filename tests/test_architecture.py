"""The house rules of generator/: rooms by stage, imports that only go down, no cycle, the engine behind one door
(one package)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "generator"

#: Each room may import its own modules and those of the rooms listed before it, never after.
LAYERS: tuple[tuple[str, ...], ...] = (
    (
        "generator",
        "generator.diagnostics",
        "generator.settings",
        "generator.cachefile",
        "generator.workers",
        "generator.memory",
    ),
    ("generator.read",),  # reading and checking records
    ("generator.relate",),  # what the records mean together
    ("generator.render",),  # what the site says: pages, feeds, open data
    ("generator.editing",),  # editors' tools: schema, fmt, scaffold
    ("generator.project",),  # a project's paths and its check
    ("generator.site",),  # turning pages into a site: build, engine, search, links, export, serve
    ("generator.cli", "generator.__main__"),
)
#: The only code that may import the engine (MkDocs, Material) or name its loggers: the engine package
#: (generator/site/engine/, its modules) and its hook.
ENGINE_PACKAGE, ENGINE_HOOK = "generator.site.engine", "site_templates/engine/hooks.py"


def _in_engine(module: str) -> bool:
    return module in (ENGINE_PACKAGE, ENGINE_HOOK) or module.startswith(ENGINE_PACKAGE + ".")


def _name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_name(p): p for p in sorted(PACKAGE.rglob("*.py")) if "vendor" not in p.parts}


def _imports(path: Path, known: dict[str, Path]) -> Iterator[str]:
    """Every module of ``known`` that ``path`` imports, at any depth of its code."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module in known:
                yield node.module
            for alias in node.names:  # from generator.read import fields: the submodule
                if f"{node.module}.{alias.name}" in known:
                    yield f"{node.module}.{alias.name}"


def _graph() -> dict[str, set[str]]:
    known = _modules()
    return {name: set(_imports(path, known)) - {name} for name, path in known.items()}


def _layer(module: str) -> int:
    best = -1
    for rank, rooms in enumerate(LAYERS):
        for room in rooms:
            if (module == room or module.startswith(room + ".")) and (best < 0 or len(room) > len(LAYERS[best][0])):
                best = rank
    assert best >= 0, f"{module} is in no room of LAYERS"
    return best


def test_every_module_is_in_a_room_and_imports_only_downwards() -> None:
    wrong = [
        f"{module} imports {target}"
        for module, targets in _graph().items()
        for target in sorted(targets)
        if target != "generator" and _layer(target) > _layer(module)
    ]
    assert wrong == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle() -> None:
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_one() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def _engine_users() -> set[str]:
    users = set()
    files = {**_modules(), "site_templates/engine/hooks.py": REPO / "site_templates" / "engine" / "hooks.py"}
    for name, path in files.items():
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [a.name.split(".")[0] for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                roots = [node.module.split(".")[0]]
            else:
                continue
            if {"mkdocs", "material"} & set(roots):
                users.add(name)
        if 'getLogger("mkdocs' in source:
            users.add(name)
    return users


def test_only_the_engine_package_and_its_hook_know_the_engine() -> None:
    assert [user for user in sorted(_engine_users()) if not _in_engine(user)] == []
    assert ENGINE_PACKAGE in _engine_users()


def test_only_the_engine_writes_its_front_matter_and_raw_block_fences() -> None:
    for name, path in _modules().items():
        if _in_engine(name):
            continue
        source = path.read_text(encoding="utf-8")
        for word in ("atlas:raw", '"hide"', '"exclude"'):
            assert word not in source, f"{name} uses the engine's {word}"


#: Rooms stay small: lines per module and per function (decision 0002; the house rules).
MODULE_LINES, TABLE_MODULE_LINES, FUNCTION_LINES = 400, 600, 60
#: Modules that are only tables of field definitions may reach TABLE_MODULE_LINES.
TABLE_MODULES = {"generator/read/fields.py"}


def _code_files() -> list[Path]:
    rooms = (REPO / "generator", REPO / "bench", REPO / "site_templates" / "engine", REPO / "tests")
    return [p for room in rooms for p in sorted(room.rglob("*.py")) if "fixtures" not in p.parts]


def test_no_module_and_no_function_is_too_long() -> None:
    long: list[str] = []
    for path in _code_files():
        rel = path.relative_to(REPO).as_posix()
        source = path.read_text(encoding="utf-8")
        limit = TABLE_MODULE_LINES if rel in TABLE_MODULES else MODULE_LINES
        if source.count("\n") > limit:
            long.append(f"{rel}: {source.count(chr(10))} lines (at most {limit})")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno is not None:
                lines = node.end_lineno - node.lineno + 1
                if lines > FUNCTION_LINES:
                    long.append(f"{rel}:{node.lineno}: {node.name} has {lines} lines (at most {FUNCTION_LINES})")
    assert long == []

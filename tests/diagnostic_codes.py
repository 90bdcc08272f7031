"""Every diagnostic code the generator can emit, found by reading its code (``ast``).

A code reaches a :class:`generator.diagnostics.Diagnostic` either directly
(``Diagnostic(path, line, col, "unknown-field", ...)``) or through a *helper*: a
function, method or class that takes the code and hands it on
(``ctx.error(node, "wrong-type", ...)``, ``_at(record, "duplicate-id", ...)``, a
nested ``error(line, col, "yaml-tag", ...)``, the ``Pattern``/``Ref`` field types
that keep it in their ``code`` field). Helpers are not listed here: they are found
by following the code argument back from ``Diagnostic`` until only literals are
left, so a new helper is picked up without touching this file.

Every argument that carries a code must be a string literal (or a conditional
between literals, or a name bound only to literals). Anything else, and any use of
a helper other than a call (an alias, a callback, ``functools.partial``), raises
:class:`UnresolvedCodeError` naming the place: the collector fails loudly rather than
miss a code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

#: Where ``Diagnostic`` is defined, relative to the package's parent folder.
DIAGNOSTIC = ("generator/diagnostics.py", "Diagnostic", "code")

Def = ast.FunctionDef | ast.AsyncFunctionDef
Scope = tuple[ast.AST, ...]  # the enclosing ClassDef / FunctionDef nodes, outermost first


class UnresolvedCodeError(AssertionError):
    """A code argument (or a use of a helper) that the collector cannot follow."""


@dataclass(frozen=True, slots=True)
class Helper:
    """A callable that takes a diagnostic code: as its argument ``index`` (None: keyword only) or ``keyword``."""

    index: int | None
    keyword: str
    default: ast.expr | None  # the parameter's default, if it has one
    where: str  # the module defining it, for defaults and messages


def _is_dataclass(cls: ast.ClassDef) -> bool:
    for deco in cls.decorator_list:
        target = deco.func if isinstance(deco, ast.Call) else deco
        if isinstance(target, ast.Name | ast.Attribute) and (
            getattr(target, "id", None) == "dataclass" or getattr(target, "attr", None) == "dataclass"
        ):
            return True
    return False


def _is_classvar(annotation: ast.expr) -> bool:
    node = annotation.value if isinstance(annotation, ast.Subscript) else annotation
    return (isinstance(node, ast.Name) and node.id == "ClassVar") or (
        isinstance(node, ast.Attribute) and node.attr == "ClassVar"
    )


def _base_names(cls: ast.ClassDef) -> list[str]:
    return [b.id if isinstance(b, ast.Name) else b.attr for b in cls.bases if isinstance(b, ast.Name | ast.Attribute)]


class Collector:
    """Reads ``modules`` (path → source) and finds every code; see :func:`diagnostic_codes`."""

    def __init__(self, modules: Mapping[str, str]) -> None:
        self.trees = {path: ast.parse(source, path) for path, source in modules.items()}
        self.parents: dict[ast.AST, ast.AST] = {}
        self.classes: dict[str, list[ast.ClassDef]] = {}
        self.aliases: dict[str, dict[str, str]] = {}  # per module: local name -> imported name
        for path, tree in self.trees.items():
            self.aliases[path] = {}
            for node in ast.walk(tree):
                for child in ast.iter_child_nodes(node):
                    self.parents[child] = node
                if isinstance(node, ast.ClassDef):
                    self.classes.setdefault(node.name, []).append(node)
                elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                    for name in node.names:
                        if name.asname:
                            self.aliases[path][name.asname] = name.name
        #: ("name", n) for calls ``n(...)``; ("attr", n) for calls ``x.n(...)``
        self.helpers: dict[tuple[str, str], Helper] = {}
        path, cls_name, field_name = DIAGNOSTIC
        seed = [c for c in self.classes.get(cls_name, []) if self._module_of(c) == path]
        if len(seed) != 1:
            raise UnresolvedCodeError(f"{path}: no class {cls_name} to start from")
        self._register_class(seed[0], field_name)

    # --- the places a code can be handed on --------------------------------------------------

    def _module_of(self, node: ast.AST) -> str:
        while node in self.parents:
            node = self.parents[node]
        return next(path for path, tree in self.trees.items() if tree is node)

    def _where(self, node: ast.AST) -> str:
        return f"{self._module_of(node)}:{getattr(node, 'lineno', 0)}"

    def _add(self, key: tuple[str, str], helper: Helper) -> bool:
        known = self.helpers.get(key)
        if known is None:
            self.helpers[key] = helper
            return True
        if (known.index, known.keyword) != (helper.index, helper.keyword):
            raise UnresolvedCodeError(
                f"{helper.where}: two callables called {key[1]!r} take a diagnostic code in different places "
                f"(also {known.where}); the collector cannot tell their calls apart: rename one"
            )
        return False

    def _fields(self, cls: ast.ClassDef) -> list[tuple[str, ast.expr | None]]:
        """The dataclass fields of ``cls`` in constructor order, those of dataclass bases first."""
        out: list[tuple[str, ast.expr | None]] = []
        for base in _base_names(cls):
            for parent in self.classes.get(base, []):
                if _is_dataclass(parent):
                    out.extend(f for f in self._fields(parent) if f[0] not in {name for name, _ in out})
        for stmt in cls.body:
            if (
                isinstance(stmt, ast.AnnAssign)
                and isinstance(stmt.target, ast.Name)
                and not _is_classvar(stmt.annotation)
                and stmt.target.id not in {name for name, _ in out}
            ):
                out.append((stmt.target.id, stmt.value))
        return out

    def _register_class(self, cls: ast.ClassDef, field_name: str) -> bool:
        """``cls`` (a dataclass) and its subclasses take the code as their field ``field_name``."""
        fields = self._fields(cls)
        names = [name for name, _ in fields]
        if not _is_dataclass(cls) or field_name not in names:
            raise UnresolvedCodeError(f"{self._where(cls)}: {cls.name}.{field_name} carries a code but is not a field")
        helper = Helper(names.index(field_name), field_name, fields[names.index(field_name)][1], self._module_of(cls))
        grew = self._add(("name", cls.name), helper) | self._add(("attr", cls.name), helper)
        for subs in self.classes.values():
            for sub in subs:
                if cls.name in _base_names(sub):
                    grew |= self._register_class(sub, field_name)
        return grew

    def _register_function(self, fn: Def, param: str, scope: Scope) -> bool:
        """``fn`` takes the code as its parameter ``param``."""
        owner = scope[-1] if scope else None
        method = isinstance(owner, ast.ClassDef) and not any(
            isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.decorator_list
        )
        positional = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
        defaults: dict[str, ast.expr] = dict(zip(positional[::-1], fn.args.defaults[::-1], strict=False))
        defaults |= {a.arg: d for a, d in zip(fn.args.kwonlyargs, fn.args.kw_defaults, strict=True) if d is not None}
        if method:
            positional = positional[1:]
        index = positional.index(param) if param in positional else None
        helper = Helper(index, param, defaults.get(param), self._module_of(fn))
        if isinstance(owner, ast.ClassDef):
            grew = self._add(("attr", fn.name), helper)
            if fn.name == "__init__":
                grew |= self._add(("name", owner.name), helper) | self._add(("attr", owner.name), helper)
            return grew
        grew = self._add(("name", fn.name), helper)
        if owner is None:  # a module's function may be called as module.function(...)
            grew |= self._add(("attr", fn.name), helper)
        return grew

    # --- reading calls -----------------------------------------------------------------------

    def _helper_of(self, call: ast.Call, module: str) -> Helper | None:
        func = call.func
        if isinstance(func, ast.Name):
            return self.helpers.get(("name", self.aliases[module].get(func.id, func.id)))
        if isinstance(func, ast.Attribute):
            return self.helpers.get(("attr", func.attr))
        return None

    def _argument(self, call: ast.Call, helper: Helper) -> ast.expr:
        for kw in call.keywords:
            if kw.arg == helper.keyword:
                return kw.value
        if helper.index is not None:
            positional = call.args
            starred = any(isinstance(a, ast.Starred) for a in positional[: helper.index + 1])
            if not starred and helper.index < len(positional):
                return positional[helper.index]
            if starred:
                raise UnresolvedCodeError(f"{self._where(call)}: a diagnostic code passed inside *arguments")
        if any(kw.arg is None for kw in call.keywords):
            raise UnresolvedCodeError(f"{self._where(call)}: a diagnostic code passed inside **arguments")
        if helper.default is None:
            raise UnresolvedCodeError(f"{self._where(call)}: a call that takes a diagnostic code gives none")
        return helper.default

    def _bound(self, name: str, owner: ast.AST) -> list[ast.expr] | None:
        """The values ``name`` is assigned in ``owner``'s own body, or None if bound otherwise too."""
        values: list[ast.expr] = []
        for node in _own_nodes(owner):
            if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Store):
                parent = self.parents[node]
                if isinstance(parent, ast.Assign | ast.AnnAssign) and parent.value is not None:
                    values.append(parent.value)
                else:
                    return None
        return values

    def _resolve(self, expr: ast.expr, scope: Scope, module: str, strict: bool) -> tuple[list[str], bool]:
        """The literal codes ``expr`` may be, and whether a new helper was found on the way."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [expr.value], False
        if isinstance(expr, ast.IfExp):
            a, grew_a = self._resolve(expr.body, scope, module, strict)
            b, grew_b = self._resolve(expr.orelse, scope, module, strict)
            return a + b, grew_a or grew_b
        functions = [(i, s) for i, s in enumerate(scope) if isinstance(s, ast.FunctionDef | ast.AsyncFunctionDef)]
        if isinstance(expr, ast.Name):
            for i, fn in reversed(functions):
                assert isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef)
                args = fn.args
                if expr.id in {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}:
                    return [], self._register_function(fn, expr.id, scope[:i])
                values = self._bound(expr.id, fn)
                if values:
                    return self._resolve_all(values, scope[: i + 1], module, strict)
                if values is None:
                    break
            else:
                values = self._bound(expr.id, self.trees[module])
                if values:
                    return self._resolve_all(values, (), module, strict)
        if (
            isinstance(expr, ast.Attribute)
            and isinstance(expr.value, ast.Name)
            and expr.value.id == "self"
            and len(scope) >= 2
            and isinstance(scope[-2], ast.ClassDef)
        ):
            return [], self._register_class(scope[-2], expr.attr)
        if strict:
            raise UnresolvedCodeError(
                f"{self._where(expr)}: cannot tell which diagnostic code `{ast.unparse(expr)}` is; "
                "write the code as a string literal"
            )
        return [], False

    def _resolve_all(self, values: list[ast.expr], scope: Scope, module: str, strict: bool) -> tuple[list[str], bool]:
        codes: list[str] = []
        grew = False
        for value in values:
            found, more = self._resolve(value, scope, module, strict)
            codes += found
            grew |= more
        return codes, grew

    def _pass(self, strict: bool) -> tuple[dict[str, list[str]], bool]:
        codes: dict[str, list[str]] = {}
        grew = False
        for module, tree in self.trees.items():
            for call, scope in _calls(tree):
                helper = self._helper_of(call, module)
                if helper is None:
                    continue
                arg = self._argument(call, helper)
                if arg is helper.default:  # the default belongs to the helper's module and scope
                    found, more = self._resolve(arg, (), helper.where, strict)
                else:
                    found, more = self._resolve(arg, scope, module, strict)
                grew |= more
                for code in found:
                    codes.setdefault(code, []).append(self._where(call))
        return codes, grew

    def _check_uses(self) -> None:
        """A helper used other than by calling it (an alias, a callback) could hide codes: refuse it."""
        names = {n for kind, n in self.helpers if kind == "name"}
        attrs = {n for kind, n in self.helpers if kind == "attr"}
        for module, tree in self.trees.items():
            skip = _annotation_nodes(tree)
            for node in ast.walk(tree):
                used = (
                    isinstance(node, ast.Name)
                    and isinstance(node.ctx, ast.Load)
                    and self.aliases[module].get(node.id, node.id) in names
                ) or (isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load) and node.attr in attrs)
                if not used or node in skip:
                    continue
                parent = self.parents[node]
                if isinstance(parent, ast.Call) and parent.func is node:
                    continue
                if isinstance(parent, ast.ClassDef) and node in parent.bases:
                    continue
                if _is_type_test(parent, node, self.parents):
                    continue
                raise UnresolvedCodeError(
                    f"{self._where(node)}: `{ast.unparse(node)}` takes a diagnostic code and is used "
                    "without being called; call it directly so the collector sees the code"
                )

    def codes(self) -> dict[str, list[str]]:
        """Every code, with the places (``path:line``) it is written."""
        grew = True
        while grew:
            _codes, grew = self._pass(strict=False)
        found, _ = self._pass(strict=True)
        self._check_uses()
        return found


def _own_nodes(owner: ast.AST) -> Iterator[ast.AST]:
    """The nodes of ``owner``'s body, not those of functions or classes defined in it."""
    stack = list(ast.iter_child_nodes(owner))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


def _calls(tree: ast.AST, scope: Scope = ()) -> Iterator[tuple[ast.Call, Scope]]:
    """Every call in ``tree`` with the classes and functions it sits in."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.Call):
            yield node, scope
        inner = (*scope, node) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) else scope
        yield from _calls(node, inner)


def _annotation_nodes(tree: ast.AST) -> set[ast.AST]:
    roots: list[ast.expr] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns is not None:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {inner for root in roots for inner in ast.walk(root)}


def _is_type_test(parent: ast.AST, node: ast.AST, parents: Mapping[ast.AST, ast.AST]) -> bool:
    """``node`` is the class in ``isinstance(x, node)`` / ``issubclass`` (alone or in a tuple)."""
    call = parents.get(parent) if isinstance(parent, ast.Tuple) else parent
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id in ("isinstance", "issubclass")
        and len(call.args) == 2
        and (call.args[1] is node or call.args[1] is parent)
    )


def diagnostic_codes(package: Path) -> dict[str, list[str]]:
    """Every diagnostic code written in the Python files below ``package``, with where it is written."""
    root = package.parent
    modules = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(package.rglob("*.py"))}
    return Collector(modules).codes()

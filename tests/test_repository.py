"""Repository wiring: CI workflows, pre-commit hooks and docs call what exists."""

from __future__ import annotations

import re

from ruamel.yaml import YAML

from .conftest import REPO


def make_targets() -> set[str]:
    text = (REPO / "Makefile").read_text()
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def test_workflows_call_existing_make_targets() -> None:
    targets = make_targets()
    used = set()
    for workflow in (REPO / ".github" / "workflows").glob("*.yml"):
        data = YAML(typ="safe").load(workflow.read_text())
        assert data["jobs"], workflow
        used |= set(re.findall(r"run: make ([a-z][a-z-]*)", workflow.read_text()))
    assert used and used <= targets, used - targets
    assert "make test" in (REPO / ".ci" / "run").read_text()


def test_pre_commit_hooks() -> None:
    hooks = YAML(typ="safe").load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["atlas-fmt", "atlas-check"]
    assert all(h["entry"].startswith("atlas ") and h["language"] == "python" for h in hooks)
    config = YAML(typ="safe").load((REPO / ".pre-commit-config.yaml").read_text())
    ids = [h["id"] for repo in config["repos"] for h in repo["hooks"]]
    assert {"atlas-fmt", "atlas-check"} <= set(ids)


def test_contributing_commands_exist() -> None:
    text = (REPO / "CONTRIBUTING.md").read_text()
    from generator.cli import parser

    commands = set(parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    used = set(re.findall(r"atlas (new|check|fmt|build|serve|schema)\b", text))
    assert used <= commands
    assert {"new", "check", "fmt", "serve"} <= used

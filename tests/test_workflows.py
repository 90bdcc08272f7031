"""The GitHub workflows: every action pinned to a commit, each job with the least permissions it needs, no token
left in a checkout, none with write access where a stranger's pull request runs; and zizmor finds nothing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from .conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
#: ``uses: owner/name@<40 hex digits>  # vX.Y.Z``: the commit, and the release it is, for a reader and for updates.
PINNED = re.compile(r"^\s*(?:- )?uses: [A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+(?:/[^@\s]+)?@[0-9a-f]{40}  # v\d+\.\d+\.\d+$")
#: The permissions a job may ask for, and why (anything else fails until it is added here, with its reason).
ALLOWED = {
    "contents": {"read", "write"},  # read: check out; write: the archive's branch
    "pull-requests": {"write"},  # the archive's pull request
    "pages": {"write"},  # the deployment
    "id-token": {"write"},  # the deployment's proof of origin
}


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
    return data


def _triggers(workflow: dict[str, Any]) -> set[str]:
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    return {on} if isinstance(on, str) else set(on)


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_commit_with_its_version(path: Path) -> None:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert lines
    assert [line for line in lines if not PINNED.match(line)] == []


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_each_job_has_the_least_permissions_and_keeps_no_token(path: Path) -> None:
    workflow = _load(path)
    assert workflow["permissions"] in ({}, {"contents": "read"})  # the default for a job that names none
    for name, job in workflow["jobs"].items():
        granted = job.get("permissions")
        assert isinstance(granted, dict), f"{name}: say which permissions the job needs"
        assert all(value in ALLOWED.get(scope, set()) for scope, value in granted.items()), (name, granted)
        for step in job["steps"]:
            if str(step.get("uses", "")).startswith("actions/checkout@"):
                assert step.get("with", {}).get("persist-credentials") is False, name


def test_no_job_a_strangers_pull_request_runs_can_write() -> None:
    for path in WORKFLOWS:
        workflow = _load(path)
        triggers = _triggers(workflow)
        assert "pull_request_target" not in triggers and "workflow_run" not in triggers, path.name
        if "pull_request" in triggers:
            for name, job in workflow["jobs"].items():
                assert set(job["permissions"].values()) <= {"read", "none"}, (path.name, name)
    archive = _load(REPO / ".github" / "workflows" / "archive.yml")["jobs"]
    # the job that reads other people's repositories holds no write permission; the one that does runs no code
    assert archive["update"]["permissions"] == {"contents": "read"}
    assert all("run" not in step for step in archive["propose"]["steps"])


def _zizmor() -> str | None:
    for candidate in (Path(sys.executable).parent / "zizmor", REPO / ".venv" / "bin" / "zizmor"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("zizmor")


def test_zizmor_finds_nothing_and_would_find_an_unpinned_action(tmp_path: Path) -> None:
    zizmor = _zizmor()
    if zizmor is None:
        pytest.skip("zizmor is not installed (make install installs it from requirements.lock; make test runs it)")
    run = [zizmor, "--offline", "--no-progress", "--color", "never"]
    done = subprocess.run([*run, str(REPO / ".github" / "workflows")], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "No findings to report" in done.stdout, done.stdout + done.stderr
    unpinned = tmp_path / ".github" / "workflows"
    unpinned.mkdir(parents=True)
    text = (REPO / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    (unpinned / "pull-request.yml").write_text(re.sub(r"actions/checkout@\S+", "actions/checkout@v4", text))
    done = subprocess.run([*run, str(unpinned)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "unpinned-uses" in done.stdout

"""The weekly archive workflow: its commands, run here on a versions repository the test makes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from ruamel.yaml import YAML

from tests.conftest import AUP, REPO, V2, Atlas, git_at

WORKFLOW = REPO / ".github" / "workflows" / "archive.yml"


def _steps() -> list[str]:
    workflow = YAML(typ="safe", pure=True).load(WORKFLOW.read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    assert jobs["propose"]["needs"] == "update"  # the job holding a write token runs after the import, apart
    return [str(step.get("run", step.get("uses", ""))) for job in jobs.values() for step in job["steps"]]


def test_the_workflow_clones_the_sources_imports_checks_strictly_and_proposes() -> None:
    steps = _steps()
    order = ["archive sources", "archive update --clones build/clones", "check --strict-archive", "create-pull-request"]
    found = [next(i for i, step in enumerate(steps) if want in step) for want in order]
    assert found == sorted(found)
    assert (
        'git clone --quiet --filter=blob:none "https://github.com/$repository" "build/clones/$repository"'
        in "\n".join(steps)
    )


def test_its_commands_bring_new_versions_from_the_clones(
    atlas: Atlas, basic: Path, versions_repo: Path, tmp_path: Path
) -> None:
    (basic / "content" / "archive.yaml").write_text(
        f"- to: globex/terms\n  repository: OpenTermsArchive/test-versions\n  path: {AUP}\n", encoding="utf-8"
    )
    assert atlas("--root", str(basic), "archive", "sources")[:2] == (0, "OpenTermsArchive/test-versions\n")
    clones = tmp_path / "clones"
    subprocess.run(
        ["git", "clone", "-q", str(versions_repo), str(clones / "OpenTermsArchive" / "test-versions")], check=True
    )
    code, out, err = atlas("--root", str(basic), "archive", "update", "--clones", str(clones))
    assert (code, out, err) == (0, "globex/terms: 2 new versions from OpenTermsArchive/test-versions\n", "")
    for name in ("terrorism", "minors"):  # the records that quote the document name the version they quote
        record = basic / "provisions" / "globex" / f"{name}.yaml"
        text = record.read_text(encoding="utf-8")
        record.write_text(text.replace("\n  body:", "\n  version: 2024-03-02\n  body:", 1), encoding="utf-8")
    assert atlas("--root", str(basic), "check", "--strict-archive")[:2] == (
        0,
        "ok: 5 provisions, 3 platforms, 3 categories\n",
    )
    # a week later the source has recorded one more version: only that one comes in
    (versions_repo / AUP).write_text(V2 + "* Be brief.\n", encoding="utf-8")
    git_at(versions_repo, "commit", "-qam", "Record new changes", date="2025-09-01T08:00:00+00:00")
    subprocess.run(["git", "-C", str(clones / "OpenTermsArchive" / "test-versions"), "pull", "-q"], check=True)
    code, out, _ = atlas("--root", str(basic), "archive", "update", "--clones", str(clones))
    assert (code, out) == (0, "globex/terms: 1 new version from OpenTermsArchive/test-versions\n")
    assert sorted(p.name for p in (basic / "archive" / "globex" / "terms").glob("*.yaml"))[-1] == "2025-09-01.yaml"

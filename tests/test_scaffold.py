"""atlas new: skeletons at the right path, never overwriting, flagged until filled in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.read import fields

Atlas = Callable[..., tuple[int, str, str]]


def test_new_provision_skeleton(atlas: Atlas, basic: Path) -> None:
    code, out, err = atlas("--root", str(basic), "new", "provision", "acme/new-rule")
    assert (code, err) == (0, "")
    assert out.startswith("wrote provisions/acme/new-rule.yaml: replace every TODO")
    text = (basic / "provisions/acme/new-rule.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/provision.schema.json\n")
    for f in fields.PROVISION.fields:  # required fields present, every optional one at least as a comment
        assert f"\n{f.name}:" in text or (not f.required and f"\n# {f.name}:" in text), f.name
    # until every TODO is replaced, check fails at each placeholder
    code, _out, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert err.count("placeholder 'TODO' left from the skeleton") == 7
    assert "provisions/acme/new-rule.yaml:5:8: error: placeholder 'TODO' left from the skeleton" in err


def test_filled_skeleton_passes(atlas: Atlas, basic: Path) -> None:
    atlas("--root", str(basic), "new", "provision", "acme/new-rule")
    path = basic / "provisions/acme/new-rule.yaml"
    text = path.read_text()
    text = text.replace("TODO short plain-text title, no Markdown", "A rule")
    text = text.replace("[TODO]", "[model-extraction]").replace("https://TODO.example/", "https://acme.example/aup")
    text = text.replace("TODO title of the page", "AUP").replace("TODO ", "")
    path.write_text(text)
    assert atlas("--root", str(basic), "check")[0] == 0
    assert atlas("--root", str(basic), "fmt", "--check", str(path))[0] == 0


def test_new_refuses_bad_ids_unknown_platforms_and_overwrites(atlas: Atlas, basic: Path) -> None:
    assert atlas("--root", str(basic), "new", "provision", "acmee/x") == (
        1,
        "",
        "atlas new: error: unknown platform 'acmee' (did you mean 'acme'?)\n",
    )
    assert atlas("--root", str(basic), "new", "provision", "Acme/X")[2] == (
        "atlas new: error: 'Acme/X' is not a provision id: write <platform>/<slug>, lowercase letters, digits and hyphens\n"
    )
    assert atlas("--root", str(basic), "new", "provision", "acme/no-extraction") == (
        1,
        "",
        "atlas new: error: provisions/acme/no-extraction.yaml already exists; refusing to overwrite it\n",
    )
    assert atlas("--root", str(basic), "new", "platform", "acme")[0] == 1


def test_new_platform(atlas: Atlas, basic: Path) -> None:
    assert atlas("--root", str(basic), "new", "platform", "newco")[0] == 0
    text = (basic / "content/platforms/newco.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=../../schema/platform.schema.json\n")
    code, _out, err = atlas("--root", str(basic), "check")
    assert code == 1 and "content/platforms/newco.yaml:4:7: error: placeholder 'TODO'" in err

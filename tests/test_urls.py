"""Relative links between pages, for directory URLs (hosted) and file URLs (offline)."""

from __future__ import annotations

import pytest

from generator.render.urls import Linker, url_path


@pytest.mark.parametrize(
    ("src", "directory", "expected"),
    [
        ("index.md", True, ""),
        ("index.md", False, "index.html"),
        ("categories/index.md", True, "categories/"),
        ("provisions/acme/x.md", True, "provisions/acme/x/"),
        ("provisions/acme/x.md", False, "provisions/acme/x.html"),
    ],
)
def test_url_path(src: str, directory: bool, expected: str) -> None:
    assert url_path(src, directory) == expected


def test_directory_links() -> None:
    link = Linker("provisions/acme/x.md", True)
    assert link.to("index.md") == "../../../"
    assert link.provision("globex/y", "text") == "../../globex/y/#text"
    assert link.to("provisions/acme/x.md") == "./"
    assert link.file("assets/atlas.css") == "../../../assets/atlas.css"
    assert Linker("index.md", True).category("c") == "categories/c/"


def test_file_links() -> None:
    link = Linker("provisions/acme/x.md", False)
    assert link.to("index.md") == "../../index.html"
    assert link.platform("acme") == "../../platforms/acme.html"
    assert Linker("index.md", False).to("categories/index.md") == "categories/index.html"

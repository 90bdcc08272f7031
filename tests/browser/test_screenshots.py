"""The README's pictures, taken by the browser from the hosted build.

They go to a temporary folder, so a test run leaves the tree clean; with
``ATLAS_UPDATE_SCREENSHOTS=1`` they replace docs/screenshots/*.png.
"""

from __future__ import annotations

import os
import struct
from dataclasses import replace
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.render import urls

from ..conftest import REPO
from .support import VIEWPORT, Site, Tab, needs_chromium
from .test_journeys import PROVISION

pytestmark = needs_chromium

#: name -> (page, anchor to open it at, colour scheme, language tree)
SHOTS = {
    "home": (urls.home(), "", "light", ""),
    "provision": (urls.provision(PROVISION), "", "light", ""),
    "comparison": (urls.category("child-safety"), "", "light", ""),
    "compare": (urls.COMPARE, "platforms=anthropic,openai,xai&category=child-safety", "light", ""),
    "citation": (urls.provision(PROVISION), "cite-this", "light", ""),
    "matrix-dark": (urls.MATRIX, "", "dark", ""),
    # a Japanese page: machine translation noticed, the wording in English, a third party's translation beside it
    "provision-ja": (urls.provision("stability-ai/ncmec-reporting"), "", "light", "ja/"),
}


@pytest.fixture
def shots_dir(tmp_path: Path) -> Path:
    if os.environ.get("ATLAS_UPDATE_SCREENSHOTS") == "1":
        return REPO / "docs" / "screenshots"
    return tmp_path


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.parametrize("site", ["hosted"], indirect=True)
@pytest.mark.parametrize("name", SHOTS)
def test_screenshot(site: Site, tab: Tab, shots_dir: Path, name: str) -> None:
    src, anchor, scheme, folder = SHOTS[name]
    tab.page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]  # playwright types the literals
    tab.page.goto(replace(site, folder=folder).url(src, anchor))
    expect(tab.page.locator("article h1")).to_have_count(1)
    if src == urls.COMPARE:
        expect(tab.page.locator("#atlas-compare-result table")).to_have_count(1)
    path = shots_dir / f"{name}.png"
    tab.page.screenshot(path=str(path), animations="disabled", caret="hide")
    assert png_size(path.read_bytes()) == (VIEWPORT["width"], VIEWPORT["height"])
    tab.assert_clean()

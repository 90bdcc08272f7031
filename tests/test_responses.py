"""The right of reply: a record's ``responses`` on its page, in the feeds, on the changes page and in open data."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from .conftest import Atlas

A = "{http://www.w3.org/2005/Atom}"
REPLY = """responses:
- date: 2025-05-02
  by: Initech <Trust & Safety>
  url: https://initech.example/replies/extremism
  summary: Initech says the news-reporting exception *moved* to its help centre.
"""


def _reply(basic: Path, text: str = REPLY) -> None:
    path = basic / "provisions/initech/extremism.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("last_reviewed:", text + "last_reviewed:"), encoding="utf-8"
    )


def test_a_response_is_shown_as_the_repliers_own(atlas: Atlas, basic: Path) -> None:
    _reply(basic)
    code, _, err = atlas("--root", str(basic), "build")
    assert code == 0, err
    site = basic / "site"
    page = (site / "provisions/initech/extremism/index.html").read_text(encoding="utf-8")
    assert '<div class="atlas-response" id="change-response-2025-05-02">' in page
    assert "<strong>Response from Initech &lt;Trust &amp; Safety&gt;</strong>" in page  # escaped, never markup
    assert "Initech says the news-reporting exception <em>moved</em> to its help centre." in page
    assert 'href="https://initech.example/replies/extremism"' in page

    feed = ET.parse(site / "feeds/provisions/initech/extremism.xml").getroot()
    titles = [e.findtext(A + "title") for e in feed.iter(A + "entry")]
    assert titles[0] == "Initech: Violent extremism (response of 2025-05-02)"
    ids = [e.findtext(A + "id") for e in feed.iter(A + "entry")]
    assert ids[0] == "tag:provision-atlas.invalid,2026:provisions/initech/extremism/response-2025-05-02"

    changes = (site / "changes/index.html").read_text(encoding="utf-8")
    assert '<span class="atlas-badge atlas-response-badge">Response</span>' in changes

    data = json.loads((site / "data/provisions/initech/extremism.json").read_text(encoding="utf-8"))
    assert data["provision"]["responses"] == [
        {
            "date": "2025-05-02",
            "by": "Initech <Trust & Safety>",
            "url": "https://initech.example/replies/extremism",
            "summary": "Initech says the news-reporting exception *moved* to its help centre.",
        }
    ]


def test_a_response_needs_its_address(atlas: Atlas, basic: Path) -> None:
    _reply(basic, REPLY.replace("  url: https://initech.example/replies/extremism\n", ""))
    code, _, err = atlas("--root", str(basic), "check")
    assert code == 1
    assert err.splitlines()[0] == (
        "provisions/initech/extremism.yaml:19:3: error: missing required field 'responses.url' (add 'url:' — where the reply can be read in full (the issue, letter or post it was sent as))"
    )

"""Hostile input: nothing executes, nothing crashes, every rejection is located.

Property-based tests feed arbitrary text and mutations of valid records to the
reader and to `atlas check`: the only outcomes are success or diagnostics.
A full build of records full of markup proves no record text becomes script,
event handlers or tags on the site.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.diagnostics import Diagnostic, format_diagnostic
from generator.editing import archive
from generator.project import Project, check
from generator.read import yamlsource
from generator.read.fieldtypes import dangerous_scheme
from generator.render import spreadsheet
from generator.site.build import build

from .conftest import FIXTURES, copy_project, pagefind_fragments, tree_digest

FUZZ = settings(
    max_examples=150,
    deadline=dt.timedelta(seconds=10),  # a hang guard, not a performance assertion
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
VALID = (FIXTURES / "basic" / "provisions" / "acme" / "csam-generation.yaml").read_bytes()


def _located(diags: list[Diagnostic] | tuple[Diagnostic, ...], path: str) -> None:
    for d in diags:
        assert re.match(r"^[\w./-]+(:\d+(:\d+)?)?: error: .+", format_diagnostic(d)), d
        assert d.path == path or not d.path.startswith("provisions/acme/fuzz")


@FUZZ
@given(st.binary(max_size=2000))
def test_reader_accepts_or_locates_any_bytes(data: bytes) -> None:
    tree, diags = yamlsource.parse("fuzz.yaml", data)
    assert (tree is None) == bool(diags)
    _located(diags, "fuzz.yaml")


@FUZZ
@given(st.text(max_size=2000))
def test_reader_accepts_or_locates_any_text(text: str) -> None:
    tree, diags = yamlsource.parse("fuzz.yaml", text.encode("utf-8", "surrogatepass"))
    assert (tree is None) == bool(diags)


def _mutate(data: bytes, ops: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for kind, pos, chunk in ops:
        if not out:
            out += chunk
            continue
        at = pos % len(out)
        if kind == 0:
            out[at : at + len(chunk)] = chunk  # overwrite
        elif kind == 1:
            out[at:at] = chunk  # insert
        else:
            del out[at : at + 1 + len(chunk)]  # delete
    return bytes(out)


YAMLISH = st.sampled_from(
    [
        b":",
        b"- ",
        b"  ",
        b"\n",
        b"[",
        b"]",
        b"{",
        b"}",
        b"&a ",
        b"*a",
        b"!!str ",
        b"'",
        b'"',
        b"#",
        b"---\n",
        b"2026-13-45",
        b"<script>",
        b"javascript:",
        b"\xff",
        b"\t",
        b"title",
        b"categories",
        b"~",
        b"null",
    ]
)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 10_000), YAMLISH | st.binary(max_size=8)), max_size=6))
def test_check_survives_mutated_records(
    tmp_path_factory: pytest.TempPathFactory, ops: list[tuple[int, int, bytes]]
) -> None:
    root = tmp_path_factory.getbasetemp() / "fuzz-project"
    if not root.exists():
        copy_project("basic", root)
    target = root / "provisions/acme/csam-generation.yaml"
    target.write_bytes(_mutate(VALID, ops))
    result = check(Project(root))  # must not raise
    _located(result.diagnostics, "provisions/acme/csam-generation.yaml")


PROVENANCE = archive.Provenance("https://acme.example/aup", "CC-BY-4.0")
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)><svg onload=alert(2)>"


def _hostile_project(root: Path) -> None:
    copy_project("basic", root)
    # Plain-text fields take any characters; they must show as text.
    prov = root / "provisions/acme/no-extraction.yaml"
    prov.write_text(
        f'title: "{HOSTILE} & *md* [l](javascript:alert(3))"\n'
        "document: aup\ncategories: [model-extraction]\n"
        "summary: 'Text with `<script>` in code and a [link](https://example.org \"t\").'\n"
        "text: {status: paraphrase, body: '**bold** {: onclick=alert(4) }'}\n"
        f'section: "{HOSTILE}"\n'
        "sources: [{url: 'https://acme.example/aup?a=1&b=<2>', title: '" + HOSTILE.replace("'", "''") + "'}]\n"
    )
    cats = root / "content/categories.yaml"
    cats.write_text(cats.read_text().replace("title: Model extraction", f'title: "{HOSTILE}"'))
    plat = root / "content/platforms/initech.yaml"
    plat.write_text(plat.read_text().replace("name: Initech", f'name: "{HOSTILE}"'))


class _Scan(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.handlers: list[str] = []
        self.targets: list[str] = []
        self.images = 0
        self.svgs = 0
        self.in_script = False
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handlers += [f"{tag} {name}" for name, _ in attrs if name.lower().startswith("on")]
        self.targets += [v for n, v in attrs if n in ("href", "src", "action", "formaction") and v is not None]
        self.images += tag == "img"
        self.svgs += tag == "svg" and any(n == "onload" for n, _ in attrs)
        self.in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False if tag == "script" else self.in_script

    def handle_data(self, data: str) -> None:
        if self.in_script:
            self.script_text.append(data)


def test_record_text_never_becomes_markup_or_script(tmp_path: Path) -> None:
    root = tmp_path / "hostile"
    _hostile_project(root)
    result = build(Project(root))
    assert result.ok, result.messages
    pages = sorted((root / "site").rglob("*.html"))
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        scan = _Scan()
        scan.feed(html)
        rel = page.relative_to(root / "site").as_posix()
        assert scan.handlers == [], rel
        assert "alert(" not in "".join(scan.script_text), rel
        assert scan.images == 0, rel
        assert [t for t in scan.targets if dangerous_scheme(t)] == [], rel
    provision = (root / "site/provisions/acme/no-extraction/index.html").read_text()
    assert (
        "<title>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in provision or "<title>&lt;script&gt;" in provision
    )
    assert "<code>&lt;script&gt;</code>" in provision
    assert "{: onclick=alert(4) }" in provision  # attribute syntax stays text
    assert '<a href="https://example.org" title="t" rel="noopener noreferrer">link</a>' in provision
    # The hosted search index (Pagefind) holds the text a reader sees: the hostile title
    # arrives there as characters, which proves the page showed it as text, not markup.
    # (The search UI draws it as text again: site_templates/assets/pagefind-search.js.)
    found = {f["url"]: f for f in pagefind_fragments(root / "site")}
    hostile = found["/provisions/acme/no-extraction/"]
    assert hostile["meta"]["title"] == f"{HOSTILE} & *md* [l](javascript:alert(3))"
    assert "Text with <script> in code" in hostile["content"]


def gzip_mtime(path: Path) -> int:
    return int.from_bytes(path.read_bytes()[4:8], "little")


def test_builds_are_byte_for_byte_reproducible(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = copy_project("basic", tmp_path / "one")
    second = copy_project("basic", tmp_path / "elsewhere" / "two")  # another absolute path
    assert build(Project(first)).ok and build(Project(second)).ok
    a, b = tree_digest(first / "site"), tree_digest(second / "site")
    assert a == b
    # the newest date in the records (2026-11-01), not today, is the build date (gzip header mtime)
    assert gzip_mtime(first / "site/sitemap.xml.gz") == 1793491200
    for path in (first / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".js"):
            assert str(tmp_path) not in path.read_text(encoding="utf-8", errors="replace"), path


def test_source_date_epoch_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    root = copy_project("basic", tmp_path / "p")
    assert build(Project(root)).ok
    assert gzip_mtime(root / "site/sitemap.xml.gz") == 1699920000  # MkDocs keeps the day: 2023-11-14


#: Titles and fields a spreadsheet would run as formulas (CSV injection), as records may hold them.
FORMULAS = {
    "title": '=HYPERLINK("http://x","y")',
    "section": "=1+2",
    "summary": "- a list item\n- and +1",
    "affects": "@SUM(A1:A9)",
    "interpretive_note": "+1 and more",
}


def _formula_project(root: Path) -> None:
    copy_project("basic", root)
    path = root / "provisions/acme/no-extraction.yaml"
    text = path.read_text(encoding="utf-8").replace("title: No model extraction\n", "")
    fields = "".join(f"{name}: {json.dumps(value)}\n" for name, value in FORMULAS.items() if name != "summary")
    text = text.replace("summary: Forbids using outputs to train a competing model.\n", "")
    path.write_text(fields + f"summary: {json.dumps(FORMULAS['summary'])}\n" + text, encoding="utf-8")
    other = root / "provisions/acme/csam-generation.yaml"
    title = "title: No sexual content involving minors\n"
    other.write_text(other.read_text(encoding="utf-8").replace(title, f"title: \"'quoted' {title[7:-1]}\"\n"))


def test_no_csv_cell_is_a_formula_and_the_json_keeps_the_text(tmp_path: Path) -> None:
    root = tmp_path / "formulas"
    _formula_project(root)
    result = build(Project(root))
    assert result.ok, (result.messages, [str(d) for d in result.diagnostics])
    tables = sorted((root / "site").rglob("*.csv"))
    # the open data, in each language's tree (the same records)
    assert [p.relative_to(root / "site").as_posix() for p in tables] == [
        "data/provisions.csv",
        "ja/data/provisions.csv",
    ]
    for table in tables:  # as a spreadsheet reads it: cell by cell
        with table.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        for row in rows:
            for cell in row:
                assert not cell.startswith(spreadsheet.FORMULA_STARTS), cell
    rows_by_id = {r["id"]: r for r in csv.DictReader(io.StringIO(tables[0].read_text(encoding="utf-8"), newline=""))}
    hostile = rows_by_id["acme/no-extraction"]
    assert hostile["title"] == "'" + FORMULAS["title"] and hostile["section"] == "'=1+2"
    for name, value in FORMULAS.items():
        assert hostile[name] == "'" + value and spreadsheet.restore(hostile[name]) == value
    quoted = rows_by_id["acme/csam-generation"]["title"]
    assert quoted.startswith("''quoted' ") and spreadsheet.restore(quoted).startswith("'quoted' ")
    data = json.loads((root / "site/data/atlas.json").read_text(encoding="utf-8"))
    provision = next(p for p in data["provisions"] if p["id"] == "acme/no-extraction")
    assert {name: provision[name] for name in FORMULAS} == FORMULAS  # the JSON keeps the exact text
    own = json.loads((root / "site/data/provisions/acme/no-extraction.json").read_text(encoding="utf-8"))
    assert own["provision"]["title"] == FORMULAS["title"]
    assert "'=HYPERLINK" not in (root / "site/provisions/acme/no-extraction/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("cell", ["=1+2", "+1", "-1", "@A1", "\tx", "\rx", "'x", '=HYPERLINK("http://x","y")'])
def test_a_formula_cell_is_prefixed_and_restored(cell: str) -> None:
    written = spreadsheet.csv_text(["c"], [[cell]])
    read = next(csv.reader(io.StringIO(written.split("\r\n", 1)[1], newline="")))[0]
    assert read == "'" + cell and spreadsheet.restore(read) == cell
    assert spreadsheet.neutralized("plain =x") == "plain =x"


#: An archived text is the platform's words as the source has them: markup in it must stay text on the site.
ARCHIVED = (
    "# Acceptable use <script>alert('a')</script>\n\n"
    "Last updated: March 1, 2024\n\n"
    "## <img src=x onerror=alert(5)> Heading [click](javascript:alert(6))\n\n"
    "Text with <svg onload=alert(7)> and <b onclick=alert(8)>bold</b>.\n"
)


def test_archived_text_never_becomes_markup_or_script(tmp_path: Path) -> None:
    root = copy_project("basic", tmp_path / "hostile-archive")
    folder = root / "archive/acme/aup"
    for day, text in (
        (dt.date(2024, 3, 2), ARCHIVED),
        (dt.date(2025, 1, 5), ARCHIVED + "<iframe src=x></iframe> Plus 1<2 & a <3.\n"),
    ):
        version = archive.Version(day, text.encode(), {"url": "https://acme.example/aup"}, PROVENANCE)
        archive.write(folder, archive.plan(folder, [version]))
    result = build(Project(root))
    assert result.ok, (result.messages, [str(d) for d in result.diagnostics])
    for page in sorted((root / "site").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        scan = _Scan()
        scan.feed(html)
        rel = page.relative_to(root / "site").as_posix()
        assert scan.handlers == [] and scan.images == 0 and scan.svgs == 0, rel
        assert "alert(" not in "".join(scan.script_text) and "<iframe src=x" not in html, rel
        assert [t for t in scan.targets if dangerous_scheme(t)] == [], rel
    document = (root / "site/documents/acme/aup/index.html").read_text(encoding="utf-8")
    # tags are left out of what the site shows of an archived text (generator.read.quotes.normalize); the rest is text
    assert "<li>Acceptable use alert(&#39;a&#39;)</li>" in document and "<li>Heading click</li>" in document
    assert "1&lt;2 &amp; a &lt;3." in document

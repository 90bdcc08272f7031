"""Validation: every problem of every file in one run, each with its exact located message."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostic, format_diagnostic
from generator.project import Project, check
from generator.read.checks import CHECKS, Scope
from generator.read.model import Provision

Write = Callable[[str, str | bytes], Path]


def errors(root: Path) -> list[str]:
    return [format_diagnostic(d) for d in check(Project(root)).diagnostics]


def test_basic_fixture_is_clean(basic: Path) -> None:
    assert errors(basic) == []


BROKEN = """\
title: No sexual content involving minors
document: aupp
categories:
- child-saftey
summary: Prohibits <b>sexual</b> content.
text:
  status: verbatum
  bdy: x
exposure:
  level: high
jurisdictions:
- code: US
  laws: [protect-act, directive-2011-93-eu]
- code: FR
analogues:
- provision: globex/minor
  relation: stricter
history:
- date: 2026-13-45
  summary: x
sources: []
last_reviewd: 2026-11-01
"""


def test_every_problem_in_one_run(basic: Path, write: Write) -> None:
    write("provisions/acme/csam-generation.yaml", BROKEN)
    p = "provisions/acme/csam-generation.yaml"
    assert errors(basic) == [
        f"{p}:2:11: error: unknown document 'aupp' of platform 'acme' (did you mean 'aup'?)",
        f"{p}:4:3: error: unknown category 'child-saftey' (did you mean 'child-safety'?)",
        f"{p}:5:10: error: raw HTML is not allowed in 'summary' ('<b') (use Markdown, or write '&lt;' for a literal '<')",
        f"{p}:7:11: error: 'text.status' must be one of verbatim, excerpt, paraphrase, unavailable, not 'verbatum' "
        "(did you mean 'verbatim'?)",
        f"{p}:8:3: error: unknown field 'text.bdy' (did you mean 'body'?)",
        f"{p}:10:3: error: missing required field 'exposure.rationale' (add 'rationale:' — why this level)",
        f"{p}:13:23: error: law 'directive-2011-93-eu' belongs to EU, not US (list it under code: EU)",
        f"{p}:14:9: error: unknown jurisdiction 'FR'",
        f"{p}:16:14: error: unknown provision 'globex/minor' (did you mean 'globex/minors'?)",
        f"{p}:19:9: error: 'history.date' is not a valid date: '2026-13-45' (use YYYY-MM-DD, a real calendar date)",
        f"{p}:21:10: error: 'sources' needs at least 1 item",
        f"{p}:22:1: error: unknown field 'last_reviewd' (did you mean 'last_reviewed'?)",
    ]


def test_missing_required_fields(basic: Path, write: Write) -> None:
    write("provisions/acme/thin.yaml", "title: Thin\n")
    p = "provisions/acme/thin.yaml"
    assert errors(basic) == [
        f"{p}:1:1: error: missing required field 'categories' (add 'categories:' — category ids; the first is primary)",
        f"{p}:1:1: error: missing required field 'document' (add 'document:' — a document id of this platform)",
        f"{p}:1:1: error: missing required field 'sources' (add 'sources:' — at least one source)",
        f"{p}:1:1: error: missing required field 'summary' (add 'summary:' — what the provision says, plainly)",
        f"{p}:1:1: error: missing required field 'text' (add 'text:' — the wording and its status)",
    ]


def test_types_are_never_silently_converted(basic: Path, write: Write) -> None:
    # Unquoted dates, numbers and booleans in text fields are the text the editor wrote.
    write(
        "provisions/acme/typed.yaml",
        "title: 2025\ndocument: aup\nsection: yes\ncategories: [model-extraction]\nsummary: 0.10\n"
        "text: {status: paraphrase, body: 2025-04-01}\nsources: [{url: 'https://acme.example/aup'}]\n",
    )
    result = check(Project(basic))
    assert result.ok
    typed = next(p for p in result.records.provisions if p.id == "acme/typed")
    assert (typed.title, typed.section, typed.summary, typed.text.body) == ("2025", "yes", "0.10", "2025-04-01")


def test_bad_values(basic: Path, write: Write) -> None:
    write(
        "content/platforms/bad.yaml",
        "name: [not, text]\nhomepage: javascript:alert(1)\nheadquarters: FR\n"
        "documents:\n- id: Bad_Id\n  title: T\n  kind: policy\n  url: ftp://x.example/\n  language: english-language\n",
    )
    p = "content/platforms/bad.yaml"
    assert errors(basic) == [
        f"{p}:1:7: error: 'name' must be plain text, not a list",
        f"{p}:2:11: error: 'homepage' is not an absolute http(s) URL: 'javascript:alert(1)' (start it with https://)",
        f"{p}:3:15: error: unknown jurisdiction 'FR'",
        f"{p}:5:7: error: 'documents.id' is not a valid id: 'Bad_Id' (use lowercase letters, digits and single hyphens)",
        f"{p}:7:9: error: 'documents.kind' must be one of acceptable-use-policy, terms-of-service, usage-policy, "
        "content-policy, privacy-policy, model-license, transparency-report, other, not 'policy' (did you mean 'usage-policy'?)",
        f"{p}:8:8: error: 'documents.url' is not an absolute http(s) URL: 'ftp://x.example/' (start it with https://)",
        f"{p}:9:13: error: 'documents.language' is not a BCP 47 language tag: 'english-language' (for example en, fr or pt-BR)",
    ]


def test_a_url_that_cannot_be_split_is_a_diagnostic(basic: Path, write: Write) -> None:
    """``urlsplit`` raises on an unbalanced bracket in the host (found by test_security's fuzzing)."""
    write(
        "content/platforms/bracket.yaml",
        "name: B\nhomepage: 'https://[acme.example/aup'\nheadquarters: US\n"
        "documents:\n- id: aup\n  title: T\n  kind: usage-policy\n  url: https://b.example/aup\n  language: en\n",
    )
    p = "content/platforms/bracket.yaml"
    assert errors(basic) == [
        f"{p}:2:11: error: 'homepage' is not an absolute http(s) URL: 'https://[acme.example/aup' "
        "(start it with https://)",
    ]


def test_unsafe_markdown_links(basic: Path, write: Write) -> None:
    write(
        "provisions/acme/links.yaml",
        "title: T\ndocument: aup\ncategories: [model-extraction]\n"
        "summary: '[click](JaVaScRiPt:alert(1))'\n"
        "text: {status: paraphrase, body: '[x](&#106;avascript:alert(1))'}\n"
        "affects: '[y](data:text/html;base64,PHNjcmlwdD4=)'\n"
        "sources: [{url: 'https://acme.example/aup'}]\n",
    )
    p = "provisions/acme/links.yaml"
    assert errors(basic) == [
        f"{p}:4:10: error: link target uses the forbidden scheme 'javascript:' in 'summary' (link to an https:// address)",
        f"{p}:5:34: error: link target uses the forbidden scheme 'javascript:' in 'text.body' (link to an https:// address)",
        f"{p}:6:10: error: link target uses the forbidden scheme 'data:' in 'affects' (link to an https:// address)",
    ]


def test_text_body_rules(basic: Path, write: Write) -> None:
    base = (
        "title: T\ndocument: aup\ncategories: [model-extraction]\nsummary: S\nsources: [{url: 'https://a.example'}]\n"
    )
    write("provisions/acme/no-body.yaml", base + "text: {status: verbatim}\n")
    write("provisions/acme/extra-body.yaml", base + "text: {status: unavailable, body: B}\n")
    assert errors(basic) == [
        "provisions/acme/extra-body.yaml:6:35: error: 'text.body' given although status is 'unavailable' "
        "(set the status that fits the wording, or remove the body)",
        "provisions/acme/no-body.yaml:6:7: error: missing required field 'text.body' (status is 'verbatim') "
        "(add the wording, or set status: unavailable)",
    ]


def test_catalog_wide_checks(basic: Path, write: Write) -> None:
    cats = (basic / "content/categories.yaml").read_text()
    write("content/categories.yaml", cats + "- id: child-safety\n  title: Again\n  description: Twice.\n")
    write(
        "provisions/globex/analogues.yaml",
        "title: T\ndocument: terms\ncategories: [child-safety, child-safety]\nsummary: S\n"
        "text: {status: paraphrase, body: B}\nsources: [{url: 'https://globex.example'}]\n"
        "analogues:\n- {provision: globex/minors, relation: related}\n- {provision: globex/analogues, relation: related}\n"
        "- {provision: acme/csam-generation, relation: stricter}\n",
    )
    write("provisions/nobody/x.yaml", "title: T\n")
    write("provisions/stray.yaml", "title: T\n")
    write("provisions/acme/Bad.yaml", "title: T\n")
    write("provisions/acme/old.yml", "title: T\n")
    assert errors(basic) == [
        "content/categories.yaml:14:7: error: duplicate category id 'child-safety' (first defined at line 1)",
        "provisions/acme/Bad.yaml: error: a provision file must be at provisions/<platform>/<slug>.yaml "
        "(ids are lowercase letters, digits and single hyphens)",
        "provisions/acme/old.yml: error: a provision file must be at provisions/<platform>/<slug>.yaml (rename it to .yaml)",
        "provisions/globex/analogues.yaml:3:28: error: category 'child-safety' is listed twice",
        "provisions/globex/analogues.yaml:8:15: error: analogue 'globex/minors' is on the same platform "
        "(analogues link provisions of other platforms)",
        "provisions/globex/analogues.yaml:9:15: error: a provision cannot be its own analogue",
        "provisions/nobody/x.yaml: error: 'nobody' is not a known platform: no content/platforms/nobody.yaml "
        "(move the file under provisions/<platform>/)",
        "provisions/nobody/x.yaml:1:1: error: missing required field 'categories' (add 'categories:' — category ids; the first is primary)",
        "provisions/nobody/x.yaml:1:1: error: missing required field 'document' (add 'document:' — a document id of this platform)",
        "provisions/nobody/x.yaml:1:1: error: missing required field 'sources' (add 'sources:' — at least one source)",
        "provisions/nobody/x.yaml:1:1: error: missing required field 'summary' (add 'summary:' — what the provision says, plainly)",
        "provisions/nobody/x.yaml:1:1: error: missing required field 'text' (add 'text:' — the wording and its status)",
        "provisions/stray.yaml: error: a provision file must be at provisions/<platform>/<slug>.yaml "
        "(move it into a platform's folder: provisions/<platform>/)",
    ]


def test_analogue_listed_on_both_sides_must_agree(basic: Path, write: Write) -> None:
    path = basic / "provisions/globex/minors.yaml"
    write(
        "provisions/globex/minors.yaml",
        path.read_text() + "analogues:\n- provision: acme/csam-generation\n  relation: stricter\n",
    )
    assert errors(basic) == [
        "provisions/globex/minors.yaml:17:13: error: relation 'stricter' to 'acme/csam-generation' contradicts "
        "'stricter' on provisions/acme/csam-generation.yaml:23 (it should be 'looser', or list the pair on one side only)"
    ]


def test_reports(basic: Path, write: Write) -> None:
    write(
        "content/reports/acme/bad.yaml",
        "document: aup2\nperiod: {start: 2025-01-01, end: 2024-01-01}\nfigures:\n"
        "- {metric: ncmec-reports, value: '13'}\n- {metric: models-red-teamed, value: 140}\n"
        "- {metric: ncmec-report, value: 1}\n- {metric: models-red-teamed, value: 1}\n",
    )
    p = "content/reports/acme/bad.yaml"
    assert errors(basic) == [
        f"{p}:1:11: error: unknown document 'aup2' of platform 'acme' (did you mean 'aup'?)",
        f"{p}:2:34: error: period ends (2024-01-01) before it starts (2025-01-01)",
        f"{p}:4:34: error: 'figures.value' must be a number, not quoted text (remove the quotes)",
    ]
    write(
        "content/reports/acme/bad.yaml",
        "document: aup\nperiod: {start: 2025-01-01, end: 2025-02-01}\nfigures:\n"
        "- {metric: models-red-teamed, value: 140}\n- {metric: ncmec-report, value: 1}\n"
        "- {metric: models-red-teamed, value: 1}\n",
    )
    assert errors(basic) == [
        f"{p}:4:38: error: percent value 140 is outside 0-100",
        f"{p}:5:12: error: unknown metric 'ncmec-report' (did you mean 'ncmec-reports'?)",
        f"{p}:6:12: error: metric 'models-red-teamed' appears twice in this report",
    ]


def test_missing_required_files(tmp_path: Path) -> None:
    assert errors(tmp_path) == [
        "content/categories.yaml: error: required file is missing",
        "content/jurisdictions.yaml: error: required file is missing",
    ]


def test_registry_names_every_check_once_with_a_scope() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    assert {c.scope for c in CHECKS} == set(Scope)
    assert all(c.doc for c in CHECKS)


def test_checks_are_not_run_again_when_no_file_changed(
    basic: Path, write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.read import checks

    write("provisions/acme/no-extraction.yaml", (basic / "provisions/acme/no-extraction.yaml").read_text() + "\n")
    write("content/categories.yaml", (basic / "content/categories.yaml").read_text().replace("child-safety", "kids", 1))
    first = check(Project(basic)).diagnostics
    assert first  # the renamed category leaves references dangling
    real = checks.run_all
    monkeypatch.setattr(checks, "run_all", lambda *a, **k: (_ for _ in ()).throw(AssertionError("ran again")))
    assert check(Project(basic)).diagnostics == first  # the same answer, from the cache
    monkeypatch.setattr(checks, "run_all", real)
    write("content/categories.yaml", (basic / "content/categories.yaml").read_text().replace("kids", "child-safety", 1))
    assert check(Project(basic)).ok  # a changed file: the checks run


def _slow_pid(provision: object, ix: object) -> Iterator[Diagnostic]:
    """A record check that takes long enough for a worker to take some records, and says which process ran it."""
    from generator.read import quotes

    time.sleep(0.05)
    assert isinstance(provision, Provision)
    quotes.find_in(provision.title, provision.title + " and more", f"key-{provision.id}")
    yield Diagnostic(f"provisions/{provision.id}.yaml", 1, 1, "slow", str(os.getpid()))


def test_record_checks_on_every_core_find_what_one_process_finds_and_bring_back_what_they_learned(
    basic: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.read import checks, quotes
    from generator.read.load import load
    from generator.read.validate import validate

    records, _ = validate(load(basic))
    slow = (checks.Check("slow", Scope.PROVISION, _slow_pid), *checks.CHECKS)
    monkeypatch.setattr(checks, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a worker beside this process, whatever the machine
    with quotes.remembered(None):
        alone = checks.run_all(records, slow, workers=1)
    with quotes.remembered(None):
        forked = checks.run_all(records, slow, workers=2)
        known = dict(quotes._MEMO)
    pids = {d.message for d in forked if d.code == "slow"}
    assert pids == {str(os.getpid()), *pids} and len(pids) == 2  # this process and its worker both checked records
    without_pids = [d for d in alone if d.code != "slow"]
    assert [d for d in forked if d.code != "slow"] == without_pids
    assert [d.path for d in forked if d.code == "slow"] == [d.path for d in alone if d.code == "slow"]  # in order
    assert {key[2] for key in known} >= {f"key-{p.id}" for p in records.provisions}  # the worker's answers too


def test_the_decode_cache_written_beside_the_checks_answers_for_every_file_next_time(
    basic: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked, the cache is written by the checks' worker (not this process); within a store, by this process."""
    from generator import cachefile
    from generator.read import checks, decode, kept
    from generator.read.load import load
    from generator.read.validate import validate

    monkeypatch.setattr(checks, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)  # a worker beside this process, whatever the machine
    saved_by: list[int] = []
    real_save = cachefile.save

    def save(path: Path | None, data: dict[object, object], *, replaces: str = "") -> None:
        if path is not None and path.name.startswith("decoded-"):
            saved_by.append(os.getpid())  # a worker's list is its own: it is told by the file it leaves
            (tmp_path / f"saved-by-{os.getpid()}").touch()
        real_save(path, data, replaces=replaces)

    monkeypatch.setattr(cachefile, "save", save)
    cache = tmp_path / "cache"
    first = validate(load(basic), cache)
    writers = [p.name for p in tmp_path.glob("saved-by-*")]
    assert writers and writers != [f"saved-by-{os.getpid()}"] and saved_by == []  # a worker wrote it
    monkeypatch.setattr(decode, "decode_source", lambda source: pytest.fail(f"decoded {source.path} again"))
    assert validate(load(basic), cache) == first
    for stale in [*cache.glob("*.pickle"), *tmp_path.glob("saved-by-*")]:
        stale.unlink()
    monkeypatch.undo()
    monkeypatch.setattr(checks, "PARALLEL_MIN_RECORDS", 0)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    store = kept.Store()
    with kept.keeping(store):
        assert validate(load(basic), cache) == first
        held = kept.load_cache(next(cache.glob("decoded-*.pickle")))
        assert held is kept.load_cache(next(cache.glob("decoded-*.pickle")))  # kept in this process's memory
        assert len(held) == len(load(basic).files)

"""The shipped corpus: clean, complete enough to compare, and honest about provenance."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from generator.project import Project, check
from generator.read.fields import QUOTED_STATUSES
from generator.read.model import Provision
from generator.relate.catalog import Catalog, build_catalog

from .conftest import REPO

SEEDS = REPO.parent / "shared" / "seeds"
#: Records quoting the seed report (Stability AI's, archived from the seed).
SEED_QUOTED = {
    "stability-ai/csam-hash-matching",
    "stability-ai/ncmec-reporting",
    "stability-ai/age-requirement",
    "stability-ai/c2pa-provenance",
    "stability-ai/notices-appeals",
}


@pytest.fixture(scope="module")
def corpus() -> Catalog:
    result = check(Project(REPO))
    assert result.ok, "\n".join(str(d) for d in result.diagnostics)
    return build_catalog(result.records)


def test_sizes(corpus: Catalog) -> None:
    assert len(corpus.platforms) >= 16
    assert len(corpus.categories) >= 18
    assert len(corpus.provisions) >= 250
    assert {"self-harm", "adult-sexual-content", "intellectual-property"} <= set(corpus.categories)
    assert {"US", "UK", "EU", "JP"} <= set(corpus.jurisdictions)
    for law in (
        "protect-act",
        "usc-2258a",
        "protection-of-children-act-1978",
        "sexual-offences-act-2003",
        "directive-2011-93-eu",
        "eu-ai-act",
        "digital-services-act",
        "online-safety-act-2023",
        "jp-child-pornography-act",
    ):
        assert law in corpus.laws


def test_every_category_has_eight_platforms(corpus: Catalog) -> None:
    thin = {c: len(corpus.platforms_in_category(c)) for c in corpus.categories}
    assert {c: n for c, n in thin.items() if n < 8} == {}


def test_every_platform_covers_eight_categories(corpus: Catalog) -> None:
    for platform_id in corpus.platforms:
        assert len(corpus.covered_categories(platform_id)) >= 8, platform_id


def test_the_matrix_shows_real_gaps(corpus: Catalog) -> None:
    cells = len(corpus.categories) * len(corpus.platforms)
    filled = sum(len(corpus.covered_categories(p)) for p in corpus.platforms)
    assert 0 < cells - filled < cells // 2


def test_quotes_only_where_we_hold_the_wording(corpus: Catalog) -> None:
    statuses = Counter(p.text.status for p in corpus.provisions.values())
    quoting = [p for p in corpus.provisions.values() if p.text.status in ("verbatim", "excerpt")]
    # every quote names the archived version it comes from (which `atlas check` proved it is in)
    assert [p.id for p in quoting if p.text.version is None] == [], statuses
    for p in quoting:
        versions = {v.slug for v in corpus.versions[(p.platform, p.document)]}
        assert p.text.version in versions, p.id
    # no archived copy of Stability AI's Acceptable Use Policy is held: its records are paraphrases
    aup = [p for p in corpus.provisions.values() if (p.platform, p.document) == ("stability-ai", "aup")]
    assert aup and {p.text.status for p in aup} == {"paraphrase"}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside this checkout")
def test_excerpts_appear_word_for_word_in_the_seeds(corpus: Catalog) -> None:
    seeds = " ".join(" ".join(p.read_text(encoding="utf-8").split()) for p in SEEDS.glob("*.txt"))
    for pid in SEED_QUOTED:
        body = corpus.provisions[pid].text.body
        assert body is not None
        for passage in body.replace("…", "...").split("..."):
            words = " ".join(passage.split()).strip(" .;:")
            if len(words) > 20:
                assert words in seeds, (pid, words[:80])


def test_no_invented_review_or_retrieval_dates(corpus: Catalog) -> None:
    assert all(p.last_reviewed is None for p in corpus.provisions.values())
    assert all(s.retrieved is None for p in corpus.provisions.values() for s in p.sources)


def test_transparency_figures_come_from_the_seed_report(corpus: Catalog) -> None:
    figures = {(f.report.platform, f.figure.metric): f.figure.value for m in corpus.by_metric.values() for f in m}
    assert figures[("stability-ai", "ncmec-reports")] == 13
    assert {platform for platform, _ in figures} == {"stability-ai"}


def test_methodology_explains_statuses_exposure_and_analogues(corpus: Catalog) -> None:
    page = next(p for p in corpus.pages if p.slug == "methodology")
    for heading in ("## Text status", "## Exposure", "## Analogues", "## Review"):
        assert heading in page.markdown


def test_seed_provision_is_present(corpus: Catalog) -> None:
    p = corpus.provisions["stability-ai/csam-generation"]
    assert p.categories[0] == "child-safety"
    assert Path(REPO / "provisions/stability-ai/csam-generation.yaml").is_file()


def _quoted(p: Provision) -> bool:
    return p.text is not None and p.text.status in QUOTED_STATUSES


def test_most_records_quote(corpus: Catalog) -> None:
    quoted = sum(_quoted(p) for p in corpus.provisions.values())
    assert quoted / len(corpus.provisions) >= 0.75, (quoted, len(corpus.provisions))


def test_platforms_quote_nine_records_in_ten_where_the_wording_is_archived(corpus: Catalog) -> None:
    """On each platform, of the records whose document has archived versions, at least 90 % quote it.
    (Records on a document nobody archived cannot quote: Stability AI's and Runway's policies, for one.)"""
    shares = {}
    for platform in corpus.platforms:
        records = [p for p in corpus.provisions.values() if p.platform == platform]
        on_archive = [p for p in records if corpus.versions.get((p.platform, p.document))]
        if on_archive and sum(map(_quoted, on_archive)) / len(on_archive) < 0.9:
            shares[platform] = f"{sum(map(_quoted, on_archive))}/{len(on_archive)}"
    assert shares == {}


def sentences(text: str) -> list[str]:
    """The sentences of a text, whitespace normalized; short fragments (under five words) are left out."""
    flat = " ".join(text.split())
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\u201c\"(])", flat)
    return [s for s in parts if len(s.split()) >= 5]


def test_sentences_come_in_threes_at_most(corpus: Catalog) -> None:
    seen: dict[str, set[str]] = {}
    for p in corpus.provisions.values():
        texts = [p.interpretive_note or "", p.affects or "", p.exposure.rationale if p.exposure else ""]
        for s in {s for t in texts for s in sentences(t)}:
            seen.setdefault(s, set()).add(p.id)
    shared = {s[:90]: len(ids) for s, ids in seen.items() if len(ids) > 3}
    assert shared == {}


def test_sentences_are_split_as_written() -> None:
    text = "The policy bans it outright.  It names\n no age. Short one. “Quoted” clause follows here now."
    assert sentences(text) == ["The policy bans it outright.", "“Quoted” clause follows here now."]


def test_analogues_compare_like_with_like(corpus: Catalog) -> None:
    faults = []
    for p in corpus.provisions.values():
        for a in p.analogues:
            other = corpus.provisions[a.provision]
            if a.relation != "related" and not set(p.categories) & set(other.categories):
                faults.append(f"{p.id} {a.relation} {other.id}: no category in common; make it related")
            if a.relation in ("stricter", "looser") and not a.note:
                faults.append(f"{p.id} {a.relation} {other.id}: the note must say in what way")
            same = p.exposure is None or other.exposure is None or p.exposure.level == other.exposure.level
            if a.relation == "equivalent" and not same and not a.note:
                faults.append(f"{p.id} equivalent {other.id}: exposure differs and the note does not say why")
    assert faults == []


def test_every_listed_document_has_a_record(corpus: Catalog) -> None:
    used = {(p.platform, p.document) for p in corpus.provisions.values()}
    listed = {(pl.id, d.id) for pl in corpus.platforms.values() for d in pl.documents}
    assert listed - used == set()

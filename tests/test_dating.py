"""The build date is decided in one place, and build, export, review freshness and feeds all use it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.project import Project, check
from generator.read.model import Records
from generator.relate.dating import FALLBACK, Basis, build_date
from generator.site.build import build
from generator.site.export import export_time


def _undated(records: Records) -> Records:
    return Records(
        categories=records.categories,
        jurisdictions=records.jurisdictions,
        metrics=records.metrics,
        platforms=records.platforms,
        provisions=(),
        reports=(),
        versions=(),
        tracked=(),
        pages=records.pages,
    )


def test_source_date_epoch_then_the_newest_record_date_then_one_fixed_date(basic: Path) -> None:
    records = check(Project(basic)).records
    given = build_date(records.provisions, records.reports, {"SOURCE_DATE_EPOCH": "1700000000"})
    assert (given.when, given.basis) == (dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC), Basis.RELEASE)
    newest = build_date(records.provisions, records.reports, {})
    assert (newest.day, newest.seconds, newest.basis) == (dt.date(2026, 11, 1), 1793491200, Basis.RECORDS)
    undated = _undated(records)
    fallback = build_date(undated.provisions, undated.reports, {})
    assert (fallback.day, fallback.basis) == (FALLBACK, Basis.FALLBACK)
    # the export takes the same date, as a zip holds it
    assert export_time(undated, {})[0].date() == FALLBACK
    assert export_time(records, {})[1] == Basis.RECORDS.value


def test_an_empty_feed_is_updated_as_of_the_build_date(basic: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for provision in (basic / "provisions").rglob("*.yaml"):  # no history anywhere: every feed is empty
        text = provision.read_text(encoding="utf-8")
        provision.write_text(re.sub(r"\nhistory:\n(?:[ -].*\n)+", "\n", text), encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert build(Project(basic)).ok
    feed = (basic / "site" / "feeds" / "atlas.xml").read_text(encoding="utf-8")
    assert "<entry>" not in feed
    assert "<updated>2023-11-14T00:00:00Z</updated>" in feed
    maintenance = (basic / "site" / "maintenance" / "index.html").read_text(encoding="utf-8")
    assert "2023-11-14" in maintenance  # review freshness counts from the same date

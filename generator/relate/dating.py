"""The build's date, decided in one place: what "today" is for everything a build makes.

``SOURCE_DATE_EPOCH`` (seconds since 1970, UTC) when set: a release says when it
was made. Otherwise the newest date anywhere in the records (a history entry, a
retrieval, a review, a report period, an archived version): the data's own "as of" date, so the same
sources give the same bytes on any day. Otherwise, when no record carries a date,
one fixed date. Never the clock.

The build pins the engine to it (sitemap dates, gzip headers), review freshness
counts from it, a feed with no entry is "updated" as of it, and the offline
export is named and timestamped by it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator import settings
from generator.read.model import ArchivedVersion, Provision, Report

#: The date of a build whose records carry none, and no SOURCE_DATE_EPOCH.
FALLBACK = dt.date(2000, 1, 1)


class Basis(enum.Enum):
    """What the build date was taken from, in words for the export's README."""

    RELEASE = "the release time given by SOURCE_DATE_EPOCH"
    RECORDS = "the newest date in its records (a review, a retrieval, a history entry, a report period or an archived version)"
    FALLBACK = f"no record carries a date, so it bears a fixed date ({FALLBACK.isoformat()})"


@dataclass(frozen=True, slots=True)
class BuildDate:
    when: dt.datetime  # UTC
    basis: Basis

    @property
    def day(self) -> dt.date:
        return self.when.date()

    @property
    def seconds(self) -> int:
        return int(self.when.timestamp())


def newest_date(
    provisions: Iterable[Provision], reports: Iterable[Report], versions: Iterable[ArchivedVersion] = ()
) -> dt.date | None:
    """The newest date in these records (a history entry, a retrieval, a review, a report period, an archived
    version: a citation's access date never precedes the wording it dates)."""
    dates: list[dt.date] = [r.period.end for r in reports] + [v.dated for v in versions if v.dated]
    for p in provisions:
        dates += [h.date for h in p.history] + [s.retrieved for s in p.sources if s.retrieved]
        if p.last_reviewed:
            dates.append(p.last_reviewed)
    return max(dates) if dates else None


def build_date(
    provisions: Iterable[Provision],
    reports: Iterable[Report],
    environ: Mapping[str, str] | None = None,
    versions: Iterable[ArchivedVersion] = (),
) -> BuildDate:
    """The build date of these records (see the module); a malformed SOURCE_DATE_EPOCH is a SettingsError."""
    given = settings.epoch(environ)
    if given is not None:
        return BuildDate(given, Basis.RELEASE)
    newest = newest_date(provisions, reports, versions)
    day, basis = (newest, Basis.RECORDS) if newest else (FALLBACK, Basis.FALLBACK)
    return BuildDate(dt.datetime.combine(day, dt.time(), dt.UTC), basis)

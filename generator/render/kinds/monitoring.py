"""Keeping watch: the changes page (every history entry by month) and the editors' maintenance page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from generator.relate import history, review
from generator.relate.wording import ArchivedWording
from generator.render import feeds, urls
from generator.render.context import Inputs, PageContext, Refs, refs
from generator.render.kinds.translation import StaleTranslation, stale_translations


@dataclass(frozen=True, kw_only=True)
class ChangesContext(PageContext):
    months: tuple[tuple[str, str, tuple[history.Change, ...]], ...]  # ("2025-04", "April 2025", changes)
    total: int
    refs: Refs  # of the changes


@dataclass(frozen=True, kw_only=True)
class MaintenanceContext(PageContext):
    today: dt.date
    max_age_days: int
    due: tuple[review.Review, ...]  # oldest review first
    never: tuple[review.Review, ...]
    outdated: tuple[ArchivedWording, ...]  # quotes the newest archived version no longer holds
    stale: tuple[StaleTranslation, ...]  # translations behind the English (the translation status page too)


def changes_page(run: Inputs) -> Iterator[ChangesContext]:
    yield ChangesContext(
        **run.base(urls.CHANGES, run.gettext("What changed"), feed=feeds.ATLAS),
        months=history.by_month(run.changes),
        total=len(run.changes),
        refs=refs(run.cat, (ch.provision for ch in run.changes)),
    )


def maintenance_page(run: Inputs) -> Iterator[MaintenanceContext]:
    max_age = run.settings.review_max_age_days
    all_reviews = review.reviews(run.cat.provisions.values(), run.day, max_age)
    yield MaintenanceContext(
        **run.base(urls.MAINTENANCE, run.gettext("Maintenance")),
        today=run.day,
        max_age_days=max_age,
        due=review.due(all_reviews),
        never=review.never_reviewed(all_reviews),
        outdated=tuple(w for w in run.cat.wordings.values() if not w.current),
        stale=stale_translations(run.cat, run.coverage),
    )

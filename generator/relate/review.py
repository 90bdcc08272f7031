"""Review freshness: which records are due for a check against their live source.

A record is *due* when its ``last_reviewed`` date is more than the configured
number of days (``extra.atlas.review_max_age_days``, default 180) before the
build date (see :mod:`generator.relate.dating`). A record without
``last_reviewed`` has never been checked; it is listed separately, not as due.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.read.model import Provision


@dataclass(frozen=True, slots=True)
class Review:
    provision: Provision
    today: dt.date
    max_age_days: int

    @property
    def last_reviewed(self) -> dt.date | None:
        return self.provision.last_reviewed

    @property
    def age_days(self) -> int | None:
        """Days since the last review (negative if dated after today), or None if never reviewed."""
        if self.provision.last_reviewed is None:
            return None
        return (self.today - self.provision.last_reviewed).days

    @property
    def due(self) -> bool:
        age = self.age_days
        return age is not None and age > self.max_age_days

    @property
    def never(self) -> bool:
        return self.provision.last_reviewed is None


def reviews(provisions: Iterable[Provision], today: dt.date, max_age_days: int) -> tuple[Review, ...]:
    return tuple(Review(p, today, max_age_days) for p in provisions)


def due(all_reviews: Iterable[Review]) -> tuple[Review, ...]:
    """Records due for review, oldest review first."""
    return tuple(sorted((r for r in all_reviews if r.due), key=lambda r: (-(r.age_days or 0), r.provision.id)))


def never_reviewed(all_reviews: Iterable[Review]) -> tuple[Review, ...]:
    """Records with no ``last_reviewed``, by id."""
    return tuple(sorted((r for r in all_reviews if r.never), key=lambda r: r.provision.id))

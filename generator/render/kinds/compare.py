"""The compare page: two to four platforms side by side, by category, chosen by the reader.

The page is a form and an empty place for the tables; the reader's browser makes
them (``site_templates/assets/compare.js``) from the data the build writes beside
the pages (generator.render.comparedata), aligning the rows as
generator.relate.alignment does. The choice lives in the address's fragment
(``#platforms=a,b&category=c``), which works from ``file://`` too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Category, Platform
from generator.render import comparedata, urls
from generator.render.context import Inputs, PageContext

#: How many platforms a reader compares at once.
MIN_PLATFORMS, MAX_PLATFORMS = 2, 4


@dataclass(frozen=True, kw_only=True)
class CompareContext(PageContext):
    platforms: tuple[Platform, ...]  # the choices, in the site's order
    groups: tuple[tuple[str, tuple[Category, ...]], ...]  # the categories to choose from, by group
    data: str  # the data script, below the site root
    min_platforms: int = MIN_PLATFORMS
    max_platforms: int = MAX_PLATFORMS


def compare_page(run: Inputs) -> Iterator[CompareContext]:
    yield CompareContext(
        **run.base(urls.COMPARE, run.gettext("Compare platforms side by side")),
        platforms=tuple(run.cat.platforms.values()),
        groups=run.cat.groups,
        data=comparedata.COMPARE_DATA,
    )

"""The compare page: two to four platforms side by side, by category, chosen by the reader.

The page is a form and an empty place for the tables; the reader's browser makes
them (``site_templates/assets/compare.js``) from the data the build writes beside
the pages (generator.render.comparedata), aligning the rows as
generator.relate.alignment does. The choice lives in the address's fragment
(``#platforms=a,b&category=c``), which works from ``file://`` too.

The script holds no words of its own: every string it shows is here, in the tree's
language, handed to it in the page as JSON (``strings``, below).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.read.model import Category, Platform
from generator.render import comparedata, urls
from generator.render.context import Inputs, PageContext

#: How many platforms a reader compares at once.
MIN_PLATFORMS, MAX_PLATFORMS = 2, 4
#: The counts written in words (``numbers``); a greater one is written in digits.
NUMBER_WORDS = 10


@dataclass(frozen=True, kw_only=True)
class CompareContext(PageContext):
    platforms: tuple[Platform, ...]  # the choices, in the site's order
    groups: tuple[tuple[str, tuple[Category, ...]], ...]  # the categories to choose from, by group
    data: str  # the data script, below the site root
    strings: dict[str, Any]  # what the script says, in the tree's language (``strings``)
    min_platforms: int = MIN_PLATFORMS
    max_platforms: int = MAX_PLATFORMS


def _numbers(run: Inputs) -> list[str]:
    """The counts 0 to ``NUMBER_WORDS`` as a sentence writes them ("no", "one", … in English; digits in Japanese)."""
    pgettext = run.strings.pgettext  # named so for the extraction of the catalogue (babel.cfg)
    words = [
        pgettext("count", "no"),
        pgettext("count", "one"),
        pgettext("count", "two"),
        pgettext("count", "three"),
        pgettext("count", "four"),
        pgettext("count", "five"),
        pgettext("count", "six"),
        pgettext("count", "seven"),
        pgettext("count", "eight"),
        pgettext("count", "nine"),
        pgettext("count", "ten"),
    ]
    assert len(words) == NUMBER_WORDS + 1
    return words


def _counts(run: Inputs) -> dict[str, list[str]]:
    """The strings that hold a count (``%(num)s``), each as its forms for one and for more than one; the script
    picks the first for 1. (English and Japanese need no other rule: Japanese has one form, ngettext gives it twice.)"""

    def ngettext(singular: str, plural: str) -> list[str]:  # named so for the extraction of the catalogue
        return [run.ngettext(singular, plural, 1), run.ngettext(singular, plural, 2)]

    return {
        "rows": ngettext("%(num)s row", "%(num)s rows"),
        "categories": ngettext("%(num)s category", "%(num)s categories"),
        "more": ngettext("Choose %(num)s more platform to compare.", "Choose %(num)s more platforms to compare."),
        "moreIn": ngettext(
            "Choose %(num)s more platform to compare in %(category)s.",
            "Choose %(num)s more platforms to compare in %(category)s.",
        ),
    }


def strings(run: Inputs) -> dict[str, Any]:
    """Every string the compare page's script shows, with ``%(name)s`` where it puts a value (a number in words,
    a list of platforms, a category, a link)."""
    _ = run.gettext
    return {
        "numbers": _numbers(run),
        **_counts(run),
        "unloaded": _("The comparison could not be made: its data did not load."),
        "choose": _("Choose %(min)s to %(max)s platforms to compare."),
        "chooseIn": _("Choose %(min)s to %(max)s platforms to compare in %(category)s."),
        "shown": _("%(platforms)s, %(category)s: %(rows)s."),
        "shownAll": _("%(platforms)s, all categories: %(rows)s in %(categories)s."),
        "most": _("That is the most at once: uncheck a platform to choose another."),
        "dropped": _("Only the first %(max)s platforms of the address are compared."),
        "sentences": _("%(first)s %(next)s"),  # one sentence after another
        "list": _("%(items)s and %(last)s"),
        "comma": _(", "),
        "summary": _("%(rows)s, %(num)s on every platform chosen."),
        "summaryNone": _("%(rows)s, none on every platform chosen."),
        "absent": _("No provision recorded on %(platforms)s."),
        "emptyCategories": _("No provision recorded on %(platforms)s in: %(categories)s."),
        "caption": _("%(category)s: %(platforms)s side by side; provisions linked as analogues share a row"),
        "row": _("Row"),
        "rowNumber": _("Row %(num)s"),
        "notOn": _("Not on: %(platforms)s"),
        "onEvery": _("On every platform chosen"),
        "noneInCategory": _("No provision recorded in this category."),
        "noneInRow": _("No provision linked to this row."),
        "noWording": _("No wording is recorded: the provision's page describes it."),
        "relation": _("%(relation)s %(platform)s: %(provision)s"),
    }


def compare_page(run: Inputs) -> Iterator[CompareContext]:
    yield CompareContext(
        **run.base(urls.COMPARE, run.gettext("Compare platforms side by side")),
        platforms=tuple(run.cat.platforms.values()),
        groups=run.cat.groups,
        data=comparedata.COMPARE_DATA,
        strings=strings(run),
    )

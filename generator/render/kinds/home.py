"""The home page: counts, groups of categories, platforms, the latest reviews."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Provision
from generator.render import feeds, urls
from generator.render.context import RECENT_LIMIT, Inputs, PageContext


@dataclass(frozen=True, kw_only=True)
class HomeContext(PageContext):
    recent: tuple[Provision, ...]
    awaiting_review: int


def home_pages(run: Inputs) -> Iterator[HomeContext]:
    provisions = run.cat.provisions.values()
    reviewed = sorted((p for p in provisions if p.last_reviewed), key=lambda p: (p.last_reviewed, p.id), reverse=True)
    yield HomeContext(
        **run.base(urls.home(), "Provision Atlas", feed=feeds.ATLAS),
        recent=tuple(reviewed[:RECENT_LIMIT]),
        awaiting_review=sum(1 for p in provisions if p.last_reviewed is None),
    )

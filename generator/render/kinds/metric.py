"""A transparency metric's figures, platform by platform, and the list of metrics."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Metric, Platform
from generator.relate.catalog import ReportedFigure
from generator.render import urls
from generator.render.context import Inputs, PageContext


@dataclass(frozen=True, kw_only=True)
class MetricRow:
    platform: Platform
    figures: tuple[ReportedFigure, ...]


@dataclass(frozen=True, kw_only=True)
class MetricContext(PageContext):
    metric: Metric
    rows: tuple[MetricRow, ...]


@dataclass(frozen=True, kw_only=True)
class MetricIndexContext(PageContext):
    pass


def metric_pages(run: Inputs) -> Iterator[MetricContext]:
    cat = run.cat
    for m in cat.metrics.values():
        figs = cat.by_metric.get(m.id, ())
        rows = tuple(
            MetricRow(platform=pl, figures=tuple(f for f in figs if f.report.platform == pl.id))
            for pl in cat.platforms.values()
        )
        yield MetricContext(**run.base(urls.metric(m.id), m.title, "content/metrics.yaml"), metric=m, rows=rows)


def metric_index(run: Inputs) -> Iterator[MetricIndexContext]:
    yield MetricIndexContext(**run.base(urls.TRANSPARENCY, run.gettext("Transparency figures")))

"""The registry of page kinds: each with its template, its context type and the builder that makes its pages.

A page kind lives in a module of its own here: its context dataclass (what its
template may read) and a builder, a function of the run's :class:`Inputs` that
yields one context per page. Adding a kind of page is a module, a template and
a line below; the runner (generator.render.runner) needs no change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.render.context import Inputs, PageContext
from generator.render.kinds.category import category_index, category_pages
from generator.render.kinds.compare import compare_page
from generator.render.kinds.data import data_page
from generator.render.kinds.document import document_pages
from generator.render.kinds.home import home_pages
from generator.render.kinds.jurisdiction import jurisdiction_index, jurisdiction_pages
from generator.render.kinds.matrix import matrix_page
from generator.render.kinds.metric import metric_index, metric_pages
from generator.render.kinds.monitoring import changes_page, maintenance_page
from generator.render.kinds.platform import platform_index, platform_pages
from generator.render.kinds.provision import provision_pages
from generator.render.kinds.translation import translation_page
from generator.render.page import WIDE, Layout


@dataclass(frozen=True, slots=True)
class PageKind:
    name: str
    template: str  # in site_templates/pages/
    build: Callable[[Inputs], Iterable[PageContext]]
    layout: Layout = WIDE
    #: made once the generated files exist (``Inputs.files``): the open-data page gives their sizes
    after_files: bool = False


PAGE_KINDS: tuple[PageKind, ...] = (
    PageKind("home", "home.md.j2", home_pages),
    PageKind("provision", "provision.md.j2", provision_pages),
    PageKind("category", "category.md.j2", category_pages),
    PageKind("categories", "categories.md.j2", category_index),
    PageKind("platform", "platform.md.j2", platform_pages),
    PageKind("platforms", "platforms.md.j2", platform_index),
    PageKind("jurisdiction", "jurisdiction.md.j2", jurisdiction_pages),
    PageKind("jurisdictions", "jurisdictions.md.j2", jurisdiction_index),
    PageKind("matrix", "matrix.md.j2", matrix_page, Layout(toc=False)),
    # the reader's choice of platforms and category makes its tables, in the browser
    PageKind("compare", "compare.md.j2", compare_page, Layout(toc=False)),
    PageKind("document", "document.md.j2", document_pages),
    PageKind("metric", "metric.md.j2", metric_pages),
    PageKind("metrics", "metrics.md.j2", metric_index),
    PageKind("changes", "changes.md.j2", changes_page),
    # an editors' page listing every record's title: kept out of the readers' search
    PageKind("maintenance", "maintenance.md.j2", maintenance_page, Layout(searchable=False)),
    # how far each language's translations go: for readers and editors alike
    PageKind("translations", "translations.md.j2", translation_page),
    PageKind("data", "data.md.j2", data_page, after_files=True),
)

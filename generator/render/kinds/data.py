"""The open-data page: what each data file holds, its size, the licence and how to cite."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass

from generator.read.model import Provision
from generator.render import opendata, urls
from generator.render.context import Inputs, PageContext
from generator.render.i18n import marked as _

#: The data files the page describes: (title, what it holds), shown in the reader's language.
DESCRIBED = {
    opendata.ATLAS_JSON: (
        _("The whole atlas (JSON)"),
        _(
            "Every record: categories, jurisdictions and laws, platforms and documents, provisions, metrics and reports."
        ),
    ),
    opendata.PROVISIONS_CSV: (
        _("Provisions (CSV)"),
        _(
            'One row per provision, one column per scalar field; lists joined with "; "; a cell a spreadsheet '
            "would run as a formula begins with '."
        ),
    ),
    opendata.SCHEMA_FILE: (
        _("JSON Schema of atlas.json"),
        _("JSON Schema 2020-12; $defs/provision_file describes a provision's own file."),
    ),
}


@dataclass(frozen=True, kw_only=True)
class DataFile:
    path: str  # below the site root
    title: str
    description: str
    size: int  # bytes


@dataclass(frozen=True, kw_only=True)
class DataContext(PageContext):
    files: tuple[DataFile, ...]
    columns: tuple[opendata.Column, ...]
    schema_version: str
    licence: dict[str, str]
    citation: str
    example: Provision | None  # a provision whose JSON file the page links as an example


def data_page(run: Inputs) -> Iterator[DataContext]:
    """Made after the data files (``run.files``), whose sizes it gives."""
    made = run.files or {}
    _ = run.gettext
    files = tuple(
        DataFile(path=path, title=_(title), description=_(text), size=len(made.get(path, "").encode("utf-8")))
        for path, (title, text) in DESCRIBED.items()
    )
    yield DataContext(
        **run.base(urls.DATA, run.gettext("Open data")),
        files=files,
        columns=tuple(dataclasses.replace(c, doc=_(c.doc)) for c in opendata.COLUMNS),
        schema_version=opendata.SCHEMA_VERSION,
        licence=opendata.LICENCE,
        citation=opendata.CITATION.format(version=opendata.SCHEMA_VERSION),
        example=next(iter(run.cat.provisions.values()), None),
    )

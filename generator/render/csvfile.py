"""``data/provisions.csv``: one row per provision, one column per scalar field, lists joined with ``"; "``.

Each column's meaning is an interface string (the open-data page shows it in the
reader's language), marked here for the catalogue (generator.render.i18n).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from generator.read.model import Provision
from generator.relate.catalog import Catalog
from generator.render import spreadsheet, urls
from generator.render.i18n import marked as _

LIST_SEPARATOR = "; "


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    doc: str
    value: Callable[[Provision, Catalog], str | None]


def _join(items: Any) -> str:
    return LIST_SEPARATOR.join(str(i) for i in items)


def _opt(value: Any) -> str | None:
    return None if value is None else str(value)


COLUMNS: tuple[Column, ...] = (
    Column("id", _("The provision id, <platform>/<slug>; its permanent address."), lambda p, c: p.id),
    Column("platform", _("The platform id."), lambda p, c: p.platform),
    Column("platform_name", _("The platform's name."), lambda p, c: c.platforms[p.platform].name),
    Column("slug", _("The provision's slug within its platform."), lambda p, c: p.slug),
    Column("title", _("The provision's title (plain text)."), lambda p, c: p.title),
    Column("document", _("The id of the platform document it comes from."), lambda p, c: p.document),
    Column("section", _("Where in the document."), lambda p, c: p.section),
    Column("categories", _("Category ids; the first is primary."), lambda p, c: _join(p.categories)),
    Column("summary", _("What the provision says (Markdown)."), lambda p, c: p.summary),
    Column("text_status", _("verbatim, excerpt, paraphrase or unavailable."), lambda p, c: p.text.status),
    Column("text_body", _("The wording or paraphrase (Markdown); empty if unavailable."), lambda p, c: p.text.body),
    Column("text_language", _("BCP 47 tag of the wording."), lambda p, c: p.text.language),
    Column("interpretive_note", _("How to read it (Markdown)."), lambda p, c: p.interpretive_note),
    Column("affects", _("Who it binds (Markdown)."), lambda p, c: p.affects),
    Column(
        "exposure_level",
        _("high, medium or low; empty if not rated."),
        lambda p, c: p.exposure.level if p.exposure else None,
    ),
    Column(
        "exposure_rationale", _("Why that level (Markdown)."), lambda p, c: p.exposure.rationale if p.exposure else None
    ),
    Column("jurisdictions", _("Jurisdiction codes flagged."), lambda p, c: _join(f.code for f in p.jurisdictions)),
    Column(
        "laws",
        _("Law ids flagged, in any jurisdiction."),
        lambda p, c: _join(law for f in p.jurisdictions for law in f.laws),
    ),
    Column(
        "analogues",
        _("Analogues as listed in this record: 'provision-id (relation)', the relation read from this provision."),
        lambda p, c: _join(f"{a.provision} ({a.relation})" for a in p.analogues),
    ),
    Column(
        "regulatory_landscape",
        _("Compliance: laws and enforcers involved (Markdown)."),
        lambda p, c: p.compliance.regulatory_landscape if p.compliance else None,
    ),
    Column(
        "contract_implications",
        _("Compliance: contract and vendor implications (Markdown)."),
        lambda p, c: p.compliance.contract_implications if p.compliance else None,
    ),
    Column(
        "considerations",
        _("Compliance: what operators should do (Markdown)."),
        lambda p, c: p.compliance.considerations if p.compliance else None,
    ),
    Column(
        "history_dates",
        _("Dates of recorded changes, oldest first."),
        lambda p, c: _join(sorted(h.date.isoformat() for h in p.history)),
    ),
    Column("sources", _("Source URLs."), lambda p, c: _join(s.url for s in p.sources)),
    Column(
        "last_reviewed", _("When a person last checked the record (YYYY-MM-DD)."), lambda p, c: _opt(p.last_reviewed)
    ),
    Column("aliases", _("Former ids that redirect to this provision."), lambda p, c: _join(p.aliases)),
    Column(
        "json",
        _("Address of this provision's JSON file, relative to the site root."),
        lambda p, c: urls.provision_data(p.id),
    ),
)


def provisions_csv(cat: Catalog) -> str:
    """One row per provision; empty cells for absent values; formulas neutralized (generator.render.spreadsheet)."""
    rows = ([col.value(p, cat) or "" for col in COLUMNS] for p in cat.provisions.values())
    return spreadsheet.csv_text([col.name for col in COLUMNS], rows)

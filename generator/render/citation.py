"""How to cite one provision: plain text, BibTeX and CSL-JSON, from one set of facts.

A citation names the statement, not the atlas page alone: its author is the
platform, its title the provision's, its container the platform's document; it is
dated by the wording it shows (the archived version a quote was proved against,
by the date that version was recorded or, for a stored copy of unknown recording
date, the date it states), and it points at the provision's permanent address in
the atlas with the build date as the access date. A record with no archived
version is undated ("n.d."): the atlas never guesses a date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.read.model import ArchivedVersion, Provision
from generator.relate.catalog import Catalog
from generator.render import urls
from generator.settings import AtlasSettings

PUBLISHER = "Provision Atlas"
STATUS_WORDS = {
    "verbatim": "verbatim text",
    "excerpt": "excerpt",
    "paraphrase": "paraphrase",
    "unavailable": "wording unavailable",
}


@dataclass(frozen=True, slots=True)
class Citation:
    key: str  # the provision id
    author: str  # the platform
    title: str  # the provision
    document: str  # the platform's document
    status: str  # the text status
    version: ArchivedVersion | None  # the archived version the wording is from
    url: str  # the provision's permanent address
    accessed: dt.date  # the build date

    @property
    def dated(self) -> dt.date | None:
        return self.version.dated if self.version is not None else None

    def text(self) -> str:
        when = self.dated.isoformat() if self.dated else "n.d."
        wording = f"{STATUS_WORDS[self.status]}"
        if self.version is not None:
            wording += f" of the version archived as {self.version.slug}"
        return (
            f"{self.author}. ({when}). {self.title}. In {self.document} ({wording}). "
            f"{PUBLISHER}. {self.url} (accessed {self.accessed.isoformat()})."
        )

    def bibtex(self) -> str:
        fields = [
            ("author", "{" + _bib(self.author) + "}"),  # a corporate author: kept whole, never split into names
            ("title", "{" + _bib(self.title) + "}"),
            ("howpublished", _bib(f"{self.document}, {STATUS_WORDS[self.status]}")),
            ("publisher", _bib(PUBLISHER)),
        ]
        if self.dated:
            fields += [("year", str(self.dated.year)), ("date", self.dated.isoformat())]
        if self.version is not None:
            fields.append(("note", _bib(f"Wording as archived in version {self.version.slug}")))
        fields += [("url", self.url), ("urldate", self.accessed.isoformat())]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{_bib_key(self.key, self.dated)},\n{body}\n}}\n"

    def data(self) -> dict[str, Any]:
        """The three forms, as open data carries them."""
        return {"text": self.text(), "bibtex": self.bibtex(), "csl": self.csl()}

    def csl(self) -> dict[str, Any]:
        item: dict[str, Any] = {
            "id": self.key,
            "type": "document",
            "author": [{"literal": self.author}],
            "title": self.title,
            "container-title": self.document,
            "publisher": PUBLISHER,
            "genre": STATUS_WORDS[self.status],
            "URL": self.url,
            "accessed": _date_parts(self.accessed),
        }
        if self.dated:
            item["issued"] = _date_parts(self.dated)
        if self.version is not None:
            item["version"] = self.version.slug
        return item


def _date_parts(day: dt.date) -> dict[str, list[list[int]]]:
    return {"date-parts": [[day.year, day.month, day.day]]}


_BIB_SPECIAL = re.compile(r"([&%$#_{}])")


def _bib(text: str) -> str:
    """Text safe inside a braced BibTeX value: TeX's special characters escaped, ~ ^ \\ spelled out."""
    text = text.replace("\\", r"\textbackslash{}").replace("~", r"\textasciitilde{}").replace("^", r"\^{}")
    return _BIB_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _bib_key(provision_id: str, dated: dt.date | None) -> str:
    key = re.sub(r"[^A-Za-z0-9]+", "-", provision_id).strip("-")
    return f"{key}-{dated.year}" if dated else key


def cite(cat: Catalog, p: Provision, settings: AtlasSettings, day: dt.date) -> Citation:
    """``p``'s citation: its permanent address is the hosted one (``site_url``) whatever build links to it."""
    platform = cat.platforms[p.platform]
    document = platform.document(p.document)
    assert document is not None  # guaranteed by validation
    versions = cat.versions.get((p.platform, p.document), ())
    version = next((v for v in versions if v.slug == p.text.version), None)
    path = urls.url_path(urls.provision(p.id), True)
    url = settings.absolute(path) or "/" + path
    return Citation(p.id, platform.name, p.title, document.title, p.text.status, version, url, day)

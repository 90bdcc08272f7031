"""How to cite one provision: plain text, BibTeX and CSL-JSON, from one set of facts.

A citation names the statement, not the atlas page alone: its author is the
platform, its title the provision's, its container the platform's document; it is
dated by the wording it shows (the archived version a quote was proved against,
by the date that version was recorded or, for a stored copy of unknown recording
date, the date it states), and it points at the provision's permanent address in
the atlas with the build date as the access date. A record with no archived
version is undated ("n.d."): the atlas never guesses a date.

The plain text is in the page's language: its own words ("In", "accessed", "n.d.",
the text status) and its dates come from the message catalogue (:func:`words`);
what it cites is left as the records and the platform have it (the platform's
name and its document's title are never translated). BibTeX and CSL-JSON are for
programs and stay as they are, but for CSL's ``language``; the open data's
citation is the English one in every tree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from generator.read.model import ArchivedVersion, Provision
from generator.relate.catalog import Catalog
from generator.render import i18n, urls
from generator.render.i18n import Gettext
from generator.render.i18n import marked as _
from generator.settings import AtlasSettings

PUBLISHER = "Provision Atlas"
#: The text status in words: in the plain text (in the page's language), BibTeX and CSL-JSON (in English).
STATUS_WORDS = {
    "verbatim": _("verbatim text"),
    "excerpt": _("excerpt"),
    "paraphrase": _("paraphrase"),
    "unavailable": _("wording unavailable"),
}
#: The plain text's own words, marked for the message catalogue.
CITED = _(
    "%(author)s. (%(date)s). %(title)s. In %(document)s (%(wording)s). %(publisher)s. %(url)s (accessed %(accessed)s)."
)
ARCHIVED = _("%(status)s of the version archived as %(version)s")
UNDATED = _("n.d.")


@dataclass(frozen=True, slots=True)
class Words:
    """What a plain-text citation says in its own words, in one language (English: as written, ``ENGLISH``)."""

    lang: str
    cited: str
    archived: str
    undated: str
    statuses: tuple[tuple[str, str], ...]  # text status → its words

    def status(self, status: str) -> str:
        return dict(self.statuses)[status]


def words(gettext: Gettext, lang: str) -> Words:
    """The plain text's words in ``lang``, put in it by ``gettext`` (the tree's catalogue)."""
    statuses = tuple((status, gettext(said)) for status, said in STATUS_WORDS.items())
    return Words(lang, gettext(CITED), gettext(ARCHIVED), gettext(UNDATED), statuses)


ENGLISH = words(i18n.same, "en")


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
    words: Words = ENGLISH  # the plain text's own words

    @property
    def dated(self) -> dt.date | None:
        return self.version.dated if self.version is not None else None

    def text(self) -> str:
        """The plain text, in the words of ``words`` (a version's name is its file's, as written)."""
        said, lang = self.words, self.words.lang
        wording = said.status(self.status)
        if self.version is not None:
            wording = said.archived % {"status": wording, "version": self.version.slug}
        return said.cited % {
            "author": self.author,
            "date": i18n.day(self.dated, lang) if self.dated else said.undated,
            "title": self.title,
            "document": self.document,
            "wording": wording,
            "publisher": PUBLISHER,
            "url": self.url,
            "accessed": i18n.day(self.accessed, lang),
        }

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
        if self.words.lang != "en":  # the page cited is in another language (its words, its title if translated)
            item["language"] = self.words.lang
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


def cite(cat: Catalog, p: Provision, settings: AtlasSettings, day: dt.date, said: Words = ENGLISH) -> Citation:
    """``p``'s citation: its permanent address is the hosted one (``site_url``) whatever build links to it; the
    plain text in the words of ``said``."""
    platform = cat.platforms[p.platform]
    document = platform.document(p.document)
    assert document is not None  # guaranteed by validation
    versions = cat.versions.get((p.platform, p.document), ())
    version = next((v for v in versions if v.slug == p.text.version), None)
    path = urls.url_path(urls.provision(p.id), True)
    tree = "" if said.lang == "en" else f"{said.lang}/"  # without a site_url: the page's path in its own tree
    url = settings.absolute(path) or "/" + tree + path
    return Citation(p.id, platform.name, p.title, document.title, p.text.status, version, url, day, said)

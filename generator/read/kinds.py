"""The registry of record kinds: where each kind of record file lives and what it holds.

One entry per kind of file an editor writes. Everything that walks, decodes,
formats, describes or exports record files reads this table: the load stage
(where files are and what a misplaced one is told), decoding (one record or a
list, the values a path implies), ``atlas fmt`` and the editors' JSON Schemas
(the spec and the schema file), and the open data (its key in ``atlas.json``,
which is also the field of :class:`~generator.read.model.Records`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from generator.read import fields
from generator.read.fieldtypes import SLUG_RE
from generator.read.recordspec import RecordSpec

_PLACEHOLDER = re.compile(r"<[a-z]+>")
#: The fields a path gives, by how many of its parts name the record.
_IMPLIED: dict[int, tuple[str, ...]] = {
    0: (),
    1: ("id",),
    2: ("id", "platform", "slug"),
    3: ("id", "platform", "document", "slug"),
}


@dataclass(frozen=True, slots=True)
class RecordKind:
    name: str  # as messages and checks name it ("provision")
    #: where the files live, relative to the project root: a fixed path, or a folder with
    #: ``<platform>`` / ``<slug>`` parts (one file per record, its id taken from the path)
    pattern: str
    spec: RecordSpec
    listed: bool  # the file holds a list of records (else one record)
    schema_file: str  # in schema/
    data_key: str  # its list in atlas.json; the field of Records
    required: bool = False  # a fixed-path file that must exist
    #: the suffix of a file of the same name beside each record whose text the record holds (``text``), or ""
    attached: str = ""
    #: listed in the open data (atlas.json); archived texts are not (they are in the repository)
    published: bool = True
    #: what a record file's name (its last path part, without .yaml) may be
    names: re.Pattern[str] = SLUG_RE

    @property
    def folder(self) -> str:
        """The folder holding one file per record ("provisions"), or "" for a fixed path."""
        head = self.pattern.split("<", 1)[0]
        return head.rstrip("/") if "<" in self.pattern else ""

    @property
    def depth(self) -> int:
        """How many path parts below ``folder`` name a record: 1 (``<platform>.yaml``), 2 or 3."""
        return len(_PLACEHOLDER.findall(self.pattern))

    #: the fields decoding takes from the attached file, not from the path
    ATTACHED_FIELDS: ClassVar[tuple[str, ...]] = ("text", "text_digest")

    @property
    def implied(self) -> tuple[str, ...]:
        """The fields a record's path gives it (not written in the file)."""
        return _IMPLIED[self.depth]

    def implied_values(self, path: str) -> dict[str, str]:
        """The values of ``implied`` for the file at ``path``: the id is the path's parts below ``folder``."""
        if not self.depth:
            return {}
        parts = path.removesuffix(".yaml").split("/")[-self.depth :]
        return dict(
            zip(self.implied, ["/".join(parts), *parts[:-1], parts[-1]] if self.depth > 1 else parts, strict=True)
        )


KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        "categories", "content/categories.yaml", fields.CATEGORY, True, "categories.schema.json", "categories", True
    ),
    RecordKind(
        "jurisdictions",
        "content/jurisdictions.yaml",
        fields.JURISDICTION,
        True,
        "jurisdictions.schema.json",
        "jurisdictions",
        True,
    ),
    RecordKind("metrics", "content/metrics.yaml", fields.METRIC, True, "metrics.schema.json", "metrics"),
    RecordKind(
        "platform", "content/platforms/<platform>.yaml", fields.PLATFORM, False, "platform.schema.json", "platforms"
    ),
    RecordKind(
        "provision",
        "provisions/<platform>/<slug>.yaml",
        fields.PROVISION,
        False,
        "provision.schema.json",
        "provisions",
    ),
    RecordKind(
        "report", "content/reports/<platform>/<report>.yaml", fields.REPORT, False, "report.schema.json", "reports"
    ),
    RecordKind(
        "version",
        "archive/<platform>/<document>/<version>.yaml",
        fields.VERSION,
        False,
        "version.schema.json",
        "versions",
        attached=".md",
        published=False,
        names=re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)?$"),  # an edition: .<language>
    ),
    RecordKind(
        "archive sources",
        "content/archive.yaml",
        fields.TRACKED,
        True,
        "archive.schema.json",
        "tracked",
        published=False,
    ),
)
BY_NAME = {kind.name: kind for kind in KINDS}

"""The field definitions: the one place in code that says what a record holds.

Each record kind is a :class:`~generator.read.recordspec.RecordSpec` listing its
fields; each field has a :class:`~generator.read.fieldtypes.FieldType` that both
*decodes* a located YAML node and *describes* itself, so the same definitions
drive the validator, the editors' JSON Schema and the field reference. Change the
format here and nowhere else. The value sets (text statuses, relations, exposure
levels...) are defined here once; labels for them elsewhere are held to them by tests.
"""

from __future__ import annotations

from generator.read import model, translation
from generator.read.fieldtypes import (
    COMMIT_RE,
    SHA256_RE,
    Date,
    DocumentId,
    Enum,
    FormerId,
    Hex,
    JurisdictionCode,
    LanguageTag,
    ListOf,
    Markdown,
    Number,
    RefTo,
    RepositoryName,
    Slug,
    Text,
    Url,
    VersionName,
)
from generator.read.recordspec import FieldSpec, Object, record_spec

F = FieldSpec

DOCUMENT_KINDS = (
    "acceptable-use-policy",
    "terms-of-service",
    "usage-policy",
    "content-policy",
    "privacy-policy",
    "model-license",
    "transparency-report",
    "other",
)
TEXT_STATUSES = ("verbatim", "excerpt", "paraphrase", "unavailable")
#: The statuses whose body is the platform's own wording (proved against the archive).
QUOTED_STATUSES = ("verbatim", "excerpt")
EXPOSURE_LEVELS = ("high", "medium", "low")
RELATIONS = ("equivalent", "stricter", "looser", "related")
#: A relation as seen from the other provision of the pair ("A is stricter than B" is "B is looser than A").
INVERSE_RELATION = {"stricter": "looser", "looser": "stricter", "equivalent": "equivalent", "related": "related"}
METRIC_UNITS = ("count", "percent")

NAME_JA = record_spec(
    "name translation",
    translation.NameTranslation,
    "A name in another language: `title` for a category, law or metric, `name` for a jurisdiction, "
    "`description` for a category or platform, `group` for a category's group. Established names where one "
    "exists (for Japan's laws, their official Japanese titles); the original name otherwise.",
    F("title", Text(), doc="The category's, law's or metric's name."),
    F("name", Text(), doc="The jurisdiction's name."),
    F("description", Markdown(), doc="The category's or platform's description."),
    F("group", Text(), doc="The name of the category's group."),
)
NAMES = record_spec(
    "name translations",
    translation.NameTranslations,
    "Translations of a name, by language.",
    F("ja", Object(NAME_JA), doc="Japanese."),
)
CATEGORY = record_spec(
    "category",
    model.Category,
    "One entry of the taxonomy in content/categories.yaml.",
    F("id", Slug(), True, doc="Unique id; the category page's address."),
    F("title", Text(), True, doc="Name shown on the site."),
    F("description", Markdown(), True, doc="What the category covers."),
    F("group", Text(), doc="A heading that groups categories."),
    F("translations", Object(NAMES), doc="Its title, description and group in other languages."),
    implied=("origin",),
)
LAW = record_spec(
    "law",
    model.Law,
    "A law of a jurisdiction.",
    F("id", Slug(), True, doc="Unique across all jurisdictions."),
    F("title", Text(), True, doc="Name of the law."),
    F("citation", Text(), doc="Formal citation, e.g. 18 U.S.C. § 2258A."),
    F("url", Url(), doc="Where the law can be read."),
    F("translations", Object(NAMES), doc="Its title in other languages (Japan's laws: the official title)."),
)
JURISDICTION = record_spec(
    "jurisdiction",
    model.Jurisdiction,
    "One jurisdiction in content/jurisdictions.yaml.",
    F("code", JurisdictionCode(), True, doc="2-3 uppercase letters, or EU; unique."),
    F("name", Text(), True, doc="Name shown on the site."),
    F("laws", ListOf(Object(LAW)), default=(), doc="The laws provisions can be flagged with."),
    F("translations", Object(NAMES), doc="Its name in other languages."),
    implied=("origin",),
)
DOCUMENT = record_spec(
    "document",
    model.Document,
    "A policy document of a platform.",
    F("id", Slug(), True, doc="Unique within the platform."),
    F("title", Text(), True, doc="The document's name."),
    F("kind", Enum(DOCUMENT_KINDS), True, doc="What sort of document it is."),
    F("url", Url(), True, doc="Its public address."),
    F("language", LanguageTag(), default="en", doc="BCP 47 tag; default en."),
)
PLATFORM = record_spec(
    "platform",
    model.Platform,
    "A platform, in content/platforms/<platform>.yaml.",
    F("name", Text(), True, doc="Name shown on the site."),
    F("homepage", Url(), True, doc="The platform's home page."),
    F("headquarters", RefTo("jurisdiction", code=True), doc="A jurisdiction code."),
    F("description", Markdown(), doc="What the platform is."),
    F("documents", ListOf(Object(DOCUMENT), min_items=1), True, doc="Its policy documents, at least one."),
    F("translations", Object(NAMES), doc="Its description in other languages (the name stays as it is)."),
    implied=("id", "origin"),
)
TEXT = record_spec(
    "text",
    model.Text,
    "The provision's wording and its provenance.",
    F("status", Enum(TEXT_STATUSES), True, doc="verbatim, excerpt, paraphrase or unavailable."),
    F("body", Markdown(), doc="The wording; required unless status is unavailable."),
    F("language", LanguageTag(), default="en", doc="BCP 47 tag; default en."),
    F(
        "version",
        VersionName(),
        doc="The archived version of the document the wording was taken from (a file name in "
        "archive/<platform>/<document>/, without .yaml); required for verbatim or excerpt wording of a document "
        "with archived versions, and `atlas check` finds the wording in it.",
    ),
)
EXPOSURE = record_spec(
    "exposure",
    model.Exposure,
    "Governance exposure.",
    F("level", Enum(EXPOSURE_LEVELS), True, doc="high, medium or low."),
    F("rationale", Markdown(), True, doc="Why this level."),
)
JURISDICTION_FLAG = record_spec(
    "jurisdiction flag",
    model.JurisdictionFlag,
    "A jurisdiction the provision matters in.",
    F("code", RefTo("jurisdiction", code=True), True, doc="A code from jurisdictions.yaml."),
    F("laws", ListOf(RefTo("law")), default=(), doc="Law ids of that jurisdiction."),
    F("note", Markdown(), doc="Why it matters there."),
)
ANALOGUE = record_spec(
    "analogue",
    model.Analogue,
    "A provision of another platform on the same matter.",
    F("provision", RefTo("provision"), True, doc="An existing provision id, not this one."),
    F("relation", Enum(RELATIONS), True, doc="Read from this provision: stricter means this one is stricter."),
    F("note", Markdown(), doc="How they differ."),
)
COMPLIANCE = record_spec(
    "compliance",
    model.Compliance,
    "Compliance analysis; each part optional.",
    F("regulatory_landscape", Markdown(), doc="Laws and enforcers involved."),
    F("contract_implications", Markdown(), doc="What it means for contracts and vendors."),
    F("considerations", Markdown(), doc="What operators should do."),
)
HISTORY = record_spec(
    "history entry",
    model.HistoryEntry,
    "A dated change to the provision. Record a change only when it and its date are publicly documented, "
    "and cite that documentation in the provision's sources.",
    F("date", Date(), True, doc="When the change took effect or was published."),
    F("summary", Markdown(), True, doc="What changed."),
    F(
        "previous_text",
        Markdown(),
        doc="The wording before this change, word for word, only if you hold it; the page shows a word-level "
        "diff against the next known wording (the next entry's previous_text, or the current verbatim or "
        "excerpt text).",
    ),
)
RESPONSE = record_spec(
    "response",
    model.Response,
    "A reply to this record by the platform it describes, or by another party it concerns (the right of reply): "
    "shown on the page, in the feeds and in the open data as theirs, never as the atlas's finding. Only a real "
    "reply that is published at an address anyone can read.",
    F("date", Date(), True, doc="When the reply was sent or published."),
    F("by", Text(), True, doc="Who replied, e.g. 'Stability AI (Trust and Safety team)'."),
    F("url", Url(), True, doc="Where the reply can be read in full (the issue, letter or post it was sent as)."),
    F("summary", Markdown(), True, doc="What the reply says, in a few sentences, faithful to it."),
)
JURISDICTION_NOTE_JA = record_spec(
    "jurisdiction note translation",
    translation.JurisdictionNote,
    "The translation of one jurisdiction flag's note.",
    F("code", RefTo("jurisdiction", code=True), True, doc="The flag's jurisdiction code."),
    F("note", Markdown(), True, doc="Its note, translated."),
)
ANALOGUE_NOTE_JA = record_spec(
    "analogue note translation",
    translation.AnalogueNote,
    "The translation of one analogue's note.",
    F("provision", RefTo("provision"), True, doc="The analogue's provision id."),
    F("note", Markdown(), True, doc="Its note, translated."),
)
HISTORY_NOTE_JA = record_spec(
    "history translation",
    translation.HistoryNote,
    "The translation of one history entry's summary.",
    F("date", Date(), True, doc="The entry's date."),
    F("summary", Markdown(), True, doc="Its summary, translated."),
)
EDITION_WORDING = record_spec(
    "edition wording",
    translation.EditionWording,
    "The wording as an archived edition of the document in this language publishes it (its own words or a third "
    "party's published translation, as the edition says); `atlas check` proves every passage against it.",
    F("version", VersionName(), True, doc="The edition's name: <date>.<language>, e.g. 2026-11-21.ja."),
    F("text", Markdown(), True, doc="Its passages, in the edition's words; … between omitted parts."),
)
PROVISION_JA = record_spec(
    "provision translation",
    translation.ProvisionTranslation,
    "A provision's prose in another language. `text` translates the wording and is shown as a translation, "
    "never as the platform's words. Any field left out falls back to the English, with a notice.",
    F("method", Enum(translation.METHODS), True, doc="machine, or human (made or reviewed by a person)."),
    F(
        "digest",
        Hex(SHA256_RE, "a SHA-256 digest (64 hex digits)"),
        True,
        doc="The digest of the English it translates (`atlas translation stamp` writes it); `atlas check` warns "
        "when the English has changed since.",
    ),
    F("title", Text(), True, doc="The title."),
    F("summary", Markdown(), doc="The summary."),
    F("text", Markdown(), doc="A translation of the wording (quoted or paraphrased)."),
    F("interpretive_note", Markdown(), doc="The interpretive note."),
    F("affects", Markdown(), doc="Who it affects."),
    F("exposure_rationale", Markdown(), doc="The exposure rationale."),
    F("jurisdictions", ListOf(Object(JURISDICTION_NOTE_JA)), default=(), doc="The jurisdiction flags' notes."),
    F("analogues", ListOf(Object(ANALOGUE_NOTE_JA)), default=(), doc="The analogues' notes."),
    F("compliance", Object(COMPLIANCE), doc="The compliance analysis."),
    F("history", ListOf(Object(HISTORY_NOTE_JA)), default=(), doc="The history entries' summaries."),
    F("edition", Object(EDITION_WORDING), doc="The wording in a published edition of the document in Japanese."),
)
PROVISION_TRANSLATIONS = record_spec(
    "provision translations",
    translation.ProvisionTranslations,
    "Translations of a provision, by language.",
    F("ja", Object(PROVISION_JA), doc="Japanese."),
)
#: The front matter of a prose page's translation, ``content/pages/<lang>/<slug>.md`` (generator.read.prose): how it
#: was made and the English it translates, as a provision's translation says them.
PAGE_TRANSLATION = record_spec(
    "page translation",
    translation.PageTranslation,
    "A prose page in another language: its front matter. The page itself follows it, starting with `# Title`.",
    *(f for f in PROVISION_JA.fields if f.name in ("method", "digest")),
    implied=("lang", "title", "markdown", "path", "digest_at"),
)
SOURCE = record_spec(
    "source",
    model.Source,
    "Where the record's information comes from.",
    F("url", Url(), True, doc="The source's address."),
    F("retrieved", Date(), doc="When the source was actually retrieved."),
    F("title", Text(), doc="The source's title."),
)
PROVISION = record_spec(
    "provision",
    model.Provision,
    "One provision, in provisions/<platform>/<slug>.yaml.",
    F("title", Text(), True, doc="Plain text, no Markdown."),
    F("document", RefTo("document"), True, doc="A document id of this platform."),
    F("section", Text(), doc="Where in the document."),
    F("categories", ListOf(RefTo("category"), min_items=1), True, doc="Category ids; the first is primary."),
    F("summary", Markdown(), True, doc="What the provision says, plainly."),
    F("text", Object(TEXT), True, doc="The wording and its status."),
    F("interpretive_note", Markdown(), doc="How to read it, caveats, provenance."),
    F("affects", Markdown(), doc="Who it binds and the practical effect."),
    F("exposure", Object(EXPOSURE), doc="Governance exposure."),
    F("jurisdictions", ListOf(Object(JURISDICTION_FLAG)), default=(), doc="Jurisdictions and laws involved."),
    F("analogues", ListOf(Object(ANALOGUE)), default=(), doc="Provisions of other platforms on the same matter."),
    F("compliance", Object(COMPLIANCE), doc="Compliance analysis."),
    F("history", ListOf(Object(HISTORY)), default=(), doc="Dated changes."),
    F("responses", ListOf(Object(RESPONSE)), default=(), doc="Replies to this record (right of reply)."),
    F("translations", Object(PROVISION_TRANSLATIONS), doc="Its prose in other languages (Japanese)."),
    F("sources", ListOf(Object(SOURCE), min_items=1), True, doc="At least one source."),
    F("last_reviewed", Date(), doc="When a person last checked the record against its source."),
    F(
        "aliases",
        ListOf(FormerId()),
        default=(),
        doc="Former ids of this provision (`<platform>/<slug>`); each old address redirects to this page.",
    ),
    implied=("id", "platform", "slug", "origin"),
)
METRIC = record_spec(
    "metric",
    model.Metric,
    "A transparency figure's definition, in content/metrics.yaml.",
    F("id", Slug(), True, doc="Unique id."),
    F("title", Text(), True, doc="Name shown on the site."),
    F("unit", Enum(METRIC_UNITS), True, doc="count or percent."),
    F("description", Markdown(), doc="What is counted."),
    F("translations", Object(NAMES), doc="Its title and description in other languages."),
    implied=("origin",),
)
PERIOD = record_spec(
    "period",
    model.Period,
    "The reporting period.",
    F("start", Date(), True, doc="First day."),
    F("end", Date(), True, doc="Last day."),
)
FIGURE = record_spec(
    "figure",
    model.Figure,
    "One reported figure.",
    F("metric", RefTo("metric"), True, doc="A metric id; at most once per report."),
    F("value", Number(), True, doc="A number (percent: 0-100)."),
    F("note", Markdown(), doc="Caveats."),
)
REPORT = record_spec(
    "report",
    model.Report,
    "Transparency-report figures, in content/reports/<platform>/<report>.yaml.",
    F("document", RefTo("document"), True, doc="A document of this platform."),
    F("period", Object(PERIOD), True, doc="The reporting period."),
    F("figures", ListOf(Object(FIGURE), min_items=1), True, doc="At least one figure."),
    implied=("id", "platform", "slug", "origin"),
)
ARCHIVE_SOURCE = record_spec(
    "archive source",
    model.ArchiveSource,
    "Where an archived text was taken from: a repository's file at a commit, or an address.",
    F("repository", RepositoryName(), doc="A GitHub repository, owner/name (with path and commit)."),
    F("path", Text(), doc="The file in that repository."),
    F("commit", Hex(COMMIT_RE, "a commit id (40 hex digits)"), doc="The commit the file was taken at."),
    F("url", Url(), doc="Or: the address of the page or stored public copy the text was taken from."),
    F("title", Text(), doc="The source's title, if it has one."),
)
VERSION = record_spec(
    "archived version",
    model.ArchivedVersion,
    "The provenance of one archived version of a platform document, in "
    "archive/<platform>/<document>/<version>.yaml; its text is the .md file of the same name beside it. Written "
    "by `atlas archive import` or `atlas archive add`.",
    F("source", Object(ARCHIVE_SOURCE), True, doc="Where the text was taken from."),
    F(
        "recorded",
        Date(),
        doc="When the source recorded this version (for a repository, the commit's date). Left out only for a "
        "stored copy whose recording date is unknown: then `effective` names the version.",
    ),
    F(
        "effective",
        Date(),
        doc="The date the document itself states (effective or last updated), if it states one; required when "
        "`recorded` is unknown.",
    ),
    F("url", Url(), True, doc="The document's original address."),
    F("licence", Text(), True, doc="The licence the source distributes the text under, e.g. ODC-BY-1.0."),
    F("attribution", Text(), doc="How the source asks to be credited."),
    F("sha256", Hex(SHA256_RE, "a SHA-256 digest (64 hex digits)"), True, doc="The digest of the text file."),
    F(
        "language",
        LanguageTag(),
        doc="Only for an edition: the document as published in another language than its own (named "
        "<date>.<language>). Editions are shown beside the original, never diffed with it or quoted as it.",
    ),
    F("publisher", Text(), doc="Who published an edition when the platform did not (a third party's translation)."),
    implied=("id", "platform", "document", "slug", "text", "text_digest", "origin"),
)
TRACKED = record_spec(
    "tracked source",
    model.TrackedSource,
    "A document of a versions repository that `atlas archive update` (and the weekly archive workflow) imports, "
    "in content/archive.yaml.",
    F("to", DocumentId(), True, doc="The document it is a version of: <platform>/<document>."),
    F("repository", RepositoryName(), True, doc="The versions repository, owner/name."),
    F("path", Text(), True, doc="The document's file in it."),
    F("licence", Text(), doc="The licence of its texts (default for Open Terms Archive's collections: ODC-BY-1.0)."),
    F("attribution", Text(), doc="How the source asks to be credited (a default for Open Terms Archive's)."),
    implied=("origin",),
)

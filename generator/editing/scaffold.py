"""``atlas new``: commented skeletons for a new provision or platform.

A skeleton is valid YAML at the right path, with every required field present
and every optional field shown as a comment. Its ``TODO`` placeholders are
reported by ``atlas check`` (the ``placeholder`` check) until they are replaced,
so a half-filled skeleton can never be merged by accident.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.editing.fmt import MODELINE_PREFIX
from generator.read.fields import DOCUMENT_KINDS, EXPOSURE_LEVELS, RELATIONS, TEXT_STATUSES
from generator.read.fieldtypes import SLUG_RE, did_you_mean
from generator.read.model import Records


class ScaffoldError(Exception):
    """The skeleton cannot be written; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Scaffold:
    path: Path
    text: str


PROVISION_SKELETON = """\
{modeline}
# A new provision of {platform_name}. Replace every TODO, delete the optional
# fields you do not use, then run `atlas fmt` and `atlas check`.
# Every field is described on the site's "Record format" page.
title: TODO short plain-text title, no Markdown
document: {document}  # the policy document it is in; this platform has: {documents}
# section: Heading in the document where the provision sits
categories: [TODO]  # category ids, the primary first; e.g. {categories}
summary: >-
  TODO What the provision says, plainly, in one to three sentences.
text:
  status: paraphrase  # {statuses}
  body: >-
    TODO The exact wording (verbatim, excerpt) or your own words (paraphrase).
    Remove body only when status is unavailable.
interpretive_note: >-
  TODO How to read it, caveats, and what the record rests on.
# affects: >-
#   Who it binds and the practical effect.
# exposure:
#   level: medium  # {levels}; the rule for each level is on the methodology page
#   rationale: >-
#     Which rule applies and why.
# jurisdictions:
# - code: US  # {jurisdictions}
#   laws: [usc-2258a]  # law ids of that jurisdiction
#   note: Why it matters there.
# analogues:
# - provision: other-platform/slug  # a provision of another platform
#   relation: related  # {relations}; read from this provision
#   note: How they differ.
# compliance:
#   regulatory_landscape: Laws and enforcers involved.
#   contract_implications: What it means for contracts and vendors.
#   considerations: What operators should do.
# history:  # only changes whose date is publicly documented
# - date: YYYY-MM-DD
#   summary: What changed, with its source.
# responses:  # replies from the platform or a party concerned, only as actually sent and published
# - date: YYYY-MM-DD
#   by: Who replied
#   url: https://where.the.reply.is/published
#   summary: What the reply says.
# translations:  # the record's prose in Japanese; then `atlas translation stamp <this file>`
#   ja:
#     method: human  # or machine (labelled 機械翻訳 on the page)
#     digest: 0000000000000000000000000000000000000000000000000000000000000000
#     title: 日本語のタイトル
#     summary: 要約
sources:
- url: https://TODO.example/  # the public page the record is based on
  title: TODO title of the page
# aliases: [platform/former-slug]  # former ids; their old addresses redirect here
# Set only when you have checked this record against the source on that day:
# last_reviewed: YYYY-MM-DD
"""

PLATFORM_SKELETON = """\
{modeline}
# A new platform. Replace every TODO, then add its provisions with
# `atlas new provision {platform}/<slug>`.
name: TODO Name shown on the site
homepage: https://TODO.example/
# headquarters: US  # a jurisdiction code: {jurisdictions}
# description: >-
#   What the platform is, in a sentence or two.
documents:
- id: aup  # short id, unique within the platform
  title: TODO Acceptable Use Policy
  kind: acceptable-use-policy  # {kinds}
  url: https://TODO.example/policy
  # language: en
"""


def _sample(ids: list[str], n: int = 4) -> str:
    return ", ".join(ids[:n]) + (", ..." if len(ids) > n else "")


def new_provision(root: Path, records: Records, provision_id: str) -> Scaffold:
    platform_id, _, slug = provision_id.partition("/")
    if not slug or not SLUG_RE.match(platform_id) or not SLUG_RE.match(slug):
        raise ScaffoldError(
            f"'{provision_id}' is not a provision id: write <platform>/<slug>, lowercase letters, digits and hyphens"
        )
    platforms = {p.id: p for p in records.platforms}
    if platform_id not in platforms:
        hint = did_you_mean(platform_id, platforms) or f"add it first with `atlas new platform {platform_id}`"
        raise ScaffoldError(f"unknown platform '{platform_id}' ({hint})")
    path = root / "provisions" / platform_id / f"{slug}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; refusing to overwrite it")
    platform = platforms[platform_id]
    documents = [d.id for d in platform.documents]
    text = PROVISION_SKELETON.format(
        modeline=f"{MODELINE_PREFIX}../../schema/provision.schema.json",
        platform_name=platform.name,
        document=documents[0],
        documents=", ".join(documents),
        categories=_sample([c.id for c in records.categories]),
        statuses=" | ".join(TEXT_STATUSES),
        levels=" | ".join(EXPOSURE_LEVELS),
        relations=" | ".join(RELATIONS),
        jurisdictions=_sample([j.code for j in records.jurisdictions], 6),
    )
    return Scaffold(path, text)


def new_platform(root: Path, records: Records, platform_id: str) -> Scaffold:
    if not SLUG_RE.match(platform_id):
        raise ScaffoldError(f"'{platform_id}' is not a valid id: use lowercase letters, digits and single hyphens")
    path = root / "content" / "platforms" / f"{platform_id}.yaml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root).as_posix()} already exists; refusing to overwrite it")
    text = PLATFORM_SKELETON.format(
        modeline=f"{MODELINE_PREFIX}../../schema/platform.schema.json",
        platform=platform_id,
        jurisdictions=_sample([j.code for j in records.jurisdictions], 6),
        kinds=" | ".join(DOCUMENT_KINDS),
    )
    return Scaffold(path, text)


def write(scaffold: Scaffold) -> None:
    scaffold.path.parent.mkdir(parents=True, exist_ok=True)
    with scaffold.path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
        handle.write(scaffold.text)

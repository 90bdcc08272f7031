"""Checks that need the whole set of records: uniqueness and references."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from generator.diagnostics import Diagnostic
from generator.read.fields import INVERSE_RELATION
from generator.read.fieldtypes import did_you_mean
from generator.read.model import Origin, Platform, Provision, Report

if TYPE_CHECKING:
    from generator.read.checks.base import Index


def _at(origin: Origin, code: str, message: str, *path: str | int, hint: str = "") -> Diagnostic:
    line, col = origin.at(*path)
    return Diagnostic(origin.path, line, col, code, message, hint)


def _duplicates(items: Iterable[tuple[str, Origin, tuple[str | int, ...]]], what: str) -> Iterator[Diagnostic]:
    first: dict[str, Origin] = {}
    for key, origin, path in items:
        if key in first:
            earlier = first[key]
            line, _ = earlier.at(*path)
            where = f"line {line}" if earlier.path == origin.path else f"{earlier.path}:{line}"
            yield _at(origin, "duplicate-id", f"duplicate {what} '{key}' (first defined at {where})", *path)
        else:
            first[key] = origin


def unique_ids(ix: Index) -> Iterator[Diagnostic]:
    """Category, jurisdiction, law, metric and document ids are unique."""
    yield from _duplicates(((c.id, c.origin, ("id",)) for c in ix.records.categories), "category id")
    yield from _duplicates(((j.code, j.origin, ("code",)) for j in ix.records.jurisdictions), "jurisdiction code")
    yield from _duplicates(
        ((law.id, j.origin, ("laws", i, "id")) for j in ix.records.jurisdictions for i, law in enumerate(j.laws)),
        "law id",
    )
    yield from _duplicates(((m.id, m.origin, ("id",)) for m in ix.records.metrics), "metric id")
    for p in ix.records.platforms:
        yield from _duplicates(
            ((d.id, p.origin, ("documents", i, "id")) for i, d in enumerate(p.documents)), "document id"
        )


def known_platform(ix: Index) -> Iterator[Diagnostic]:
    """Provision and report files sit in the folder of a known platform."""
    platforms = ix.platforms
    records: tuple[Provision | Report, ...] = (*ix.records.provisions, *ix.records.reports)
    for record in records:
        if record.platform not in platforms:
            folder = "provisions" if isinstance(record, Provision) else "content/reports"
            yield Diagnostic(
                record.origin.path,
                0,
                0,
                "unknown-platform",
                f"'{record.platform}' is not a known platform: no content/platforms/{record.platform}.yaml",
                did_you_mean(record.platform, platforms) or f"move the file under {folder}/<platform>/",
            )


def headquarters(p: Platform, ix: Index) -> Iterator[Diagnostic]:
    """A platform's headquarters is a known jurisdiction."""
    known = ix.jurisdictions
    if p.headquarters is not None and p.headquarters not in known:
        yield _at(
            p.origin,
            "unknown-jurisdiction",
            f"unknown jurisdiction '{p.headquarters}'",
            "headquarters",
            hint=did_you_mean(p.headquarters, known),
        )


def _own_document(record: Provision | Report, ix: Index) -> Iterator[Diagnostic]:
    platform = ix.platforms.get(record.platform)
    if platform is not None and record.document is not None and platform.document(record.document) is None:
        ids = [d.id for d in platform.documents]
        yield _at(
            record.origin,
            "unknown-document",
            f"unknown document '{record.document}' of platform '{record.platform}'",
            "document",
            hint=did_you_mean(record.document, ids) or "known: " + ", ".join(ids),
        )


def provision_document(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """A provision names a document of its own platform."""
    yield from _own_document(p, ix)


def provision_categories(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """Every category a provision lists exists."""
    known = ix.categories
    for i, cat in enumerate(p.categories):
        if cat not in known:
            yield _at(
                p.origin,
                "unknown-category",
                f"unknown category '{cat}'",
                "categories",
                i,
                hint=did_you_mean(cat, known),
            )


def jurisdiction_flags(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """Flagged jurisdictions exist, once each, and their laws belong to them."""
    seen: set[str] = set()
    for i, flag in enumerate(p.jurisdictions):
        if flag.code not in ix.jurisdictions:
            yield _at(
                p.origin,
                "unknown-jurisdiction",
                f"unknown jurisdiction '{flag.code}'",
                "jurisdictions",
                i,
                "code",
                hint=did_you_mean(flag.code, ix.jurisdictions),
            )
            continue
        if flag.code in seen:
            yield _at(
                p.origin,
                "duplicate-jurisdiction",
                f"jurisdiction '{flag.code}' is flagged twice",
                "jurisdictions",
                i,
                "code",
            )
        seen.add(flag.code)
        own = [law.id for law in ix.jurisdictions[flag.code].laws]
        for k, law in enumerate(flag.laws):
            if law in own:
                continue
            owner = ix.laws.get(law)
            if owner is not None:
                yield _at(
                    p.origin,
                    "wrong-jurisdiction",
                    f"law '{law}' belongs to {owner}, not {flag.code}",
                    "jurisdictions",
                    i,
                    "laws",
                    k,
                    hint=f"list it under code: {owner}",
                )
            else:
                yield _at(
                    p.origin,
                    "unknown-law",
                    f"unknown law '{law}' in jurisdiction {flag.code}",
                    "jurisdictions",
                    i,
                    "laws",
                    k,
                    hint=did_you_mean(law, own),
                )


def analogue_target(p: Provision, ix: Index) -> Iterator[Diagnostic]:
    """An analogue names an existing provision of another platform."""
    provisions = ix.provisions
    for i, analogue in enumerate(p.analogues):
        target = analogue.provision
        if target == p.id:
            continue  # reported by analogue-self
        if target not in provisions:
            yield _at(
                p.origin,
                "unknown-provision",
                f"unknown provision '{target}'",
                "analogues",
                i,
                "provision",
                hint=did_you_mean(target, provisions),
            )
        elif provisions[target].platform == p.platform:
            yield _at(
                p.origin,
                "analogue-same-platform",
                f"analogue '{target}' is on the same platform",
                "analogues",
                i,
                "provision",
                hint="analogues link provisions of other platforms",
            )


def analogue_pairs(ix: Index) -> Iterator[Diagnostic]:
    """A pair listed on both sides, or twice, agrees with itself."""
    seen: dict[tuple[str, str], tuple[str, Provision, int]] = {}
    for p in ix.records.provisions:
        for i, analogue in enumerate(p.analogues):
            key = (p.id, analogue.provision)
            if key in seen:
                yield _at(
                    p.origin,
                    "duplicate-analogue",
                    f"analogue '{analogue.provision}' is listed twice",
                    "analogues",
                    i,
                    "provision",
                )
                continue
            seen[key] = (analogue.relation, p, i)
    for (a, b), (relation, p, i) in sorted(seen.items(), key=lambda kv: kv[0]):
        other = seen.get((b, a))
        if other is None or a > b:
            continue
        if INVERSE_RELATION[relation] != other[0]:
            q = other[1]
            yield _at(
                q.origin,
                "analogue-conflict",
                f"relation '{other[0]}' to '{a}' contradicts '{relation}' on {p.origin.path}:{p.origin.at('analogues', i)[0]}",
                "analogues",
                other[2],
                "relation",
                hint=f"it should be '{INVERSE_RELATION[relation]}', or list the pair on one side only",
            )


def report_references(r: Report, ix: Index) -> Iterator[Diagnostic]:
    """A report names a document of its platform and known metrics, percentages within 0-100."""
    yield from _own_document(r, ix)
    for i, fig in enumerate(r.figures):
        metric = ix.metrics.get(fig.metric)
        if metric is None:
            yield _at(
                r.origin,
                "unknown-metric",
                f"unknown metric '{fig.metric}'",
                "figures",
                i,
                "metric",
                hint=did_you_mean(fig.metric, ix.metrics) or "define it in content/metrics.yaml",
            )
        elif metric.unit == "percent" and not 0 <= fig.value <= 100:
            yield _at(r.origin, "bad-percent", f"percent value {fig.value} is outside 0-100", "figures", i, "value")
        elif fig.value < 0:
            yield _at(r.origin, "bad-count", f"count {fig.value} is negative", "figures", i, "value")

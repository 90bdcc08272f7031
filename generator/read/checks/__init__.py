"""The registry of validation checks: every check is named here, with its scope.

A check is a small function. Its *scope* says what it is given:

* ``Scope.FILE``: one file's path, kind and YAML tree, on its own (run, and
  cached, per file by :mod:`generator.read.decode`);
* ``Scope.PROVISION`` / ``Scope.PLATFORM`` / ``Scope.REPORT`` / ``Scope.VERSION`` / ``Scope.PAGE``: one decoded
  record (an archived version, a prose page with its translations) at a time, plus the :class:`Index` of all
  records for look-ups;
* ``Scope.CATALOG``: the :class:`Index` once (uniqueness, pairs across files).

Each yields :class:`~generator.diagnostics.Diagnostic` s. To add a check, write the
function in :mod:`.records`, :mod:`.references`, :mod:`.addresses`, :mod:`.archive` or :mod:`.translations` (given what :mod:`.base` defines)
and list it in ``CHECKS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from generator.diagnostics import Diagnostic
from generator.read import quotes
from generator.read.checks import addresses as _a
from generator.read.checks import archive as _v
from generator.read.checks import records as _r
from generator.read.checks import references as _x
from generator.read.checks import translations as _t
from generator.read.checks.base import Check, Index, Scope
from generator.read.model import Records
from generator.workers import fork_map, nothing

__all__ = ["CHECKS", "Check", "Index", "Scope", "run_all"]

CHECKS: tuple[Check, ...] = (
    Check("text-body", Scope.PROVISION, _r.text_body),
    Check("duplicate-category", Scope.PROVISION, _r.duplicate_categories),
    Check("analogue-self", Scope.PROVISION, _r.analogue_self),
    Check("period-order", Scope.REPORT, _r.period_order),
    Check("figure-once", Scope.REPORT, _r.figure_once),
    Check("placeholder", Scope.FILE, _r.placeholders),
    Check("unique-ids", Scope.CATALOG, _x.unique_ids),
    Check("known-platform", Scope.CATALOG, _x.known_platform),
    Check("headquarters", Scope.PLATFORM, _x.headquarters),
    Check("provision-document", Scope.PROVISION, _x.provision_document),
    Check("provision-categories", Scope.PROVISION, _x.provision_categories),
    Check("jurisdiction-flags", Scope.PROVISION, _x.jurisdiction_flags),
    Check("analogue-target", Scope.PROVISION, _x.analogue_target),
    Check("analogue-pairs", Scope.CATALOG, _x.analogue_pairs),
    Check("report-references", Scope.REPORT, _x.report_references),
    Check("aliases", Scope.CATALOG, _a.aliases),
    Check("version-place", Scope.VERSION, _v.version_place),
    Check("version-source", Scope.VERSION, _v.version_source),
    Check("quoted-wording", Scope.PROVISION, _v.quoted_wording),
    Check("tracked-sources", Scope.CATALOG, _v.tracked_sources),
    Check("translation-current", Scope.PROVISION, _t.translation_current),
    Check("translation-target", Scope.PROVISION, _t.translation_targets),
    Check("translation-edition", Scope.PROVISION, _t.translation_edition),
    Check("page-translation-current", Scope.PAGE, _t.page_translation_current),
)


#: Below this many records, the record checks run in this process: forking would cost more than it saves.
PARALLEL_MIN_RECORDS = 2000


def run_all(
    records: Records, checks: Iterable[Check] = CHECKS, *, workers: int = 1, beside: Callable[[], Any] = nothing
) -> list[Diagnostic]:
    """Run each check over its scope; a failing check never stops the others.

    The record checks run on up to ``workers`` cores (generator.workers), the records
    cut into runs of neighbours (a platform's provisions, which prove their quotes
    against the same archived texts); what a worker's quote proofs worked out comes
    back with its diagnostics, to be remembered (``quotes.learned``). The catalog
    checks run here. Diagnostics come in the order of the records, then the checks. ``beside()`` runs meanwhile,
    in a worker when there are workers (generator.read.validate writes the decode cache so)."""
    ix = Index.of(records)
    chosen = tuple(checks)  # FILE-scope checks are run per file by generator.read.decode, and never here
    by_scope = {scope: tuple(check for check in chosen if check.scope is scope) for scope in Scope}
    units = [(by_scope[scope], record) for scope, records_of in _scoped(records).items() for record in records_of]

    def task(indices: range) -> list[tuple[int, list[Diagnostic], dict[Any, Any]]]:
        found = [d for i in indices for check in units[i][0] for d in check.run(units[i][1], ix)]
        return [(indices.start, found, quotes.learned())]

    parts, _ = fork_map(task, len(units), workers=workers, minimum=PARALLEL_MIN_RECORDS, beside=beside, contiguous=True)
    out: list[Diagnostic] = []
    for _, found, answers in sorted(parts, key=lambda part: part[0]):
        out.extend(found)
        quotes.learn(answers)
    for check in by_scope[Scope.CATALOG]:
        out.extend(check.run(ix))
    return out


def _scoped(records: Records) -> dict[Scope, tuple[Any, ...]]:
    return {
        Scope.PROVISION: records.provisions,
        Scope.PLATFORM: records.platforms,
        Scope.REPORT: records.reports,
        Scope.VERSION: records.versions,
        Scope.PAGE: records.pages,
    }

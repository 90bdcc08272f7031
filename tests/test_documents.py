"""generator.relate.documents: what changed between an archived document's versions, worked out by workers."""

from __future__ import annotations

import datetime as dt
import hashlib

from generator.read.model import ArchivedVersion, ArchiveSource, Origin
from generator.relate import documents, history


def _versions(count: int) -> tuple[ArchivedVersion, ...]:
    """``count`` versions of one document, each a word longer than the one before."""
    out = []
    for n in range(count):
        text = "You may not use the service " + " ".join(f"to do thing {i}." for i in range(n + 1)) + "\n"
        day = dt.date(2024, 1, 1) + dt.timedelta(days=n)
        out.append(
            ArchivedVersion(
                id=f"acme/terms/{day}",
                platform="acme",
                document="terms",
                slug=str(day),
                source=ArchiveSource(None, None, None, "https://example.org/terms", None),
                recorded=day,
                effective=None,
                url="https://example.org/terms",
                licence="CC-BY-4.0",
                attribution=None,
                sha256=hashlib.sha256(text.encode()).hexdigest(),
                text=text,
                text_digest=hashlib.sha256(text.encode()).hexdigest(),
                origin=Origin(f"archive/acme/terms/{day}.yaml"),
            )
        )
    return tuple(out)


def test_the_workers_work_out_every_change_and_this_process_keeps_no_words_of_them() -> None:
    versions = _versions(12)
    documents._CHANGED.clear()
    history.forget_words()
    expected = documents.changes(versions)  # worked out here, one pair at a time
    assert history._words.cache_info().currsize > 0
    documents._CHANGED.clear()
    history.forget_words()
    documents.known([versions], workers=2)
    assert history._words.cache_info().misses == 0  # the words were worked out in the workers only
    assert len(documents._CHANGED) == 11
    assert documents.changes(versions) == expected
    assert history._words.cache_info().misses == 0  # answered from what the workers found
    documents._CHANGED.clear()

"""Record in each translation the digest of the English it was made from (``atlas translation stamp``).

Run it after translating a record or bringing a translation up to date: it
writes ``translations.<lang>.digest`` (generator.read.english) and nothing
else, keeping the file's comments and layout. A record that does not pass
``atlas check`` is left alone; its errors are reported. A prose page's
translation (``content/pages/<lang>/<slug>.md``) has the digest of its English
page written into its front matter's ``digest:`` line, the rest left as it is.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

from generator.editing.fmt import round_trip
from generator.read.english import english_digest, page_digest, stale_languages, stale_page_languages
from generator.read.model import ProsePage, Provision


def stamp(root: Path, provisions: Iterable[Provision], skip: set[str], only: set[str] | None = None) -> list[str]:
    """Write the current English digest into every translation of ``provisions`` (their files below ``root``,
    those of ``only`` or all, none of ``skip``); returns the files changed."""
    changed = []
    for p in provisions:
        path = p.origin.path
        if path in skip or (only is not None and path not in only):
            continue
        stale = stale_languages(p)
        if stale:
            _write_digest(root / path, stale, english_digest(p))
            changed.append(path)
    return changed


def stamp_pages(root: Path, pages: Iterable[ProsePage], skip: set[str], only: set[str] | None = None) -> list[str]:
    """``stamp`` for the translations of prose pages (those of ``only``, or of an English page in it, or all)."""
    changed = []
    for page in pages:
        for lang in stale_page_languages(page):
            t = getattr(page.translations, lang)
            if t.path in skip or (only is not None and not {t.path, page.path} & only):
                continue
            file = root / t.path
            lines = file.read_text(encoding="utf-8").split("\n")
            (line, col), digest = t.digest_at, page_digest(page)
            held = lines[line - 1]
            lines[line - 1] = held[: col - 1] + _VALUE.sub(digest, held[col - 1 :], count=1)
            file.write_text("\n".join(lines), encoding="utf-8")
            changed.append(t.path)
    return changed


#: The front matter's digest, quoted or not, where it starts (the value the YAML reader located).
_VALUE = re.compile(r"^(?:\"[^\"]*\"|'[^']*'|[^\s#]+)")


def _write_digest(file: Path, languages: tuple[str, ...], digest: str) -> None:
    y = round_trip()
    data = y.load(file.read_text(encoding="utf-8"))
    for lang in languages:
        data["translations"][lang]["digest"] = digest
    out = io.StringIO()
    y.dump(data, out)
    file.write_text("\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n", encoding="utf-8")

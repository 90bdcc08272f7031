"""Prose pages in another language: ``content/pages/<lang>/<slug>.md`` translates ``content/pages/<slug>.md``.

A translated page is Markdown like the English page, after front matter that
says how it was made and which English it translates, as a provision's
translation does (generator.read.translation)::

    ---
    method: machine          # or human: a person made or reviewed it
    digest: 3b1f…            # the English page's digest (generator.read.english.page_digest)
    ---
    # タイトル

The front matter is read as YAML (generator.read.yamlsource, every hazard
refused) and decoded by its spec (generator.read.fields.PAGE_TRANSLATION), so a
problem there is reported as in any record, at its line in the file.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from generator.diagnostics import Diagnostic
from generator.read import fields, yamlsource
from generator.read.model import ProsePage
from generator.read.translation import PageTranslation, PageTranslations

#: A page's title: its first ``# Title`` line.
H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
#: The line that opens and closes the front matter.
FENCE = "---"
_FRONT_HINT = "start the page with a '---' line, 'method: machine' (or human), 'digest: …' and a '---' line"


def read_translation(rel: str, lang: str, text: str) -> tuple[PageTranslation | None, list[Diagnostic]]:
    """The translation in ``text`` (the file ``rel``, in ``lang``), or None and why not."""
    lines = text.split("\n")
    end = next((i for i, line in enumerate(lines) if i and line.rstrip() == FENCE), None)
    if lines[0].rstrip() != FENCE or end is None or not any(line.strip() for line in lines[1:end]):
        message = "a translated page must begin with front matter giving its method and digest"
        return None, [Diagnostic(rel, 1, 1, "missing-field", message, _FRONT_HINT)]
    # the front matter alone, its first line left blank so that each line keeps its number in the file
    node, diags = yamlsource.parse(rel, ("\n" + "\n".join(lines[1:end]) + "\n").encode("utf-8"))
    markdown = "\n".join(lines[end + 1 :]).lstrip("\n")
    title = H1_RE.search(markdown)
    if not title:
        diags.append(Diagnostic(rel, end + 2, 1, "missing-title", "a prose page must start with a '# Title' line"))
    if node is None or not title:
        return None, diags
    implied = {"lang": lang, "title": title.group(1), "markdown": markdown, "path": rel}
    implied["digest_at"] = yamlsource.locate(node, "digest")
    found = fields.PAGE_TRANSLATION.decode(node, rel, diags, implied=implied)
    return found, diags


def attach(pages: Iterable[ProsePage], found: Iterable[PageTranslation]) -> tuple[list[ProsePage], list[Diagnostic]]:
    """Each English page with its translations; a translation of no English page is an error."""
    by_slug = {page.slug: page for page in pages}
    translated: dict[str, dict[str, PageTranslation]] = {}
    diags = []
    for t in found:
        slug = t.path.rsplit("/", 1)[-1].removesuffix(".md")
        if slug not in by_slug:
            message = f"the translated page '{slug}' has no English page (content/pages/{slug}.md)"
            diags.append(Diagnostic(t.path, 1, 1, "translation-target", message, "translate an English page"))
            continue
        translated.setdefault(slug, {})[t.lang] = t
    return [
        dataclasses.replace(page, translations=PageTranslations(**translated[page.slug]))
        if page.slug in translated
        else page
        for page in by_slug.values()
    ], diags

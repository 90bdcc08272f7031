"""Finding a record's quoted wording in an archived version of its document.

A ``verbatim`` or ``excerpt`` body is one or more *passages*: the parts between
omission marks (``…``, ``...``, ``[…]``, ``[...]``). Each passage must occur in the
archived text, in order, after both are normalized the same way:

1. Unicode NFKC (compatibility forms: non-breaking spaces, ligatures, full-width
   letters become their plain forms);
2. Markdown syntax removed: links and images keep their text, emphasis and code
   marks, heading and block-quote marks, list bullets and numbers at the start of
   a line, backslash escapes and table pipes are dropped; HTML tags are dropped;
3. curly quotes and apostrophes become straight ones, every dash and hyphen
   variant becomes ``-``;
4. all runs of whitespace become one space.

Letters, digits, punctuation and case are otherwise compared as they are: a
quote is the platform's words. Where a passage is not found, :func:`closest`
names the passage of the archived text nearest to it, for the editor's hint.
"""

from __future__ import annotations

import contextlib
import difflib
import functools
import heapq
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import cachefile

#: Omission marks between passages of an excerpt (checked before normalizing, which would turn … into ...).
_OMISSION = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*")
# Archived texts come from outside: no pattern here may scan past the next opener of its own kind, and a
# link's target is bounded, so that no text (at most 2 MiB) makes them slower than linear.
# (A link starts ``![`` or ``[``, not ``!?\[``: the two characters it can start with are searched for alone.)
_LINK = re.compile(r"(?:!\[|\[)([^\[\]\n]*)\](?:\((?:[^()\n]|\([^()\n]{0,200}\)){0,500}\)|\[[^\[\]\n]{0,200}\])")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]*)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# A line's marks and a heading's rule are matched from the line feed before them (the text is given one in
# front): a pattern that starts with a literal is searched for from that character alone, where ``^`` would be
# tried at every position (six to ten times slower on an archived text).
_LINE_MARK = re.compile(r"\n[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+)?")
_HEADING_RULE = re.compile(r"\n[ \t]*(?:=+|-+|\*{3,}|_{3,})[ \t]*(?=\n|\Z)")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_QUOTES = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "“": '"', "”": '"', "„": '"', "‟": '"', "′": "'"}
_DASHES = dict.fromkeys([*map(chr, range(0x2010, 0x2016)), "\u2212", "\ufe58", "\ufe63", "\uff0d"], "-")
#: Each curly quote and dash variant, and its plain form (replaced one by one: ``str.translate`` with a table
#: took 2 ms on a 25 KB archived text, and these replacements 0.02 ms).
_QUOTES_AND_DASHES = tuple({**_QUOTES, **_DASHES}.items())


def passages(body: str, *, excerpt: bool = True) -> list[str]:
    """The body's passages, split at omission marks (an excerpt's; a verbatim body is one passage),
    each normalized; empty ones dropped."""
    parts = _OMISSION.split(body) if excerpt else [body]
    return [n for part in parts if (n := normalize(part))]


@functools.lru_cache(maxsize=2048)
def normalize(text: str) -> str:
    """The text as quotes are compared (see the module). Each step runs only where its marks occur:
    archived documents are tens of KB, and most of them are plain prose."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "[" in text:
        text = _LINK.sub(r"\1", text)
    if "<" in text:
        text = _TAG.sub(" ", _AUTOLINK.sub(r"\1", text))
    text = "\n" + text
    if "=" in text or "-" in text or "*" in text or "_" in text:
        text = _HEADING_RULE.sub("\n ", text)
    text = _LINE_MARK.sub("\n", text)
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: "\0" + m.group(1), text)  # an escaped mark is text: keep it past _without_emphasis
    text = _without_emphasis(text).replace("\0", "").replace("|", " ")
    if not text.isascii():  # the curly quotes and dashes are not
        for variant, plain in _QUOTES_AND_DASHES:
            text = text.replace(variant, plain)  # the same string back where there is none: no copy
    return " ".join(text.split())


def _without_emphasis(text: str) -> str:
    """``text`` without emphasis and code marks: every ``*``, ``_`` and backtick, and each pair of tildes (the
    first two of three: strikethrough is ``~~``, and a lone ``~`` is text). Removing the pairs first, from the
    text as it is, pairs the tildes as a left-to-right pattern would (``~*~`` keeps both)."""
    for mark in ("~~", "*", "_", "`"):
        text = text.replace(mark, "")
    return text


@dataclass(frozen=True, slots=True)
class Miss:
    """The first passage not found (in order), and the archived passage nearest to it."""

    index: int  # of the passage, from 0
    passage: str
    nearest: str


#: Answers already worked out, by (question, body, the text's digest): see ``remembered``.
_MEMO: dict[tuple[str, str, str], Any] = {}
#: The answers worked out in this process since ``learned`` was last asked (a forked worker sends them back).
_NEW: dict[tuple[str, str, str], Any] = {}


@contextlib.contextmanager
def remembered(folder: Path | None) -> Iterator[None]:
    """Within this block, answers are kept in ``folder`` (the cache, by content) for the next run."""
    path = folder / f"quotes-{cachefile.package_digest()}.pickle" if folder else None
    _MEMO.clear()
    _NEW.clear()
    _MEMO.update(cachefile.load(path))
    before = len(_MEMO)
    try:
        yield
    finally:
        if path is not None and len(_MEMO) != before:
            cachefile.save(path, dict(_MEMO), replaces="quotes-*.pickle")
        _MEMO.clear()
        _NEW.clear()


def learned() -> dict[tuple[str, str, str], Any]:
    """The answers worked out here since the last call: what a forked worker hands back to be remembered."""
    found = dict(_NEW)
    _NEW.clear()
    return found


def learn(answers: dict[tuple[str, str, str], Any]) -> None:
    """Remember ``answers`` worked out in another process (see ``learned``)."""
    _MEMO.update(answers)


def _memo(question: str, body: str, text_key: str, work: Callable[[], Any]) -> Any:
    key = (question, body, text_key)
    if key not in _MEMO:
        _MEMO[key] = _NEW[key] = work()
    return _MEMO[key]


def find_in(body: str, text: str, text_key: str, *, excerpt: bool = True) -> Miss | None:
    """``find``, remembered by content: ``text_key`` is the text's digest (an archived version's ``text_digest``)."""
    return _memo(f"find{excerpt:d}", body, text_key, lambda: find(body, text, excerpt=excerpt))  # type: ignore[no-any-return]


def occurs_in(body: str, text: str, text_key: str, *, excerpt: bool = True) -> bool:
    """``occurs``, remembered by content (see ``find_in``)."""
    return bool(_memo(f"occurs{excerpt:d}", body, text_key, lambda: occurs(body, text, excerpt=excerpt)))


def find(body: str, text: str, *, excerpt: bool = True) -> Miss | None:
    """None when every passage of ``body`` occurs in ``text``, in order; else the first that does not."""
    haystack = normalize(text)
    at = 0
    for i, passage in enumerate(passages(body, excerpt=excerpt)):
        found = haystack.find(passage, at)
        if found < 0:
            return Miss(i, passage, closest(passage, haystack))
        at = found + len(passage)
    return None


def occurs(body: str, text: str, *, excerpt: bool = True) -> bool:
    """Whether every passage of ``body`` occurs in ``text``, in order (no hint worked out)."""
    haystack = normalize(text)
    at = 0
    for passage in passages(body, excerpt=excerpt):
        found = haystack.find(passage, at)
        if found < 0:
            return False
        at = found + len(passage)
    return True


#: How many stretches of the archived text, those sharing the most words with a passage, are compared with it
#: letter by letter (``closest``).
CANDIDATES = 24


def closest(passage: str, haystack: str) -> str:
    """The stretch of ``haystack`` (normalized) most like ``passage``: as many words, best difflib ratio.

    Comparing every stretch letter by letter costs a second or more on a long document of few distinct words, so
    the stretches are first ranked by how many of the passage's words they hold (one pass, a sliding window) and
    only the ``CANDIDATES`` best are compared; of equally good ones, the first."""
    words = haystack.split(" ")
    size = max(1, len(passage.split(" ")))
    if len(words) <= size:
        return haystack
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(passage)
    best, best_ratio = "", -1.0
    for start in sorted(_most_shared(words, passage.split(" "), size)):
        window = " ".join(words[start : start + size])
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


def _most_shared(words: list[str], wanted: list[str], size: int) -> list[int]:
    """The starts of the ``CANDIDATES`` stretches of ``size`` words sharing the most words with ``wanted``."""
    want = Counter(wanted)
    have: Counter[str] = Counter()
    shared, scores = 0, []
    for i, word in enumerate(words):
        if have[word] < want[word]:
            shared += 1
        have[word] += 1
        if i >= size:
            gone = words[i - size]
            have[gone] -= 1
            if have[gone] < want[gone]:
                shared -= 1
        if i >= size - 1:
            scores.append(shared)
    return heapq.nlargest(CANDIDATES, range(len(scores)), key=lambda start: (scores[start], -start))

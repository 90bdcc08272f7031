"""The offline edition's Japanese search index, segmented into words when the site is built, not in the browser.

Material's lunr search splits text into words at its separator; Japanese has none between words, so for a tree in
Japanese the search worker loads lunr-languages' TinySegmenter (``tinyseg.js``) and segments every text of the index
in the reader's browser when the search is first used. From ``file://`` that worker is an iframe on the page's own
thread (the shim of generator/vendor/): the page froze for 5 to 8 seconds on the shipped records before the first
result, three times what the English tree takes, and the browser tests' 5-second wait for a result lost the race now
and then (a query at random; it was blamed on the katakana one).

So the build does that work once. ``segment_index`` runs the same segmenter, with the model the theme ships (its
``tinyseg.js``, read by ``load_model``), over the same stretches of text Material's tokenizer would hand it (the text
between tags, split at the separator, those holding a Japanese character), and joins the words it finds with U+200B
ZERO WIDTH SPACE, as Material does for Chinese segmented at build time. The index's configuration then has the worker
split at U+200B too and load no segmenter (``INDEX_CONFIG``): the words the reader's index holds are the ones the
browser made before, and no reader waits for them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

#: The language whose trees' index is segmented here: TinySegmenter is Japanese's.
LANGUAGE = "ja"
#: Where the words found are marked in the index's texts (invisible where a result shows them).
WORD_BREAK = "\u200b"
#: The separator of Material's Japanese search (its ``search.config.separator``), and U+200B.
SEPARATOR = r"[\s\u200b\-　、。，．]+"
#: What the index tells the search worker: split at ``SEPARATOR`` alone, so lunr's language support for English,
#: which loads no segmenter, and no pipeline (lunr's Japanese stemmer is the identity, and Material's Japanese
#: search drops the trimmer and the stop words): each word is kept as the segmenter cut it.
INDEX_CONFIG = {"lang": ["en"], "separator": SEPARATOR, "pipeline": []}

#: JavaScript's ``\s`` (the worker's), which is not Python's.
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_SPLIT = re.compile(SEPARATOR.replace(r"\s", _JS_SPACE))
_TAG = re.compile(r"(<[^>]*>)")  # Material's tokenizer indexes only the text between tags

#: TinySegmenter's features: the table each one is looked up in, and which of the positions around a character
#: (``p1``-``p3``: the last three decisions; ``w1``-``w6``: the characters; ``c1``-``c6``: their classes) make its
#: key, in the order of tinyseg.js's ``segment``.
_FEATURES: tuple[tuple[str, tuple[int, ...]], ...] = (
    *((f"UP{n}", (n - 1,)) for n in (1, 2, 3)),
    ("BP1", (0, 1)),
    ("BP2", (1, 2)),
    *((f"UW{n}", (2 + n,)) for n in range(1, 7)),
    ("BW1", (4, 5)),
    ("BW2", (5, 6)),
    ("BW3", (6, 7)),
    *((f"TW{n}", (2 + n, 3 + n, 4 + n)) for n in range(1, 5)),
    *((f"UC{n}", (8 + n,)) for n in range(1, 7)),
    ("BC1", (10, 11)),
    ("BC2", (11, 12)),
    ("BC3", (12, 13)),
    *((f"TC{n}", (8 + n, 9 + n, 10 + n)) for n in range(1, 5)),
    ("UQ1", (0, 9)),
    ("UQ2", (1, 10)),
    ("UQ3", (2, 11)),
    ("BQ1", (1, 10, 11)),
    ("BQ2", (1, 11, 12)),
    ("BQ3", (2, 10, 11)),
    ("BQ4", (2, 11, 12)),
    ("TQ1", (1, 9, 10, 11)),
    ("TQ2", (1, 10, 11, 12)),
    ("TQ3", (2, 9, 10, 11)),
    ("TQ4", (2, 10, 11, 12)),
)
_TABLE = re.compile(r"this\.([A-Z0-9]+)__\s*=\s*(\{[^{}]*\}|-?\d+)")
_PATTERNS = re.compile(r"var\s+patterns\s*=\s*(\{[^{}]*\})")


class ModelError(ValueError):
    """The theme's tinyseg.js is not in the form this module reads."""


@dataclass(frozen=True, slots=True)
class Model:
    """TinySegmenter's model: the character classes, the bias and the feature weights."""

    classes: tuple[tuple[re.Pattern[str], str], ...]
    bias: int
    tables: dict[str, dict[str, int]]
    _cache: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def ctype(self, text: str) -> str:
        """The class of the first of the model's classes that ``text`` holds a character of ("O": none)."""
        return next((name for pattern, name in self.classes if pattern.search(text)), "O")

    def segment(self, text: str) -> list[str]:
        """``text`` cut into words, as tinyseg.js's ``segment`` cuts it (by characters, where it cuts by UTF-16
        code units: a character beyond the BMP is never cut in two here)."""
        chars = list(text)
        if not chars:
            return []
        seg = ["B3", "B2", "B1", *chars, "E1", "E2", "E3"]
        ctype = ["O", "O", "O", *(self.ctype(c) for c in chars), "O", "O", "O"]
        lookups = [(self.tables.get(name, {}).get, itemgetter(*parts)) for name, parts in _FEATURES]
        words, word, decided = [], seg[3], ["U", "U", "U"]
        for i in range(4, len(seg) - 3):
            around = (*decided, *seg[i - 3 : i + 3], *ctype[i - 3 : i + 3])
            score = self.bias + sum([weight("".join(key(around)), 0) for weight, key in lookups])
            boundary = "B" if score > 0 else "O"
            if score > 0:
                words.append(word)
                word = ""
            decided = [decided[1], decided[2], boundary]
            word += seg[i]
        words.append(word)
        return words

    def words(self, stretch: str) -> str:
        """A stretch of text between separators, its words joined by ``WORD_BREAK`` if it holds Japanese."""
        if stretch not in self._cache:
            japanese = self.ctype(stretch) in ("M", "H", "I", "K")
            self._cache[stretch] = WORD_BREAK.join(self.segment(stretch)) if japanese else stretch
        return self._cache[stretch]


def load_model(tinyseg_js: Path) -> Model:
    """The model of the TinySegmenter that lunr-languages ships (``tinyseg.js``): its object literals, read as
    JSON. ModelError if the file is not in that form."""
    source = tinyseg_js.read_text(encoding="utf-8")
    patterns = _PATTERNS.search(source)
    tables = {name: json.loads(value) for name, value in _TABLE.findall(source)}
    bias = tables.pop("BIAS", None)
    if patterns is None or not isinstance(bias, int) or len(tables) != len(_FEATURES):
        raise ModelError(f"{tinyseg_js}: not TinySegmenter's model as lunr-languages ships it")
    classes = tuple((re.compile(pattern), name) for pattern, name in json.loads(patterns.group(1)).items())
    return Model(classes, bias, tables)


def _segment_text(model: Model, html: str) -> str:
    """An index field (HTML): in each text between tags, each stretch between separators, segmented."""
    out: list[str] = []
    for n, part in enumerate(_TAG.split(html)):
        if n % 2:  # a tag
            out.append(part)
            continue
        start = 0
        for gap in _SPLIT.finditer(part):
            out += [model.words(part[start : gap.start()]), gap.group()]
            start = gap.end()
        out.append(model.words(part[start:]))
    return "".join(out)


def segment_index(index: dict[str, Any], model: Model) -> dict[str, Any]:
    """Material's search index (``search/search_index.json``) with its titles and texts segmented, and its
    configuration set for words already found (``INDEX_CONFIG``)."""
    docs = [
        {**doc, **{key: _segment_text(model, doc[key]) for key in ("title", "text") if isinstance(doc.get(key), str)}}
        for doc in index.get("docs", [])
    ]
    return {**index, "config": {**index.get("config", {}), **INDEX_CONFIG}, "docs": docs}


def segment_index_file(path: Path, model: Model) -> None:
    """Rewrite the search index at ``path`` segmented (``segment_index``), as compact as Material writes it."""
    index = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(segment_index(index, model), separators=(",", ":")), encoding="utf-8")

"""The offline Japanese search index, cut into words at build time with the theme's own TinySegmenter."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import material
import pytest

from generator.site.engine import TINYSEG
from generator.site.engine.segment import (
    INDEX_CONFIG,
    SEPARATOR,
    WORD_BREAK,
    Model,
    ModelError,
    load_model,
    segment_index,
)

from .conftest import Built

#: lunr-languages' TinySegmenter as Material ships it (and the offline site with it).
SHIPPED = Path(material.__file__).parent / "templates" / TINYSEG

#: Sentences of the shipped records' Japanese, and how TinySegmenter cuts them.
CUTS = {
    "本人の許可のない他人のディープフェイクの禁止": "本人|の|許可|の|ない|他人|の|ディープフェイク|の|禁止",
    "選挙と政治利用": "選挙|と|政治|利用",
    "児童性的虐待コンテンツ": "児童性|的|虐待|コンテンツ",
    "私の名前は中野です": "私|の|名前|は|中野|です",  # TinySegmenter's own example
}


@pytest.fixture(scope="module")
def model() -> Model:
    return load_model(SHIPPED)


@pytest.mark.parametrize("sentence", CUTS)
def test_the_segmenter_cuts_japanese_into_words(model: Model, sentence: str) -> None:
    assert "|".join(model.segment(sentence)) == CUTS[sentence]


def test_a_character_beyond_the_bmp_is_never_cut_in_two(model: Model) -> None:
    words = model.segment("𠮷野家の牛丼")
    assert "".join(words) == "𠮷野家の牛丼" and all(len(w.encode("utf-16-le")) % 2 == 0 for w in words)


@pytest.mark.skipif(shutil.which("node") is None, reason="no node to run tinyseg.js")
def test_the_same_words_as_the_browser_s_tinyseg(model: Model, tmp_path: Path) -> None:
    """tinyseg.js itself, run by node, cuts every sentence as the build does."""
    sentences = [*CUTS, "AIが生成した画像であることを開示しなければならない。", "13歳未満の子どもは利用できない}},"]
    script = tmp_path / "segment.js"  # a file: node -e makes `exports` global, and tinyseg.js would export itself
    script.write_text(
        "const fs = require('fs'); global.lunr = function () {};"  # its browser form: it adds itself to lunr
        f"require('vm').runInThisContext(fs.readFileSync({json.dumps(str(SHIPPED))}, 'utf8'));"
        "const s = new lunr.TinySegmenter();"
        "console.log(JSON.stringify(JSON.parse(fs.readFileSync(0, 'utf8')).map(t => s.segment(t))));",
        encoding="utf-8",
    )
    run = subprocess.run(["node", str(script)], input=json.dumps(sentences), capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == [model.segment(s) for s in sentences]


def test_the_index_is_segmented_between_tags_and_separators_only(model: Model) -> None:
    index = {
        "config": {
            "lang": ["ja"],
            "separator": "[\\s\\-　、。，．]+",
            "pipeline": ["stemmer"],
            "fields": {"title": {}},
        },
        "docs": [
            {
                "location": "a.html",
                "title": "選挙と政治利用",
                "text": '<p class="x">政治キャンペーン、選挙干渉。</p> CSAM AI-generated',
            },
            {"location": "b.html", "title": "English only", "text": "<code>x&lt;y</code>"},
        ],
    }
    out = segment_index(index, model)
    z = WORD_BREAK
    assert out["docs"][0]["title"] == f"選挙{z}と{z}政治{z}利用"
    assert out["docs"][0]["text"] == f'<p class="x">政治{z}キャンペーン、選挙{z}干渉。</p> CSAM AI-generated'
    assert out["docs"][1] == index["docs"][1]  # nothing Japanese: left as it was
    assert out["config"] == {**INDEX_CONFIG, "fields": {"title": {}}}
    assert index["docs"][0]["title"] == "選挙と政治利用"  # the input is not changed


def test_the_separator_is_material_s_japanese_one_and_the_word_break() -> None:
    material_ja = (SHIPPED.parents[3] / "partials" / "languages" / "ja.html").read_text(encoding="utf-8")
    line = next(line for line in material_ja.splitlines() if '"search.config.separator"' in line)
    theirs = json.loads("{" + line.strip().rstrip(",") + "}")
    assert theirs["search.config.separator"].replace("[\\s", "[\\s\\u200b", 1) == SEPARATOR


def test_a_file_that_is_not_the_model_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "tinyseg.js"
    broken.write_text(SHIPPED.read_text(encoding="utf-8").replace("this.BIAS__", "this.bias"), encoding="utf-8")
    with pytest.raises(ModelError, match="not TinySegmenter's model"):
        load_model(broken)


def _index(site: Path) -> tuple[dict[str, object], dict[str, object]]:
    """A tree's offline search index, as JSON and as the script the offline plugin inlines it into."""
    as_json = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    return as_json, json.loads(script.removeprefix("var __index = "))


def test_the_offline_japanese_tree_ships_its_index_in_words(japanese: Built) -> None:
    ja, ja_script = _index(japanese.offline / "ja")
    assert ja_script == ja  # segmented before the offline plugin inlines it
    assert {k: ja["config"][k] for k in INDEX_CONFIG} == INDEX_CONFIG  # type: ignore[index]
    titles = [doc["title"] for doc in ja["docs"]]  # type: ignore[attr-defined]
    assert f"テロリズム{WORD_BREAK}の{WORD_BREAK}助長{WORD_BREAK}の{WORD_BREAK}禁止" in titles
    en, _ = _index(japanese.offline)
    assert en["config"]["lang"] == ["en"] and "\\u200b" not in en["config"]["separator"]  # type: ignore[index]
    assert not any(WORD_BREAK in doc["text"] for doc in en["docs"])  # type: ignore[attr-defined]

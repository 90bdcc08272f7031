"""generator.read.quotes: the normalization quotes are compared after, passages, and the hint for a near miss."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from generator.read import quotes
from generator.read.quotes import Miss, closest, find, normalize, occurs, passages


@pytest.mark.parametrize(
    ("written", "archived"),
    [
        ("Don\u2019t do \u201cthat\u201d", 'Don\'t do "that"'),  # curly and straight quotes
        ("self\u2010harm \u2014 and more", "self-harm - and more"),  # dash and hyphen variants
        ("the\u00a0model", "the model"),  # NFKC: a non-breaking space
        ("\ufb01ne print", "fine print"),  # NFKC: a ligature
        ("**Do not** use _our_ `API`", "Do not use our API"),  # emphasis and code marks
        ("see [the policy](https://x.example/p)", "see the policy"),  # a link keeps its text
        ("* Weapons\n    * Military and warfare", "Weapons Military and warfare"),  # list bullets
        ("## Prohibited uses\n\n1. Fraud", "Prohibited uses Fraud"),  # heading and number marks
        ("Usage policies\n==============\n\nUpdated", "Usage policies Updated"),  # a setext heading's rule
        ("a  \n\n  b\tc", "a b c"),  # whitespace
    ],
)
def test_normalization(written: str, archived: str) -> None:
    assert normalize(written) == normalize(archived) == archived


def test_an_escaped_mark_stays_text() -> None:
    assert normalize("1\\. not a list") == "1. not a list"
    assert normalize("1. a list item") == "a list item"


# Links, line marks, heading rules and emphasis as patterns over the whole text (``^`` tried at every position),
# and the quotes and dashes by a translation table: what ``normalize`` does the faster way, which must give the
# same text.
_LINE_MARK = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+|[-*+][ \t]+|\d{1,3}[.)][ \t]+)?", re.MULTILINE)
_HEADING_RULE = re.compile(r"^[ \t]*(?:=+|-+|\*{3,}|_{3,})[ \t]*$", re.MULTILINE)
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|~~|`+)")
_LINK = re.compile(
    r"!?\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]{0,200}\)){0,500}\)|!?\[([^\[\]\n]*)\]\[[^\[\]\n]{0,200}\]"
)
_QUOTES_AND_DASHES = str.maketrans(dict(quotes._QUOTES_AND_DASHES))


def _normalized_by_patterns(text: str) -> str:
    text = _LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2), text)
    text = _HEADING_RULE.sub(" ", text)
    text = _LINE_MARK.sub("", text)
    text = quotes._ESCAPE.sub(lambda m: "\0" + m.group(1), text)
    text = _EMPHASIS.sub("", text).replace("\0", "").replace("|", " ").translate(_QUOTES_AND_DASHES)
    return " ".join(text.split())


@settings(max_examples=3000, deadline=None)
@example("![an image](a.png) and [a link](b (c)) or [a](b) ! [not](d) x![ref][r] y[ref] [z]")
@example("# T\n\n- a *b* **c** ~~d~~ ~e ~\\~~ `f` \\* g\n  1. h\n> i\n---\nj\n===")
@given(st.text(alphabet=st.sampled_from(list("ab1 \t\n>#-*+_~`=.()[]!\\|\u2019\u2014\u201c")), max_size=40))
def test_marks_are_removed_as_the_patterns_over_the_whole_text_remove_them(text: str) -> None:
    assert normalize.__wrapped__(text) == _normalized_by_patterns(text)


def test_passages_are_split_at_every_kind_of_omission_mark() -> None:
    assert passages("One … two ... three [...] four [\u2026] five") == ["One", "two", "three", "four", "five"]
    assert passages("…only the middle…") == ["only the middle"]


def test_every_passage_must_occur_in_order() -> None:
    text = "Rule A applies. Then rule B. Finally rule C."
    assert find("Rule A applies. … rule C.", text) is None
    assert occurs("Rule A applies. … rule C.", text)
    miss = find("rule C. … Rule A applies.", text)
    assert miss is not None and (miss.index, miss.passage) == (1, "Rule A applies.")


def test_a_near_miss_names_the_closest_passage() -> None:
    text = (
        "We don't allow the use of our models for the following: illegal activity; "
        "generation of hateful, harassing, or violent content; generation of malware."
    )
    miss = find("generation of hateful or violent content", text)
    assert miss == Miss(0, "generation of hateful or violent content", "generation of hateful, harassing, or violent")
    assert closest("nothing like it", "short") == "short"


def test_answers_worked_out_here_are_handed_over_once_and_learned_elsewhere() -> None:
    from generator.read import quotes

    with quotes.remembered(None):
        assert quotes.find_in("a b", "a b c", "k1") is None
        learned = quotes.learned()
        assert learned == {("find1", "a b", "k1"): None}
        assert quotes.learned() == {}  # handed over once
    with quotes.remembered(None):
        quotes.learn({("occurs1", "x", "k2"): True})
        assert quotes.occurs_in("x", "not there", "k2")  # the answer learned, not worked out again
        assert quotes.learned() == {}

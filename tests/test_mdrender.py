"""Record Markdown becomes sanitized HTML; plain text stays plain in generated Markdown."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.read import markup as mdrender
from generator.read.markup import md_text, plain_text, render_inline, render_markdown


def test_markdown_is_rendered() -> None:
    assert render_markdown("Some *emphasis* and a [link](https://example.org).") == (
        '<p>Some <em>emphasis</em> and a <a href="https://example.org" rel="noopener noreferrer">link</a>.</p>'
    )


def test_scripts_handlers_and_bad_schemes_are_removed() -> None:
    html = str(render_markdown('<script>alert(1)</script> <img src=x onerror="alert(1)"> [a](javascript:alert(1))'))
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html and "<img" not in html


def test_attribute_syntax_is_not_enabled() -> None:
    assert render_markdown("Text {: onclick=alert(1) }") == "<p>Text {: onclick=alert(1) }</p>"


def test_inline_drops_the_paragraph() -> None:
    assert render_inline("*a*") == "<em>a</em>"
    assert render_inline("a\n\nb") == "<p>a</p>\n<p>b</p>"


def test_md_text_shows_exactly_what_was_written() -> None:
    raw = "A & B <script> *not emphasis* [not](a-link) #1 `x`"
    html = markdown.markdown("# " + md_text(raw))
    assert html == "<h1>A &amp; B &lt;script&gt; *not emphasis* [not](a-link) #1 `x`</h1>"


def test_plain_text_is_what_a_reader_sees_without_markup() -> None:
    assert plain_text("Some *emphasis*, a [link](https://example.org)\nand a soft break.") == (
        "Some emphasis, a link and a soft break."
    )
    assert plain_text("Intro:\n\n- one\n- two\n\n1. first\n2. second\n\nA hard  \nbreak &amp; more") == (
        "Intro:\n\n• one\n• two\n\n1. first\n2. second\n\nA hard\nbreak & more"
    )
    assert plain_text("> quoted\n> on two lines") == "quoted on two lines"
    # tags the sanitizer removes leave their text; a script goes whole; code shows as characters
    assert plain_text("a <b>bold</b> <script>alert(1)</script> `<i>`") == "a bold <i>"


_PROSE = st.text(alphabet=st.sampled_from(list("ab yz.,;:'\"()?-=+1290\n\u00e9\u2014\u00a0")), max_size=120)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_PROSE, st.text(max_size=80)))
def test_plain_paragraphs_are_written_as_python_markdown_writes_them(text: str) -> None:
    """The fast path for plain prose gives exactly the converter's HTML."""
    assert mdrender._to_html(text) == mdrender._converter().reset().convert(text)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(_PROSE, st.text(max_size=80)))
def test_plain_text_of_plain_prose_is_what_the_html_gives(text: str) -> None:
    """plain_text's fast path gives exactly the text read from the rendered HTML."""
    assert plain_text(text) == mdrender._plain_from_html(text)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_PROSE, st.text(max_size=80), st.text(st.characters(codec="utf-8"), max_size=40)))
def test_plain_paragraphs_are_what_the_sanitizer_gives_back(text: str) -> None:
    """The sanitizer is spared plain paragraphs: it would give them back unchanged (a no-break space aside)."""
    shown = mdrender.visible(text)
    assert render_markdown.__wrapped__(text) == mdrender._sanitized(mdrender._to_html(shown))


def test_the_fast_path_is_taken_for_plain_prose_only() -> None:
    plain = "Users may not, in any case, generate it.\nSee the policy.\n\nA second paragraph."
    assert mdrender._to_html(plain) == (
        "<p>Users may not, in any case, generate it.\nSee the policy.</p>\n<p>A second paragraph.</p>"
    )
    assert mdrender._NOT_PLAIN.search(plain) is None
    assert mdrender._plain_html("a\xa0b") == "<p>a\xa0b</p>" and str(render_markdown("a\xa0b")) == "<p>a&nbsp;b</p>"
    for marked in ("*a*", "- item", "1. item", "a  \nb", "# h", "a\n===", "[a](b)", "a & b", "    code", "x | y"):
        assert mdrender._NOT_PLAIN.search(marked), marked

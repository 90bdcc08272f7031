"""Record Markdown becomes sanitized HTML; plain text stays plain in generated Markdown."""

from __future__ import annotations

import markdown

from generator.mdrender import md_text, render_inline, render_markdown


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

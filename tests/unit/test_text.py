"""Contributor Markdown: tables, emphasis and http(s) links work; markup and unsafe links do not."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

import roadmapkit.text as text_module
from roadmapkit.text import markdown_html, markdown_text


def test_tables_render() -> None:
    html = markdown_html("| A | B |\n| --- | --- |\n| 1 | <b>2</b> |\n")
    assert "<table>" in html and "<td>&lt;b&gt;2&lt;/b&gt;</td>" in html


def test_raw_html_and_unsafe_links_are_neutralised() -> None:
    html = markdown_html("<script>x()</script> [a](javascript:x()) [b](https://ok.example/) ![i](https://i/x.png)")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<a>a</a>" in html and '<a href="https://ok.example/" rel="noopener">b</a>' in html
    assert "<img" not in html and "<span>i</span>" in html


def test_attribute_lists_are_not_applied() -> None:
    html = markdown_html('Text\n{: onclick="x()" }')
    assert "onclick=" not in html.replace('{: onclick="x()" }', "")


def test_heading_text_is_escaped_for_markdown() -> None:
    assert markdown_text("C# & <b> {#x}") == "C\\# &amp; &lt;b&gt; \\{\\#x\\}"


PLAIN_CHARS = st.characters(
    categories=("L", "Nd"), include_characters=" .,;?'\"()/%$@+-\u2013\u2014\u2018\u2019\u201c\u201d"
)


@settings(max_examples=400, deadline=None)
@given(
    text=st.one_of(
        st.text(PLAIN_CHARS, min_size=1, max_size=60),
        st.text("ab *_-.'", min_size=1, max_size=10),  # few letters, some emphasis characters
        st.text("ab1 *_-.()'\"#>`[]<&", min_size=1, max_size=12),  # many Markdown characters
        st.text(min_size=1, max_size=40),
    )
)
@example("a *b* c")
@example("a __b__ c")
@example("Hello - world")
def test_plain_text_shortcut_matches_markdown(text: str) -> None:
    """Descriptions with nothing for Markdown to do skip it; the result must be what Markdown gives."""
    md = text_module._MD
    md.reset()
    assert markdown_html(text) == md.convert(text)


def test_plain_text_shortcut_is_taken_for_ordinary_sentences() -> None:
    assert text_module._PLAIN.fullmatch("Derive the update rule, then code it (NumPy) - 2 hours.")
    assert not text_module._PLAIN.fullmatch("1. a list")
    assert not text_module._PLAIN.fullmatch("Use *emphasis*")

"""Contributor Markdown: tables, emphasis and http(s) links work; markup and unsafe links do not."""

from __future__ import annotations

from mlroadmap.text import markdown_html, markdown_text


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

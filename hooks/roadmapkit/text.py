"""Turning contributor text into safe output: escaped Markdown, sanitised HTML."""

from __future__ import annotations

import re
import time
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_SAFE_HREF = re.compile(r"^(https?://|#)", re.IGNORECASE)


def markdown_text(text: str) -> Markup:
    """Plain text made safe for a Markdown line (a heading): no markup, no attribute lists."""
    escaped = str(escape(" ".join(text.split())))
    return Markup(_MD_SPECIAL.sub(r"\\\1", escaped))


class _SafeLinks(Treeprocessor):
    """Drops link targets that are not http(s) or in-page; turns images into their alt text."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "img":  # nothing is fetched: an image becomes its alt text
                alt = element.get("alt", "")
                element.tag, element.text = "span", alt
                element.attrib.clear()
            elif element.tag == "a":
                self._check_link(element)

    @staticmethod
    def _check_link(link: Element) -> None:
        href = link.get("href", "")
        link.attrib.clear()
        if _SAFE_HREF.match(href.strip()):
            link.set("href", href.strip())
            if not href.startswith("#"):
                link.set("rel", "noopener")


class _SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Markdown API name
        md.treeprocessors.register(_SafeLinks(md), "roadmap_safe_links", 0)
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.deregister("entity")


_MD = markdown.Markdown(extensions=["tables", _SafeExtension()], output_format="html")


# One line of words and punctuation that no Markdown rule touches: it starts with a letter (not a
# list, heading or code marker), has no line break and none of Markdown's or HTML's special
# characters. Such text converts to itself in a paragraph, so Markdown is skipped (most
# descriptions; a property test checks the shortcut against Markdown itself).
_PLAIN = re.compile(r"[^\W\d_](?:[^\W_]|[ .,;?'\"()/%$@+\-\u2013\u2014\u2018\u2019\u201c\u201d])*")


def markdown_html(text: str) -> Markup:
    """Contributor Markdown rendered to HTML in which raw HTML shows as text.

    Validation (markdown_problem) has rendered every text already, so this is a cache hit.
    """
    if not text:
        return Markup("")
    if _PLAIN.fullmatch(text) and not text.endswith(" "):
        return Markup(f"<p>{text}</p>")
    html = _RENDERED.get(text)
    if html is None:
        _MD.reset()
        html = _RENDERED[text] = Markup(_MD.convert(text))
    return html


_RENDERED: dict[str, Markup] = {}
MAX_NESTING = 8  # lists and quotes inside each other (Markdown recurses once per level)
MAX_BRACKETS = 200  # '[' in one text: Markdown's link search is quadratic in them
MAX_SECONDS = 1.0  # no single text may take longer than this to render
_NESTING = re.compile(r"^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$))+", re.MULTILINE)
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")


def markdown_problem(text: str) -> str | None:
    """Why `text` cannot be rendered safely (too deep, too slow, or it crashes Markdown), or None.

    Called for every Markdown text while content is validated, before anything is written; the
    rendered HTML is kept, so the build renders nothing that validation did not.
    """
    deepest = max((len(_MARKER.findall(m.group())) for m in _NESTING.finditer(text)), default=0)
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0) // 2
    if max(deepest, indent) > MAX_NESTING:
        return f"nests lists or quotes {max(deepest, indent)} levels deep (expected at most {MAX_NESTING})"
    if text.count("[") > MAX_BRACKETS:
        return f"has {text.count('[')} '[' characters (expected at most {MAX_BRACKETS})"
    started = time.perf_counter()
    try:
        markdown_html(text)
    except RecursionError:
        return "is nested too deeply for Markdown to render (expected simpler Markdown)"
    seconds = time.perf_counter() - started
    if seconds > MAX_SECONDS:
        return f"took {seconds:.1f} s to render (expected well under {MAX_SECONDS:.0f} s: simplify its Markdown)"
    return None

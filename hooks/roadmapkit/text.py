"""Turning contributor text into safe output: escaped Markdown, sanitised HTML."""

from __future__ import annotations

import bisect
import re
import time
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from . import limits

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_SAFE_HREF = re.compile(r"^(https?://|#)", re.IGNORECASE)


def markdown_text(text: str) -> Markup:
    """Plain text made safe for a Markdown line (a heading): no markup, no attribute lists. Only
    &, < and > become entities: quotes are plain text there, and Markdown's table of contents would
    escape a numeric entity (&#39;) a second time."""
    escaped = " ".join(text.split()).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
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
_NESTING = re.compile(r"^(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$))+", re.MULTILINE)
_MARKER = re.compile(r"[-*+>]|\d{1,9}[.)]")
_TICKS = re.compile(r"`+")
_MARKUP = str.maketrans(dict.fromkeys(limits.MARKUP, ""))


def markdown_problem(text: str) -> str | None:
    """Why `text` cannot be rendered safely (too deep, too costly, too slow, or it crashes Markdown), or None.

    Called for every Markdown text while content is validated, before anything is written; the
    rendered HTML is kept, so the build renders nothing that validation did not.
    """
    nesting = _nesting(text)
    if nesting:
        return nesting[0]
    if text.count("[") > limits.MAX_BRACKETS:
        return f"has {text.count('[')} '[' characters (expected at most {limits.MAX_BRACKETS})"
    shape = _blocks_problem(text)
    if shape:
        return shape[0]
    started = time.perf_counter()
    try:
        markdown_html(text)
    except RecursionError:
        return "is nested too deeply for Markdown to render (expected simpler Markdown)"
    seconds = time.perf_counter() - started
    if seconds > limits.MAX_SECONDS:
        return f"took {seconds:.1f} s to render (expected well under {limits.MAX_SECONDS:.0f} s: simplify its Markdown)"
    return None


def markdown_weight(text: str) -> int:
    """A text's length, with each markup character counted MARKUP_WEIGHT times."""
    markup = len(text) - len(text.translate(_MARKUP))
    return len(text) + (limits.MARKUP_WEIGHT - 1) * markup


def markdown_shape(text: str) -> tuple[str, int] | None:
    """What would make Python-Markdown's work grow faster than the text, counted before rendering:
    the problem and the 0-based line it starts at, or None."""
    return _nesting(text) or _blocks_problem(text)


def _nesting(text: str) -> tuple[str, int] | None:
    lines = text.split("\n")
    depths = [_depth(line) for line in lines]
    deepest = max(depths, default=0)
    if deepest <= limits.MAX_NESTING:
        return None
    message = f"nests lists or quotes {deepest} levels deep (expected at most {limits.MAX_NESTING})"
    return message, depths.index(deepest)


def _depth(line: str) -> int:
    """List and quote markers at the start of a line, or its indent in steps of two spaces."""
    markers = _NESTING.match(line)
    indent = (len(line) - len(line.lstrip(" "))) // 2
    return max(len(_MARKER.findall(markers.group())) if markers else 0, indent)


def _blocks_problem(text: str) -> tuple[str, int] | None:
    """Blocks (lines between blank lines) too long, or with openers Markdown searches past."""
    for first, block in _blocks(text):
        lines = block.count("\n") + 1
        if lines > limits.MAX_BLOCK_LINES:
            message = (
                f"has {lines} lines without a blank line between them "
                f"(expected at most {limits.MAX_BLOCK_LINES}: separate paragraphs with blank lines)"
            )
            return message, first
    cost = sum(scan_cost(block) for _, block in _blocks(text))
    allowed = max(limits.MIN_SCAN, limits.MAX_SCAN_PER_CHAR * len(text))
    if cost > allowed:
        message = (
            f"has '[', '(' or backticks without their match, which makes Markdown read {cost:,} characters "
            f"(expected at most {allowed:,}: close each '[' with ']' and each code span with as many backticks)"
        )
        return message, _costliest(text)
    return None


def _blocks(text: str) -> list[tuple[int, str]]:
    """(0-based first line, text) of each run of non-blank lines: Markdown's inline work stays inside one."""
    out: list[tuple[int, str]] = []
    lines = text.split("\n")
    start = None
    for n, line in enumerate([*lines, ""]):
        if line.strip():
            start = n if start is None else start
        elif start is not None:
            out.append((start, "\n".join(lines[start:n])))
            start = None
    return out


def _costliest(text: str) -> int:
    return max(_blocks(text), key=lambda found: scan_cost(found[1]))[0]


def scan_cost(block: str) -> int:
    """Characters Python-Markdown reads searching from each run of backticks, '[' and '](' to its
    match (or, with none, to the end of the block): its inline search restarts from every opener."""
    return _tick_cost(block) + _pair_cost(block, "[", "]", "") + _pair_cost(block, "(", ")", "]")


def _tick_cost(block: str) -> int:
    """Python-Markdown's code-span search, replayed on the runs of backticks alone.

    An opener (at the first backtick from where the search is) takes the backticks from there to
    the end of their run, then reads to the next whole run of that length; with none, it reads to
    the end and the search goes on as far past the run as the run is long (so an opener can start
    inside a run, and openers that never match follow each other). A length-wise index of the
    runs makes each step a lookup.
    """
    runs = [(m.start(), m.end()) for m in _TICKS.finditer(block)]
    ends = [end for _, end in runs]
    by_length: dict[int, list[int]] = {}
    for start, end in runs:
        by_length.setdefault(end - start, []).append(start)
    cost, at = 0, 0
    while (opener := block.find("`", at)) >= 0:
        run_end = ends[bisect.bisect_right(ends, opener)]
        ticks = run_end - opener
        starts = by_length.get(ticks, [])
        n = bisect.bisect_left(starts, run_end)
        if n < len(starts):
            cost += starts[n] - run_end
            at = starts[n] + ticks
        else:
            cost += len(block) - run_end
            at = run_end + ticks
    return cost


def _pair_cost(block: str, opener: str, closer: str, after: str) -> int:
    """From each opener (preceded by `after`, when given) to its matching closer, or the end."""
    stack: list[int] = []
    cost = 0
    for n, char in enumerate(block):
        if char == opener:
            stack.append(n)
        elif char == closer and stack:
            start = stack.pop()
            cost += n - start if not after or block[start - 1 : start] == after else 0
    return cost + sum(len(block) - start for start in stack if not after or block[start - 1 : start] == after)

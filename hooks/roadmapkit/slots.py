"""Set a generated page's raw HTML blocks aside before Markdown, and put them back after.

A generated page is mostly raw HTML (checkbox lists, progress bars, resource lists) between a few
Markdown headings. Python-Markdown passes a raw HTML block through untouched, but only after
tokenising all of it with its pure-Python HTML parser, twice per page (once for the block itself,
once more for MkDocs' anchor check): most of the Markdown time of a build. `split_blocks` replaces
each top-level block with a one-line placeholder, Markdown converts the rest (headings, so the
table of contents and permalinks stay Markdown's), and `join_blocks` swaps the placeholders back
for the blocks, byte for byte the HTML that Markdown would have passed through.

Placeholders carry a random nonce, so no text on a page can forge one; a block that does not close
is left in place for Markdown. Only our own generated pages go through this, never hand-written
pages. `tests/unit/test_slots.py` checks every generated page converts to the same HTML both ways.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

from markdown import Markdown
from markdown.preprocessors import NormalizeWhitespace

# Block-level tags our templates start a raw block with (all of them block-level to Python-Markdown).
BLOCK_TAGS = ("details", "div", "dl", "figure", "form", "nav", "ol", "p", "section", "table", "ul")
_START = re.compile(r"<({})[\s>]".format("|".join(BLOCK_TAGS)))
_ID = re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]*)"')  # in a tag: text never holds a raw "<"


def _counter(tag: str) -> tuple[re.Pattern[str], str]:
    return re.compile(rf"<{tag}[\s>]"), f"</{tag}>"


_COUNTERS = {tag: _counter(tag) for tag in BLOCK_TAGS}


def placeholder(nonce: str, n: int) -> str:
    return f"rm-slot-{nonce}-{n}"


def split_blocks(markdown: str, nonce: str) -> tuple[str, list[str]]:
    """Markdown with each top-level raw HTML block replaced by a placeholder line, and the blocks."""
    lines = _normalize(markdown.split("\n"))
    out: list[str] = []
    blocks: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        start = _START.match(line) if (i == 0 or not lines[i - 1].strip()) else None
        end = _block_end(lines, i, start.group(1)) if start else None
        if end is None:
            out.append(line)
            i += 1
            continue
        blocks.append("\n".join(lines[i : end + 1]))
        out += ["", placeholder(nonce, len(blocks) - 1), ""]
        i = end + 1
    return "\n".join(out), blocks


def _normalize(lines: list[str]) -> list[str]:
    """Python-Markdown's own first step over a whole page (NormalizeWhitespace, at its default tab
    length, which mkdocs.yml keeps), so a block set aside reads as it would have: no carriage
    returns or tabs, blank lines empty. The step appends two empty lines; they are dropped."""
    return _whitespace_step().run(lines)[:-2]


@lru_cache(maxsize=1)
def _whitespace_step() -> NormalizeWhitespace:
    return NormalizeWhitespace(Markdown())


def _block_end(lines: list[str], start: int, tag: str) -> int | None:
    """The line on which the block opened at `start` closes, at the end of that line and before a
    blank line (where Markdown ends a raw block the same way), or None."""
    opener, closer = _COUNTERS[tag]
    depth = 0
    for j in range(start, len(lines)):
        line = lines[j]
        depth += len(opener.findall(line)) - line.count(closer)
        if depth <= 0:
            closed = line.rstrip().endswith(closer)
            return j if closed and (j + 1 == len(lines) or not lines[j + 1].strip()) else None
    return None


def join_blocks(html: str, nonce: str, blocks: list[str]) -> str:
    """Markdown's HTML with every placeholder paragraph replaced by its block."""
    parts = re.split(rf"<p>rm-slot-{re.escape(nonce)}-(\d+)</p>", html)
    if len(parts) != 2 * len(blocks) + 1:
        raise RuntimeError(f"a generated page lost raw HTML blocks: {len(blocks)} set aside, {len(parts) // 2} found")
    for n in range(1, len(parts), 2):
        parts[n] = blocks[int(parts[n])] + "\n"  # as Markdown puts out a raw block
    return "".join(parts).strip()  # as Markdown strips its output


def block_ids(blocks: list[str]) -> set[str]:
    """The element ids in the blocks: anchors other pages may link to."""
    return {unescape(m) for block in blocks for m in _ID.findall(block)}

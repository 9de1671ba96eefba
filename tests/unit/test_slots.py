"""roadmapkit.slots: a generated page's raw HTML blocks set aside before Markdown and put back after
give the same HTML as Markdown on the whole page, and other pages' anchors into them still resolve."""

from __future__ import annotations

import secrets
from pathlib import Path

import markdown
import pytest
from test_render_safety import CONFIGS, NAMES

from roadmapkit import Renderer, load_roadmap
from roadmapkit.slots import block_ids, join_blocks, placeholder, split_blocks
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build

ROADMAPS = [ROOT / "content", *(FIXTURES / name for name in ("mini", "general", "second"))]


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(text)


@pytest.mark.parametrize("content", ROADMAPS, ids=lambda p: p.parent.name + "/" + p.name)
def test_every_generated_page_converts_to_the_same_html(content: Path) -> None:
    nonce = secrets.token_hex(8)
    for page in Renderer(load_roadmap(content, content.parent)).pages():
        text, blocks = split_blocks(page.markdown, nonce)
        assert blocks, page.src_uri  # the pages are mostly raw HTML: something was set aside
        assert len(text) < len(page.markdown) / 2, page.src_uri
        assert join_blocks(_convert(text), nonce, blocks) == _convert(page.markdown), page.src_uri


def test_blocks_nest_and_markdown_between_them_stays_markdown() -> None:
    page = '# T\n\n<div class="a">\n<div>\n*x*\n</div>\n</div>\n\n## H { #h }\n\n*y*\n\n<ul>\n<li>1</li>\n</ul>'
    text, blocks = split_blocks(page, "n")
    assert blocks == ['<div class="a">\n<div>\n*x*\n</div>\n</div>', "<ul>\n<li>1</li>\n</ul>"]
    assert "*y*" in text and "## H { #h }" in text and "*x*" not in text
    assert join_blocks(_convert(text), "n", blocks) == _convert(page)


@pytest.mark.parametrize(
    "page",
    [
        "<div>\nnever closed\n",  # Markdown decides what an unclosed block is
        "<div>\n</div> and more text",  # closes before the end of its line
        "<div>\n</div>\n## H",  # no blank line after it
        "text\n<div>\n</div>",  # not after a blank line: inline HTML in a paragraph
        "<span>\n</span>",  # not block-level
        "    <div>\n    </div>",  # indented: a code block
    ],
)
def test_what_is_not_a_plain_closed_block_is_left_for_markdown(page: str) -> None:
    text, blocks = split_blocks(page, "n")
    assert (text, blocks) == (page, [])


def test_a_placeholder_without_the_nonce_is_text() -> None:
    forged = f"<p>{placeholder('guess', 0)}</p>"
    html = join_blocks(f"{forged}\n<p>{placeholder('real', 0)}</p>", "real", ["<div>mine</div>"])
    assert html == f"{forged}\n<div>mine</div>"


def test_a_lost_placeholder_stops_the_build() -> None:
    with pytest.raises(RuntimeError, match="lost raw HTML blocks"):
        join_blocks("<p>nothing</p>", "n", ["<div>a</div>"])


def test_block_ids_are_the_anchors_inside() -> None:
    assert block_ids(['<div id="a"><li id="b&amp;c">', '<p data-id="no">']) == {"a", "b&c"}


def test_text_that_reads_like_an_id_is_no_anchor() -> None:
    """Markdown leaves quotes in text as they are: only ids inside a tag count (found by review)."""
    assert block_ids(['<div class="rm-desc"><p>Intro id="phantom" and more.</p></div>']) == set()


def test_carriage_returns_tabs_and_space_only_lines_inside_a_block_read_as_markdown_reads_them() -> None:
    page = '# T\n\n<div class="a">\r\n<p>a\r\rb\tc</p>\n   \n\t<span>x</span>\n</div>\r\n\nafter'
    text, blocks = split_blocks(page, "n")
    assert len(blocks) == 1
    assert join_blocks(_convert(text), "n", blocks) == _convert(page)


def test_a_handwritten_page_may_link_to_an_item_inside_a_block(tmp_path: Path) -> None:
    """MkDocs checks anchors in --strict: the items' ids, inside set-aside blocks, still count."""
    project = copy_project(tmp_path / "p", FIXTURES / "mini")
    (project / "content" / "pages" / "about.md").write_text(
        "# About\n\nStart with [classes](phases/basics.md#python-oop) or [the module](phases/basics.md#python).\n",
        "utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "anchor" not in result.stderr
    about = (tmp_path / "site" / "about" / "index.html").read_text("utf-8")
    assert 'href="../phases/basics/#python-oop"' in about
    broken = project / "content" / "pages" / "about.md"
    broken.write_text("# About\n\n[gone](phases/basics.md#no-such-item)\n", "utf-8")
    result = mkdocs_build(project, tmp_path / "site2")
    assert result.returncode != 0 and "no-such-item" in result.stderr  # the check itself still works

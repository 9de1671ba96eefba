"""MkDocs hook: heading permalinks leave the Tab order and headings' accessible names (no "¶").

A thin adapter over roadmapkit.permalinks; listed after roadmap_pages.py, whose on_page_content puts
a generated page's raw HTML back first.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from roadmapkit.permalinks import quiet_permalinks


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return quiet_permalinks(html)

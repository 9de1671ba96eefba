"""Adapter of hooks/roadmap.py: the generated pages (in memory only) and roadmap.json in the site.

Each generated page's raw HTML blocks are set aside before Markdown and put back after it
(roadmapkit.slots): the same HTML, without Markdown tokenising it twice. Not a hook itself:
hooks/roadmap.py calls these functions and keeps the one GeneratedPages record of a build.
"""

from __future__ import annotations

import posixpath
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.structure.files import File, Files

from roadmapkit import PLAN_SCRIPT, Renderer, plan_script, roadmap_json
from roadmapkit.assets import OWN_ASSETS, minify
from roadmapkit.model import Roadmap
from roadmapkit.slots import block_ids, join_blocks, split_blocks

if TYPE_CHECKING:  # MkDocs' types, for the annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

SHIM = "iframe-worker/shim.js"  # extra.polyfills: search on file:// only


@dataclass
class GeneratedPages:
    """The pages one build generated: their raw HTML blocks set aside under a nonce of that build."""

    nonce: str = field(default_factory=lambda: secrets.token_hex(8))
    # src_uri -> our page's file, its raw HTML blocks and its own stylesheets
    pages: dict[str, tuple[File, list[str], tuple[str, ...]]] = field(default_factory=dict)

    def of(self, page: Page) -> tuple[File, list[str], tuple[str, ...]] | None:
        """Our record of a page the renderer generated, or None for a hand-written one (even one at
        the same path: only the very File this build generated counts)."""
        ours = self.pages.get(page.file.src_uri)
        return ours if ours is not None and ours[0] is page.file else None


def drop_online_shim(config: MkDocsConfig) -> None:
    """The iframe-worker shim is for the offline build (file://) only: online it would block rendering."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    if not (offline and offline.config.enabled):
        polyfills = config.extra.get("polyfills") or []
        config.extra["polyfills"] = [p for p in polyfills if not str(p).endswith(SHIM)]


def add_generated_files(files: Files, config: MkDocsConfig, roadmap: Roadmap, generated: GeneratedPages) -> Files:
    """The generated pages, roadmap.json and the plan script added, our own assets minified."""
    renderer = Renderer(roadmap, directory_urls=config.use_directory_urls, site_name=config.site_name)
    for page in renderer.pages():
        markdown, blocks = split_blocks(page.markdown, generated.nonce)
        file = File.generated(config, page.src_uri, content=markdown)
        generated.pages[page.src_uri] = (file, blocks, page.styles)
        if page.source:
            file.edit_uri = _edit_uri(page.source, config)
        _replace(files, file)
    _replace(files, File.generated(config, "roadmap.json", content=roadmap_json(roadmap)))
    _replace(files, File.generated(config, PLAN_SCRIPT, content=plan_script(renderer)))
    for name in OWN_ASSETS:
        source = files.get_file_from_path(name)
        if source is not None:
            _replace(files, File.generated(config, name, content=minify(name, source.content_string)))
    return files


def restore_blocks(html: str, page: Page, generated: GeneratedPages) -> str:
    """A generated page gets its raw HTML blocks back, and their ids count as its anchors."""
    ours = generated.of(page)
    if ours is None:  # a hand-written page: Markdown saw all of it
        return html
    _, blocks, _ = ours
    if page.present_anchor_ids is not None:
        page.present_anchor_ids |= block_ids(blocks)
    return join_blocks(html, generated.nonce, blocks)


def add_page_styles(context: dict[str, Any], page: Page, generated: GeneratedPages) -> dict[str, Any]:
    """A generated page's own stylesheets, for overrides/main.html to link in <head> (where they
    are found early, and styled before anything is painted). Set from the renderer only: page
    meta, which a hand-written page controls, is never read for them."""
    ours = generated.of(page)
    context["roadmap_styles"] = ours[2] if ours else ()
    return context


def _edit_uri(source: str, config: MkDocsConfig) -> str:
    """The YAML file's path relative to docs_dir, so 'edit this page' opens the YAML."""
    root = Path(config.config_file_path).parent.resolve()
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    return posixpath.relpath(source, docs)


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)

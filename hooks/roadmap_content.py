"""MkDocs hook: load and validate content/ before anything is written; build the nav.

A thin adapter: the work is done by the plain functions in roadmapkit.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from roadmapkit import ContentError, load_roadmap
from roadmapkit.errors import format_problems
from roadmapkit.files import refuse_links
from roadmapkit.pagemeta import clean_meta
from roadmapkit.pages import docs_dir_problems
from roadmapkit.site import site_nav, theme_extra
from roadmapkit.slug import safe_slugify

if TYPE_CHECKING:  # the live-reload server is only needed by `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.roadmap")
ROADMAP_KEY = "roadmap_model"
SERVING_KEY = "roadmap_serving"  # set by roadmap_errorpage under `mkdocs serve`
PROBLEMS_KEY = "roadmap_problems"  # then problems are recorded here for it to show, not raised


def content_dir(config: MkDocsConfig) -> Path:
    """content/ sits beside mkdocs.yml, wherever mkdocs is run from."""
    return Path(config.config_file_path).parent / "content"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Runs before MkDocs cleans site/: a content error leaves the last good site as it was."""
    root = Path(config.config_file_path).parent
    config.mdx_configs.setdefault("toc", {})["slugify"] = safe_slugify  # no heading takes our ids
    links = [*refuse_links(Path(config.docs_dir), root), *refuse_links(root / "overrides", root)]
    links += docs_dir_problems(Path(config.config_file_path), Path(config.docs_dir), content_dir(config))
    try:
        roadmap, problems = (
            load_roadmap(content_dir(config), root, (config.markdown_extensions, config.mdx_configs)),
            links,
        )
    except ContentError as err:
        roadmap, problems = None, [*err.problems, *links]
    if problems:
        if config.extra.get(SERVING_KEY):  # mkdocs serve: the browser shows the problems instead
            config.extra[PROBLEMS_KEY] = problems
            return config
        raise PluginError(f"the roadmap content has problems:\n{format_problems(problems)}") from None
    config.extra[ROADMAP_KEY] = roadmap
    for note in roadmap.warnings:  # INFO, not WARNING: a note must not fail a --strict build
        log.info("note: %s", note)
    _identity(config, roadmap)
    config.extra.update(theme_extra(roadmap, config.extra))
    if not config.nav:
        config.nav = site_nav(roadmap)
    return config


def _identity(config: MkDocsConfig, roadmap) -> None:
    """content/roadmap.yml names the site; the theme prints these raw, so they are escaped (Markup)."""
    who = roadmap.identity
    if who.source:
        config.site_name = escape(who.title)
        config.site_description = escape(who.description)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Page metadata reaches the theme, which prints some of it raw and lets `template` choose the
    template: only the allowed keys with valid values stay, their text escaped. Validation refuses
    the rest already; a key dropped here is one that got past it, and fails a --strict build."""
    page.meta, dropped = clean_meta(page.meta)
    for key in dropped:
        log.warning("%s: page metadata %r dropped (not allowed here)", page.file.src_uri, key)
    return markdown


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    """`mkdocs serve` rebuilds when a YAML file, the schema or the engine changes."""
    server.watch(str(content_dir(config)))
    server.watch(str(Path(__file__).parent))
    return server

"""Adapter of hooks/roadmap.py: load and validate content/ before anything is written; the site's
identity, theme values and nav; hand-written pages' metadata; the sources `mkdocs serve` watches.

Not a hook itself: hooks/roadmap.py calls these plain functions. The work is done by roadmapkit.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape
from mkdocs.exceptions import PluginError

from roadmapkit import ContentError, Problem, load_roadmap
from roadmapkit.errors import format_problems
from roadmapkit.files import refuse_links
from roadmapkit.load import identity_title
from roadmapkit.model import Roadmap
from roadmapkit.pagemeta import clean_meta
from roadmapkit.pages import docs_dir_problems
from roadmapkit.site import site_identity, site_nav, theme_extra
from roadmapkit.slug import safe_slugify

if TYPE_CHECKING:  # MkDocs' types, for the annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.hooks.roadmap")


def content_dir(config: MkDocsConfig) -> Path:
    """content/ sits beside mkdocs.yml, wherever mkdocs is run from."""
    return Path(config.config_file_path).parent / "content"


def load(config: MkDocsConfig) -> tuple[Roadmap | None, list[Problem]]:
    """The roadmap, or None, and every problem of the content, of docs_dir and of symlinks. Headings
    are slugified first as the build will slugify them (no heading takes our ids): validation
    renders the content's Markdown with the site's own extensions."""
    root = Path(config.config_file_path).parent
    config.mdx_configs.setdefault("toc", {})["slugify"] = safe_slugify
    links = [*refuse_links(Path(config.docs_dir), root), *refuse_links(root / "overrides", root)]
    links += docs_dir_problems(Path(config.config_file_path), Path(config.docs_dir), content_dir(config))
    try:
        roadmap = load_roadmap(content_dir(config), root, (config.markdown_extensions, config.mdx_configs))
    except ContentError as err:
        _name_broken_site(config)
        return None, [*err.problems, *links]
    if links:
        _name_broken_site(config)
    return (None, links) if links else (roadmap, [])


def _name_broken_site(config: MkDocsConfig) -> None:
    """The error page is called what the roadmap is called, when content/roadmap.yml says so."""
    title = identity_title(content_dir(config), Path(config.config_file_path).parent)
    if title is not None:
        config.site_name = escape(title)


def refusal(problems: list[Problem]) -> PluginError:
    """What stops `mkdocs build`: every problem, one per line, and no traceback."""
    return PluginError(f"the roadmap content has problems:\n{format_problems(problems)}")


def configure(config: MkDocsConfig, roadmap: Roadmap) -> None:
    """The roadmap's notes logged; its identity, theme values and nav put in the config."""
    for note in roadmap.warnings:  # INFO, not WARNING: a note must not fail a --strict build
        log.info("note: %s", note)
    _identity(config, roadmap)
    config.extra.update(theme_extra(roadmap, config.extra))
    if not config.nav:
        config.nav = site_nav(roadmap)


def _identity(config: MkDocsConfig, roadmap: Roadmap) -> None:
    """content/roadmap.yml names the site and its repository (header, edit links, canonical
    address), mkdocs.yml names no roadmap: what it says is set here, escaped where the theme prints
    it raw. A site_url the build already has (SITE_URL, or `mkdocs serve`'s own) is kept."""
    if roadmap.identity.source:
        for key, value in site_identity(roadmap.identity, config.site_url).items():
            if value is not None:
                config[key] = value


def clean_page_meta(page: Page) -> None:
    """Page metadata reaches the theme, which prints some of it raw and lets `template` choose the
    template: only the allowed keys with valid values stay, their text escaped. Validation refuses
    the rest already; a key dropped here is one that got past it, and fails a --strict build."""
    page.meta, dropped = clean_meta(page.meta)
    for key in dropped:
        log.warning("%s: page metadata %r dropped (not allowed here)", page.file.src_uri, key)


def watch_sources(server: LiveReloadServer, config: MkDocsConfig) -> None:
    """`mkdocs serve` rebuilds when a YAML file, the schema or the engine changes."""
    server.watch(str(content_dir(config)))
    server.watch(str(Path(__file__).parent))

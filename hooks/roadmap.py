"""The site's one MkDocs hook: the build from YAML to site, in the order MkDocs runs its events.

MkDocs runs these functions in the order they appear below (as its own `commands/build.py` calls
them; `mkdocs serve` runs on_config to on_post_build again on every save, and on_serve once, after
the first build). on_files has two parts, declared together with MkDocs' CombinedEvent: our files
are added among the other plugins' files, and the error page replaces them all after every other
plugin. Each event delegates to a small adapter (roadmap_content, roadmap_pages, roadmap_errorpage,
roadmap_serve_fast: the only modules besides this one and roadmapkit/pagemeta.py that import
MkDocs), over the plain engine in roadmapkit/.

What one build hands to the next lives on `state`, one RoadmapBuild: MkDocs loads a hook file once
per process, so it lasts across the rebuilds of `mkdocs serve`. config.extra holds only what the
theme's templates read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from mkdocs.plugins import CombinedEvent, event_priority

import roadmap_content
import roadmap_errorpage
import roadmap_pages
import roadmap_serve_fast
from roadmapkit import Problem
from roadmapkit.model import Roadmap
from roadmapkit.permalinks import quiet_permalinks

if TYPE_CHECKING:  # MkDocs' and Jinja's types, for the annotations only
    from collections.abc import Callable

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page


@dataclass
class RoadmapBuild:
    """The state of the hook: this build's content, and what `mkdocs serve` keeps between builds."""

    serving: bool = False  # `mkdocs serve` (any build after on_serve: `serve --clean` starts as 'build')
    roadmap: Roadmap | None = None  # this build's, None when its content has problems
    problems: list[Problem] = field(default_factory=list)  # this build's content problems
    generated: roadmap_pages.GeneratedPages = field(default_factory=roadmap_pages.GeneratedPages)
    shown: roadmap_errorpage.ErrorSite = field(default_factory=roadmap_errorpage.ErrorSite)
    search: roadmap_serve_fast.SearchCache = field(default_factory=roadmap_serve_fast.SearchCache)


state = RoadmapBuild()


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    """Once per process: whether this is `mkdocs serve`."""
    state.serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Runs before MkDocs cleans site/: a content error leaves the last good site as it was. Under
    `mkdocs serve` the problems are kept for the browser instead (on_files)."""
    state.roadmap, state.problems = roadmap_content.load(config)
    if state.problems and not state.serving:
        raise roadmap_content.refusal(state.problems) from None
    if state.roadmap is not None:
        roadmap_content.configure(config, state.roadmap)
    roadmap_pages.drop_online_shim(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    """Under `mkdocs serve`: this build's search index (a new one) takes the entries kept last time."""
    if state.serving:
        state.search.attach(config.plugins)


def add_generated_pages(files: Files, config: MkDocsConfig) -> Files:
    """on_files, first part: our pages, roadmap.json and assets, when other plugins add theirs."""
    state.generated = roadmap_pages.GeneratedPages()
    if state.roadmap is None:
        return files
    return roadmap_pages.add_generated_files(files, config, state.roadmap, state.generated)


@event_priority(-100)  # once every other plugin and hook has added its files
def error_site_or_pages(files: Files, config: MkDocsConfig) -> Files:
    """on_files, second part: broken content makes the site the error page alone; a good build's
    pages are noted, for the error page to take their places should the content break."""
    return roadmap_errorpage.site_files(files, config, state.problems, state.shown)


on_files = CombinedEvent(add_generated_pages, error_site_or_pages)  # both run, each at its priority


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Each page, before Markdown: only the allowed metadata, escaped, reaches the theme."""
    roadmap_content.clean_page_meta(page)
    return markdown


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Each page, after Markdown: a generated page gets its raw HTML blocks back, then heading
    permalinks leave the Tab order and headings' accessible names (no "¶")."""
    return quiet_permalinks(roadmap_pages.restore_blocks(html, page, state.generated))


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Under `mkdocs serve`: the theme's templates compile once per process."""
    if state.serving:
        roadmap_serve_fast.cache_templates(env)
    return env


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: object) -> dict[str, Any]:
    """Each page, before its template: a generated page's own stylesheets, for the <head>."""
    return roadmap_pages.add_page_styles(context, page, state.generated)


def on_post_build(config: MkDocsConfig) -> None:
    """The search entries of pages no longer in the site are let go."""
    state.search.prune()


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """`mkdocs serve`, once, after the first build: faster polling, content/ and hooks/ watched,
    every request answered (a failed rebuild and broken content show the error page)."""
    state.serving = True
    roadmap_serve_fast.poll_faster(server)  # first: every path watched from here on is polled as often
    roadmap_content.watch_sources(server, config)
    roadmap_errorpage.answer_every_request(server, config, state.shown)
    return server

"""MkDocs hook: under `mkdocs serve`, broken content becomes an error page in the browser.

`mkdocs build` still fails (roadmap_content raises). Under `mkdocs serve`, roadmap_content records
the problems instead, this hook replaces the whole site with one error page (at every page of the
last good build, so a page open in a browser reloads into it, and back), serves it for any other
page URL, and MkDocs' live reload swaps it for the real page once a save fixes the content.
A thin adapter over roadmapkit.errorpage. MkDocs loads a hook module once per process, so the
module-level state below lasts across rebuilds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from roadmap_content import PROBLEMS_KEY, SERVING_KEY
from roadmapkit import Problem
from roadmapkit.errorpage import error_page, serve_error_page_for_pages, site_page_exists
from roadmapkit.errors import format_problems

if TYPE_CHECKING:  # the live-reload server is only needed by `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.roadmap")


class _State:
    serving = False  # `mkdocs serve` (any build after on_serve: `serve --clean` starts as 'build')
    problems: list[Problem] = []  # noqa: RUF012 - of the latest build; empty when it was good
    pages: list[str] = []  # noqa: RUF012 - the page files (dest paths) of the latest good build


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _State.serving = command == "serve"


@event_priority(100)  # before roadmap_content's on_config reads the flag
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra[SERVING_KEY] = _State.serving
    return config


@event_priority(-100)  # after every other hook has added its files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Broken content: the site is the error page alone (theme assets and search add nothing),
    written at the front page and at every page of the last good build."""
    _State.problems = list(config.extra.get(PROBLEMS_KEY) or [])
    if not _State.problems:
        _State.pages = [f.dest_uri for f in files.documentation_pages()]
        return files
    log.info("The roadmap content has problems (the browser shows them):\n%s", format_problems(_State.problems))
    html = error_page(_State.problems, site_name=config.site_name)
    paths = dict.fromkeys(["index.html", *_State.pages])
    return Files([File.generated(config, path, content=html) for path in paths])


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    _State.serving = True
    exists = site_page_exists(server.root, server.mount_path)
    server.set_app(
        serve_error_page_for_pages(server.get_app(), server.mount_path, lambda: bool(_State.problems), exists)
    )
    return server

"""MkDocs hook: under `mkdocs serve`, broken content becomes an error page in the browser.

`mkdocs build` still fails (roadmap_content raises). Under `mkdocs serve`, roadmap_content records
the problems instead, this hook replaces the whole site with one error page (at every page of the
last good build, so a page open in a browser reloads into it, and back), serves it for any other
page URL, and MkDocs' live reload swaps it for the real page once a save fixes the content.

Under `mkdocs serve` no request can stop a rebuild or leave the browser waiting (MkDocs #2557, open
since 2021): MkDocs' dev server logs every answer that is not a 200 (the redirect from `/` to the
site's path, a 404) as a warning, and in strict mode a warning logged while a rebuild runs aborts it,
after which every request waits for a good build. Here the dev server's own request log is kept at
info level, and a rebuild that fails anyway (a strict-mode warning of a hand-written page, a plugin's
error) is answered with the error page, listing why, instead of leaving the server stuck.

A thin adapter over roadmapkit.errorpage. MkDocs loads a hook module once per process, so the
module-level state below lasts across rebuilds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

from roadmap_content import PROBLEMS_KEY, SERVING_KEY
from roadmapkit import Problem
from roadmapkit.errorpage import error_page, serve_error_page_for_pages, site_page_exists, write_error_site
from roadmapkit.errors import format_problems

if TYPE_CHECKING:  # the live-reload server is only needed by `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.roadmap")
SERVER_LOG = "mkdocs.livereload"  # MkDocs' dev server: its request log is not about the build


class _State:
    serving = False  # `mkdocs serve` (any build after on_serve: `serve --clean` starts as 'build')
    problems: list[Problem] = []  # noqa: RUF012 - of the latest build; empty when it was good
    pages: list[str] = []  # noqa: RUF012 - the page files (dest paths) of the latest good build
    site_name = ""  # of the latest build, for the page shown when a rebuild fails


class RequestLogAtInfo(logging.Filter):
    """The dev server's request log ("GET / code 302", "code 404") at info level, so strict mode
    never counts a request as a warning of the build it happens to overlap (MkDocs #2557)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno == logging.WARNING:
            record.levelno, record.levelname = logging.INFO, logging.getLevelName(logging.INFO)
        return True


class BuildWarnings(logging.Handler):
    """The warnings and errors MkDocs logs during one rebuild: what the error page lists if it fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(" ".join(record.getMessage().split()))


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
    _State.site_name = config.site_name
    if not _State.problems:
        _State.pages = [f.dest_uri for f in files.documentation_pages()]
        return files
    log.info("The roadmap content has problems (the browser shows them):\n%s", format_problems(_State.problems))
    html = error_page(_State.problems, site_name=config.site_name)
    paths = dict.fromkeys(["index.html", *_State.pages])
    return Files([File.generated(config, path, content=html) for path in paths])


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    _State.serving = True
    server_log = logging.getLogger(SERVER_LOG)
    if not any(isinstance(f, RequestLogAtInfo) for f in server_log.filters):
        server_log.addFilter(RequestLogAtInfo())
    server.builder = answered(server.builder, Path(server.root), Path(config.config_file_path).name)
    exists = site_page_exists(server.root, server.mount_path)
    server.set_app(
        serve_error_page_for_pages(server.get_app(), server.mount_path, lambda: bool(_State.problems), exists)
    )
    return server


def answered(builder: Callable[..., None], root: Path, config_name: str) -> Callable[..., None]:
    """A rebuild that never raises: MkDocs' dev server makes every request wait until a rebuild
    succeeds, so a failed one puts the error page, with the build's warnings, in the site instead."""

    def rebuild(*args: object, **kwargs: object) -> None:
        warnings = BuildWarnings()
        logging.getLogger("mkdocs").addHandler(warnings)
        try:
            builder(*args, **kwargs)
        except Exception as exc:  # any failure: the browser shows it, the server goes on
            reasons = [*warnings.messages, str(exc) or type(exc).__name__]
            log.error("The rebuild failed; the browser shows why until a save fixes it.")
            _State.problems = [Problem(config_name, 1, "(build)", reason) for reason in dict.fromkeys(reasons)]
            write_error_site(root, ["index.html", *_State.pages], error_page(_State.problems, _State.site_name))
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)

    return rebuild

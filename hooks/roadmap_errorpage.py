"""Adapter of hooks/roadmap.py: under `mkdocs serve`, broken content becomes an error page in the browser.

`mkdocs build` still fails (hooks/roadmap.py raises). Under `mkdocs serve` it keeps the problems
instead, and the site is replaced with one error page (at every page of the
last good build, so a page open in a browser reloads into it, and back), serves it for any other
page URL, and MkDocs' live reload swaps it for the real page once a save fixes the content.

Under `mkdocs serve` no request can stop a rebuild or leave the browser waiting (MkDocs #2557, open
since 2021): MkDocs' dev server logs every answer that is not a 200 (the redirect from `/` to the
site's path, a 404) as a warning, and in strict mode a warning logged while a rebuild runs aborts it,
after which every request waits for a good build. Here the dev server's own request log is kept at
info level, and a rebuild that fails anyway (a strict-mode warning of a hand-written page, a plugin's
error) is answered with the error page, listing why, instead of leaving the server stuck.

A thin adapter over roadmapkit.errorpage. Not a hook itself: hooks/roadmap.py calls these functions
and keeps the one ErrorSite record, which lasts across rebuilds.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.structure.files import File, Files

from roadmapkit import Problem
from roadmapkit.errorpage import error_page, serve_error_page_for_pages, site_page_exists, write_error_site
from roadmapkit.errors import format_problems

if TYPE_CHECKING:  # MkDocs' types, for the annotations only
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.roadmap")
SERVER_LOG = "mkdocs.livereload"  # MkDocs' dev server: its request log is not about the build


@dataclass
class ErrorSite:
    """What the browser is shown under `mkdocs serve`, kept from one rebuild to the next."""

    problems: list[Problem] = field(default_factory=list)  # of the latest build; empty when it was good
    pages: list[str] = field(default_factory=list)  # the page files (dest paths) of the latest good build
    site_name: str = ""  # of the latest build, for the page shown when a rebuild fails

    def paths(self) -> list[str]:
        """Where the error page goes: the front page and every page of the last good build."""
        return list(dict.fromkeys(["index.html", *self.pages]))


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


def site_files(files: Files, config: MkDocsConfig, problems: list[Problem], shown: ErrorSite) -> Files:
    """Broken content: the site is the error page alone (theme assets and search add nothing),
    written at the front page and at every page of the last good build."""
    shown.problems = list(problems)
    shown.site_name = config.site_name
    if not shown.problems:
        shown.pages = [f.dest_uri for f in files.documentation_pages()]
        return files
    log.info("The roadmap content has problems (the browser shows them):\n%s", format_problems(shown.problems))
    html = error_page(shown.problems, site_name=config.site_name)
    return Files([File.generated(config, path, content=html) for path in shown.paths()])


def answer_every_request(server: LiveReloadServer, config: MkDocsConfig, shown: ErrorSite) -> None:
    """The dev server's request log at info level; a failed rebuild answered with the error page;
    while the site is broken, every page URL answered with the error page."""
    server_log = logging.getLogger(SERVER_LOG)
    if not any(isinstance(f, RequestLogAtInfo) for f in server_log.filters):
        server_log.addFilter(RequestLogAtInfo())
    server.builder = answered(server.builder, Path(server.root), Path(config.config_file_path).name, shown)
    exists = site_page_exists(server.root, server.mount_path)

    def broken() -> bool:  # asked at each request
        return bool(shown.problems)

    app = server.get_app()
    assert app is not None  # LiveReloadServer sets its own app when it is made
    server.set_app(serve_error_page_for_pages(app, server.mount_path, broken, exists))


def answered(builder: Callable[..., None], root: Path, config_name: str, shown: ErrorSite) -> Callable[..., None]:
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
            shown.problems = [Problem(config_name, 1, "(build)", reason) for reason in dict.fromkeys(reasons)]
            write_error_site(root, shown.paths(), error_page(shown.problems, shown.site_name))
        finally:
            logging.getLogger("mkdocs").removeHandler(warnings)

    return rebuild

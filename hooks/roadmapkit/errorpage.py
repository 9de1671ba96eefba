"""The page `mkdocs serve` shows while the content is broken, and the WSGI wrapper that serves it
for every page URL. Plain functions: nothing here knows MkDocs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .errors import Problem, format_problems

TEMPLATES = Path(__file__).parent / "templates"
WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def error_page(problems: list[Problem], site_name: str) -> str:
    """A whole HTML document listing every problem as text (autoescaped: messages quote contributors)."""
    lines = format_problems(problems).splitlines()
    template = _environment().get_template("errorpage.html.j2")
    return template.render(site_name=site_name, problems=lines[:-1], summary=lines[-1])


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
    )


def is_page_path(path: str, mount_path: str) -> bool:
    """A URL path of an HTML page under the site (not an asset, not the live-reload poll)."""
    if not path.startswith(mount_path) or path.startswith("/livereload/"):
        return False
    last = path.rsplit("/", 1)[-1]
    return "." not in last or last.endswith(".html")


def serve_error_page_for_pages(app: WsgiApp, mount_path: str, broken: Callable[[], bool]) -> WsgiApp:
    """While `broken()`, every page request gets the site's front page (the error page) instead."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if broken() and is_page_path(environ.get("PATH_INFO", ""), mount_path):
            environ = {**environ, "PATH_INFO": mount_path}
        return app(environ, start_response)

    return wrapped

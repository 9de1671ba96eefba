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


def serve_error_page_for_pages(
    app: WsgiApp, mount_path: str, broken: Callable[[], bool], exists: Callable[[str], bool] = lambda path: False
) -> WsgiApp:
    """While `broken()`, a page request for a page the site does not have gets the site's front
    page (the error page) instead. The error build writes the error page at every page of the last
    good build, so a page it has is served as it is: a request that arrives while a rebuild is under
    way then gets the finished rebuild's page, whichever way the content went."""

    def wrapped(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if broken() and is_page_path(path, mount_path) and not exists(path):
            environ = {**environ, "PATH_INFO": mount_path}
        return app(environ, start_response)

    return wrapped


def site_page_exists(root: str, mount_path: str) -> Callable[[str], bool]:
    """Whether the site folder `root` has the page for a URL path (a folder's index.html included)."""

    def exists(path: str) -> bool:
        if not path.startswith(mount_path):
            return False
        rel = path[len(mount_path) :]
        if not rel or rel.endswith("/"):
            rel += "index.html"
        elif "." not in rel.rsplit("/", 1)[-1]:
            rel += "/index.html"
        try:
            target = (Path(root) / rel).resolve()
            return target.is_relative_to(Path(root).resolve()) and target.is_file()
        except (OSError, ValueError):  # a name too long for the file system, a NUL: no such page
            return False

    return exists


def write_error_site(root: Path, pages: list[str], html: str) -> None:
    """Write the error page at each of `pages` (paths relative to the site folder `root`), never
    outside it."""
    base = root.resolve()
    for page in pages:
        target = (base / page).resolve()
        if target.is_relative_to(base):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, "utf-8")

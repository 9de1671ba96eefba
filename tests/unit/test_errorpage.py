"""The serve-mode error page and the WSGI wrapper that shows it for every page URL."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import html5lib

from roadmapkit import Problem
from roadmapkit.errorpage import error_page, is_page_path, serve_error_page_for_pages

HOSTILE = Problem("content/phases/a.yml", 7, "modules[0].<b>x</b>", "unknown key '<script>alert(1)</script>'")


def test_error_page_lists_each_problem_as_text_with_file_and_line() -> None:
    other = Problem("content/tracks/t.yml", 2, "", "not a mapping")
    doc = html5lib.parse(error_page([other, HOSTILE], "Site & co"), namespaceHTMLElements=False)
    items = ["".join(li.itertext()) for li in doc.iter("li")]
    assert items == [str(HOSTILE), str(other)]
    assert not list(doc.iter("script")) and not list(doc.iter("b"))
    assert "".join(doc.find(".//title").itertext()) == "Content problems · Site & co"


def test_only_page_urls_under_the_site_count_as_pages() -> None:
    pages = ("/roadmap/", "/roadmap/phases/a/", "/roadmap/phases/a", "/roadmap/404.html")
    others = ("/roadmap/assets/x.css", "/roadmap/roadmap.json", "/livereload/1/2", "/elsewhere/")
    assert all(is_page_path(p, "/roadmap/") for p in pages)
    assert not any(is_page_path(p, "/roadmap/") for p in others)


def _echo(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    return [environ["PATH_INFO"].encode()]


def test_page_requests_get_the_front_page_only_while_broken() -> None:
    broken = [True]
    app = serve_error_page_for_pages(_echo, "/roadmap/", lambda: broken[0])
    assert app({"PATH_INFO": "/roadmap/phases/a/"}, print) == [b"/roadmap/"]
    assert app({"PATH_INFO": "/roadmap/assets/x.css"}, print) == [b"/roadmap/assets/x.css"]
    broken[0] = False
    assert app({"PATH_INFO": "/roadmap/phases/a/"}, print) == [b"/roadmap/phases/a/"]

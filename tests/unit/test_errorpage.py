"""The serve-mode error page and the WSGI wrapper that shows it for every page URL."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import html5lib

from roadmapkit import Problem
from roadmapkit.errorpage import error_page, is_page_path, serve_error_page_for_pages, site_page_exists
from sitebuild import FIXTURES, copy_project, run_python

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


def test_a_page_the_site_has_is_served_as_it_is_even_while_broken() -> None:
    """The error build writes the error page at every known page: those are served from the site
    (after MkDocs waits for a rebuild under way), so a request during a rebuild gets its result."""
    app = serve_error_page_for_pages(_echo, "/roadmap/", lambda: True, lambda path: path == "/roadmap/phases/a/")
    assert app({"PATH_INFO": "/roadmap/phases/a/"}, print) == [b"/roadmap/phases/a/"]
    assert app({"PATH_INFO": "/roadmap/phases/new/"}, print) == [b"/roadmap/"]


def test_site_page_exists_maps_urls_to_files_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "phases" / "a").mkdir(parents=True)
    (site / "index.html").write_text("x")
    (site / "phases" / "a" / "index.html").write_text("x")
    (site / "404.html").write_text("x")
    (tmp_path / "secret.html").write_text("x")
    exists = site_page_exists(str(site), "/roadmap/")
    assert all(map(exists, ["/roadmap/", "/roadmap/phases/a/", "/roadmap/phases/a", "/roadmap/404.html"]))
    assert not any(map(exists, ["/roadmap/phases/b/", "/roadmap/phases/", "/roadmap/../secret.html", "/other/"]))
    assert not exists("/roadmap/" + "a" * 300) and not exists("/roadmap/a\0b")  # no page, not a 500 (review)


ERROR_BUILD = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project = Path(sys.argv[1])
for n, site in enumerate(sys.argv[2:]):
    if n == 1:
        phase = sorted((project / "content" / "phases").glob("*.yml"))[0]
        phase.write_text(phase.read_text("utf-8") + "not_a_key: 1\\n", "utf-8")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    if n == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
"""


def test_the_error_build_puts_the_error_page_at_every_page_of_the_last_good_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", FIXTURES / "mini")
    good, broken = tmp_path / "good", tmp_path / "broken"
    run = run_python(project, ERROR_BUILD, project, good, broken)
    assert run.returncode == 0, run.stderr
    pages = sorted(p.relative_to(good).as_posix() for p in good.rglob("*.html") if p.name != "404.html")
    assert "phases/basics/index.html" in pages and "index.html" in pages
    assert sorted(p.relative_to(broken).as_posix() for p in broken.rglob("index.html")) == pages
    for page in pages:
        assert "not_a_key" in (broken / page).read_text("utf-8"), page
    # called what content/roadmap.yml calls the roadmap (its title, escaped), not the engine's placeholder
    assert "<title>Content problems · Mini Roadmap</title>" in (broken / "index.html").read_text("utf-8")


SERVE_BUILD = """
import sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

config = load_config(config_file=str(Path(sys.argv[1]) / "mkdocs.yml"), site_dir=sys.argv[2])
config.plugins.on_startup(command="serve", dirty=False)
build(config)
"""


def test_a_file_name_that_is_not_utf8_is_listed_on_the_error_page(tmp_path: Path) -> None:
    """git stores a file name as raw bytes: `mkdocs serve` lists it like any other problem (issue 22)."""
    project = copy_project(tmp_path / "project", FIXTURES / "mini")
    pages = os.fsencode(project / "content" / "pages")
    for name in (b"caf\xe9.md", b"\xff\xfe.yml"):
        with open(os.path.join(pages, name), "wb") as file:
            file.write(b"# x\n")
    site = tmp_path / "site"
    run = run_python(project, SERVE_BUILD, project, site)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    doc = html5lib.parse((site / "index.html").read_text("utf-8"), namespaceHTMLElements=False)
    items = ["".join(li.itertext()) for li in doc.iter("li")]
    assert any(item.startswith("content/pages/caf\\xe9.md:1: ") for item in items), items
    assert any(item.startswith("content/pages/\\xff\\xfe.yml:1: ") for item in items), items

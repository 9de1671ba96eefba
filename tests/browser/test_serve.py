"""`mkdocs serve` on broken content answers every page at once with the problems, escaped,
and the open page reloads by itself between the error page and the real site."""

from __future__ import annotations

import urllib.request
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import html5lib
import pytest
from playwright.sync_api import Browser, Page

from sitebuild import FIXTURES, copy_project, mkdocs_serve

BROKEN = 'id: p2\ntitle: P2\ngoal: g\nduration: 1 week\nmodules:\n  - id: m2\n    "<script>x</script>": M2\n'
FIXED = "id: p2\ntitle: P2\ngoal: g\nduration: 1 week\nmodules:\n  - id: m2\n    title: M2\n    topics:\n"
FIXED += "      - id: p2-topic\n        title: A topic\n"
PROBLEM = "content/phases/02-broken.yml:7: modules[0].<script>x</script>: unknown key '<script>x</script>'"
ERROR_PAGE = "#rm-content-problems"
REAL_PAGE = "html[data-rm-ready]"  # the roadmap script ran on a real page of the site


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project", content=FIXTURES / "mini")


@pytest.fixture
def broken_file(project: Path) -> Path:
    return project / "content" / "phases" / "02-broken.yml"


@pytest.fixture
def serve() -> Iterator[Callable[[Path], str]]:
    """Start `mkdocs serve` on a project (when the test is ready); stopped after the test's pages."""
    with ExitStack() as stack:
        yield lambda project: stack.enter_context(mkdocs_serve(project))


@pytest.fixture
def page(browser: Browser, console, serve: Callable[[Path], str]) -> Iterator[Page]:
    """A page on a fresh context that fails the test on any console error; closed before the server stops."""
    ctx = browser.new_context()
    ctx.set_default_timeout(30_000)  # a rebuild waits for MkDocs' file polling, on a shared machine
    ctx.on("page", console.watch)
    yield ctx.new_page()
    ctx.close()
    assert console.errors == [], f"console errors: {console.errors}"


def _get(url: str) -> tuple[int, str]:
    """GET with a deadline: a request that hangs on broken content fails here."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read().decode("utf-8")


def _problem_lines(html: str) -> list[str]:
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    return ["".join(li.itertext()) for li in doc.iter("li")]


def _scripts(html: str) -> list[str]:
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    return ["".join(s.itertext()) for s in doc.iter("script")]


def test_broken_content_answers_every_page_with_the_problems(
    project: Path, broken_file: Path, serve: Callable[[Path], str]
) -> None:
    broken_file.write_text(BROKEN, "utf-8")
    url = serve(project)
    origin = url.split("/roadmap/")[0]
    for address in (f"{origin}/", f"{url}phases/basics/", f"{url}phases/p2/"):
        status, html = _get(address)
        assert status in (200, 500), address
        lines = _problem_lines(html)
        assert any(line.startswith(PROBLEM) for line in lines), (address, lines)


def test_contributor_text_in_a_problem_stays_text(
    project: Path, broken_file: Path, serve: Callable[[Path], str]
) -> None:
    broken_file.write_text(BROKEN, "utf-8")
    url = serve(project)
    _, html = _get(url)
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert "x" not in _scripts(html)  # the only script is MkDocs' live reload


def test_error_page_reloads_into_the_site_once_the_content_is_fixed(
    project: Path, broken_file: Path, serve: Callable[[Path], str], page: Page
) -> None:
    broken_file.write_text(BROKEN, "utf-8")
    url = serve(project)
    page.goto(f"{url}phases/p2/")
    page.wait_for_selector(ERROR_PAGE)
    assert PROBLEM in page.inner_text(ERROR_PAGE)
    broken_file.write_text(FIXED, "utf-8")
    page.wait_for_selector(REAL_PAGE)
    assert page.locator('input[data-roadmap-id="p2-topic"]').count() == 1


def test_open_page_reloads_into_the_error_page_when_the_content_breaks(
    project: Path, broken_file: Path, serve: Callable[[Path], str], page: Page
) -> None:
    url = serve(project)
    page.goto(f"{url}phases/basics/")
    page.wait_for_selector(REAL_PAGE)
    broken_file.write_text(BROKEN, "utf-8")
    page.wait_for_selector(ERROR_PAGE)
    assert PROBLEM in page.inner_text(ERROR_PAGE)
    assert page.url == f"{url}phases/basics/"

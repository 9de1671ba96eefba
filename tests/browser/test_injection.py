"""A site built from content whose every text field is markup (tests/hostile.py) runs no script
and shows no injected element or attribute in Chromium: not on any page, not in search results."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from browserkit import open_page
from hostile import HOSTILE_URL, copy_hostile_project
from sitebuild import mkdocs_build

CHECK = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  elements: document.querySelectorAll('x-pwn, [data-pwn], img[src="x"]').length
    + [...document.querySelectorAll('style')].filter(s => s.textContent.includes('pwn')).length,
  handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(
    a => a.name.startsWith('on') || /^(javascript|data):/i.test(a.value.trim()))).length,
  title: document.title,
})"""


@pytest.fixture(scope="module")
def hostile_url(www: Path, server: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The hostile site built for, and served at, <server>/hostile/."""
    url = f"{server}/hostile/"
    project = copy_hostile_project(tmp_path_factory.mktemp("hostile-project"))
    result = mkdocs_build(project, www / "hostile", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    return url


def test_hostile_text_stays_text_in_chromium(page: Page, hostile_url: str, www: Path) -> None:
    pages = sorted(p.relative_to(www / "hostile").as_posix() for p in (www / "hostile").rglob("*.html"))
    assert len(pages) >= 9
    for rel in pages:
        url = hostile_url + rel.removesuffix("index.html")
        if rel == "404.html":
            page.goto(url)
        else:
            open_page(page, url)
        found = page.evaluate(CHECK)
        assert found["pwned"] is None and found["elements"] == 0 and found["handlers"] == 0, (rel, found)
    open_page(page, hostile_url + "phases/basics/")
    assert page.evaluate(CHECK)["title"].startswith("f1</title></script>"), "the tab shows the title as text"
    assert page.locator("h1").first.inner_text().startswith("f1</title>")
    assert page.locator(f'.rm-resource a[href="{HOSTILE_URL}"]').count() >= 1, "the url reaches the link intact"


def test_hostile_titles_stay_text_in_search_results(page: Page, hostile_url: str) -> None:
    open_page(page, hostile_url + "phases/basics/")
    page.keyboard.press("/")
    page.keyboard.type("hand-written")
    page.wait_for_selector(".md-search-result__item")
    found = page.evaluate(CHECK)
    assert found["pwned"] is None and found["elements"] == 0 and found["handlers"] == 0, found
    assert "x-pwn" in page.locator(".md-search-result").inner_text()

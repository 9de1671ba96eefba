"""A site built from content full of injection attempts runs no script and has no injected markup."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser

from browserkit import ready
from sitebuild import FIXTURES, copy_project, mkdocs_build

CHECK = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  scripts: [...document.scripts].filter(s => s.textContent.includes('__pwned')).length,
  imgs: document.querySelectorAll('img[src="x"], iframe[src], svg[onload]').length
    + [...document.querySelectorAll('style')].filter(s => s.textContent.includes('display:none}')).length,
  handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(
    a => a.name.startsWith('on') || /^(javascript|data):/i.test(a.value.trim()))).length,
  visibleText: document.body.innerText.includes("<script>window.__pwned"),
})"""


def test_injected_markup_stays_text(browser: Browser, tmp_path: Path, console) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "hostile")
    site = tmp_path / "site"
    result = mkdocs_build(project, site, SITE_URL="")
    assert result.returncode == 0, result.stderr
    ctx = browser.new_context()
    ctx.route(
        "**/*",
        lambda route, request: (
            route.continue_()
            if request.url.startswith("file:")
            else (console.external.append(request.url), route.abort())
        ),
    )
    ctx.on("page", console.watch)
    page = ctx.new_page()
    try:
        for rel in (
            "index.html",
            "phases/hostile/index.html",
            "tracks/hostile-track/index.html",
            "resources/index.html",
            "progress/index.html",
            "tracks/index.html",
            "map/index.html",
        ):
            page.goto((site / rel).as_uri())
            ready(page)
            found = page.evaluate(CHECK)
            assert found["pwned"] is None and found["scripts"] == 0, (rel, found)
            assert found["imgs"] == 0 and found["handlers"] == 0, (rel, found)
        page.goto((site / "phases/hostile/index.html").as_uri())
        ready(page)
        assert page.evaluate(CHECK)["visibleText"], "the title should show as text"
        link = page.locator(".rm-resource a").first.get_attribute("href")
        assert link == "https://example.invalid/path?a=1&b='x'"
    finally:
        ctx.close()
    assert console.errors == []

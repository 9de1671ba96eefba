"""The site makes no request outside itself, and works opened from disk (file://)."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Browser, Page

from browserkit import ready
from roadmapkit.model import Roadmap
from sitebuild import mkdocs_build


def test_every_page_loads_with_nothing_requested_outside_the_site(
    page: Page, site: str, www: Path, console, roadmap: Roadmap
) -> None:
    pages = sorted(p.parent.relative_to(www / "ml").as_posix() for p in (www / "ml").rglob("index.html"))
    assert len(pages) > len(roadmap.phases) + len(roadmap.tracks)
    for rel in pages:
        page.goto(site + ("" if rel == "." else rel + "/"))
        ready(page)
    assert console.external == []


def test_offline_build_works_from_disk_with_search(
    browser: Browser, tmp_path: Path, console, roadmap: Roadmap, project: Path
) -> None:
    item = roadmap.phases[0].items[0]
    word = max(re.findall(r"[A-Za-z]{4,}", item.title), key=len).lower()  # a word search must find
    site = tmp_path / "offline"
    result = mkdocs_build(project, site, OFFLINE="true")  # the project the `roadmap` fixture is of
    assert result.returncode == 0, result.stderr
    ctx = browser.new_context()
    requested: list[str] = []
    ctx.route(
        "**/*",
        lambda route, request: (
            (requested.append(request.url), route.continue_())
            if request.url.startswith("file://")
            else (console.external.append(request.url), route.abort())
        ),
    )
    ctx.on("page", console.watch)
    try:
        page = ctx.new_page()
        page.goto((site / "index.html").as_uri())
        ready(page)
        page.select_option("[data-rm-next-track]", index=1)  # the learner chooses a track
        assert page.locator("[data-rm-next-list] input").count() >= 1  # plan data from a script file
        page.goto((site / "phases" / f"{item.phase_id}.html").as_uri())
        ready(page)
        box = page.locator(f'input[data-roadmap-id="{item.id}"]').first
        box.check()
        page.reload()
        ready(page)
        assert box.is_checked()
        page.locator("input.md-search__input").click()
        page.keyboard.type(word)
        page.wait_for_selector(".md-search-result__item")
        assert page.locator(".md-search-result__item").count() > 0
    finally:
        ctx.close()
    assert console.external == [] and console.errors == []


def test_search_shim_is_only_in_the_offline_build(site: str, www: Path, tmp_path: Path, project: Path) -> None:
    """iframe-worker is for search on file:// only: online it would block rendering."""
    assert "iframe-worker" not in (www / "ml" / "index.html").read_text("utf-8")
    offline = tmp_path / "offline"
    result = mkdocs_build(project, offline, OFFLINE="true")
    assert result.returncode == 0, result.stderr
    assert "iframe-worker/shim.js" in (offline / "index.html").read_text("utf-8")

"""Material's search over the roadmap: a module's page ranks above a track step that names it, other
names given in `keywords` are found, snippets hold words rather than counts or controls, and a
highlighted word leaves an item's label in one piece."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browserkit import open_page
from roadmapkit import load_roadmap
from roadmapkit.model import Roadmap
from sitebuild import FIXTURES, copy_project, mkdocs_build


@pytest.fixture(scope="module")
def mini() -> Roadmap:
    return load_roadmap(FIXTURES / "mini", FIXTURES)


@pytest.fixture(scope="module")
def mini_site(server: str, www: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The mini fixture roadmap built as a site of its own."""
    url = f"{server}/search-mini/"
    project = tmp_path_factory.mktemp("search-project")
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project, content=FIXTURES / "mini")
    result = mkdocs_build(project, www / "search-mini", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    return url


def index(www: Path) -> list[dict]:
    return json.loads((www / "search-mini" / "search" / "search_index.json").read_text("utf-8"))["docs"]


def search(page: Page, site: str, query: str) -> list[str]:
    """The results Material's search lists for a query, best first, as site paths with their anchor."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, site)
    page.locator(".md-search__input").click()
    page.keyboard.type(query)
    links = page.locator(".md-search-result__item > a.md-search-result__link")
    links.first.wait_for()
    hrefs = [links.nth(n).get_attribute("href") for n in range(links.count())]
    return [re.sub(r"\?h=[^#]*", "", h.removeprefix(site)) for h in hrefs]


def test_snippets_hold_no_counts_links_or_prerequisite_lines(mini_site: str, www: Path, mini: Roadmap) -> None:
    phase = next(e for e in index(www) if e["location"].startswith(f"phases/{mini.phases[0].id}/#"))
    texts = " ".join(e["text"] for e in index(www))
    assert phase["text"] and "0 / " not in texts and " # " not in texts and "Comes after" not in texts
    assert all(e.get("boost", 1) > 1 for e in index(www) if e["location"].startswith("phases/"))
    assert all(
        e.get("boost", 1) < 1 for e in index(www) if e["location"].startswith("tracks/") and "/" in e["location"][7:-1]
    )


def test_a_module_ranks_above_the_track_step_that_names_it(page: Page, mini_site: str, mini: Roadmap) -> None:
    module = next(m for m in mini.phases[0].modules if any(m.title in b.title for t in mini.tracks for b in t.blocks))
    results = search(page, mini_site, module.title)
    here = f"phases/{mini.phases[0].id}/"
    assert results[0] == here and f"{here}#{module.id}" in results, results
    steps = [n for n, r in enumerate(results) if r.startswith("tracks/")]
    assert steps and results.index(f"{here}#{module.id}") < steps[0], results


def test_keywords_find_their_module_or_item(page: Page, mini_site: str, mini: Roadmap) -> None:
    named = [e for m in mini.phases[0].modules for e in (m, *m.items) if e.keywords]
    assert named
    for entry in named:
        results = search(page, mini_site, entry.keywords[0])
        module = (
            entry if entry in mini.phases[0].modules else next(m for m in mini.phases[0].modules if entry in m.items)
        )
        assert any(r.endswith(f"#{module.id}") for r in results), (entry.keywords, results)


def test_a_highlighted_word_leaves_the_label_in_one_piece(page: Page, mini_site: str, mini: Roadmap) -> None:
    item = mini.phases[0].modules[0].items[0]
    word = re.findall(r"[A-Za-z]{3,}", item.title)[0]
    open_page(page, f"{mini_site}phases/{mini.phases[0].id}/?h={word}")
    label = page.locator(f'.rm-check:has(> input[data-roadmap-id="{item.id}"])').first
    page.locator(".rm-check mark").first.wait_for()
    assert label.evaluate("l => [...l.children].map(c => c.tagName)") == ["INPUT", "SPAN"]
    assert label.evaluate("l => [...l.childNodes].filter(n => n.nodeType === 3 && n.data.trim()).length") == 0

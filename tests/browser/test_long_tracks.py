"""A track longer than model.FOLD_ENTRIES folds each group of blocks, the first open: the browser
styles and lays out only what is open. The learner's current part opens by itself, a link into a
folded part opens it, print shows every part, and the table of contents lists the parts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import axe_violations, open_as
from test_learner_tools import put_state

from browserkit import instant_navigation, open_page
from sitebuild import copy_project, long_track_content, mkdocs_build


@pytest.fixture(scope="module")
def long_site(server: str, www: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"{server}/long/"
    content = long_track_content(tmp_path_factory.mktemp("long-content"))
    project = copy_project(tmp_path_factory.mktemp("long"), content=content)
    result = mkdocs_build(project, www / "long", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    return url + "tracks/long/"


def parts_open(page: Page) -> list[bool]:
    return page.eval_on_selector_all("details.rm-part", "ds => ds.map(d => d.open)")


def test_only_the_first_part_is_open_and_the_rest_is_not_rendered(page: Page, long_site: str) -> None:
    open_page(page, long_site)
    assert parts_open(page) == [True, False, False]
    expect(page.locator("input[data-roadmap-id=t001]")).to_be_visible()
    expect(page.locator("input[data-roadmap-id=t053]")).to_be_hidden()  # part 2
    expect(page.locator("input[data-roadmap-id=t157]")).to_be_visible()  # the ungrouped block is never folded
    # The part's own progress bar sits outside it, so a folded part still shows how far along it is.
    bar = page.get_by_role("progressbar", name="Progress in Part 2")
    expect(bar).to_have_attribute("aria-valuetext", "0 of 52 done")
    page.locator("details.rm-part").nth(1).locator("summary").click()
    page.locator("input[data-roadmap-id=t053]").check()
    expect(bar).to_have_attribute("aria-valuetext", "1 of 52 done")


def test_the_part_the_learner_is_in_opens(page: Page, long_site: str) -> None:
    open_page(page, long_site)
    done = {f"t{n:03}": 1 for n in range(1, 53)}  # all of part 1: part 2 is next
    put_state(page, {"version": 1, "items": done, "notes": {}})
    assert parts_open(page) == [True, True, False]
    expect(page.locator("input[data-roadmap-id=t053]")).to_be_visible()
    expect(page.locator("input[data-roadmap-id=t053]")).not_to_be_checked()
    # A box skipped in part 1 and the furthest tick in the middle of part 3: part 3 is where they are.
    put_state(page, {"version": 1, "items": {"t001": 1, "t110": 1}, "notes": {}})
    assert parts_open(page) == [True, False, True]
    # Ticks outside the folded parts (the ungrouped block) do not open a part.
    put_state(page, {"version": 1, "items": {"t160": 1}, "notes": {}})
    assert parts_open(page) == [True, False, False]


def test_the_part_opens_after_instant_navigation_too(page: Page, long_site: str) -> None:
    home = long_site.removesuffix("tracks/long/")
    open_page(page, home)
    with instant_navigation(page):
        put_state(page, {"version": 1, "items": {"t110": 1}, "notes": {}})  # mid part 3 (put_state reloads)
    page.evaluate("window.__marker = 1")  # survives only if navigation is instant (no full reload)
    page.locator("a.rm-card__title", has_text="Long track").click()
    page.wait_for_url("**/tracks/long/")
    page.wait_for_function("document.querySelectorAll('details.rm-part')[2]?.open === true")
    assert parts_open(page) == [True, False, True]
    assert page.evaluate("window.__marker") == 1


def test_a_link_into_a_folded_part_opens_it(page: Page, long_site: str) -> None:
    open_page(page, long_site + "#block-5")  # part 3, step 1
    heading = page.locator("h3#block-5")
    expect(heading).to_be_in_viewport()
    assert parts_open(page) == [True, False, True]
    expect(page.locator("input[data-roadmap-id=t105]")).to_be_visible()


def test_print_shows_every_part(page: Page, long_site: str) -> None:
    open_page(page, long_site)
    page.emulate_media(media="print")
    expect(page.locator("input[data-roadmap-id=t160]")).to_be_visible()
    expect(page.locator("input[data-roadmap-id=t053]")).to_be_visible()
    expect(page.locator("input[data-roadmap-id=t105]")).to_be_visible()


def test_the_table_of_contents_lists_the_parts_not_every_step(page: Page, long_site: str) -> None:
    open_page(page, long_site)
    toc = page.locator(".md-sidebar--secondary .md-nav--secondary a.md-nav__link")
    titles = [t.strip() for t in toc.all_inner_texts()]
    assert titles == ["Part 1", "Part 2", "Part 3", "Afterwards"]
    # Each step keeps its heading, its anchor and its permanent link.
    assert page.locator("details.rm-part h3[id^=block-] > a.headerlink").count() == 6


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_folded_parts_have_no_axe_violations(page: Page, long_site: str, scheme: str, width: int) -> None:
    open_as(page, long_site, width, scheme)
    assert axe_violations(page) == []


def test_skip_links_reach_the_next_unticked_item_and_the_next_step_in_folded_parts(page: Page, long_site: str) -> None:
    open_page(page, long_site)
    page.locator("input[data-roadmap-id=t001]").check()
    skips = page.locator("#block-1 + .rm-block .rm-skips a")
    skips.first.focus()
    expect(skips.first).to_be_visible()  # shown once the keyboard reaches it
    page.keyboard.press("Enter")
    expect(page.locator("input[data-roadmap-id=t002]")).to_be_focused()
    expect(skips.last).to_have_attribute("href", re.compile("#block-2$"))
    # The last step of the open part: its next step is in part 2, folded, which opens.
    onward = page.locator("#block-2 + .rm-block .rm-skips a").last
    onward.focus()
    page.keyboard.press("Enter")
    assert parts_open(page)[:2] == [True, True]
    expect(page.locator("#block-3")).to_be_in_viewport()
    # With the rest of part 1 ticked, the next unticked item is the first of part 2, folded again.
    put_state(page, {"version": 1, "items": {f"t{n:03}": 1 for n in range(1, 53)}, "notes": {}})
    page.locator("details.rm-part").nth(1).evaluate("d => { d.open = false; }")
    page.locator("#block-2 + .rm-block .rm-skips a").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("input[data-roadmap-id=t053]")).to_be_focused()
    assert parts_open(page)[1] is True

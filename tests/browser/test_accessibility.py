"""axe-core (target-size included) finds no violation, on desktop and phone, light and dark."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page

from browserkit import open_page
from roadmapkit.model import Roadmap, Track

AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
# After a scroll, Material's header swaps its title with a fade on the next frame: wait for that
# frame, then for every finite transition or animation to end, so axe never reads a half-faded text.
SETTLED = """new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))).then(() =>
  Promise.all(document.getAnimations()
    .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
    .map(a => a.finished.catch(() => null))))"""
PAGES = ["", "map/", "phases/{phase}/", "tracks/{track}/", "tracks/", "progress/", "resources/", "about/"]


def axe_violations(page: Page) -> list[str]:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run `npm ci --prefix tests/browser` (scripts/test does it for you).")
    page.add_script_tag(path=str(AXE))
    page.evaluate(SETTLED)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} - {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
    ]


def _urls(site: str, roadmap_ids: tuple[str, str]) -> list[str]:
    phase, track = roadmap_ids
    return [site + p.format(phase=phase, track=track) for p in PAGES]


@pytest.fixture(scope="module")
def roadmap_ids(roadmap: Roadmap) -> tuple[str, str]:
    largest = max(roadmap.tracks, key=lambda t: len(t.item_ids))  # its wide table must scroll from the keyboard
    return roadmap.phases[0].id, largest.id


def open_as(page: Page, url: str, width: int, scheme: str) -> None:
    """Open a page at a width in a colour scheme, and check Material's palette followed the scheme."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    open_page(page, url)
    palette = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert palette == ("slate" if scheme == "dark" else "default"), url


# Every page is checked light and dark, at a phone's width and a laptop's; the header, navigation
# and drawer every page shares are checked in all four. Half the pages take light at 1280 px and dark
# at 375 px, the other half the other two: every colour and every layout, at half the runs.
HALVES = {("light", 1280): 0, ("dark", 375): 0, ("dark", 1280): 1, ("light", 375): 1}


@pytest.mark.parametrize(("scheme", "width"), list(HALVES))
def test_pages_have_no_axe_violations(
    page: Page, site: str, scheme: str, width: int, roadmap_ids: tuple[str, str]
) -> None:
    for url in _urls(site, roadmap_ids)[HALVES[scheme, width] :: 2]:
        open_as(page, url, width, scheme)
        assert axe_violations(page) == [], url


def test_the_halves_check_every_page_light_dark_narrow_and_wide() -> None:
    for index in range(len(PAGES)):
        combos = [combo for combo, half in HALVES.items() if index % 2 == half]
        assert {s for s, _ in combos} == {"light", "dark"} and {w for _, w in combos} == {375, 1280}


@pytest.mark.parametrize(("scheme", "width"), list(HALVES))
def test_the_note_button_and_its_editor_have_no_axe_violations(
    page: Page, site: str, scheme: str, width: int, roadmap_ids: tuple[str, str]
) -> None:
    """On a phase and a track page: the page's note button brought into a row, then its editor open.
    The phase page is checked in one half of the colour and width pairs, the track page in the other."""
    for url in _urls(site, roadmap_ids)[2:4][HALVES[scheme, width] :: 2]:
        open_as(page, url, width, scheme)
        rows = page.locator('li.rm-row:has(> .rm-check > input:not([data-roadmap-id*="@"]))')
        rows.nth(1).hover(position={"x": 1, "y": 1})  # on the row itself: a hovered link takes the accent colour
        assert rows.nth(1).locator("> .rm-note-btn").is_visible()
        assert axe_violations(page) == [], url
        rows.nth(2).locator("input").focus()
        page.keyboard.press("n")  # the note of the focused checkbox
        assert rows.nth(2).locator("> .rm-note-edit textarea").is_visible()
        page.evaluate("scrollTo(0, 0)")  # as on load: nothing under Material's fixed header
        page.mouse.move(1, 400)  # and the pointer over no link
        assert axe_violations(page) == [], url


def test_phone_viewport_has_no_sideways_scroll_and_boxes_work(
    new_context, site: str, roadmap_ids: tuple[str, str]
) -> None:
    page = new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True).new_page()
    open_page(page, f"{site}phases/{roadmap_ids[0]}/")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    first = page.locator("input[data-roadmap-id]").first
    first.tap()
    assert first.is_checked()
    assert axe_violations(page) == []


def test_learner_tools_have_no_serious_axe_violations(page: Page, site: str, planned_track: Track) -> None:
    """The parts the script builds: the plan with its due list, "what next", a note and its editor."""
    open_page(page, site)
    plan = {"track": planned_track.id, "start": date.today().isoformat(), "hours": 20}
    state = {"version": 1, "items": {}, "notes": {}, "plan": plan}
    page.evaluate("s => localStorage.setItem(window.roadmapKit.key, s)", json.dumps(state))
    open_page(page, f"{site}progress/")
    assert page.locator("[data-rm-plan-due] input").count() > 0
    assert axe_violations(page) == []
    open_page(page, site)
    assert page.locator("[data-rm-next-list] input").count() > 0
    first = page.locator("[data-rm-next-list] [data-rm-note]").first
    first.click()
    page.locator(".rm-note-edit textarea").fill("a note")
    page.get_by_role("button", name="Save note").click()
    first.click()
    assert page.locator(".rm-usernote").count() == 1 and page.locator(".rm-note-edit").count() == 1
    assert axe_violations(page) == []

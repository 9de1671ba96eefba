"""A page printed is a checklist: it starts on page 1, keeps headings with what follows, prints no
text under 9 pt and nothing meant for the screen only, and can print blank (empty boxes)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browserkit import open_page
from roadmapkit.model import Roadmap

# A4 less the page's margins (roadmap.css @page: 12 mm sides, 12 mm top, 14 mm bottom) in CSS px.
A4_WIDTH, A4_HEIGHT = round((210 - 24) / 25.4 * 96), round((297 - 26) / 25.4 * 96)

# The printed text under 9 pt (12 px): [its start, its size] for each element with text of its own.
SMALL_TEXT = """() => [...document.querySelectorAll('.md-content *')].filter(el =>
  [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim()) && el.getClientRects().length &&
  getComputedStyle(el).visibility !== 'hidden' && parseFloat(getComputedStyle(el).fontSize) < 12
).map(el => [el.textContent.trim().slice(0, 40), getComputedStyle(el).fontSize])"""


@pytest.fixture(scope="module")
def printed(roadmap: Roadmap) -> list[str]:
    """The pages a learner prints: each track and the first phase."""
    return [f"tracks/{t.id}/" for t in roadmap.tracks] + [f"phases/{roadmap.phases[0].id}/"]


def as_printed(page: Page, url: str) -> None:
    page.set_viewport_size({"width": A4_WIDTH, "height": A4_HEIGHT})
    open_page(page, url)
    page.emulate_media(media="print")


def test_the_checklist_starts_on_page_one(page: Page, site: str, printed: list[str]) -> None:
    for path in printed:
        as_printed(page, site + path)
        first = page.locator("input[data-roadmap-id]").first.bounding_box()
        assert first["y"] + first["height"] < A4_HEIGHT, path


def test_printed_text_is_9_pt_or_more(page: Page, site: str, printed: list[str]) -> None:
    for path in printed:
        as_printed(page, site + path)
        assert page.evaluate(SMALL_TEXT) == [], path


def test_no_heading_or_label_is_left_at_the_foot_of_a_page(page: Page, site: str, printed: list[str]) -> None:
    as_printed(page, site + printed[0])
    keep = page.evaluate(
        """() => [...document.querySelectorAll('.md-content :is(h2, h3, .rm-list__label, details > summary)')]
        .map(el => getComputedStyle(el).breakAfter)"""
    )
    assert keep and set(keep) == {"avoid"}
    big = page.evaluate(
        """() => [...document.querySelectorAll('.md-content details')].map(d => getComputedStyle(d).breakInside)"""
    )
    assert "avoid" not in big  # a long fold or list of resources may split rather than leave a page blank


def test_screen_only_hints_and_controls_are_not_printed(page: Page, site: str, printed: list[str]) -> None:
    as_printed(page, site + printed[0])
    for selector in (".rm-screen", ".rm-note-btn", ".rm-anchor", ".headerlink"):
        shown = page.locator(selector).evaluate_all("els => els.filter(e => e.getClientRects().length).length")
        assert shown == 0, selector
    page.emulate_media(media="screen")
    assert page.locator(".rm-screen").first.is_visible()


def test_a_blank_checklist_prints_empty_boxes_and_no_strike(page: Page, site: str, printed: list[str]) -> None:
    open_page(page, site + printed[-1])
    box = page.locator("input[data-roadmap-id]").first
    box.check()
    label = page.locator(".rm-check").first
    page.emulate_media(media="print")
    assert box.evaluate("b => getComputedStyle(b).appearance") != "none"
    assert label.evaluate("l => getComputedStyle(l).textDecorationLine") == "line-through"
    page.emulate_media(media="screen")
    page.locator(".rm-blank").check()
    page.emulate_media(media="print")
    assert box.evaluate("b => getComputedStyle(b).appearance") == "none"  # drawn as an empty square
    assert label.evaluate("l => getComputedStyle(l).textDecorationLine") == "none"
    assert page.locator(".rm-progress").first.evaluate("p => p.getClientRects().length") == 0

"""By keyboard and screen reader: one Tab stop per item (plus the links in its text), skip links to
the next module and the next unticked item, section names as headings, no "¶" in any heading's name
and no Tab stop that cannot be seen."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from browserkit import open_page
from roadmapkit.model import Roadmap

# The focused element (or, for a hidden radio button, the label after it that shows its focus, as
# Material's palette toggle does): its start, width and height, and whether it is in the content.
SEEN = """(() => {
  const el = document.activeElement, next = el.nextElementSibling;
  const hidden = el.matches('input') && !el.getBoundingClientRect().width && next && next.matches('label');
  const r = (hidden ? next : el).getBoundingClientRect();
  return [el.outerHTML.slice(0, 80), r.width, r.height, !!el.closest('.md-content')];
})()"""

# Every element the Tab key reaches inside the page's item lists.
TAB_STOPS = """() => [...document.querySelectorAll('.md-content .rm-items *')].filter(el =>
  el.tabIndex >= 0 && !el.disabled && el.getClientRects().length &&
  el.matches('a[href], button, input, select, textarea, [tabindex]'))"""


def test_an_item_is_one_tab_stop_besides_the_links_in_its_text(page: Page, site: str, roadmap: Roadmap) -> None:
    open_page(page, f"{site}phases/{roadmap.phases[0].id}/")
    stops = page.evaluate(f"({TAB_STOPS})().length")
    boxes = page.locator(".rm-items input[data-roadmap-id]").count()
    links = page.locator(".rm-items :is(.rm-desc, .rm-resources, .rm-requires) a[href]").count()
    assert stops == boxes + links
    page.locator("li.rm-row").first.hover()  # the page's note button comes into a row
    assert page.evaluate(f"({TAB_STOPS})().length") == stops


def test_skip_links_reach_the_next_unticked_item_and_the_next_module(page: Page, site: str, roadmap: Roadmap) -> None:
    phase = next(p for p in roadmap.phases if len(p.modules) > 1 and len(p.modules[0].items) > 1)
    open_page(page, f"{site}phases/{phase.id}/")
    first, second = phase.modules[0], phase.modules[1]
    page.locator(f'input[data-roadmap-id="{first.items[0].id}"]').check()
    skips = page.locator(f"#{first.id} + .rm-module .rm-skips a")
    skips.first.focus()
    expect(skips.first).to_be_visible()  # shown once the keyboard reaches it
    page.keyboard.press("Enter")
    expect(page.locator(f'input[data-roadmap-id="{first.items[1].id}"]')).to_be_focused()
    expect(skips.last).to_have_attribute("href", re.compile(f"#{second.id}$"))


def test_section_names_are_headings_outside_the_table_of_contents(page: Page, site: str, roadmap: Roadmap) -> None:
    open_page(page, f"{site}phases/{roadmap.phases[0].id}/")
    labels = page.locator(".rm-list__label")
    assert labels.count() > 0
    assert set(labels.evaluate_all("els => els.map(e => e.tagName)")) == {"H3"}
    toc = page.locator("nav.md-nav--secondary").last.inner_text()
    assert labels.first.inner_text().strip() not in toc.split("\n")


def test_no_heading_name_holds_a_pilcrow(page: Page, site: str, roadmap: Roadmap) -> None:
    for path in ("", f"phases/{roadmap.phases[0].id}/", f"tracks/{roadmap.tracks[0].id}/"):
        open_page(page, site + path)
        assert page.get_by_role("heading").count() > 0
        expect(page.get_by_role("heading", name=re.compile("¶"))).to_have_count(0)
        assert (
            page.locator(".headerlink[tabindex='-1'][aria-hidden='true']").count()
            == page.locator(".headerlink").count()
        )


def test_every_tab_stop_before_the_content_can_be_seen(page: Page, site: str, roadmap: Roadmap) -> None:
    for width in (375, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        open_page(page, f"{site}phases/{roadmap.phases[0].id}/")
        unseen = []
        for _ in range(40):
            page.keyboard.press("Tab")
            box = page.evaluate(SEEN)
            if box[3]:
                break
            if box[1] < 2 or box[2] < 2:
                unseen.append((width, box[0]))
        assert unseen == []

"""Notes on a touch screen and the progress page's list of them (issue #25, point 4).

With a mouse, pointing at a row brings the page's one note button into it. A touch screen points at
nothing before a tap, and a tap on the row's label ticks its box: there every row shows its own
button. The progress page lists every note under its item's title, linked to the item's place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from test_accessibility import axe_violations

from browserkit import item_row, open_page, stored
from roadmapkit.model import Roadmap

MARKUP = '<img src=x onerror="window.pwned=1"><b>bold</b> &amp; <script>window.pwned=2</script>\nline two'


def touch_page(new_context: Callable[..., BrowserContext], width: int, scheme: str = "light") -> Page:
    """A phone (375 px) or a touch laptop or tablet (1280 px)."""
    ctx = new_context(
        viewport={"width": width, "height": 800}, has_touch=True, is_mobile=width < 600, color_scheme=scheme
    )
    return ctx.new_page()


def put_notes(page: Page, site: str, notes: dict[str, str], **more: object) -> None:
    open_page(page, site)
    record = {"version": 1, "items": {}, "notes": notes, **more}
    page.evaluate("s => localStorage.setItem(window.roadmapKit.key, s)", json.dumps(record))


def rows_with_a_note_button(page: Page) -> tuple[int, int]:
    """(rows that take a note: an item's own row, not an occurrence's; those of them with a visible button)."""
    return page.evaluate(
        """() => {
          const rows = [...document.querySelectorAll('li.rm-row')].filter(row => {
            const box = row.querySelector(':scope > .rm-check > input[data-roadmap-id]');
            return box && !box.getAttribute('data-roadmap-id').includes(window.roadmapKit.contract.occurrenceMark);
          });
          const shown = rows.filter(row => {
            const b = row.querySelector(':scope > [data-rm-note]');
            return b && b.getClientRects().length && getComputedStyle(b).visibility === 'visible';
          });
          return [rows.length, shown.length];
        }"""
    )


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("where", ["phase", "track"])
def test_on_a_touch_screen_a_note_is_one_tap_away_and_ticks_nothing(
    new_context, site: str, roadmap: Roadmap, width: int, where: str
) -> None:
    """Every row shows its note button before any tap; a tap on it opens the editor and leaves the box
    as it was; the note is saved and shown under the row; a tap on the row's text still ticks it."""
    item = roadmap.items[0]
    url = f"{site}phases/{item.phase_id}/" if where == "phase" else f"{site}tracks/{roadmap.tracks[0].id}/"
    page = touch_page(new_context, width)
    open_page(page, url)
    rows, shown = rows_with_a_note_button(page)
    assert rows > 1 and shown == rows, (rows, shown)

    row = page.locator("li.rm-row:has(> [data-rm-note]):visible").first
    key = row.locator("> .rm-check > input").get_attribute("data-roadmap-id")
    title = row.locator("> .rm-check").inner_text().strip()
    button = row.get_by_role("button", name=f"Note on {title}")
    box = row.locator("> .rm-check > input")
    button.tap()
    expect(row.locator("> .rm-note-edit textarea")).to_be_visible()
    assert not box.is_checked() and stored(page).get("items", {}) == {}
    row.locator("> .rm-note-edit textarea").fill("Read it on the bus.")
    row.get_by_role("button", name="Save note").tap()
    expect(row.locator("> .rm-usernote")).to_have_text("Read it on the bus.")
    assert not box.is_checked()
    assert stored(page)["notes"] == {key: "Read it on the bus."} and stored(page)["items"] == {}
    assert button.is_visible() and "rm-note-btn--has" in (button.get_attribute("class") or "")

    row.locator("> .rm-check > span").tap()  # the row's text is the box's label: a tap there ticks
    expect(box).to_be_checked()


def test_with_a_mouse_the_page_keeps_one_note_button(page: Page, site: str, roadmap: Roadmap) -> None:
    """Without a touch screen nothing changes: no row has a button until it is pointed at."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, f"{site}phases/{roadmap.items[0].phase_id}/")
    assert page.locator("li.rm-row > [data-rm-note]").count() == 0
    item_row(page, roadmap.items[0].id).hover()
    assert page.locator("li.rm-row > [data-rm-note]").count() == 1


@pytest.mark.parametrize("width", [375, 1280])
def test_a_touch_page_with_notes_has_no_axe_violations(new_context, site: str, roadmap: Roadmap, width: int) -> None:
    page = touch_page(new_context, width, "dark" if width == 375 else "light")
    item = roadmap.items[0]
    put_notes(page, site, {item.id: "A note."})
    open_page(page, f"{site}phases/{item.phase_id}/")
    assert axe_violations(page) == []
    item_row(page, item.id).locator("> [data-rm-note]").tap()
    expect(page.locator(".rm-note-edit textarea")).to_be_visible()
    assert axe_violations(page) == []


# ---- My notes (progress page) ---------------------------------------------------------------


@pytest.mark.parametrize(("width", "scheme"), [(375, "dark"), (1280, "light")])
def test_my_notes_lists_each_note_as_text_under_its_item_linked_to_its_place(
    new_context, site: str, roadmap: Roadmap, width: int, scheme: str
) -> None:
    """In the roadmap's order, whatever order they were written in; a note under no item this site
    shows stays in "Notes kept aside", not here; the list is axe clean and follows a new note."""
    first, later = roadmap.items[0], roadmap.items[-1]
    page = new_context(viewport={"width": width, "height": 800}, color_scheme=scheme).new_page()
    put_notes(page, site, {later.id: "Last one", "no-such-item": "An orphan note", first.id: MARKUP})
    open_page(page, f"{site}progress/")
    entries = page.locator("[data-rm-my-notes] li")
    expect(entries).to_have_count(2)
    assert entries.locator("a").all_inner_texts() == [first.title, later.title]
    text = entries.first.locator(".rm-my-notes__text")
    assert text.text_content() == MARKUP and text.evaluate("n => n.children.length") == 0, "text, never HTML"
    assert page.evaluate("window.pwned") is None
    assert "An orphan note" not in page.locator("[data-rm-my-notes]").inner_text()
    assert "An orphan note" in page.locator("[data-rm-kept]").inner_text()
    assert axe_violations(page) == []

    entries.first.locator("a").click()
    # The item's page: Material's navigation.tracking may then put the heading in view into the
    # address (`#notes`), so the fragment is not checked.
    expect(page).to_have_url(re.compile(f"/phases/{re.escape(first.phase_id)}/(#.*)?$"))
    expect(page.locator(f'.rm-usernote[data-rm-note-for="{first.id}"]')).to_have_text(MARKUP)


def test_my_notes_says_when_there_are_none_and_follows_changes(page: Page, site: str, roadmap: Roadmap) -> None:
    item = roadmap.items[0]
    open_page(page, f"{site}progress/")
    expect(page.locator("[data-rm-my-notes]")).to_contain_text("You have no notes yet")
    other = page.context.new_page()  # another tab writes a note: the list follows (storage event)
    open_page(other, f"{site}phases/{item.phase_id}/")
    item_row(other, item.id).hover()
    item_row(other, item.id).locator("> [data-rm-note]").click()
    other.locator(".rm-note-edit textarea").fill("From the other tab")
    other.get_by_role("button", name="Save note").click()
    expect(page.locator("[data-rm-my-notes] li")).to_have_text(f"{item.title}From the other tab")


def test_notes_are_printed_with_their_items_and_in_my_notes(page: Page, site: str, roadmap: Roadmap) -> None:
    item = roadmap.items[0]
    put_notes(page, site, {item.id: "Printed too"})
    page.emulate_media(media="print")
    open_page(page, f"{site}phases/{item.phase_id}/")
    expect(page.locator(f'.rm-usernote[data-rm-note-for="{item.id}"]')).to_be_visible()
    open_page(page, f"{site}progress/")
    expect(page.locator("[data-rm-my-notes] .rm-my-notes__text")).to_be_visible()

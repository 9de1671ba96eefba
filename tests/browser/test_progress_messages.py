"""The progress page's smaller points (issue #25, point 5): a disabled Undo looks disabled, an export
says what went, a bad import says so plainly, "Your plan was saved" is seen where the learner is, and
the plan's track names are never cut. At a phone's width and a laptop's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import axe_violations

from browserkit import open_page, stored
from roadmapkit.model import Roadmap

WIDTHS = [375, 1280]


def at_width(page: Page, site: str, width: int, path: str = "progress/") -> Page:
    page.set_viewport_size({"width": width, "height": 800})
    return open_page(page, site + path)


def look(page: Page, selector: str) -> dict[str, str]:
    return page.eval_on_selector(
        selector,
        """b => { const s = getComputedStyle(b);
             return {cursor: s.cursor, border: s.borderTopStyle, background: s.backgroundColor, color: s.color}; }""",
    )


@pytest.mark.parametrize("width", WIDTHS)
def test_a_disabled_undo_looks_disabled_even_under_the_pointer(page: Page, site: str, width: int) -> None:
    at_width(page, site, width)
    undo = '[data-rm-action="undo"]'
    assert page.locator(undo).is_disabled()
    disabled = look(page, undo)
    assert disabled["cursor"] == "not-allowed" and disabled["border"] == "dashed"
    page.hover(undo)  # Material fills a button on hover: a disabled one stays as it is
    assert look(page, undo) == disabled
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    expect(page.locator(undo)).to_be_enabled()
    page.mouse.move(0, 0)
    enabled = look(page, undo)
    assert enabled["cursor"] != "not-allowed" and enabled["border"] == "solid" and enabled["color"] != disabled["color"]


@pytest.mark.parametrize("width", WIDTHS)
def test_an_export_says_that_notes_and_the_plan_went_too(
    page: Page, site: str, roadmap: Roadmap, width: int, tmp_path: Path
) -> None:
    at_width(page, site, width)
    ids = [i.id for i in roadmap.items[:3]]
    record = {
        "version": 1,
        "items": dict.fromkeys(ids, 1),
        "notes": {ids[0]: "one", ids[1]: "two"},
        "plan": {"track": roadmap.tracks[0].id, "start": "2027-01-04", "hours": None},
    }
    page.evaluate("s => localStorage.setItem(window.roadmapKit.key, s)", json.dumps(record))
    at_width(page, site, width)
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    expect(page.locator("[data-rm-status]")).to_have_text("Exported 3 ticked items, 2 notes and your plan.")
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["notes"] == record["notes"] and data["plan"] == record["plan"]

    page.evaluate("localStorage.clear()")
    at_width(page, site, width)
    page.locator('input[data-rm-action="import"]').set_input_files(str(exported))
    expect(page.locator("[data-rm-status]")).to_have_text(
        "Imported 3 ticked items, 2 notes and your plan (merged). Undo is available."
    )
    record["items"] = {}
    record["notes"] = {ids[0]: "one"}
    del record["plan"]
    page.evaluate("s => localStorage.setItem(window.roadmapKit.key, s)", json.dumps(record))
    at_width(page, site, width)
    with page.expect_download():
        page.get_by_role("button", name="Export progress").click()
    expect(page.locator("[data-rm-status]")).to_have_text("Exported 0 ticked items, 1 note (no plan).")


@pytest.mark.parametrize("width", WIDTHS)
def test_a_file_that_is_not_json_gets_a_plain_message(page: Page, site: str, width: int) -> None:
    """Chromium's own words for the parse error (Unexpected token ...) never reach the learner."""
    at_width(page, site, width)
    before = stored(page)
    raw = page.evaluate("() => { try { JSON.parse('not json'); } catch (e) { return e.message; } }")
    page.locator('input[data-rm-action="import"]').set_input_files(
        files=[{"name": "progress.json", "mimeType": "application/json", "buffer": b"not json"}]
    )
    status = page.locator("[data-rm-status]")
    expect(status).to_have_text(
        "That file is not a progress export from this site (it is not JSON text, or it was cut short); "
        "nothing was changed."
    )
    assert raw and raw not in status.text_content()
    assert stored(page) == before
    expect(status).to_be_in_viewport()


@pytest.mark.parametrize("width", WIDTHS)
def test_your_plan_was_saved_is_seen_after_save(page: Page, site: str, roadmap: Roadmap, width: int) -> None:
    """The message is beside the Save button, in view when the learner presses it (the page's status
    line is above the form, off-screen by then), and the page's status line is left alone."""
    at_width(page, site, width)
    page.check(f'[data-rm-plan-form] input[name=track][value="{roadmap.tracks[-1].id}"]')
    page.fill("[data-rm-plan-form] input[name=start]", "2027-01-04")
    save = page.get_by_role("button", name="Save plan")
    save.scroll_into_view_if_needed()
    save.click()
    said = page.locator("[data-rm-plan-status]")
    expect(said).to_have_text("Your plan was saved in this browser.")
    expect(said).to_be_in_viewport()
    expect(save).to_be_in_viewport()
    assert page.locator("[data-rm-status]").text_content() == ""
    # Material fills a hovered or focused button with its accent colour (under 4.5:1 with white text):
    # that is Material's look of every button, checked elsewhere at rest; here the message is checked.
    page.mouse.move(0, 0)
    page.evaluate("document.activeElement.blur()")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Clear plan").click()
    expect(said).to_have_text("Your plan was cleared.")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_plans_track_names_are_never_cut(page: Page, site: str, roadmap: Roadmap, width: int) -> None:
    """Each track is a choice whose whole name shows: nothing clipped, nothing past the form's edge."""
    at_width(page, site, width)
    choices = page.locator("[data-rm-plan-form] input[name=track]")
    expect(choices).to_have_count(len(roadmap.tracks))
    for track in roadmap.tracks:
        label = page.locator(f'[data-rm-plan-form] label:has(> input[name=track][value="{track.id}"])')
        assert label.inner_text().strip().startswith(track.title)
        fits = label.evaluate(
            """l => { const form = l.closest('form').getBoundingClientRect(), r = l.getBoundingClientRect();
                 return l.scrollWidth <= l.clientWidth && r.left >= form.left && r.right <= form.right; }"""
        )
        assert fits, track.id
    last = f'input[name=track][value="{roadmap.tracks[-1].id}"]'
    page.locator(f"[data-rm-plan-form] label:has(> {last}) > span").click()  # the name is the choice's label
    assert page.is_checked(f"[data-rm-plan-form] {last}")

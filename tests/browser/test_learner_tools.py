"""The learner tools in a real Chromium: the map, the personal plan, notes, print and "what next".

Dates are checked against a small Python model of the plan written from the rules (whole days,
blocks of `weeks * 7 * track hours / your hours` days, items spread evenly over their block),
with the browser's clock and time zone fixed by Playwright.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browserkit import open_page, ready, stored
from roadmapkit.model import Roadmap, Track
from roadmapkit.pacing import block_weeks, counted, entry_key
from roadmapkit.render import hours_number

MARKUP = '<img src=x onerror="window.pwned=1"><b>bold</b> & <script>window.pwned=2</script>'


def track(roadmap: Roadmap, ident: str) -> Track:
    return next(t for t in roadmap.tracks if t.id == ident)


def plan_model(
    t: Track, hours: float | None, options: dict[str, str] | None = None
) -> tuple[list[tuple[str, int, int]], dict[str, int], int]:
    """(blocks as (title, first day, days), entry key -> due day, total days) for a track and hours a
    week: the chosen (or default) option of each choice, weeks by pacing.block_weeks, occurrences keyed."""
    nominal = hours_number(t.hours_per_week)
    scale = nominal / hours if nominal and hours else 1
    blocks, due, at = [], {}, 0
    for block in counted(t, options):
        weeks = block_weeks(block)
        if not weeks:
            continue
        days = max(1, math.floor(weeks * 7 * scale + 0.5))
        ids = [entry_key(e, t, block) for e in block.entries]
        for k, ident in enumerate(ids):
            due.setdefault(ident, at + math.ceil((k + 1) * days / len(ids)) - 1)
        blocks.append((block.title, at, days))
        at += days
    return blocks, due, at


def put_state(page: Page, state: dict) -> None:
    page.evaluate("s => localStorage.setItem(window.roadmapKit.key, s)", json.dumps(state))
    page.reload()
    ready(page)


def save_plan(page: Page, track_id: str, start: str, hours: str = "") -> None:
    page.select_option("[data-rm-plan-form] select[name=track]", track_id)
    page.fill("[data-rm-plan-form] input[name=start]", start)
    page.fill("[data-rm-plan-form] input[name=hours]", hours)
    page.get_by_role("button", name="Save plan").click()


def finish_iso(page: Page) -> str:
    return page.locator("[data-rm-plan-finish] time").get_attribute("datetime")


# ---- the map -------------------------------------------------------------------------------


def test_map_nodes_follow_progress_and_link_to_their_page(page: Page, site: str, roadmap: Roadmap) -> None:
    phase = roadmap.phases[0]
    module = min((m for m in phase.modules if len(m.items) > 1), key=lambda m: len(m.items))
    node = f'svg [data-rm-node="{module.id}"]'
    open_page(page, f"{site}map/")
    assert "rm-node--todo" in page.locator(node).get_attribute("class")

    ids = [i.id for i in module.items]
    put_state(page, {"version": 1, "items": {ids[0]: 1}, "notes": {}})
    cls = page.locator(node).get_attribute("class")
    assert "rm-node--started" in cls and "rm-node--done" not in cls
    assert page.locator(f"{node} .rm-node__count").text_content() == f"1/{len(ids)}"
    assert f"1 of {len(ids)} done (started)" in page.locator(node).get_attribute("aria-label")

    put_state(page, {"version": 1, "items": dict.fromkeys(ids, 1), "notes": {}})
    assert "rm-node--done" in page.locator(node).get_attribute("class")

    page.locator(node).focus()
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: f"/phases/{phase.id}/" in url)  # navigation.tracking may rewrite the hash
    expect(page.locator(f"#{module.id}")).to_be_in_viewport()


def test_map_is_reachable_by_keyboard_and_described(page: Page, site: str, roadmap: Roadmap) -> None:
    open_page(page, f"{site}map/")
    page.locator(".rm-legend").click()
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert first.startswith(f"Phase 1: {roadmap.phases[0].title}, 0 of ")
    page.keyboard.press("Tab")
    assert roadmap.phases[0].modules[0].title in page.evaluate("document.activeElement.getAttribute('aria-label')")
    svg = page.locator("svg[data-rm-map]")
    assert "Map of the roadmap" in page.evaluate(
        "s => s.getAttribute('aria-labelledby').split(' ').map(i => document.getElementById(i).textContent).join(' ')",
        svg.element_handle(),
    )
    modules = sum(len(p.modules) for p in roadmap.phases)
    assert page.locator("svg [data-rm-node]").count() == modules
    assert page.locator(".rm-map-list a").count() == modules + len(roadmap.phases), "a text version with every link"


def test_focusing_a_module_brings_out_its_prerequisite_lines(page: Page, site: str, roadmap: Roadmap) -> None:
    from roadmapkit.svgmap import module_edges

    edges = module_edges(roadmap)
    target = max(edges, key=lambda m: len(edges[m]))
    linked = len(edges[target]) + sum(target in sources for sources in edges.values())
    open_page(page, f"{site}map/")
    assert page.locator(".rm-edge").count() == sum(len(s) for s in edges.values())
    page.locator(f'svg [data-rm-node="{target}"]').focus()
    lit = page.locator(".rm-edge--on")
    assert lit.count() == linked
    assert {lit.nth(n).get_attribute("data-to") for n in range(lit.count())} >= {target}
    page.locator("h1").hover()
    assert page.locator(".rm-edge--on").count() == 0


def test_map_fits_a_phone_screen(new_context, site: str) -> None:
    page = new_context(viewport={"width": 375, "height": 740}, is_mobile=True).new_page()
    open_page(page, f"{site}map/")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    box = page.locator("svg[data-rm-map]").bounding_box()
    assert box["width"] <= 375
    text = page.locator("svg .rm-node__title").nth(2).bounding_box()
    assert text["height"] >= 10, "module names stay readable without zooming"


# ---- the personal plan ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours"),
    [("2027-01-31", ""), ("2028-01-31", "15"), ("2026-12-31", "45")],
    ids=["month-end", "leap-year-at-half-pace", "year-end-faster"],
)
def test_projected_finish_across_month_ends(new_context, site: str, roadmap: Roadmap, start: str, hours: str) -> None:
    page = new_context(timezone_id="Europe/London").new_page()
    page.clock.set_fixed_time(datetime(2026, 11, 22, 12, tzinfo=timezone.utc))
    open_page(page, f"{site}progress/")
    save_plan(page, "12-weeks", start, hours)
    _, _, days = plan_model(track(roadmap, "12-weeks"), float(hours) if hours else None)
    expected = date.fromisoformat(start) + timedelta(days=days - 1)
    assert finish_iso(page) == expected.isoformat()
    assert stored(page)["plan"] == {"track": "12-weeks", "start": start, "hours": float(hours) if hours else None}
    assert "starts on" in page.locator("[data-rm-plan-now]").text_content()


@pytest.mark.parametrize(
    ("zone", "local_day"),
    [("Pacific/Auckland", date(2027, 2, 15)), ("America/Los_Angeles", date(2027, 2, 14)), ("UTC", date(2027, 2, 14))],
)
def test_today_is_the_learners_own_date_in_any_time_zone(
    new_context, site: str, roadmap: Roadmap, zone: str, local_day: date
) -> None:
    page = new_context(timezone_id=zone).new_page()
    page.clock.set_fixed_time(datetime(2027, 2, 14, 23, 30, tzinfo=timezone.utc))
    open_page(page, f"{site}progress/")
    start = date(2027, 2, 1)
    save_plan(page, "12-weeks", start.isoformat())
    blocks, _, _ = plan_model(track(roadmap, "12-weeks"), None)
    now = (local_day - start).days
    title, first, days = next(b for b in blocks if b[1] <= now < b[1] + b[2])
    text = page.locator("[data-rm-plan-now]").text_content()
    assert f"week {now // 7 + 1} of 12" in text and title in text
    times = page.locator("[data-rm-plan-now] time")
    assert times.nth(0).get_attribute("datetime") == (start + timedelta(days=first)).isoformat()
    assert times.nth(1).get_attribute("datetime") == (start + timedelta(days=first + days - 1)).isoformat()


def test_due_this_week_ahead_and_behind(new_context, site: str, roadmap: Roadmap) -> None:
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 10, 9, tzinfo=timezone.utc))
    today = date(2027, 3, 10)
    start = today - timedelta(days=9)  # day 9: the second week
    _, due, _ = plan_model(track(roadmap, "12-weeks"), None)
    before_today = [i for i, d in due.items() if d < 9]
    overdue = [i for i, d in due.items() if d < 7]  # due in an earlier week of the plan
    this_week = [i for i, d in due.items() if 7 <= d <= 13]
    open_page(page, f"{site}progress/")
    save_plan(page, "12-weeks", start.isoformat())
    pace = page.locator("[data-rm-plan-pace]")
    assert pace.text_content().startswith(f"You are {len(before_today)} items behind schedule")

    listed = page.locator("[data-rm-plan-due] input[data-roadmap-id]")
    ids = [listed.nth(n).get_attribute("data-roadmap-id") for n in range(listed.count())]
    assert ids == overdue + this_week, "overdue items, then this week's, in track order"
    assert page.locator("[data-rm-plan-due] .rm-tag", has_text="overdue").count() == len(overdue)

    listed.first.check()  # the same checkbox as everywhere else: saved under the item's id
    assert ids[0] in stored(page)["items"]
    put_state(page, {**stored(page), "items": dict.fromkeys(overdue + this_week, 1)})
    ahead = len(overdue + this_week) - len(before_today)
    assert pace.text_content().startswith(f"You are {ahead} items ahead of schedule")
    assert page.locator("[data-rm-plan-due] .rm-tag", has_text="overdue").count() == 0


def test_plan_travels_in_export_and_import(new_context, site: str, tmp_path: Path) -> None:
    page = new_context().new_page()
    open_page(page, f"{site}progress/")
    save_plan(page, "3-6-months", "2027-05-03", "12")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["plan"] == {"track": "3-6-months", "start": "2027-05-03", "hours": 12}

    other = new_context().new_page()
    open_page(other, f"{site}progress/")
    other.set_input_files('input[data-rm-action="import"]', exported)
    other.wait_for_function("JSON.parse(localStorage.getItem(window.roadmapKit.key) || '{}').plan")
    other.reload()
    ready(other)
    assert other.input_value("[data-rm-plan-form] input[name=start]") == "2027-05-03"
    assert other.input_value("[data-rm-plan-form] select[name=track]") == "3-6-months"
    assert finish_iso(other) is not None


# ---- notes ----------------------------------------------------------------------------------


def test_notes_stay_text_and_show_wherever_the_item_appears(page: Page, site: str, roadmap: Roadmap) -> None:
    t = track(roadmap, "12-weeks")
    item = roadmap.item_index()[t.item_ids[0]]
    open_page(page, f"{site}phases/{item.phase_id}/")
    page.locator(f'[data-rm-note="{item.id}"]').first.click()
    page.locator(".rm-note-edit textarea").fill(MARKUP)
    page.get_by_role("button", name="Save note").click()

    note = page.locator(f'.rm-usernote[data-rm-note-for="{item.id}"]')
    assert note.text_content() == MARKUP
    assert note.evaluate("n => n.children.length") == 0, "the note is text, never HTML"
    assert page.evaluate("window.pwned") is None
    assert stored(page)["notes"] == {item.id: MARKUP}

    open_page(page, f"{site}tracks/{t.id}/")
    assert page.locator(f'.rm-usernote[data-rm-note-for="{item.id}"]').text_content() == MARKUP
    assert page.evaluate("window.pwned") is None

    page.locator(f'[data-rm-note="{item.id}"]').first.click()
    page.locator(".rm-note-edit textarea").fill("  ")
    page.get_by_role("button", name="Save note").click()
    assert page.locator(".rm-usernote").count() == 0 and stored(page)["notes"] == {}


def test_notes_survive_export_and_merge_import(new_context, site: str, roadmap: Roadmap, tmp_path: Path) -> None:
    ident = roadmap.items[0].id
    page = new_context().new_page()
    open_page(page, f"{site}progress/")
    put_state(page, {"version": 1, "items": {}, "notes": {ident: "re-read chapter 2"}})
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "notes.json"
    download.value.save_as(exported)

    other = new_context().new_page()
    open_page(other, f"{site}progress/")
    other.set_input_files('input[data-rm-action="import"]', exported)
    other.wait_for_function("JSON.parse(localStorage.getItem(window.roadmapKit.key) || '{}').notes")
    assert stored(other)["notes"] == {ident: "re-read chapter 2"}


def test_a_note_that_is_not_text_keeps_the_stored_copy(page: Page, site: str) -> None:
    open_page(page, site)
    page.evaluate(
        "localStorage.setItem(window.roadmapKit.key, JSON.stringify({version: 1, items: {a: 1}, notes: {a: {x: 1}}}))"
    )
    page.reload()
    ready(page)
    kept = page.evaluate("Object.keys(localStorage).filter(k => k.includes(':corrupt:'))")
    assert len(kept) == 1 and '"notes":{"a":{"x":1}}' in page.evaluate(f"localStorage.getItem('{kept[0]}')")


# ---- print ----------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["phase", "track"])
def test_pages_print_as_a_checklist(page: Page, site: str, roadmap: Roadmap, where: str) -> None:
    phase = roadmap.phases[0]
    if where == "phase":
        item = next(i for i in phase.items if i.resources and any(r.url for r in i.resources))
        url = f"{site}phases/{phase.id}/"
    else:
        item = roadmap.item_index()[roadmap.tracks[0].item_ids[0]]
        url = f"{site}tracks/{roadmap.tracks[0].id}/"
    open_page(page, url)
    put_state(page, {"version": 1, "items": {item.id: 1}, "notes": {}})
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".rm-note-btn"):
        assert page.locator(chrome).first.is_hidden(), chrome
    boxes = page.locator("input[data-roadmap-id]")
    assert boxes.first.is_visible()
    assert page.locator(f'input[data-roadmap-id="{item.id}"]').first.is_checked()
    if where == "phase":
        printed = page.locator(f"#{item.id} .rm-print-url").first
        assert printed.is_visible() and printed.text_content().startswith("http")
        folded = page.locator("details.rm-module-resources .rm-print-url").first
        assert folded.is_visible(), "resources in a closed list print too"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible() and page.locator(".rm-print-url").first.is_hidden()


# ---- what next -------------------------------------------------------------------------------


def next_model(roadmap: Roadmap, t: Track, done: set[str], count: int = 5) -> list[str]:
    items = roadmap.item_index()
    out: list[str] = []
    for ident in t.item_ids:
        if ident not in done and all(r in done for r in items[ident].requires):
            out.append(ident)
    return out[:count]


def shown_next(page: Page) -> list[str]:
    boxes = page.locator("[data-rm-next-list] input[data-roadmap-id]")
    return [boxes.nth(n).get_attribute("data-roadmap-id") for n in range(boxes.count())]


def test_what_next_follows_prerequisites_and_the_chosen_track(page: Page, site: str, roadmap: Roadmap) -> None:
    first = roadmap.tracks[0]
    open_page(page, site)
    assert shown_next(page) == next_model(roadmap, first, set())

    t = track(roadmap, "12-weeks")
    page.select_option("[data-rm-next-track]", t.id)
    assert stored(page)["plan"]["track"] == t.id
    suggested = next_model(roadmap, t, set())
    assert shown_next(page) == suggested

    done = set(suggested[:3])
    put_state(page, {**stored(page), "items": dict.fromkeys(done, 1)})
    assert shown_next(page) == next_model(roadmap, t, done)
    blocked = [i for i in t.item_ids if roadmap.item_index()[i].requires and i not in shown_next(page)]
    assert blocked, "the track has items waiting on prerequisites"


def test_tools_load_after_instant_navigation(page: Page, site: str) -> None:
    """roadmap-tools.js is fetched only by pages with tools, including pages reached without a reload."""
    open_page(page, f"{site}about/")
    assert page.evaluate("window.roadmapKit.tools") is None
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Progress").first.click()
    page.wait_for_url("**/progress/")
    ready(page)
    assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation kept the document"
    expect(page.locator("[data-rm-plan-out]")).to_have_text(re.compile(r"^Choose a track"))
    expect(page.locator('[data-rm-action="undo"]')).to_be_disabled()


def test_each_occurrence_falls_due_in_its_own_week(new_context, site: str, roadmap: Roadmap) -> None:
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 10, 9, tzinfo=timezone.utc))
    start = date(2027, 3, 10) - timedelta(days=44)  # day 44: week 7
    _, due, _ = plan_model(track(roadmap, "12-weeks"), None)
    key = "technical-blog@12-weeks/week-7"
    assert 42 <= due[key] <= 48 and due["technical-blog"] < 42
    open_page(page, f"{site}progress/")
    save_plan(page, "12-weeks", start.isoformat())
    page.evaluate(
        "k => localStorage.setItem(window.roadmapKit.key, JSON.stringify({...JSON.parse("
        "localStorage.getItem(window.roadmapKit.key)), items: {'technical-blog': 1}}))",
        key,
    )
    page.reload()
    ready(page)
    row = page.locator(f'[data-rm-plan-due] input[data-roadmap-id="{key}"]')
    expect(row).to_have_count(1)  # the item's own post (week 5) is ticked; this week's post is due
    row.check()
    assert set(stored(page)["items"]) == {"technical-blog", key}
    open_page(page, f"{site}phases/{roadmap.item_index()['technical-blog'].phase_id}/")
    expect(page.locator('[data-rm-times^="technical-blog "]')).to_have_text("done 2 of 3 times")


def test_plan_follows_the_default_option_until_the_learner_chooses(new_context, site: str, roadmap: Roadmap) -> None:
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2026, 11, 22, 12, tzinfo=timezone.utc))
    open_page(page, f"{site}progress/")
    save_plan(page, "12-24-months", "2027-01-04")
    t = track(roadmap, "12-24-months")
    _, _, days = plan_model(t, None)
    assert finish_iso(page) == (date(2027, 1, 4) + timedelta(days=days - 1)).isoformat()
    assert days >= 52 * 7, "the four specialization options count as one 8-week block, not none"
    page.select_option('[data-rm-plan-option="specialization"]', "research")
    assert stored(page)["plan"]["options"] == {"specialization": "research"}
    expect(page.locator('[data-rm-plan-option="specialization"]')).to_have_value("research")
    _, due, _ = plan_model(t, None, {"specialization": "research"})
    assert "reading-papers" in due and "ocr" not in due

"""The learner tools in a real Chromium: the map, the personal plan, notes, print and "what next".

Dates are checked against a small Python model of the plan written from the rules (whole days,
blocks of `weeks * 7 * track hours / your hours` days, items spread evenly over their block),
with the browser's clock and time zone fixed by Playwright.
"""

from __future__ import annotations

import json
import math
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browserkit import instant_navigation, open_note, open_page, ready, stored, unfold
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
    page.check(f'[data-rm-plan-form] input[name=track][value="{track_id}"]')
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
    open_page(page, f"{site}map/")
    assert page.locator(".rm-edge").count() == sum(len(s) for s in edges.values())
    # The module with the most prerequisite modules; a roadmap with none has no lines to light.
    for target in sorted((m for m in edges if edges[m]), key=lambda m: -len(edges[m]))[:1]:
        linked = len(edges[target]) + sum(target in sources for sources in edges.values())
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
    assert not page.locator("svg[data-rm-map]").is_visible(), "a phone reads the list form, not a 9 px drawing"
    assert page.locator(".rm-map-list ol").is_visible()


# ---- the personal plan ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours"),
    [("2027-01-31", ""), ("2028-01-31", "15"), ("2026-12-31", "45")],
    ids=["month-end", "leap-year-at-half-pace", "year-end-faster"],
)
def test_projected_finish_across_month_ends(
    new_context, site: str, planned_track: Track, start: str, hours: str
) -> None:
    page = new_context(timezone_id="Europe/London").new_page()
    page.clock.set_fixed_time(datetime(2026, 11, 22, 12, tzinfo=UTC))
    open_page(page, f"{site}progress/")
    save_plan(page, planned_track.id, start, hours)
    _, _, days = plan_model(planned_track, float(hours) if hours else None)
    expected = date.fromisoformat(start) + timedelta(days=days - 1)
    assert finish_iso(page) == expected.isoformat()
    assert stored(page)["plan"] == {"track": planned_track.id, "start": start, "hours": float(hours) if hours else None}
    assert "starts on" in page.locator("[data-rm-plan-now]").text_content()


@pytest.mark.parametrize(
    ("zone", "local_day"),
    [("Pacific/Auckland", date(2027, 2, 15)), ("America/Los_Angeles", date(2027, 2, 14)), ("UTC", date(2027, 2, 14))],
)
def test_today_is_the_learners_own_date_in_any_time_zone(
    new_context, site: str, planned_track: Track, zone: str, local_day: date
) -> None:
    page = new_context(timezone_id=zone).new_page()
    page.clock.set_fixed_time(datetime(2027, 2, 14, 23, 30, tzinfo=UTC))
    open_page(page, f"{site}progress/")
    blocks, _, total = plan_model(planned_track, None)
    start = date(2027, 2, 14) - timedelta(days=min(13, total - 2))  # both local days inside the plan
    save_plan(page, planned_track.id, start.isoformat())
    now = (local_day - start).days
    title, first, days = next(b for b in blocks if b[1] <= now < b[1] + b[2])
    text = page.locator("[data-rm-plan-now]").text_content()
    assert f"week {now // 7 + 1} of {math.ceil(total / 7)}" in text and title in text
    times = page.locator("[data-rm-plan-now] time")
    assert times.nth(0).get_attribute("datetime") == (start + timedelta(days=first)).isoformat()
    assert times.nth(1).get_attribute("datetime") == (start + timedelta(days=first + days - 1)).isoformat()


def test_due_this_week_ahead_and_behind(new_context, site: str, roadmap: Roadmap, planned_track: Track) -> None:
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 10, 9, tzinfo=UTC))
    today = date(2027, 3, 10)
    start = today - timedelta(days=9)  # day 9: the second week
    _, due, _ = plan_model(planned_track, None)
    before_today = [i for i, d in due.items() if d < 9]
    overdue = [i for i, d in due.items() if d < 7]  # due in an earlier week of the plan
    this_week = [i for i, d in due.items() if 7 <= d <= 13]
    open_page(page, f"{site}progress/")
    save_plan(page, planned_track.id, start.isoformat())
    pace = page.locator("[data-rm-plan-pace]")
    assert pace.text_content().startswith(f"You are {len(before_today)} items behind schedule")

    listed = page.locator("[data-rm-plan-due] input[data-roadmap-id]")
    ids = [listed.nth(n).get_attribute("data-roadmap-id") for n in range(listed.count())]
    assert ids == overdue + this_week, "overdue items, then this week's, in track order"
    assert page.locator("[data-rm-plan-due] .rm-tag", has_text="overdue").count() == len(overdue)

    listed.first.check()  # the same checkbox as everywhere else: saved under the item's id
    assert ids[0] in stored(page)["items"]
    put_state(page, {**stored(page), "items": dict.fromkeys(overdue + this_week, 1)})
    ticked = set(overdue + this_week)  # of a "choose one" group of items, one counts as done
    groups = [set(c.items) for p in roadmap.phases for m in p.modules for c in m.item_choices]
    done = len(ticked) - sum(max(0, len(group & ticked) - 1) for group in groups)
    ahead = done - len(before_today)
    assert pace.text_content().startswith(f"You are {ahead} items ahead of schedule")
    assert page.locator("[data-rm-plan-due] .rm-tag", has_text="overdue").count() == 0


def test_plan_travels_in_export_and_import(
    new_context, site: str, roadmap: Roadmap, planned_track: Track, tmp_path: Path
) -> None:
    others = [t.id for t in roadmap.tracks if t is not planned_track and any(b.weeks for b in t.blocks)]
    other_track = (others or [planned_track.id])[0]  # another planned track when there is one
    page = new_context().new_page()
    open_page(page, f"{site}progress/")
    save_plan(page, other_track, "2027-05-03", "12")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    assert json.loads(exported.read_text())["plan"] == {"track": other_track, "start": "2027-05-03", "hours": 12}

    other = new_context().new_page()
    open_page(other, f"{site}progress/")
    other.set_input_files('input[data-rm-action="import"]', exported)
    other.wait_for_function("JSON.parse(localStorage.getItem(window.roadmapKit.key) || '{}').plan")
    other.reload()
    ready(other)
    assert other.input_value("[data-rm-plan-form] input[name=start]") == "2027-05-03"
    assert other.is_checked(f'[data-rm-plan-form] input[name=track][value="{other_track}"]')
    assert finish_iso(other) is not None


# ---- notes ----------------------------------------------------------------------------------


def test_notes_stay_text_and_show_wherever_the_item_appears(
    page: Page, site: str, roadmap: Roadmap, planned_track: Track
) -> None:
    t = planned_track
    item = roadmap.item_index()[t.item_ids[0]]
    open_page(page, f"{site}phases/{item.phase_id}/")
    open_note(page, item.id)
    page.locator(".rm-note-edit textarea").fill(MARKUP)
    page.get_by_role("button", name="Save note").click()

    note = page.locator(f'.rm-usernote[data-rm-note-for="{item.id}"]')
    assert note.text_content() == MARKUP
    assert note.evaluate("n => n.children.length") == 0, "the note is text, never HTML"
    assert page.evaluate("window.pwned") is None
    assert stored(page)["notes"] == {item.id: MARKUP}

    open_page(page, f"{site}tracks/{t.id}/")  # painted as the page is parsed (overrides/main.html)
    note = page.locator(f'.rm-usernote[data-rm-note-for="{item.id}"]')
    assert note.text_content() == MARKUP and note.evaluate("n => n.children.length") == 0
    assert page.evaluate("window.pwned") is None

    open_note(page, item.id)
    page.locator(".rm-note-edit textarea").fill("  ")
    page.get_by_role("button", name="Save note").click()
    assert page.locator(".rm-usernote").count() == 0 and stored(page)["notes"] == {}


def _note_page(site: str, roadmap: Roadmap, where: str) -> tuple[str, str, str]:
    """(url, item id, item title) of an item on the largest phase page, or on the largest track page."""
    if where == "phase":
        phase = max(roadmap.phases, key=lambda p: len(p.items))
        item = phase.items[len(phase.items) // 2]
        return f"{site}phases/{phase.id}/", item.id, item.title
    t = max(roadmap.tracks, key=lambda t: len(t.item_ids))
    item = roadmap.item_index()[t.item_ids[len(t.item_ids) // 2]]
    return f"{site}tracks/{t.id}/", item.id, item.title


@pytest.mark.parametrize("where", ["phase", "track"])
def test_a_note_is_written_from_the_keyboard_and_kept(page: Page, site: str, roadmap: Roadmap, where: str) -> None:
    """N on a checkbox opens the page's one note button's editor in that row (the button itself is no
    Tab stop: one per item); the note is saved in localStorage, focus comes back to the checkbox, and the
    note shows after a reload."""
    url, ident, title = _note_page(site, roadmap, where)
    open_page(page, url)
    unfold(page, ident)
    assert page.locator("[data-rm-note]").count() == 0, "no note button per item"
    page.locator("li.rm-row").first.hover(position={"x": 1, "y": 1})  # a pointer resting on another row
    box = page.locator(f'input[data-roadmap-id="{ident}"]').first
    box.focus()  # scrolls the page under it
    button = page.locator(f'.rm-note-btn[data-rm-note="{ident}"]')
    expect(button).to_have_accessible_name(f"Note on {title}")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("tabindex", "-1")
    page.keyboard.press("n")
    expect(page.locator(".rm-note-edit textarea")).to_be_focused()
    expect(button).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("Re-read chapter 3")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Save note")
    page.keyboard.press("Enter")
    assert stored(page)["notes"] == {ident: "Re-read chapter 3"}
    expect(box).to_be_focused()
    expect(button).to_have_class(re.compile(r"\brm-note-btn--has\b"))
    assert not box.is_checked(), "N types no tick"

    page.reload()
    ready(page)
    expect(page.locator(f'.rm-usernote[data-rm-note-for="{ident}"]').first).to_have_text("Re-read chapter 3")


@pytest.mark.parametrize("where", ["phase", "track"])
def test_a_note_is_written_with_the_mouse_and_kept(page: Page, site: str, roadmap: Roadmap, where: str) -> None:
    """Pointing at a row brings the note button there (and only there); clicking it opens the editor."""
    url, ident, _ = _note_page(site, roadmap, where)
    open_page(page, url)
    first = page.locator("li.rm-row").first
    first.hover()
    expect(first.locator("> .rm-note-btn")).to_be_visible()
    open_note(page, ident)
    expect(page.locator(".rm-note-btn")).to_have_count(1)
    expect(first.locator("> .rm-note-btn")).to_have_count(0)
    page.locator(".rm-note-edit textarea").fill("Ask about this")
    first.hover()  # passing over another row leaves the button with its open editor
    expect(page.locator(f'.rm-note-btn[data-rm-note="{ident}"]')).to_have_attribute("aria-expanded", "true")
    page.get_by_role("button", name="Save note").click()
    assert stored(page)["notes"] == {ident: "Ask about this"}
    page.reload()
    ready(page)
    expect(page.locator(f'.rm-usernote[data-rm-note-for="{ident}"]').first).to_have_text("Ask about this")
    open_note(page, ident)  # the editor opens on the saved note
    expect(page.locator(".rm-note-edit textarea")).to_have_value("Ask about this")


def test_a_note_is_written_by_touch(new_context, site: str, roadmap: Roadmap) -> None:
    """On a phone, tapping an entry's checkbox brings the note button beside it."""
    url, ident, _ = _note_page(site, roadmap, "track")
    page = new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True).new_page()
    open_page(page, url)
    unfold(page, ident)
    box = page.locator(f'input[data-roadmap-id="{ident}"]').first
    box.tap()
    expect(box).to_be_checked()
    page.locator(f'li.rm-row:has(> .rm-check > input[data-roadmap-id="{ident}"]) > .rm-note-btn').first.tap()
    page.locator(".rm-note-edit textarea").fill("On the train")
    page.get_by_role("button", name="Save note").tap()
    assert stored(page)["notes"] == {ident: "On the train"}


@pytest.mark.parametrize("where", ["phase", "track"])
def test_the_note_button_moves_nothing_else(new_context, site: str, roadmap: Roadmap, where: str) -> None:
    """Bringing the note button into any row changes no row's size and moves nothing in it (phone width,
    where titles wrap)."""
    url, _, _ = _note_page(site, roadmap, where)
    page = new_context(viewport={"width": 375, "height": 740}).new_page()
    open_page(page, url)
    moved = page.evaluate(
        """() => {
        document.querySelectorAll('details.rm-part').forEach(d => { d.open = true; });  // every row shown
        const rows = [...document.querySelectorAll('li.rm-row')];
        const shape = r => [r.offsetHeight, ...[...r.children]
          .filter(c => !c.matches('.rm-note-btn')).map(c => [c.offsetLeft, c.offsetTop].join())].join(' ');
        const before = rows.map(shape), out = [];
        rows.forEach((r, n) => {
          r.querySelector('input').focus();
          if (r.querySelector(':scope > .rm-note-btn') && shape(r) !== before[n]) out.push(r.textContent.trim());
        });
        return [out, rows.filter(r => r.querySelector(':scope > .rm-note-btn')).length];
    }"""
    )
    assert moved[0] == [] and moved[1] == 1


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
    linked = [i for p in roadmap.phases for i in p.items if any(r.url for r in i.resources)]
    if where == "phase":  # an item with a linked resource, whose address prints, when there is one
        item = (linked or roadmap.items)[0]
        url = f"{site}phases/{item.phase_id}/"
    else:
        item = roadmap.item_index()[roadmap.tracks[0].item_ids[0]]
        url = f"{site}tracks/{roadmap.tracks[0].id}/"
    open_page(page, url)
    put_state(page, {"version": 1, "items": {item.id: 1}, "notes": {}})
    page.locator("li.rm-row").first.hover()  # brings the page's note button into a row
    assert page.locator(".rm-note-btn").first.is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".rm-note-btn"):
        assert page.locator(chrome).first.is_hidden(), chrome
    boxes = page.locator("input[data-roadmap-id]")
    assert boxes.first.is_visible()
    assert page.locator(f'input[data-roadmap-id="{item.id}"]').first.is_checked()
    if where == "phase" and linked:
        printed = page.locator(f"#{item.id} .rm-print-url").first
        assert printed.is_visible() and printed.text_content().startswith("http")
        phase = next(p for p in roadmap.phases if p.id == item.phase_id)
        if any(r.url for m in phase.modules for r in m.resources):
            folded = page.locator("details.rm-module-resources .rm-print-url").first
            assert folded.is_visible(), "resources in a closed list print too"
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible() and page.locator(".rm-print-url").first.is_hidden()


# ---- what next -------------------------------------------------------------------------------


def next_model(roadmap: Roadmap, t: Track, done: set[str], count: int = 5) -> list[str]:
    """What next: unticked items whose prerequisites are ticked; of a "choose one" group, one
    option at a time and none once an option is ticked."""
    items = roadmap.item_index()
    groups = [set(c.items) for p in roadmap.phases for m in p.modules for c in m.item_choices]
    others = {i: g - {i} for g in groups for i in g}
    out: list[str] = []
    offered: set[str] = set()
    # The plan's blocks (each choice at its default option), an occurrence by its own key.
    entries = [(entry_key(e, t, b), e.item_id) for b in counted(t) for e in b.entries]
    for key, ident in _first_each(entries):
        if key in done or others.get(ident, set()) & done or key in offered:
            continue
        if all(r in done for r in items[ident].requires):
            out.append(key)
            offered |= others.get(ident, set())
    return out[:count]


def _first_each(entries: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[str] = set()
    return [(key, ident) for key, ident in entries if not (key in seen or seen.add(key))]


def shown_next(page: Page) -> list[str]:
    boxes = page.locator("[data-rm-next-list] input[data-roadmap-id]")
    return [boxes.nth(n).get_attribute("data-roadmap-id") for n in range(boxes.count())]


def test_what_next_follows_prerequisites_and_the_chosen_track(
    page: Page, site: str, roadmap: Roadmap, planned_track: Track
) -> None:
    first = roadmap.tracks[0]
    open_page(page, site)
    assert shown_next(page) == []  # no track is chosen for the learner
    page.select_option("[data-rm-next-track]", first.id)
    assert shown_next(page) == next_model(roadmap, first, set())

    t = planned_track
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
    """roadmap-tools.js and roadmap-tools.css are fetched only by pages with tools, including pages
    reached without a reload."""
    with instant_navigation(page):
        open_page(page, f"{site}about/")
    assert page.evaluate("window.roadmapKit.tools") is None
    assert page.locator('link[href$="roadmap-tools.css"]').count() == 0
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav__link", has_text="Progress").first.click()
    page.wait_for_url("**/progress/")
    ready(page)
    assert page.evaluate("window.__sameDocument") is True, "Material's instant navigation kept the document"
    expect(page.locator("[data-rm-plan-out]")).to_have_text(re.compile(r"^Choose a track"))
    expect(page.locator('[data-rm-action="undo"]')).to_be_disabled()
    expect(page.locator("[data-rm-plan-form]")).to_have_css("display", "grid")  # its styles came along


def _an_occurrence(roadmap: Roadmap) -> tuple[Track, str, str]:
    """(track, item id, occurrence key) of the first occurrence in a dated block of any track."""
    for t in roadmap.tracks:
        for block in t.blocks:
            for entry in block.entries:
                if entry.repeat == "occurrence" and block_weeks(block):
                    return t, entry.item_id, entry_key(entry, t, block)
    raise AssertionError("the roadmap in content/ has no occurrence in a dated block to test with")


def test_each_occurrence_falls_due_in_its_own_week(new_context, site: str, roadmap: Roadmap) -> None:
    t, item, key = _an_occurrence(roadmap)
    _, due, _ = plan_model(t, None)
    assert key in due and item in due
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 10, 9, tzinfo=UTC))
    start = date(2027, 3, 10) - timedelta(days=due[key])  # today: the day the occurrence falls due
    open_page(page, f"{site}progress/")
    save_plan(page, t.id, start.isoformat())
    page.evaluate(
        "i => localStorage.setItem(window.roadmapKit.key, JSON.stringify({...JSON.parse("
        "localStorage.getItem(window.roadmapKit.key)), items: {[i]: 1}}))",
        item,
    )
    page.reload()
    ready(page)
    row = page.locator(f'[data-rm-plan-due] input[data-roadmap-id="{key}"]')
    expect(row).to_have_count(1)  # the item's own box is ticked; this occurrence is due today
    row.check()
    assert set(stored(page)["items"]) == {item, key}
    times = 1 + sum(
        e.item_id == item and e.repeat == "occurrence" for tr in roadmap.tracks for b in tr.blocks for e in b.entries
    )
    open_page(page, f"{site}phases/{roadmap.item_index()[item].phase_id}/")
    expect(page.locator(f'[data-rm-times^="{item} "]')).to_have_text(f"done 2 of {times} times")


def _a_choice(roadmap: Roadmap) -> tuple[Track, str, str, str]:
    """(track, choice, its default option, another option) of the first track with block choices."""
    for t in roadmap.tracks:
        options = [(b.choice, b.option, b.default) for b in t.blocks if b.choice]
        if options:
            choice = options[0][0]
            default = next(o for c, o, d in options if c == choice and d)
            other = next(o for c, o, _ in options if c == choice and o != default)
            return t, choice, default, other
    raise AssertionError("the roadmap in content/ has no track with alternative blocks to test with")


def test_plan_follows_the_default_option_until_the_learner_chooses(new_context, site: str, roadmap: Roadmap) -> None:
    t, choice, default, other = _a_choice(roadmap)
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2026, 11, 22, 12, tzinfo=UTC))
    open_page(page, f"{site}progress/")
    save_plan(page, t.id, "2027-01-04")
    _, due_default, days = plan_model(t, None)
    assert finish_iso(page) == (date(2027, 1, 4) + timedelta(days=days - 1)).isoformat()
    page.select_option(f'[data-rm-plan-option="{choice}"]', other)
    assert stored(page)["plan"]["options"] == {choice: other}
    expect(page.locator(f'[data-rm-plan-option="{choice}"]')).to_have_value(other)
    _, due_other, days_other = plan_model(t, None, {choice: other})
    only_other = next(b for b in t.blocks if b.choice == choice and b.option == other).entries[0].item_id
    only_default = next(b for b in t.blocks if b.choice == choice and b.option == default).entries[0].item_id
    assert only_other in due_other and only_other not in due_default and only_default in due_default
    assert finish_iso(page) == (date(2027, 1, 4) + timedelta(days=days_other - 1)).isoformat()


def test_pages_without_a_plan_make_no_date_formatter(new_context, site: str, planned_track: Track) -> None:
    """A date formatter costs Chromium 20-30 ms to create (bench/README.md), and only a saved plan shows
    dates: the home and progress pages make one only once there is a plan, and then show its dates."""
    page = new_context(timezone_id="UTC").new_page()
    page.add_init_script(
        """(() => { const Made = Intl.DateTimeFormat; window.__formatters = 0;
        Intl.DateTimeFormat = function (...a) { window.__formatters++; return new Made(...a); }; })()"""
    )
    for url in (site, f"{site}progress/"):
        open_page(page, url)
        assert page.evaluate("window.__formatters") == 0, url
    save_plan(page, planned_track.id, "2027-03-01")
    finish = page.locator("[data-rm-plan-finish] time")
    expect(finish).to_have_attribute("datetime", re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))
    expect(finish).to_have_text(re.compile(r"^[A-Z][a-z]{2}, [0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}$"))  # formatted
    assert page.evaluate("window.__formatters") == 1

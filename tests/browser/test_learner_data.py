"""Learner data survives content changes, and no plan breaks a page (issue #22, points 8, 9, 10, 13, 14).

A copy of the mini fixture is built once at /merged/ as a later version of the site: item python-syntax
was merged into python-oop (`aliases: [oop, python-syntax]`) and the storage key changed from `tiny`
to `mini` (`storage_key_aliases: [tiny]`). Each test stores what a learner kept before those changes,
then opens the site.
"""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Page, Route, expect

from browserkit import open_page, ready, stored
from roadmapkit.model import Track
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build

NOW_KEY, OLD_KEY = "mini:/merged/", "tiny:/merged/"
FULL = """const set = Storage.prototype.setItem;  // the current key's record can't be written: storage is full
Storage.prototype.setItem = function (k, v) {
  if (k.startsWith("mini:")) throw new DOMException("full", "QuotaExceededError");
  return set.call(this, k, v);
};"""


def merge_items(content: Path) -> None:
    """python-syntax is gone: python-oop takes its id as an alias; the storage key was 'tiny'."""
    phase = content / "phases" / "01-basics.yml"
    text = phase.read_text("utf-8")
    start = text.index("      - id: python-syntax\n")
    text = text[:start] + text[text.index("      - id: python-oop\n") :]
    text = text.replace("        requires: [python-syntax]\n", "")
    text = text.replace("aliases: [oop]", "aliases: [oop, python-syntax]")
    phase.write_text(text, "utf-8")
    track = content / "tracks" / "fast.yml"
    track.write_text(track.read_text("utf-8").replace('      - {item: python-syntax, note: "Day 1-2"}\n', ""), "utf-8")
    identity = content / "roadmap.yml"
    identity.write_text(identity.read_text("utf-8") + "storage_key_aliases: [tiny]\n", "utf-8")


@pytest.fixture(scope="module")
def merged(server: str, www: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    tmp = tmp_path_factory.mktemp("merged")
    shutil.copytree(FIXTURES / "mini", tmp / "content")
    merge_items(tmp / "content")
    project = copy_project(tmp / "project", content=tmp / "content")
    result = mkdocs_build(project, www / "merged", SITE_URL=f"{server}/merged/")
    assert result.returncode == 0, result.stderr
    return f"{server}/merged/"


def keep(page: Page, records: dict[str, dict]) -> None:
    """Store records (storage key -> state) as an earlier version of the site left them, then reload."""
    put = "r => { localStorage.clear(); for (const k in r) localStorage.setItem(k, r[k]) }"
    page.evaluate(put, json_values(records))
    page.reload()
    ready(page)


def json_values(records: dict[str, dict]) -> dict[str, str]:
    return {key: json.dumps(value) for key, value in records.items()}


def record(page: Page, key: str) -> dict | None:
    raw = page.evaluate("k => localStorage.getItem(k)", key)
    return json.loads(raw) if raw is not None else None


def state(items: dict, notes: dict, **more: object) -> dict:
    return {"version": 1, "items": items, "notes": notes, **more}


# ---- point 8: an alias that merges two items --------------------------------------------------


def test_merged_items_keep_both_notes_and_the_tick(page: Page, merged: str) -> None:
    open_page(page, f"{merged}phases/basics/")
    keep(page, {NOW_KEY: state({"python-syntax": 5}, {"python-syntax": "Syntax first", "python-oop": "Classes later"})})
    note = page.locator('.rm-usernote[data-rm-note-for="python-oop"]')
    expect(note).to_have_text("Classes later (python-syntax) Syntax first")
    expect(page.locator('input[data-roadmap-id="python-oop"]')).to_be_checked()
    assert stored(page)["notes"] == {"python-oop": "Classes later\n\n(python-syntax) Syntax first"}
    assert stored(page)["items"] == {"python-oop": 5}
    page.reload()  # joined once: a second load changes nothing
    ready(page)
    assert stored(page)["notes"] == {"python-oop": "Classes later\n\n(python-syntax) Syntax first"}


def test_a_merged_note_too_long_to_join_is_kept_aside_and_shown(page: Page, merged: str) -> None:
    """Both notes at 600 characters do not fit in one (the editor takes 1000): the former item's note stays
    under its id, and the progress page lists it, where the learner can copy it or delete it."""
    old, new = "S" * 599 + "!", "C" * 600
    open_page(page, f"{merged}progress/")
    keep(page, {NOW_KEY: state({"python-oop": 1}, {"python-syntax": old, "python-oop": new})})
    kept = page.locator("[data-rm-kept] li")
    expect(kept).to_have_count(1)
    expect(kept.locator("code")).to_have_text("python-syntax")
    expect(kept.locator(".rm-kept__text")).to_have_text(old)
    assert stored(page)["notes"] == {"python-syntax": old, "python-oop": new}
    page.once("dialog", lambda dialog: dialog.accept())
    kept.get_by_role("button", name="Delete").click()
    expect(page.locator("[data-rm-kept]")).to_have_count(0)
    assert stored(page)["notes"] == {"python-oop": new}


# ---- point 13: a changed storage key -----------------------------------------------------------


def test_progress_under_a_former_storage_key_moves_to_the_current_one(page: Page, merged: str) -> None:
    open_page(page, f"{merged}phases/basics/")
    plan = {"track": "fast", "start": "2027-01-04", "hours": None}
    before = state({"python-oop": 1, "daily-kata@fast/build": 2}, {"python-oop": "old note"}, plan=plan)
    now = state({"cli-calculator": 3}, {"python-oop": "new note"})
    keep(page, {OLD_KEY: before, NOW_KEY: now})
    expect(page.locator('input[data-roadmap-id="python-oop"]')).to_be_checked()
    expect(page.locator('.rm-usernote[data-rm-note-for="python-oop"]')).to_have_text("new note (tiny) old note")
    moved = record(page, NOW_KEY)
    assert moved["items"] == {"python-oop": 1, "daily-kata@fast/build": 2, "cli-calculator": 3}
    assert moved["notes"] == {"python-oop": "new note\n\n(tiny) old note"} and moved["plan"] == plan
    assert record(page, OLD_KEY) is None


def test_a_former_record_stays_until_the_move_is_stored(page: Page, merged: str) -> None:
    before = state({"python-oop": 1}, {"python-oop": "old note"})
    page.add_init_script(FULL)
    open_page(page, f"{merged}phases/basics/")
    keep(page, {OLD_KEY: before})
    expect(page.locator('input[data-roadmap-id="python-oop"]')).to_be_checked()  # shown, not saved
    expect(page.locator(".rm-notice")).to_contain_text("storage is full")
    assert record(page, OLD_KEY) == before and record(page, NOW_KEY) is None


def test_a_former_plan_unlike_the_current_one_keeps_the_former_record(page: Page, merged: str) -> None:
    """The current plan wins on the page; the other plan is not dropped: its record stays where it is."""
    before = state({"python-oop": 1}, {}, plan={"track": "fast", "start": "2026-01-05", "hours": None})
    now = state({}, {}, plan={"track": "fast", "start": "2027-01-04", "hours": 12})
    open_page(page, f"{merged}progress/")
    keep(page, {OLD_KEY: before, NOW_KEY: now})
    expect(page.locator("[data-rm-plan-form] input[name=start]")).to_have_value("2027-01-04")
    assert record(page, NOW_KEY)["items"] == {"python-oop": 1}
    assert record(page, OLD_KEY) == before
    written = record(page, NOW_KEY)
    page.reload()  # merged again, and nothing new: nothing is written (tabs would wake each other forever)
    ready(page)
    assert record(page, NOW_KEY) == written


def test_a_page_that_names_the_current_key_as_former_loses_nothing(page: Page, merged: str) -> None:
    """Validation refuses it; a page that says so anyway must not move the record onto itself."""

    def current_key_as_former(route: Route) -> None:
        html = route.fetch().text().replace('"keys": ["tiny"]', '"keys": ["mini", "tiny", "mini"]')
        assert '"mini", "tiny"' in html
        route.fulfill(body=html, content_type="text/html")

    page.route(f"{merged}phases/basics/", current_key_as_former)
    open_page(page, f"{merged}phases/basics/")
    keep(page, {NOW_KEY: state({"python-oop": 1}, {"python-oop": "mine"})})
    expect(page.locator('input[data-roadmap-id="python-oop"]')).to_be_checked()
    assert record(page, NOW_KEY)["items"] == {"python-oop": 1}
    assert record(page, NOW_KEY)["notes"] == {"python-oop": "mine"}


# ---- points 9 and 10: no plan breaks a page ------------------------------------------------------

PLAN_OUT = "[data-rm-plan-out]"
ENDLESS = "would not end before the year 10000"
NO_DATES = "Choose a track and a start date"
BAD_HOURS = "not a number above 0 and at most 168"


def import_state(page: Page, data: dict) -> None:
    page.set_input_files(
        'input[data-rm-action="import"]',
        files=[{"name": "plan.json", "mimeType": "application/json", "buffer": json.dumps(data).encode()}],
    )
    expect(page.locator("[data-rm-status]")).to_contain_text("Imported")


@pytest.mark.parametrize(
    ("plan", "says"),
    [
        ({"hours": 1e-300}, ENDLESS),
        ({"hours": "1e-300"}, ENDLESS),
        ({"start": "9999-12-25"}, ENDLESS),
        ({"hours": -5}, BAD_HOURS),
        ({"hours": "twelve"}, BAD_HOURS),
        ({"hours": 1e300}, BAD_HOURS),
        ({"start": "0000-01-01"}, NO_DATES),
        ({"start": "0099-12-31"}, NO_DATES),
        ({"start": "+275760-09-13"}, NO_DATES),
        ({"start": 20270104}, NO_DATES),
        ({"hours": "12"}, None),
    ],
    ids=lambda v: json.dumps(v) if isinstance(v, dict) else str(v),
)
def test_an_imported_plan_gives_dates_or_says_why_not(
    new_context, site: str, planned_track: Track, plan: dict, says: str | None
) -> None:
    """Point 10: an imported plan with hours 1e-300 threw RangeError on every load of the progress page."""
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 10, 9, tzinfo=UTC))
    open_page(page, f"{site}progress/")
    import_state(page, state({}, {}, plan={"track": planned_track.id, "start": "2027-01-04", "hours": None, **plan}))
    for _ in range(2):  # as imported, and on every load after
        out = page.locator(PLAN_OUT)
        if says:
            expect(out).to_contain_text(says)
            expect(out.locator("time")).to_have_count(0)
        else:
            expect(page.locator("[data-rm-plan-finish] time")).to_have_count(1)
        expect(page.locator("html")).to_have_attribute("data-rm-ready", "")  # its boxes show
        page.reload()
        ready(page)


HOSTILE_WEEKS = ["15600000", "1e308", "NaN", "Infinity", "-3", "'2'", "null", "{}"]


@pytest.mark.parametrize("weeks", HOSTILE_WEEKS)
def test_plan_data_with_lengths_no_plan_can_use_breaks_no_page(
    new_context, site: str, planned_track: Track, weeks: str
) -> None:
    """Points 9 and 10 in the browser: plan data whose block lengths are NaN, absurd (a block of
    300000 years is 15,600,000 weeks) or not numbers (data that bypassed validation) still gives a
    working home and progress page: dates that fit, or a plain message."""
    page = new_context(timezone_id="UTC").new_page()

    def hostile(route: Route) -> None:
        body = route.fetch().text() + (
            "window.roadmapPlanData.tracks.forEach(t => t.blocks.forEach(b => {"
            f" if (b.weeks) b.weeks = {weeks}; }}));\n"
        )
        route.fulfill(body=body, content_type="text/javascript")

    page.route("**/assets/roadmap-plan.js", hostile)
    open_page(page, f"{site}progress/")
    page.check(f'[data-rm-plan-form] input[name=track][value="{planned_track.id}"]')
    page.fill("[data-rm-plan-form] input[name=start]", "2027-01-04")
    page.get_by_role("button", name="Save plan").click()
    out = page.locator(PLAN_OUT)
    expect(out.locator("p").first).not_to_be_empty()
    if weeks in ("15600000", "1e308", "Infinity"):
        expect(out).to_contain_text("so it gives no dates")
    times = out.locator("time")
    for n in range(times.count()):
        assert times.nth(n).get_attribute("datetime")[:2] in ("20", "21")
    page.reload()
    ready(page)
    open_page(page, site)
    expect(page.locator("[data-rm-next-list] input[data-roadmap-id]").first).to_be_visible()


# ---- point 14: what "stored in this browser" shares ------------------------------------------------

SHARED = "can read and change"


def test_the_progress_page_says_other_sites_on_the_address_can_read_progress(page: Page, site: str) -> None:
    """The about page said progress was kept "for this site only"; another site at the same address
    (here /other/ beside /ml/, as GitHub Pages project sites of one user are) reads and changes it.
    The progress page (the engine's words, whatever the about page of a roadmap says) tells so."""
    open_page(page, site)  # home may hold no box until a track is chosen: tick one on the first phase's page
    open_page(page, urljoin(page.url, page.locator("a[href*='phases/']").first.get_attribute("href") or ""))
    page.locator("input[data-roadmap-id]").first.check()
    key = page.evaluate("window.roadmapKit.key")
    open_page(page, site.replace("/ml/", "/other/"))
    assert page.evaluate("k => JSON.parse(localStorage.getItem(k)).items", key)
    page.evaluate("k => localStorage.setItem(k, '{}')", key)  # another site changes it
    open_page(page, f"{site}progress/")
    text = " ".join((page.locator("article").text_content() or "").split())
    assert "this site only" not in text and SHARED in text


def test_the_starter_about_page_says_the_same() -> None:
    for about in (ROOT / "hooks" / "roadmapkit" / "starter" / "about.md", FIXTURES / "second" / "pages" / "about.md"):
        text = " ".join(about.read_text("utf-8").split())
        assert "this site only" not in text and SHARED in text, about

"""Progress in a real Chromium: ticks persist, sync everywhere, survive bad storage."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from browserkit import instant_navigation, open_page, ready, stored
from roadmapkit.model import Roadmap


@pytest.fixture(scope="module")
def shared(roadmap: Roadmap) -> tuple[str, str, str]:
    """(item id, its phase id, a track id) for an item that a track schedules."""
    for track in roadmap.tracks:
        for item_id in track.item_ids:
            return item_id, roadmap.item_index()[item_id].phase_id, track.id
    raise AssertionError("no track lists any item")


def box(page: Page, item_id: str):
    return page.locator(f'input[data-roadmap-id="{item_id}"]').first


def test_tick_is_saved_and_survives_reload(page: Page, site: str, shared: tuple[str, str, str]) -> None:
    item_id, phase_id, _ = shared
    open_page(page, f"{site}phases/{phase_id}/")
    box(page, item_id).check()
    assert stored(page)["items"][item_id] > 0
    assert stored(page)["version"] == 1
    page.reload()
    ready(page)
    assert box(page, item_id).is_checked()


def test_a_ticked_item_is_struck_through_wherever_it_is_listed(
    page: Page, site: str, shared: tuple[str, str, str]
) -> None:
    """Ticking strikes through the item's label in every row that lists it, and after a reload; unticking
    clears it. The rows built by the script (the home page's "what next") follow the same rule."""
    item_id, _, track_id = shared
    open_page(page, f"{site}tracks/{track_id}/")
    labels = page.locator(f'.rm-check:has(> input[data-roadmap-id="{item_id}"])')
    box(page, item_id).check()
    for n in range(labels.count()):
        expect(labels.nth(n)).to_have_css("text-decoration-line", "line-through")
    page.reload()
    ready(page)
    expect(labels.first).to_have_css("text-decoration-line", "line-through")
    box(page, item_id).uncheck()
    for n in range(labels.count()):
        expect(labels.nth(n)).to_have_css("text-decoration-line", "none")
    open_page(page, site)
    page.select_option("[data-rm-next-track]", track_id)
    suggested = page.locator("[data-rm-next-list] .rm-check").first
    suggested.locator("input").check()
    expect(suggested).to_have_css("text-decoration-line", "line-through")


def test_same_item_on_a_track_page_after_instant_navigation(
    page: Page, site: str, shared: tuple[str, str, str]
) -> None:
    item_id, phase_id, track_id = shared
    with instant_navigation(page):
        open_page(page, f"{site}tracks/{track_id}/")
    page.evaluate("window.__marker = 1")  # survives only if navigation is instant (no full reload)
    page.locator(f'.rm-item:has(input[data-roadmap-id="{item_id}"]) a.rm-where').first.click()
    # Not the exact URL: Material's navigation.tracking rewrites the hash to the heading in view.
    page.wait_for_url(lambda url: f"/phases/{phase_id}/" in url)
    page.locator(f"li#{item_id}").wait_for()  # the URL can change before the new content is in place
    box(page, item_id).check()
    page.go_back()
    page.wait_for_url(lambda url: f"/tracks/{track_id}/" in url)  # with or without the hash tracking wrote
    page.wait_for_function(f"document.querySelector('input[data-roadmap-id=\"{item_id}\"]').checked === true")
    assert page.evaluate("window.__marker") == 1


def test_another_tab_follows_through_the_storage_event(
    context: BrowserContext, site: str, shared: tuple[str, str, str]
) -> None:
    item_id, phase_id, track_id = shared
    first = open_page(context.new_page(), f"{site}phases/{phase_id}/")
    second = open_page(context.new_page(), f"{site}tracks/{track_id}/")
    box(first, item_id).check()
    second.wait_for_function(f"document.querySelector('input[data-roadmap-id=\"{item_id}\"]').checked")
    box(first, item_id).uncheck()
    second.wait_for_function(f"!document.querySelector('input[data-roadmap-id=\"{item_id}\"]').checked")


def test_two_sites_on_one_origin_keep_separate_progress(
    page: Page, server: str, site: str, shared: tuple[str, str, str]
) -> None:
    item_id, phase_id, _ = shared
    open_page(page, f"{server}/ml/phases/{phase_id}/")
    box(page, item_id).check()
    open_page(page, f"{server}/other/phases/{phase_id}/")
    assert not box(page, item_id).is_checked()
    prefix = page.evaluate("window.roadmapKit.key").split(":")[0]  # content/roadmap.yml's storage_key
    assert page.evaluate("window.roadmapKit.key") == f"{prefix}:/other/"
    keys = page.evaluate("p => Object.keys(localStorage).filter(k => k.startsWith(p + ':')).sort()", prefix)
    assert keys == [f"{prefix}:/ml/"]


def test_progress_bars_count_and_update_on_every_tick(page: Page, site: str, roadmap: Roadmap) -> None:
    phase = roadmap.phases[0]
    module = next(m for m in phase.modules if not m.choice_id)
    open_page(page, f"{site}phases/{phase.id}/")
    bar = page.locator(f'.rm-progress[aria-label="Progress in {module.title}"]')
    total = len(module.items)
    assert bar.get_attribute("aria-valuenow") == "0"
    assert bar.locator(".rm-progress__text").text_content() == f"0 / {total}"
    box(page, module.items[0].id).check()
    assert bar.get_attribute("aria-valuenow") == "1"
    assert bar.get_attribute("aria-valuemax") == str(total)
    assert bar.locator(".rm-progress__text").text_content() == f"1 / {total}"
    overall = open_page(page, f"{site}progress/").locator('.rm-progress[aria-label="Overall progress"]')
    assert overall.get_attribute("aria-valuenow") == "1"


def test_a_page_load_paints_stored_progress_once(page: Page, site: str, shared: tuple[str, str, str]) -> None:
    """Material's document$ and the DOM-ready event both report the first load: one paint, not two
    (each paint of the home page counts every phase and track)."""
    _, phase_id, _ = shared
    for url in (f"{site}phases/{phase_id}/", site):
        open_page(page, url)
        tools = page.evaluate("!!document.querySelector('[data-rm-tools]')")  # it paints again once they come
        assert page.evaluate("performance.getEntriesByName('rm:paint').length") == 1 + tools, url
        # ...in a task after Material's DOMContentLoaded handlers, not in the same long one
        assert page.evaluate(
            "performance.getEntriesByName('rm:paint')[0].startTime"
            " >= performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
        ), url


REWRITES = """
window.__rewritten = [];
var parsed = false;  // what the parser inserts is not a rewrite
document.addEventListener("DOMContentLoaded", function () { parsed = true; });
new MutationObserver(function (records) {
  records.forEach(function (r) {
    if (!parsed) return;
    var t = r.target.nodeType === 1 ? r.target : r.target.parentNode;
    if (t && t.closest(".rm-node, .rm-progress, [data-rm-times]"))
      window.__rewritten.push((r.attributeName || r.type) + " " + t.outerHTML.slice(0, 80));
  });
}).observe(document, {subtree: true, childList: true, characterData: true, attributes: true,
                      attributeFilter: ["aria-label", "aria-valuenow", "aria-valuemax", "aria-valuetext"]});
"""


def test_a_first_visit_rewrites_no_count_the_page_already_shows(page: Page, site: str) -> None:
    """The built pages already show 0 of everything: painting them for a first visit writes no text
    or label again (a rewrite lays the page out again, the map's SVG labels most of all)."""
    page.add_init_script(REWRITES)
    for url in (f"{site}map/", site, f"{site}progress/"):
        open_page(page, url)
        assert page.evaluate("window.__rewritten") == [], url


def test_unknown_ids_in_storage_are_kept(page: Page, site: str, shared: tuple[str, str, str]) -> None:
    item_id, phase_id, _ = shared
    open_page(page, site)
    page.evaluate(
        "localStorage.setItem(window.roadmapKit.key, JSON.stringify("
        "{version: 1, items: {'removed-long-ago': 5}, notes: {}, plan: {track: 'x'}}))"
    )
    open_page(page, f"{site}phases/{phase_id}/")
    box(page, item_id).check()
    data = stored(page)
    assert data["items"]["removed-long-ago"] == 5 and item_id in data["items"]
    assert data["plan"] == {"track": "x"}


def test_alias_carries_old_progress_to_the_new_id(page: Page, site: str, roadmap: Roadmap) -> None:
    for item in [i for i in roadmap.items if i.aliases][:1]:  # a roadmap without aliases has none to carry
        open_page(page, site)
        page.evaluate(
            f"localStorage.setItem(window.roadmapKit.key, JSON.stringify("
            f"{{version: 1, items: {{'{item.aliases[0]}': 7}}, notes: {{}}}}))"
        )
        open_page(page, f"{site}phases/{item.phase_id}/")
        assert box(page, item.id).is_checked()
        assert stored(page)["items"] == {item.id: 7}


def test_export_then_import_in_a_fresh_browser(
    browser_pair, site: str, shared: tuple[str, str, str], tmp_path: Path
) -> None:
    item_id, phase_id, _ = shared
    first, second = browser_pair
    page = open_page(first.new_page(), f"{site}phases/{phase_id}/")
    box(page, item_id).check()
    open_page(page, f"{site}progress/")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert item_id in json.loads(exported.read_text())["items"]

    other = open_page(second.new_page(), f"{site}progress/")
    other.locator('input[data-rm-action="import"]').set_input_files(str(exported))
    other.wait_for_function("document.querySelector('[data-rm-status]').textContent.includes('Imported')")
    open_page(other, f"{site}phases/{phase_id}/")
    assert box(other, item_id).is_checked()


def test_import_of_a_bad_file_changes_nothing(
    page: Page, site: str, shared: tuple[str, str, str], tmp_path: Path
) -> None:
    item_id, phase_id, _ = shared
    open_page(page, f"{site}phases/{phase_id}/")
    box(page, item_id).check()
    before = stored(page)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 1, "items": {"a": "yes"}}))
    open_page(page, f"{site}progress/")
    page.locator('input[data-rm-action="import"]').set_input_files(str(bad))
    page.wait_for_function("document.querySelector('[data-rm-status]').textContent.includes('nothing was changed')")
    assert stored(page) == before


def test_import_replace_then_undo(page: Page, site: str, shared: tuple[str, str, str], tmp_path: Path) -> None:
    item_id, phase_id, _ = shared
    open_page(page, f"{site}phases/{phase_id}/")
    box(page, item_id).check()
    before = stored(page)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"version": 1, "items": {"something-else": 1}, "notes": {}}))
    open_page(page, f"{site}progress/")
    page.locator("[data-rm-import-merge]").uncheck()
    page.locator('input[data-rm-action="import"]').set_input_files(str(other))
    page.wait_for_function("document.querySelector('[data-rm-status]').textContent.includes('replaced')")
    assert stored(page)["items"] == {"something-else": 1}
    page.get_by_role("button", name="Undo last import or reset").click()
    assert stored(page)["items"] == before["items"]


def test_reset_asks_first_and_can_be_undone(page: Page, site: str, shared: tuple[str, str, str]) -> None:
    item_id, phase_id, _ = shared
    open_page(page, f"{site}phases/{phase_id}/")
    box(page, item_id).check()
    open_page(page, f"{site}progress/")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset progress").click()
    assert item_id in stored(page)["items"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset progress").click()
    assert stored(page)["items"] == {}
    assert page.locator('.rm-progress[aria-label="Overall progress"]').get_attribute("aria-valuenow") == "0"
    page.get_by_role("button", name="Undo last import or reset").click()
    assert item_id in stored(page)["items"]


BLOCK_STORAGE = """
Object.defineProperty(window, 'localStorage', {get() { throw new DOMException('blocked', 'SecurityError'); }});
"""


def test_blocked_storage_still_works_and_says_so(page: Page, site: str, shared: tuple[str, str, str]) -> None:
    item_id, phase_id, _ = shared
    page.add_init_script(BLOCK_STORAGE)
    open_page(page, f"{site}phases/{phase_id}/")
    notice = page.locator(".rm-notice")
    assert "can't be saved" in notice.text_content()
    box(page, item_id).check()
    assert box(page, item_id).is_checked()


def test_full_storage_says_the_change_was_not_saved(page: Page, site: str, shared: tuple[str, str, str]) -> None:
    item_id, phase_id, _ = shared
    page.add_init_script(
        "Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };"
    )
    open_page(page, f"{site}phases/{phase_id}/")
    box(page, item_id).check()
    assert "storage is full" in page.locator(".rm-notice").text_content()


def test_corrupt_storage_is_kept_aside_and_reported(page: Page, site: str, shared: tuple[str, str, str]) -> None:
    item_id, phase_id, _ = shared
    open_page(page, site)
    page.evaluate("localStorage.setItem(window.roadmapKit.key, '{not json')")
    open_page(page, f"{site}phases/{phase_id}/")
    assert "could not be read" in page.locator(".rm-notice").text_content()
    kept = page.evaluate(
        "Object.keys(localStorage).filter(k => k.includes(':corrupt:')).map(k => localStorage.getItem(k))"
    )
    assert kept == ["{not json"]
    box(page, item_id).check()
    assert item_id in stored(page)["items"]


def test_checkbox_is_operable_by_keyboard_and_named_by_its_title(page: Page, site: str, roadmap: Roadmap) -> None:
    item = roadmap.phases[0].modules[0].items[0]
    open_page(page, f"{site}phases/{item.phase_id}/")
    checkbox = page.get_by_role("checkbox", name=item.title, exact=True).first
    checkbox.focus()
    page.keyboard.press("Space")
    assert checkbox.is_checked()
    assert item.id in stored(page)["items"]


@pytest.fixture
def browser_pair(new_context):
    """Two browsers that share nothing, as two devices would."""
    return [new_context(), new_context()]

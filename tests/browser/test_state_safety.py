"""Browser state under attack (issue #12, point 6): prototype names, hostile and oversized imports,
full storage while keeping an unreadable record aside, read-only mode, and two tabs ticking at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from browserkit import open_page, ready, stored
from roadmapkit.model import Roadmap

PROTO_IDS = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "prototype"]

INJECT = """ids => {
  const host = document.querySelector('.md-content__inner') || document.body;
  for (const id of ids) {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.setAttribute('data-roadmap-id', id);
    host.prepend(box);
  }
  window.roadmapKit.paint();
}"""

STATUS_SET = "document.querySelector('[data-rm-status]').textContent.trim() !== ''"

NOT_POLLUTED = """() => ({}).polluted === undefined && Object.prototype.polluted === undefined
  && Object.getPrototypeOf(window.roadmapKit.state()) === null"""


def box(page: Page, item_id: str):
    return page.locator(f'input[data-roadmap-id="{item_id}"]').first


def status(page: Page) -> str:
    page.wait_for_function(STATUS_SET)
    return page.locator("[data-rm-status]").text_content()


def import_file(page: Page, path: Path) -> str:
    """Import a file on the progress page (status cleared first) and return the status it leaves."""
    page.evaluate("document.querySelector('[data-rm-status]').textContent = ''")
    page.locator('input[data-rm-action="import"]').set_input_files(str(path))
    return status(page)


# ---- state without a prototype -------------------------------------------------------------


def test_prototype_names_are_unticked_in_a_fresh_browser_and_tick_normally(page: Page, site: str) -> None:
    open_page(page, f"{site}about/")
    page.evaluate(INJECT, PROTO_IDS)
    assert [box(page, i).is_checked() for i in PROTO_IDS] == [False] * len(PROTO_IDS)
    assert page.evaluate(NOT_POLLUTED)

    for ident in PROTO_IDS:
        box(page, ident).check()
    assert sorted(stored(page)["items"]) == sorted(PROTO_IDS)
    assert page.evaluate(NOT_POLLUTED)

    page.reload()
    ready(page)
    page.evaluate(INJECT, PROTO_IDS)
    assert [box(page, i).is_checked() for i in PROTO_IDS] == [True] * len(PROTO_IDS)
    for ident in PROTO_IDS:
        box(page, ident).uncheck()
    assert stored(page)["items"] == {}
    assert [box(page, i).is_checked() for i in PROTO_IDS] == [False] * len(PROTO_IDS)


# ---- hostile imports -------------------------------------------------------------------------

HOSTILE = {
    "proto-top": '{"version": 1, "items": {"a": 1}, "notes": {}, "__proto__": {"polluted": 1, "items": {}}}',
    "constructor-top": '{"version": 1, "items": {"a": 1}, "constructor": {"prototype": {"polluted": 1}}}',
    "proto-in-plan": '{"version": 1, "items": {"a": 1}, "plan": {"track": "x", "__proto__": {"polluted": 1}}}',
    "constructor-deep": '{"version": 1, "items": {"a": 1}, "x": [{"y": {"constructor": {"prototype": {"p": 1}}}}]}',
    "prototype-in-notes": '{"version": 1, "items": {"a": 1}, "notes": {"prototype": "hi"}}',
}


def _one_tick_then_progress(page: Page, site: str, roadmap: Roadmap) -> tuple:
    """Tick the first item, open the progress page; (the item, the stored record as it is now)."""
    item = roadmap.items[0]
    open_page(page, f"{site}phases/{item.phase_id}/")
    box(page, item.id).check()
    open_page(page, f"{site}progress/")
    return item, page.evaluate("localStorage.getItem(window.roadmapKit.key)")


def test_an_infinite_timestamp_in_an_import_is_refused_and_loses_nothing(
    page: Page, site: str, roadmap: Roadmap, tmp_path: Path
) -> None:
    item, before = _one_tick_then_progress(page, site, roadmap)
    infinite = tmp_path / "infinite.json"
    infinite.write_text('{"version": 1, "items": {"zzz": 1e999}}')  # JSON.parse gives Infinity
    said = import_file(page, infinite)
    assert "nothing was changed" in said
    assert page.evaluate("localStorage.getItem(window.roadmapKit.key)") == before
    page.reload()
    ready(page)
    assert stored(page)["items"].keys() == {item.id}, "the stored record still reads back"


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_import_with_prototype_keys_is_refused(
    page: Page, site: str, roadmap: Roadmap, tmp_path: Path, text: str
) -> None:
    _, before = _one_tick_then_progress(page, site, roadmap)
    hostile = tmp_path / "hostile.json"
    hostile.write_text(text)
    said = import_file(page, hostile)
    assert "nothing was changed" in said and ("__proto__" in said or "constructor" in said or "prototype" in said)
    assert page.evaluate("localStorage.getItem(window.roadmapKit.key)") == before
    assert page.evaluate("Object.keys(localStorage).filter(k => k.endsWith(':backup'))") == []
    assert page.evaluate(NOT_POLLUTED)
    assert page.locator('.rm-progress[aria-label="Overall progress"]').get_attribute("aria-valuenow") == "1"


def junk_files() -> dict[str, dict]:
    base = {"version": 1, "items": {"a": 1}, "notes": {}}
    return {
        "over-1-MB": {**base, "items": {f"unknown-{n:06d}": 1 for n in range(70_000)}},
        "one-huge-unknown-key": {**base, "junk": "x" * 300_000},
        "many-unknown-keys": {**base, **{f"junk{n}": n for n in range(100)}},
    }


@pytest.mark.parametrize("name", junk_files().keys())
def test_oversized_import_and_unknown_junk_are_refused(page: Page, site: str, tmp_path: Path, name: str) -> None:
    open_page(page, f"{site}progress/")
    before = page.evaluate("localStorage.getItem(window.roadmapKit.key)")
    junk = tmp_path / "junk.json"
    junk.write_text(json.dumps(junk_files()[name]))
    said = import_file(page, junk)
    assert "nothing was changed" in said
    assert page.evaluate("localStorage.getItem(window.roadmapKit.key)") == before
    assert page.evaluate("JSON.stringify(localStorage).length") < 10_000, "nothing big was written anywhere"

    fine = tmp_path / "fine.json"
    fine.write_text(json.dumps({"version": 1, "items": {f"gone-{n}": 1 for n in range(2000)}, "notes": {}}))
    assert "Imported" in import_file(page, fine), "unknown item ids are still kept"
    assert len(stored(page)["items"]) == 2000


# ---- an unreadable record when storage is full -------------------------------------------------

NO_ROOM_ASIDE = """
const realSetItem = Storage.prototype.setItem;
Storage.prototype.setItem = function (key, value) {
  if (String(key).includes(':corrupt:')) throw new DOMException('full', 'QuotaExceededError');
  return realSetItem.call(this, key, value);
};
"""


def test_unreadable_record_stays_when_its_copy_cannot_be_stored(page: Page, site: str, roadmap: Roadmap) -> None:
    item = roadmap.items[0]
    page.add_init_script(NO_ROOM_ASIDE)
    open_page(page, site)
    page.evaluate("localStorage.setItem(window.roadmapKit.key, '{not json')")
    open_page(page, f"{site}phases/{item.phase_id}/")
    said = page.locator(".rm-notice").text_content()
    assert "can't be saved" in said and "nothing was lost" in said
    assert "kept aside" not in said
    assert page.evaluate("localStorage.getItem(window.roadmapKit.key)") == "{not json"
    assert page.evaluate("Object.keys(localStorage).filter(k => k.includes(':corrupt:'))") == []

    box(page, item.id).check()  # works in memory, writes nothing over the record
    assert box(page, item.id).is_checked()
    assert page.evaluate("localStorage.getItem(window.roadmapKit.key)") == "{not json"
    assert "not saved" in page.locator(".rm-notice").text_content().lower()


# ---- read-only mode (a record from a newer version) ---------------------------------------------


def test_read_only_mode_says_so_and_claims_nothing(page: Page, site: str, roadmap: Roadmap, tmp_path: Path) -> None:
    item = roadmap.items[0]
    open_page(page, site)
    record = json.dumps({"version": 99, "items": {item.id: 1}, "notes": {}, "future": True})
    backup = json.dumps({"version": 1, "items": {}, "notes": {}})
    page.evaluate(
        "([r, b]) => { localStorage.setItem(window.roadmapKit.key, r);"
        " localStorage.setItem(window.roadmapKit.key + ':backup', b); }",
        [record, backup],
    )
    page.on("dialog", lambda dialog: dialog.accept())
    open_page(page, f"{site}progress/")
    assert "newer version" in page.locator(".rm-notice").text_content()

    def unchanged() -> None:
        assert page.evaluate("localStorage.getItem(window.roadmapKit.key)") == record
        assert page.evaluate("localStorage.getItem(window.roadmapKit.key + ':backup')") == backup

    for name in ("Reset progress", "Undo last import or reset"):
        page.evaluate("document.querySelector('[data-rm-status]').textContent = ''")
        button = page.get_by_role("button", name=name)
        if button.is_enabled():
            button.click()
            said = status(page)
            assert "not saved (read-only: saved by a newer version of this site)" in said.lower()
            assert "reset." not in said.lower() and "restored" not in said.lower()
        unchanged()

    other = tmp_path / "other.json"
    other.write_text(json.dumps({"version": 1, "items": {"x": 1}, "notes": {}}))
    said = import_file(page, other)
    assert "read-only" in said and "Imported" not in said
    unchanged()

    page.check(f'[data-rm-plan-form] input[name=track][value="{roadmap.tracks[0].id}"]')
    page.fill("[data-rm-plan-form] input[name=start]", "2027-01-04")
    page.get_by_role("button", name="Save plan").click()
    said = page.locator("[data-rm-plan-status]").text_content()  # said beside the Save button
    assert "not saved" in said and "read-only" in said and "was saved" not in said
    unchanged()

    open_page(page, f"{site}phases/{item.phase_id}/")
    assert box(page, item.id).is_checked()
    box(page, item.id).uncheck()
    assert "Not saved (read-only: saved by a newer version of this site)" in page.locator(".rm-notice").text_content()
    unchanged()


# ---- two tabs ------------------------------------------------------------------------------

# Each tab holds back its storage events until both have acted, as when two tabs act at the same moment
# (neither has heard of the other's change yet); RELEASE then delivers them, in order.
HOLD = """
window.__held = null;
addEventListener('storage', e => {
  if (window.__held && e.isTrusted) { e.stopImmediatePropagation(); window.__held.push(e); }
});
"""  # an init script: its listener comes before the page's own
HOLD_ON = "() => { window.__held = []; }"
RELEASE = """() => {
  const held = window.__held;
  window.__held = null;
  for (const e of held) {
    dispatchEvent(new StorageEvent('storage',
      {key: e.key, oldValue: e.oldValue, newValue: e.newValue, url: e.url, storageArea: e.storageArea}));
  }
}"""
CLICK = 'id => document.querySelector(`input[data-roadmap-id="${id}"]`).click()'
SHOWN = 'ids => ids.every(id => document.querySelector(`input[data-roadmap-id="${id}"]`).checked === true)'
HIDDEN = 'id => document.querySelector(`input[data-roadmap-id="${id}"]`).checked === false'


def test_two_tabs_ticking_at_once_keep_both_ticks(context: BrowserContext, site: str, roadmap: Roadmap) -> None:
    phase = roadmap.phases[0]
    one, two, three = (i.id for i in phase.items[:3])
    context.add_init_script(HOLD)
    first = open_page(context.new_page(), f"{site}phases/{phase.id}/")
    second = open_page(context.new_page(), f"{site}phases/{phase.id}/")
    for tab in (first, second):
        tab.evaluate(HOLD_ON)
    first.evaluate(CLICK, one)  # no waiting in between: the second tab has not heard of the first tick
    second.evaluate(CLICK, two)
    for tab in (first, second):
        tab.evaluate(RELEASE)
    for tab in (first, second):
        tab.wait_for_function(SHOWN, arg=[one, two])
    assert sorted(stored(first)["items"]) == sorted([one, two])
    assert sorted(stored(second)["items"]) == sorted([one, two])

    # A later deliberate untick in the other tab is not reverted by the first tab's earlier tick.
    box(second, one).uncheck()
    first.wait_for_function(HIDDEN, arg=one)
    first.evaluate(CLICK, three)
    second.wait_for_function(SHOWN, arg=[two, three])
    assert second.evaluate(HIDDEN, one) and first.evaluate(HIDDEN, one)
    assert sorted(stored(first)["items"]) == sorted([two, three])


def test_two_tabs_keep_each_others_notes_and_plan(context: BrowserContext, site: str, roadmap: Roadmap) -> None:
    item = roadmap.items[0]
    context.add_init_script(HOLD)
    first = open_page(context.new_page(), f"{site}progress/")
    second = open_page(context.new_page(), f"{site}phases/{item.phase_id}/")
    for tab in (first, second):
        tab.evaluate(HOLD_ON)
    first.evaluate(
        "t => { const f = document.querySelector('[data-rm-plan-form]');"
        " f.track.value = t; f.start.value = '2027-01-04'; f.requestSubmit(); }",
        roadmap.tracks[0].id,
    )
    second.evaluate(
        'id => { document.querySelector(`input[data-roadmap-id="${id}"]`).focus();'  # brings the note button
        ' document.querySelector(`[data-rm-note="${id}"]`).click();'
        " document.querySelector('.rm-note-edit textarea').value = 'mine';"
        " document.querySelector('[data-rm-note-save]').click(); }",
        item.id,
    )
    for tab in (first, second):
        tab.evaluate(RELEASE)
    for tab in (first, second):
        tab.wait_for_function(
            "() => { const s = window.roadmapKit.state(); return s.plan && s.plan.start === '2027-01-04'"
            " && Object.keys(s.notes).length === 1; }"
        )
    data = stored(first)
    assert data["plan"]["start"] == "2027-01-04" and data["notes"] == {item.id: "mine"}

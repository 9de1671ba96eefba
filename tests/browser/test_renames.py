"""Renames keep everything: ticks, notes, the plan and occurrences follow item, track and block aliases.

A copy of the mini fixture is built at one address, used, then renamed (old ids kept as aliases),
rebuilt at the same address (so the same storage key) and reloaded.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from browserkit import open_note, open_page, stored
from sitebuild import FIXTURES, copy_project, mkdocs_build

NOTE = "Revise dunder methods"


def build(content: Path, project: Path, out: Path, url: str) -> None:
    shutil.rmtree(project, ignore_errors=True)
    copy_project(project, content=content)
    result = mkdocs_build(project, out, SITE_URL=url)
    assert result.returncode == 0, result.stderr


def rename(content: Path) -> None:
    """python-oop -> python-classes, daily-kata -> kata, track fast -> quick, block build -> make."""
    phase = content / "phases" / "01-basics.yml"
    text = phase.read_text("utf-8").replace("python-oop", "python-classes")
    text = text.replace("aliases: [oop]", "aliases: [oop, python-oop]")
    text = text.replace("      - id: daily-kata\n", "      - id: kata\n        aliases: [daily-kata]\n")
    phase.write_text(text, "utf-8")
    track = content / "tracks" / "fast.yml"
    text = track.read_text("utf-8").replace("python-oop", "python-classes").replace("daily-kata", "kata")
    text = text.replace("id: fast\n", "id: quick\naliases: [fast]\n")
    text = text.replace("    id: build\n", "    id: make\n    aliases: [build]\n")
    track.write_text(text, "utf-8")


def use_the_site(page: Page, url: str) -> None:
    open_page(page, f"{url}phases/basics/")
    page.locator('input[data-roadmap-id="python-oop"]').check()
    open_note(page, "python-oop")
    page.locator(".rm-note-edit textarea").fill(NOTE)
    page.get_by_role("button", name="Save note").click()
    open_page(page, f"{url}tracks/fast/")
    page.locator('input[data-roadmap-id="daily-kata@fast/build"]').check()
    open_page(page, f"{url}progress/")
    page.check('[data-rm-plan-form] input[name=track][value="fast"]')
    page.fill("[data-rm-plan-form] input[name=start]", "2027-01-04")
    page.get_by_role("button", name="Save plan").click()
    assert stored(page)["plan"]["track"] == "fast"


def test_renamed_item_track_and_block_keep_ticks_notes_plan_and_occurrences(
    page: Page, server: str, www: Path, tmp_path: Path
) -> None:
    url, out, content = f"{server}/renames/", www / "renames", tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", content)
    build(content, tmp_path / "project", out, url)
    use_the_site(page, url)
    exported = stored(page)  # as an export made before the rename would hold it

    rename(content)
    build(content, tmp_path / "project", out, url)
    open_page(page, f"{url}phases/basics/")
    expect(page.locator('input[data-roadmap-id="python-classes"]').first).to_be_checked()
    expect(page.locator('.rm-usernote[data-rm-note-for="python-classes"]').first).to_have_text(NOTE)
    expect(page.locator('[data-rm-times^="kata "]')).to_have_text("done 1 of 2 times")
    state = stored(page)
    assert set(state["items"]) == {"python-classes", "kata@quick/make"}
    assert state["notes"] == {"python-classes": NOTE}
    assert state["plan"]["track"] == "quick" and state["plan"]["start"] == "2027-01-04"

    open_page(page, f"{url}progress/")
    expect(page.locator('[data-rm-plan-form] input[name=track][value="quick"]')).to_be_checked()
    expect(page.locator("[data-rm-plan-finish] time")).to_have_count(1)

    page.locator("[data-rm-import-merge]").uncheck()  # an old export, imported over nothing
    page.evaluate("localStorage.removeItem(window.roadmapKit.key)")
    page.set_input_files(
        'input[data-rm-action="import"]',
        files=[{"name": "old.json", "mimeType": "application/json", "buffer": json.dumps(exported).encode()}],
    )
    expect(page.locator("[data-rm-status]")).to_contain_text("Imported")
    assert set(stored(page)["items"]) == {"python-classes", "kata@quick/make"}
    assert stored(page)["plan"]["track"] == "quick"


def test_what_next_offers_an_occurrence_once_the_rest_is_done(
    page: Page, server: str, www: Path, tmp_path: Path
) -> None:
    url = f"{server}/next/"
    build(FIXTURES / "mini", tmp_path / "project", www / "next", url)
    open_page(page, url)
    done = ["python-syntax", "python-oop", "daily-kata", "cli-calculator", "fb-basics", "write-clean-python"]
    page.evaluate(
        "s => localStorage.setItem(window.roadmapKit.key, s)",
        json.dumps({"version": 1, "items": dict.fromkeys(done, 1), "notes": {}, "plan": {"track": "fast"}}),
    )
    page.reload()
    expect(page.locator("[data-rm-next-list] input[data-roadmap-id]")).to_have_count(1)
    box = page.locator('[data-rm-next-list] input[data-roadmap-id="daily-kata@fast/build"]')
    box.check()
    assert "daily-kata@fast/build" in stored(page)["items"]

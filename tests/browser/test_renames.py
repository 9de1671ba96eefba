"""Renames keep everything: ticks, notes, the plan and occurrences follow item, track and block aliases.

A copy of the mini fixture is built at one address, used, then renamed (old ids kept as aliases),
rebuilt at the same address (so the same storage key) and reloaded.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from playwright.sync_api import Page, expect

from browserkit import open_page, stored
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
    page.locator('[data-rm-note="python-oop"]').click()
    page.locator(".rm-note-edit textarea").fill(NOTE)
    page.get_by_role("button", name="Save note").click()
    open_page(page, f"{url}tracks/fast/")
    page.locator('input[data-roadmap-id="daily-kata@fast/build"]').check()
    open_page(page, f"{url}progress/")
    page.select_option("[data-rm-plan-form] select[name=track]", "fast")
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
    expect(page.locator("[data-rm-plan-form] select[name=track]")).to_have_value("quick")
    expect(page.locator("[data-rm-plan-finish] time")).to_have_count(1)

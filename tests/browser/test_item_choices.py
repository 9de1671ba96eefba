"""A "choose one of these" group of items (item_choices): what next offers one option at a time,
says there are others, and drops the group once any option is ticked; a plan's pace counts the
group as one item."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page
from test_learner_tools import next_model, put_state, save_plan, shown_next

from browserkit import open_page, stored
from roadmapkit import load_roadmap
from roadmapkit.model import Roadmap
from sitebuild import FIXTURES, copy_project, mkdocs_build

GENERAL = FIXTURES / "general"  # one module with an item choice: aws, azure or gcp


@pytest.fixture(scope="module")
def choices_site(server: str, www: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"{server}/choices/"
    project = copy_project(tmp_path_factory.mktemp("choices"), content=GENERAL)
    result = mkdocs_build(project, www / "choices", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    return url


@pytest.fixture(scope="module")
def general() -> Roadmap:
    return load_roadmap(GENERAL, GENERAL.parent)


def test_what_next_offers_one_option_of_a_choice(page: Page, choices_site: str, general: Roadmap) -> None:
    track = general.tracks[0]
    assert track.item_ids == ["what-is-cloud", "aws", "azure", "gcp"]
    open_page(page, choices_site)
    page.select_option("[data-rm-next-track]", track.id)
    assert shown_next(page) == ["what-is-cloud", "aws"] == next_model(general, track, set())
    row = page.locator('[data-rm-next-list] li:has(input[data-roadmap-id="aws"])')
    assert "or one of 2 others" in row.inner_text()

    put_state(page, {**stored(page), "version": 1, "items": {"azure": 1}})  # the learner chose Azure
    assert shown_next(page) == ["what-is-cloud"] == next_model(general, track, {"azure"})
    page.locator('[data-rm-next-list] input[data-roadmap-id="what-is-cloud"]').check()
    put_state(page, stored(page))
    assert shown_next(page) == []
    assert page.locator("[data-rm-next-empty]").is_visible()


def test_a_plan_counts_a_choice_once(new_context, choices_site: str) -> None:
    page = new_context(timezone_id="UTC").new_page()
    page.clock.set_fixed_time(datetime(2027, 3, 10, 9, tzinfo=UTC))
    open_page(page, f"{choices_site}progress/")
    # day 6 of the one-week plan: what-is-cloud, aws and azure were due (days 1, 3, 5), gcp is due today
    save_plan(page, "general", (date(2027, 3, 10) - timedelta(days=6)).isoformat())
    pace = page.locator("[data-rm-plan-pace]")
    assert pace.text_content().startswith("You are 2 items behind schedule")  # what-is-cloud, one provider
    listed = page.locator("[data-rm-plan-due] input[data-roadmap-id]")
    due = page.locator("[data-rm-plan-due]")
    assert due.locator(".rm-tag", has_text="or one of 2 others").count() == 3
    listed.and_(page.locator("[data-roadmap-id=azure]")).check()
    put_state(page, stored(page))
    assert pace.text_content().startswith("You are 1 item behind schedule")
    assert [listed.nth(n).get_attribute("data-roadmap-id") for n in range(listed.count())] == ["what-is-cloud", "azure"]

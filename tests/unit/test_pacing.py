"""Plan lengths: the one duration rule, choices, occurrence keys, and each track's stated total."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from roadmapkit import ContentError, load_roadmap
from roadmapkit.pacing import block_weeks, duration_weeks, plan_weeks
from roadmapkit.render import Renderer
from sitebuild import FIXTURES, ROOT

MONTH = 52 / 12


@pytest.mark.parametrize(
    ("text", "weeks"),
    [
        ("2 weeks", 2),
        ("1 week", 1),
        ("2-3 weeks", 2.5),
        ("1 month", MONTH),
        ("Month 3", MONTH),
        ("Months 13-16", 4 * MONTH),
        ("3-4 months", 3.5 * MONTH),
        ("Days 1-2", 2 / 7),
        ("1 year", 52),
        ("Ongoing", None),
        ("Self-paced", None),
        (None, None),
    ],
)
def test_duration_rule_turns_amounts_and_positions_into_weeks(text: str | None, weeks: float | None) -> None:
    assert duration_weeks(text) == (pytest.approx(weeks) if weeks is not None else None)


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(ROOT / "content", ROOT)


@pytest.fixture(scope="module")
def second():
    """A small roadmap with a choice of blocks (box, 1 week, the default; hook, 2 weeks) and an occurrence."""
    return load_roadmap(FIXTURES / "second", FIXTURES)


def test_each_track_plan_adds_up_to_its_stated_total(roadmap) -> None:
    outside = []
    for track in roadmap.tracks:
        if track.plan_weeks:
            low, high = track.plan_weeks
            if not low - 1e-6 <= plan_weeks(track) <= high + 1e-6:
                outside.append((track.id, round(plan_weeks(track), 1), low, high))
    assert outside == []


def test_choice_blocks_count_only_the_chosen_option(second) -> None:
    track = next(t for t in second.tracks if t.id == "reference")
    assert plan_weeks(track) == pytest.approx(3)  # two plain weeks + the default option (1 week)
    assert plan_weeks(track, {"next-project": "hook"}) == pytest.approx(4)  # + the other option (2 weeks)


def _plan(roadmap) -> dict:
    return json.loads(Renderer(roadmap).plan_data("progress.md"))


def test_plan_data_derives_weeks_and_keys_occurrences(second) -> None:
    track = next(t for t in _plan(second)["tracks"] if t["id"] == "reference")
    weeks = {b["title"].split(":")[0]: b for b in track["blocks"]}
    assert "sanding" in weeks["Week 1"]["keys"]
    assert "sanding@reference/needs" in weeks["Week 2"]["keys"]
    assert [b["weeks"] for b in track["blocks"]] == [1, 1, 1, 2]


def test_plan_data_marks_alternatives_and_their_defaults(second) -> None:
    track = next(t for t in _plan(second)["tracks"] if t["id"] == "reference")
    assert {b["option"] for b in track["blocks"] if b.get("choice") == "next-project"} == {"box", "hook"}
    assert track["options"] == {"next-project": "box"}


def test_aliases_name_tracks_and_blocks(mini_content: Path) -> None:
    track = mini_content / "tracks" / "fast.yml"
    text = track.read_text("utf-8").replace("id: fast\n", "id: quick\naliases: [fast]\n")
    text = text.replace("    id: build\n", "    id: build\n    aliases: [w2]\n")
    track.write_text(text, "utf-8")
    roadmap = load_roadmap(mini_content, mini_content)
    assert roadmap.track_alias_index() == {"fast": "quick"}
    assert roadmap.block_alias_index() == {"quick": {"w2": "build"}}


@pytest.mark.parametrize("weeks", [math.nan, math.inf, 521.0, 15_600_000.0])
def test_a_length_no_plan_can_use_reaches_no_plan_data(weeks: float) -> None:
    """Issue #22, points 9 and 10: a block's length that is not a finite number of weeks up to ten
    years (content that bypassed validation) dates nothing, and the plan data stays strict JSON:
    a NaN or Infinity there made JSON.parse throw on home and progress."""
    second = load_roadmap(FIXTURES / "second", FIXTURES)  # changed below: not the module's copy
    track = next(t for t in second.tracks if t.id == "reference")
    track.blocks[0].weeks = weeks
    track.hours_per_week = "9" * 400  # a float of 400 digits is inf
    assert block_weeks(track.blocks[0]) is None
    data = Renderer(second).plan_data("progress.md")
    plan = json.loads(data, parse_constant=lambda name: pytest.fail(f"{name} in the plan data"))
    blocks = next(t for t in plan["tracks"] if t["id"] == "reference")["blocks"]
    assert blocks[0]["weeks"] is None and blocks[1]["weeks"] == 1


def test_a_block_of_nan_weeks_is_refused_at_its_line(mini_content: Path) -> None:
    """Issue #22, point 9: `weeks: .nan` passed validation and put NaN in the plan data."""
    track = mini_content / "tracks" / "fast.yml"
    track.write_text(track.read_text("utf-8").replace("    weeks: 1\n", "    weeks: .nan\n", 1), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content)
    assert [(p.path, p.line, p.key) for p in caught.value.problems] == [("tracks/fast.yml", 20, "blocks[0].weeks")]

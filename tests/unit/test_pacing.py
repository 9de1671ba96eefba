"""Plan lengths: the one duration rule, choices, occurrence keys, and each track's stated total."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmapkit import load_roadmap
from roadmapkit.pacing import duration_weeks, plan_weeks
from roadmapkit.render import Renderer
from sitebuild import ROOT

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


@pytest.mark.parametrize("track_id", ["12-weeks", "3-6-months", "12-months", "12-24-months"])
def test_each_track_plan_adds_up_to_its_seed_total(roadmap, track_id: str) -> None:
    track = next(t for t in roadmap.tracks if t.id == track_id)
    assert track.plan_weeks is not None, "the seed's total belongs in `plan_weeks`"
    low, high = track.plan_weeks
    assert low - 1e-6 <= plan_weeks(track) <= high + 1e-6


def test_choice_blocks_count_only_the_chosen_option(roadmap) -> None:
    track = next(t for t in roadmap.tracks if t.id == "12-24-months")
    default = plan_weeks(track)
    assert default == pytest.approx(76)  # 68 undivided weeks + one 8-week specialization
    assert plan_weeks(track, {"specialization": "research"}) == pytest.approx(default)
    assert plan_weeks(track, {"dl-framework": "tensorflow"}) == pytest.approx(default)


def _plan(roadmap) -> dict:
    return json.loads(Renderer(roadmap).plan_data("progress.md"))


def test_plan_data_derives_weeks_and_keys_occurrences(roadmap) -> None:
    tracks = {t["id"]: t for t in _plan(roadmap)["tracks"]}
    blocks = tracks["12-months"]["blocks"]
    assert [round(b["w"], 2) for b in blocks if b["w"]] == [17.33] * 3
    weeks = {b["t"].split(":")[0]: b for b in tracks["12-weeks"]["blocks"]}
    assert "technical-blog" in weeks["Week 5"]["i"]
    assert "technical-blog@12-weeks/week-7" in weeks["Week 7"]["i"]
    assert "technical-blog@12-weeks/week-12" in weeks["Week 12"]["i"]


def test_plan_data_marks_alternatives_and_their_defaults(roadmap) -> None:
    track = next(t for t in _plan(roadmap)["tracks"] if t["id"] == "12-24-months")
    options = {b["o"] for b in track["blocks"] if b.get("c") == "specialization"}
    assert options == {"computer-vision", "nlp-llm", "mlops", "research"}
    assert track["options"] == {"dl-framework": "pytorch", "specialization": "computer-vision"}
    assert all(b["w"] == 4 for b in track["blocks"] if b.get("c") == "specialization")


def test_aliases_name_tracks_and_blocks(mini_content: Path) -> None:
    track = mini_content / "tracks" / "fast.yml"
    text = track.read_text("utf-8").replace("id: fast\n", "id: quick\naliases: [fast]\n")
    text = text.replace("    id: build\n", "    id: build\n    aliases: [w2]\n")
    track.write_text(text, "utf-8")
    roadmap = load_roadmap(mini_content, mini_content)
    assert roadmap.track_alias_index() == {"fast": "quick"}
    assert roadmap.block_alias_index() == {"quick": {"w2": "build"}}

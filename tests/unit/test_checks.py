"""Checks specific to the roadmap in content/, driven by content/checks.yml.

The engine's tests never name a phase, track or item: whatever this roadmap must keep (each
track's seed order, its choices, names spelt right) is written down in content/checks.yml. A fork
that replaces content/ brings its own checks.yml or none; with none, there is nothing to check.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from roadmapkit import Renderer, load_roadmap
from sitebuild import ROOT

CONTENT = ROOT / "content"
KEYS = {
    "track_count",
    "every_item_scheduled",
    "every_track_cites_a_seed",
    "tracks_with_plan_totals",
    "tracks",
    "choices",
    "spelling",
    "track_resources",
    "timeline_tables",
}


def read_checks(content: Path) -> dict:
    """The checks in content/checks.yml; none when the file is absent."""
    path = content / "checks.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text("utf-8")) or {}
    assert isinstance(data, dict), f"{path}: expected a mapping"
    assert set(data) <= KEYS, f"{path}: unknown keys {sorted(set(data) - KEYS)}; known: {sorted(KEYS)}"
    return data


CHECKS = read_checks(CONTENT)


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(CONTENT, ROOT)


def test_no_checks_file_means_nothing_to_check(tmp_path: Path) -> None:
    assert read_checks(tmp_path) == {}


def test_track_count(roadmap) -> None:
    if "track_count" in CHECKS:
        assert len(roadmap.tracks) == CHECKS["track_count"]


def test_every_track_cites_its_seed(roadmap) -> None:
    if CHECKS.get("every_track_cites_a_seed"):
        assert [t.id for t in roadmap.tracks if not t.seed] == []


def test_every_item_is_scheduled_by_at_least_one_track(roadmap) -> None:
    if CHECKS.get("every_item_scheduled"):
        scheduled = {i for t in roadmap.tracks for i in t.item_ids}
        assert sorted(i.id for i in roadmap.items if i.id not in scheduled) == []


def test_each_track_keeps_its_seed_order(roadmap) -> None:
    tracks = {t.id: [e.item_id for b in t.blocks for e in b.entries] for t in roadmap.tracks}
    for check in CHECKS.get("tracks", []):
        assert check["track"] in tracks, f"checks.yml names a track the roadmap lacks: {check['track']}"
        entries = tracks[check["track"]]
        assert (entries[0], entries[-1]) == (check["first"], check["last"]), check["track"]


def test_alternatives_are_modelled_as_choices(roadmap) -> None:
    choices = {c.id: c.modules for p in roadmap.phases for c in p.choices}
    for check in CHECKS.get("choices", []):
        assert choices.get(check["choice"]) == check["modules"], check["choice"]


def test_names_are_spelt_correctly() -> None:
    for rule in CHECKS.get("spelling", []):
        text = "".join((CONTENT / name).read_text("utf-8") for name in rule["files"])
        for expected in rule.get("must_contain", []):
            assert expected in text, f"{expected!r} not in {rule['files']}"
        for unwanted in rule.get("must_not_contain", []):
            assert unwanted not in text, f"{unwanted!r} in {rule['files']}"


def _track_page(roadmap, track_id: str) -> str:
    return next(p.markdown for p in Renderer(roadmap).pages() if p.src_uri == f"tracks/{track_id}.md")


def test_named_resources_have_their_addresses_and_sit_on_their_track(roadmap) -> None:
    found = {r.title: r.url for p in roadmap.phases for m in p.modules for r in m.resources}
    found |= {r.title: r.url for i in roadmap.items for r in i.resources}
    for check in CHECKS.get("track_resources", []):
        page = _track_page(roadmap, check["track"])
        assert {t: found.get(t) for t in check["resources"]} == check["resources"]
        assert all(f'href="{url}"' in page for url in check["resources"].values()), check["track"]


def test_timeline_tables_render_on_their_track(roadmap) -> None:
    for check in CHECKS.get("timeline_tables", []):
        page = _track_page(roadmap, check["track"])
        timeline = page.split('<div class="rm-desc rm-timeline">')[1].split("</div>")[0]
        assert timeline.count("<table>") == check["tables"] and check["contains"] in timeline


def test_tracks_state_the_total_their_plan_must_add_up_to(roadmap) -> None:
    stated = {t.id for t in roadmap.tracks if t.plan_weeks}
    assert set(CHECKS.get("tracks_with_plan_totals", [])) <= stated

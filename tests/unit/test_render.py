"""Rendered Markdown matches the golden files; links and escaping behave."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest
from markupsafe import escape

from roadmapkit import Renderer, load_roadmap, roadmap_json
from roadmapkit.render import relative_url

FIXTURE = Path(__file__).parents[1] / "fixtures" / "mini"
GOLDEN = Path(__file__).parents[1] / "golden"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    roadmap = load_roadmap(FIXTURE, FIXTURE.parent)
    return {p.src_uri: p.markdown for p in Renderer(roadmap).pages()}


@pytest.mark.parametrize(
    "uri",
    ["index.md", "phases/basics.md", "tracks/fast.md", "tracks/index.md", "progress.md", "resources.md", "map.md"],
)
def test_page_matches_golden_file(uri: str, pages: dict[str, str]) -> None:
    golden = GOLDEN / uri.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(pages[uri], "utf-8")
    assert pages[uri] == golden.read_text("utf-8"), f"re-run with UPDATE_GOLDEN=1 if {uri} changed on purpose"


def test_html_in_titles_is_escaped_text(pages: dict[str, str]) -> None:
    phase = pages["phases/basics.md"]
    assert "<img src=x" not in phase
    assert "Syntax &lt;img src=x onerror=alert(1)&gt;" in phase
    assert phase.split("---\n", 2)[-1].startswith("# Basics &amp; &lt;b&gt;bold&lt;/b&gt;\n")  # after its front matter


def test_every_item_has_one_checkbox_and_anchor_on_its_phase_page(pages: dict[str, str]) -> None:
    roadmap = load_roadmap(FIXTURE, FIXTURE.parent)
    phase = pages["phases/basics.md"]
    for item in roadmap.items:
        assert phase.count(f'data-roadmap-id="{item.id}"') == 1
        assert phase.count(f' id="{item.id}"') == 1


def test_track_entries_link_to_the_canonical_anchor(pages: dict[str, str]) -> None:
    track = pages["tracks/fast.md"]
    assert 'href="../../phases/basics/#python-syntax"' in track
    assert '<span class="rm-when">Day 1-2</span>' in track


def test_track_block_lists_its_items_and_modules_resources_collapsed(pages: dict[str, str]) -> None:
    track = pages["tracks/fast.md"]
    week1, week2 = track.split("### Week 2")
    assert '<details class="rm-block-resources">' in week1 and "<details open" not in week1
    assert 'Classes &lt;i&gt;tutorial&lt;/i&gt;</a> <span class="rm-cost rm-cost--free">free</span>' in week1
    assert 'rm-tag--docs">docs</span>' in week1 and "classes.html" not in week2
    assert "Python tutorial</a>" in week2  # the module's resources follow the items'


def test_estimates_are_labelled_on_track_and_compare_pages(pages: dict[str, str]) -> None:
    label = '<span class="rm-estimate"'
    track, compare = pages["tracks/fast.md"], pages["tracks/index.md"]
    assert f"10 hours a week</span> {label}" in track and f"2 weeks</span> {label}" not in track
    assert f"<td>10 {label}" in compare and "<td>2 weeks</td>" in compare
    assert "<td>Python</td>" in track  # the timeline table


def test_choice_counts_only_the_larger_option(pages: dict[str, str]) -> None:
    phase = pages["phases/basics.md"]
    assert (
        'data-rm-set="python-syntax python-oop daily-kata cli-calculator write-clean-python ; fa-basics | '
        'fb-basics fb-advanced"' in phase
    )
    assert 'aria-valuemax="7"' in phase  # 5 plain items + the larger option (2), not 8


@pytest.mark.parametrize(
    ("src", "dst", "anchor", "dirs", "expected"),
    [
        ("index.md", "phases/a.md", "x", True, "phases/a/#x"),
        ("phases/a.md", "phases/a.md", "x", True, "./#x"),
        ("tracks/t.md", "phases/a.md", "x", True, "../../phases/a/#x"),
        ("tracks/index.md", "index.md", "", True, "../"),
        ("tracks/t.md", "phases/a.md", "x", False, "../phases/a.html#x"),
        ("index.md", "progress.md", "", False, "progress.html"),
    ],
)
def test_relative_url(src: str, dst: str, anchor: str, dirs: bool, expected: str) -> None:
    assert relative_url(src, dst, anchor, dirs) == expected


def test_roadmap_json_holds_the_validated_roadmap() -> None:
    data = json.loads(roadmap_json(load_roadmap(FIXTURE, FIXTURE.parent)))
    assert data["version"] == 1
    module = data["phases"][0]["modules"][0]
    assert [i["id"] for i in module["topics"]] == ["python-syntax", "python-oop"]
    assert module["topics"][1]["aliases"] == ["oop"]
    assert data["tracks"][0]["blocks"][0]["entries"][0] == {"item": "python-syntax", "note": "Day 1-2"}


def _with_tracks(count: int):
    roadmap = load_roadmap(FIXTURE, FIXTURE.parent)
    base = roadmap.tracks[0]
    roadmap.tracks[:] = [dataclasses.replace(base, id=f"t{n}", title=f"Track {n}") for n in range(count)]
    return roadmap


@pytest.mark.parametrize("count", [Renderer.MATRIX_TRACKS, Renderer.MATRIX_TRACKS + 1])
def test_compare_page_grows_with_tracks_not_tracks_times_phases(count: int) -> None:
    """A coverage table while it is readable; past that, one line per track (no tracks x phases cells)."""
    roadmap = _with_tracks(count)
    renderer = Renderer(roadmap)
    page = next(p.markdown for p in renderer.pages() if p.src_uri == "tracks/index.md")
    base = roadmap.tracks[0]
    expected = {}
    for ident in base.item_ids:  # counted as every figure counts (Renderer.tally)
        expected.setdefault(roadmap.item_index()[ident].phase_id, []).append(ident)
    if count <= Renderer.MATRIX_TRACKS:
        assert "rm-table--coverage" in page and page.count('<th scope="col">Track ') == count
    else:
        assert "rm-table--coverage" not in page
        lines = [line for line in page.splitlines() if line.startswith("<li><a href=") and "Track " in line]
        assert len(lines) == count
        phase = roadmap.phases[0]
        counted = f"{renderer.tally(expected[phase.id]).total}/{renderer.phase_total(phase)}"
        assert all(f"{escape(phase.title)} {counted}" in line for line in lines)


def test_modules_covered_in_roadmap_order() -> None:
    roadmap = load_roadmap(FIXTURE, FIXTURE.parent)
    renderer = Renderer(roadmap)
    for track in roadmap.tracks:
        ids = set(track.item_ids)
        naive = [m for p in roadmap.phases for m in p.modules if any(i.id in ids for i in m.items)]
        assert renderer.modules_covered(track) == naive and naive

"""One count: every figure (home, bars, the tracks table, coverage) counts each item once and one
option of each choice, as Renderer.tally() does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadmapkit import Renderer, load_roadmap
from roadmapkit.model import Entry

FIXTURE = Path(__file__).parents[1] / "fixtures" / "mini"


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(load_roadmap(FIXTURE, FIXTURE.parent))


@pytest.fixture(scope="module")
def pages(renderer: Renderer) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in renderer.pages()}


def bar_totals(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'aria-valuemax="(\d+)"', html)]


def test_tally_counts_each_item_once_and_the_larger_option_of_a_choice(renderer: Renderer) -> None:
    phase = renderer.roadmap.phases[0]
    ids = [i.id for i in phase.items]
    plain = [i for i in phase.items if not renderer._in_choice(i)]
    options = [i for i in phase.items if renderer._in_choice(i)]
    tally = renderer.tally(ids + ids)  # listed twice: still counted once
    assert tally.listed == len(ids)
    assert 0 < tally.alternatives < len(options)
    assert tally.total == len(plain) + len(options) - tally.alternatives
    assert tally.optional == sum(1 for i in plain if i.optional) > 0


def test_the_home_figure_is_the_overall_bars_total(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    figure = int(re.search(r'class="rm-total">(\d+)<', home).group(1))
    assert figure == bar_totals(home)[0]


def test_the_home_page_says_once_what_is_left_out_of_the_count(renderer: Renderer, pages: dict[str, str]) -> None:
    tally = renderer.tally(renderer.all_ids())
    note = re.search(r'class="rm-note rm-count-note">([^<]*)<', pages["index.md"]).group(1)
    assert f"({tally.alternatives} other" in note and f"{tally.optional} of the {tally.total}" in note
    assert sum("rm-count-note" in page for page in pages.values()) == 1


def test_the_tracks_table_counts_items_as_the_tracks_progress_does() -> None:
    roadmap = load_roadmap(FIXTURE, FIXTURE.parent)
    for track in roadmap.tracks:  # every track lists both sides of every choice
        track.blocks[-1].entries += [Entry(i.id, None, 0) for i in roadmap.items if i.id not in track.item_ids]
    compare = Renderer(roadmap).pages()
    rows = re.findall(
        r"<tr><td><a[^>]*>.*?</tr>", next(p for p in compare if p.src_uri == "tracks/index.md").markdown, re.S
    )
    assert len(rows) == len(roadmap.tracks)
    for row in rows:
        cells = re.findall(r"<td>(\d+)</td>", row)
        assert int(cells[-1]) == bar_totals(row)[0], row


def test_coverage_gives_each_phase_the_total_of_its_bar(renderer: Renderer, pages: dict[str, str]) -> None:
    phase = renderer.roadmap.phases[0]
    phase_bar = bar_totals(pages[f"phases/{phase.id}.md"])[0]
    assert f'<span class="rm-count">{phase_bar}</span>' in pages["tracks/index.md"]

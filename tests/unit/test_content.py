"""The roadmap in content/, whichever it is: every track resolves, every item is reachable, every file
passes the schema. What only this roadmap must keep is in content/checks.yml (tests/unit/test_checks.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from roadmapkit import Renderer, load_roadmap
from roadmapkit.loader import load_file
from roadmapkit.schema import validator_for
from sitebuild import ROOT

CONTENT = ROOT / "content"


@pytest.fixture(scope="module")
def roadmap():
    return load_roadmap(CONTENT, ROOT)


def test_every_track_id_exists_and_no_track_is_empty(roadmap) -> None:
    index = roadmap.item_index()
    assert roadmap.tracks
    for track in roadmap.tracks:
        assert track.blocks and all(block.entries for block in track.blocks), track.id
        missing = [e.item_id for b in track.blocks for e in b.entries if e.item_id not in index]
        assert missing == [], track.id


def test_every_item_is_reachable_from_a_phase_and_ids_are_unique(roadmap) -> None:
    ids = [i.id for i in roadmap.items]
    assert len(ids) == len(set(ids))
    phase_ids = {p.id for p in roadmap.phases}
    assert all(i.phase_id in phase_ids for i in roadmap.items)
    listed = {i.id for p in roadmap.phases for m in p.modules for i in m.items} | {
        i.id for p in roadmap.phases for i in p.checkpoint
    }
    assert listed == set(ids)


@pytest.mark.parametrize("path", sorted(CONTENT.glob("*/*.yml")), ids=lambda p: p.name)
def test_content_file_passes_the_json_schema_and_points_editors_at_it(path: Path) -> None:
    kind = "phase" if path.parent.name == "phases" else "track"
    doc, problems = load_file(path, path.name)
    assert problems == []
    assert list(validator_for(CONTENT / "schema", kind).full.iter_errors(doc.data)) == []
    first = path.read_text("utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schema/{kind}.schema.json"


@pytest.mark.parametrize("name", ["common", "phase", "track"])
def test_schema_is_valid_draft_2020_12_with_descriptions(name: str) -> None:
    schema = json.loads((CONTENT / "schema" / f"{name}.schema.json").read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    for path, node in _objects(schema):
        if "properties" in node:
            assert node.get("additionalProperties") is False, path
            for key, prop in node["properties"].items():
                assert "description" in prop, f"{path}.{key}"


def _objects(node: object, path: str = "$"):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _objects(value, f"{path}.{key}")
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _objects(value, f"{path}[{n}]")


SEEDS = ROOT / "content" / "seeds"  # the seed roadmaps each track cites (content/seeds/README.md)
FIGURE_FIELDS = ("duration", "hours_per_week", "audience", "timeline")


def _figures(track) -> dict[str, list[str]]:
    """The figure-bearing values a track shows, by provenance key."""
    shown = {name: [getattr(track, name) or ""] for name in FIGURE_FIELDS if getattr(track, name)}
    durations = [b.duration for b in track.blocks if b.duration]
    return shown | ({"blocks": durations} if durations else {})


def _seeded(roadmap) -> list:
    """The tracks that cite a seed roadmap (content/seeds/): their figures are checked against it."""
    return [t for t in roadmap.tracks if t.seed]


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", re.sub(r"(?<=\d),(?=\d{3})", "", text)))


def _plain(text: str) -> str:
    text = re.sub(r"[*`]", "", text).replace("–", "-").replace("—", "-")
    return " ".join(text.split()).casefold()


def test_every_figure_a_track_shows_has_a_provenance(roadmap) -> None:
    missing = [(t.id, k) for t in _seeded(roadmap) for k in _figures(t) if k not in t.provenance]
    assert missing == []


def test_seed_figures_are_quoted_from_the_seed(roadmap) -> None:
    for track in _seeded(roadmap):
        for key, values in _figures(track).items():
            if track.provenance.get(key) == "seed":
                quoted = _numbers(" ".join(track.figures.get(key, [])))
                assert track.figures.get(key), (track.id, key)
                assert {(track.id, key, n) for v in values for n in _numbers(v)} <= {(track.id, key, n) for n in quoted}


def test_quotes_appear_in_the_tracks_own_seed(roadmap) -> None:
    for track in _seeded(roadmap):
        (path,) = SEEDS.glob(f"{track.seed}_*.md")
        seed = _plain(path.read_text("utf-8"))
        absent = [q for quotes in track.figures.values() for q in quotes if _plain(q) not in seed]
        assert absent == [], track.id


def test_salaries_and_years_on_a_track_come_from_its_seed(roadmap) -> None:
    index = roadmap.item_index()
    for track in _seeded(roadmap):
        (path,) = SEEDS.glob(f"{track.seed}_*.md")
        seed = _plain(path.read_text("utf-8")).replace(" ", "")
        for ident in track.item_ids:
            for figure in re.findall(r"\$[\d,]+K|\d+\+? years", index[ident].title):
                assert _plain(figure).replace(" ", "").replace("-", "") in seed.replace("-", ""), (track.id, ident)


def _seed_links(track) -> list[tuple[str, str]]:
    """(section heading, link) for each link in the track's seed; sections are its '###' headings."""
    (path,) = SEEDS.glob(f"{track.seed}_*.md")
    heading, out = "", []
    for line in path.read_text("utf-8").splitlines():
        heading = line if line.startswith("### ") else heading
        out += [(heading, url) for url in re.findall(r"\]\((https?://[^)\s]+)\)", line) if "/licenses/" not in url]
    return out


def test_each_seed_link_is_on_its_track_page_in_the_block_of_its_stage(roadmap) -> None:
    pages = {p.src_uri: p.markdown for p in Renderer(roadmap).pages()}
    for track in _seeded(roadmap):
        page = pages[f"tracks/{track.id}.md"]
        parts = re.split(r' \{ #block-\d+ \}|<h3 id="block-\d+">', page)[1:]  # a folded part's steps are HTML
        blocks = {b.title.split(":")[0]: part for b, part in zip(track.blocks, parts, strict=True)}
        for heading, url in _seed_links(track):
            stage = re.search(r"Stage \d+", heading)
            assert url in (blocks.get(stage.group()) if stage else page), (track.id, heading, url)


def test_goal_blocks_have_their_own_items_not_checkpoints(roadmap) -> None:
    index = roadmap.item_index()
    goals = [e.item_id for t in roadmap.tracks for b in t.blocks if "goals" in b.title.lower() for e in b.entries]
    assert [i for i in goals if index[i].kind == "checkpoint"] == []


def test_tasks_that_name_a_companion_resource_link_it(roadmap) -> None:
    named = [i for i in roadmap.items if "notebooks" in i.title.lower() and "companion" in i.title.lower()]
    assert all(any(r.url for r in i.resources) for i in named)

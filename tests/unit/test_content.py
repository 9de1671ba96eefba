"""The roadmap in content/, whichever it is: every track resolves, every item is reachable, every file
passes the schema. What only this roadmap must keep is in content/checks.yml (tests/unit/test_checks.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from roadmapkit import load_roadmap
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

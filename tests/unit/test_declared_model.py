"""The content model is declared once (hooks/roadmapkit/model.py): the schema files, the builders,
the safety walk and roadmap.json come from that declaration, and a field cannot skip it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from roadmapkit import declare, schemagen
from roadmapkit.declare import TEXT_KINDS, declared, specs
from roadmapkit.model import SHARED, Block, Choice, Entry, Identity, Item, ItemChoice, Module, Phase, Resource, Track
from sitebuild import ROOT

LEVELS = (Resource, Item, ItemChoice, Module, Choice, Phase, Entry, Block, Track, Identity)


@pytest.mark.parametrize("folder", [schemagen.ENGINE_DIR, ROOT / "content" / "schema"], ids=["engine", "editor"])
def test_the_schema_files_are_generated_from_the_model(folder: Path) -> None:
    for name, schema in schemagen.schemas().items():
        text = (folder / name).read_text("utf-8")
        assert text == schemagen.render(schema), f"{folder / name}: run `python -m roadmapkit.schemagen`"
        assert json.loads(text)["$comment"] == schemagen.GENERATED  # "do not edit", and how to regenerate


def test_the_generator_writes_only_what_changed(tmp_path: Path) -> None:
    assert len(schemagen.write(tmp_path)) == len(schemagen.schemas())
    assert schemagen.write(tmp_path) == []
    (tmp_path / "common.schema.json").write_text("{}", "utf-8")
    assert schemagen.write(tmp_path) == [tmp_path / "common.schema.json"]


def test_every_declared_yaml_key_is_in_the_schema_and_no_other() -> None:
    generated = schemagen.schemas()

    def properties(level: type) -> set[str]:
        file, name, _ = schemagen.LEVELS[level]
        doc = generated[file] if name is None else generated[file]["$defs"][name]
        body = doc["oneOf"][1] if "oneOf" in doc else doc
        return set(body["properties"])

    for level in LEVELS:
        yaml_keys = {spec.yaml for _, spec in specs(level) if spec.yaml is not None}
        assert properties(level) == yaml_keys, level.__name__


def test_a_field_without_a_declaration_stops_the_import() -> None:
    @dataclasses.dataclass
    class Level:
        title: str = declared("title", "title", "A title.", required=True)
        note: str = ""  # a plain dataclass field: no kind of text, no YAML name

    with pytest.raises(TypeError, match=r"Level\.note is not declared"):
        declare.check_level(Level)


def test_a_field_of_an_unknown_kind_stops_the_import() -> None:
    @dataclasses.dataclass
    class Level:
        title: str = declared("html", "title", "Raw HTML, please.", required=True)

    with pytest.raises(TypeError, match="unknown kind 'html'"):
        declare.check_level(Level)


def test_every_text_field_has_a_kind_of_text() -> None:
    """A string in the schema is declared as text (walked by the safety rules) or as an enum."""
    for level in LEVELS:
        for name, spec in specs(level):
            if spec.yaml is None or spec.kind == "level":
                continue
            schema = SHARED.get(spec.schema, {}) if isinstance(spec.schema, str) else spec.schema
            leaf = schema.get("items", schema) if spec.shape == "list" else schema
            if leaf.get("type") == "string" or "$ref" in leaf:
                assert spec.kind in TEXT_KINDS, f"{level.__name__}.{name}"

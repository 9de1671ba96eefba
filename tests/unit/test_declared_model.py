"""The content model is declared once (hooks/roadmapkit/model.py): the schema files, the builders,
the safety walk and roadmap.json come from that declaration, and a field cannot skip it."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml

from roadmapkit import ContentError, declare, load, load_roadmap, model, schemagen
from roadmapkit.declare import TEXT_KINDS, declared, specs
from roadmapkit.model import SHARED, Block, Choice, Entry, Identity, Item, ItemChoice, Module, Phase, Resource, Track
from roadmapkit.render import Renderer, roadmap_json
from sitebuild import FIXTURES, ROOT

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


# ---- a new field, declared and nothing else, gets the safety rules of its kind ----

HOSTILE_MARKDOWN = "> " * 12 + "[x](javascript:alert(1))"


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_roadmap(content, content.parent)
    return [str(p) for p in caught.value.problems]


def _with_text(content: Path, key: str) -> Path:
    phase = content / "phases" / "01-basics.yml"
    data = yaml.safe_load(phase.read_text("utf-8"))
    data["modules"][0]["topics"][0][key] = HOSTILE_MARKDOWN
    phase.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    return content


def test_a_new_declared_markdown_field_is_refused_like_description(
    mini_content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An item field added only by its declaration: the schema accepts it, the builder fills it, and the
    safety walk refuses 12 nested quotes and a javascript: link in it as it does in `description`."""

    @declare.check_level
    @dataclasses.dataclass
    class Summarised(Item):
        summary: str = declared("markdown", "markdown", "A short summary.", default="", shown="phase page")

    monkeypatch.setattr(model, "Item", Summarised)
    monkeypatch.setattr(schemagen, "LEVELS", {Summarised if k is Item else k: v for k, v in schemagen.LEVELS.items()})
    schemagen.write(tmp_path)
    monkeypatch.setattr(load, "SCHEMA_DIR", tmp_path)

    description = _problems(_with_text(mini_content, "description"))
    summary = [_unlined(p).replace(".description:", ".summary:") for p in description]
    assert len(description) == 2, description  # too deep, and the link
    assert any("javascript:" in p for p in description) and any("deep" in p for p in description), description
    (mini_content / "phases" / "01-basics.yml").write_text((FIXTURES / "mini" / "phases" / "01-basics.yml").read_text())
    assert [_unlined(p) for p in _problems(_with_text(mini_content, "summary"))] == summary


def _unlined(problem: str) -> str:
    """A problem without its line: the new key sits on the line after `description`."""
    return re.sub(r"^([^:]+):\d+:", r"\1:", problem)


def test_tags_are_walked_as_ids(mini_content: Path) -> None:
    """`tags` was declared in the schema and the model but missing from the walk: now a reserved word or a
    control character in a tag is refused like one in an id."""
    phase = mini_content / "phases" / "01-basics.yml"
    data = yaml.safe_load(phase.read_text("utf-8"))
    data["modules"][0]["topics"][0]["tags"] = ["fine", "rm-progress"]
    phase.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    (problem,) = _problems(mini_content)
    assert "python.python-syntax.tags[1]: 'rm-progress' is reserved by the site" in problem


def test_roadmap_json_names_are_the_declared_ones() -> None:
    data = json.loads(roadmap_json(load_roadmap(FIXTURES / "mini", FIXTURES)))
    phase = data["phases"][0]
    item = phase["modules"][0]["topics"][0]
    block = data["tracks"][0]["blocks"][0]
    for level, found in ((Phase, phase), (Module, phase["modules"][0]), (Item, item), (Block, block)):
        assert list(found) == [s.json for _, s in specs(level) if s.json], level.__name__
    assert "source" in item and "line" not in item  # the YAML's source (upstream), never the file or a line
    assert all(set(e) <= {"item", "note", "repeat"} for e in block["entries"])  # repeat only when set


def test_the_browser_gets_named_keys_from_the_model() -> None:
    """The plan data (assets/roadmap-plan.js) names each value as roadmap.json does, not by position or
    letter; only what the browser computes with has a name of its own (an item's link, a block's keys)."""
    roadmap = load_roadmap(FIXTURES / "second", FIXTURES)
    data = json.loads(Renderer(roadmap).plan_data("progress.md"))
    names = {level: {s.json for _, s in specs(level) if s.json} for level in (Item, Block)}
    for item in data["items"].values():
        assert set(item) == {"title", "requires", "link"} and set(item) - {"link"} <= names[Item]
    blocks = [b for t in data["tracks"] for b in t["blocks"]]
    assert any("choice" in b for b in blocks)  # the fixture has alternatives
    for block in blocks:
        assert set(block) - {"keys"} <= names[Block] and {"title", "weeks", "keys"} <= set(block)

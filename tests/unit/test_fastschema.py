"""The compiled schema check must agree with jsonschema on every document, valid or not.

It only ever lets a document skip jsonschema when jsonschema would find nothing, so a
disagreement here is either a missed problem (a wrong pass) or a slow path taken for nothing.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roadmapkit.fastschema import UnsupportedSchemaError, compile_schema
from roadmapkit.loader import Document, load_file
from roadmapkit.schema import _load_schemas, check_document, validator_for
from sitebuild import ROOT

SCHEMA_DIR = ROOT / "content" / "schema"
CONTENT_FILES = sorted((ROOT / "content").glob("*/*.yml"))
INVALID_FILES = sorted((ROOT / "tests" / "invalid").glob("*.yml"))


def _kind(path: Path) -> str:
    return "track" if "track" in path.name or path.parent.name == "tracks" else "phase"


def _agree(data: object, kind: str) -> bool:
    validator = validator_for(SCHEMA_DIR, kind)
    assert validator.fast is not None, "the shipped schema must compile"
    fast = validator.is_valid_fast(data)
    full = not list(validator.full.iter_errors(data))
    assert fast == full, f"compiled check says {fast}, jsonschema says {full}"
    return fast


@pytest.mark.parametrize("path", CONTENT_FILES, ids=lambda p: p.name)
def test_every_content_file_passes_the_compiled_check(path: Path) -> None:
    doc, problems = load_file(path, path.name)
    assert doc is not None and not problems
    assert _agree(doc.data, _kind(path)) is True


@pytest.mark.parametrize("path", INVALID_FILES, ids=lambda p: p.name)
def test_compiled_check_agrees_on_broken_files(path: Path) -> None:
    doc, problems = load_file(path, path.name)
    if doc is None or problems or not isinstance(doc.data, dict):
        return  # refused before the schema stage: nothing for either checker to judge
    for kind in ("phase", "track"):
        _agree(doc.data, kind)


def _leaves(node: object, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            out += _leaves(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _leaves(value, (*path, i))
    return out


REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(allow_nan=False, allow_infinity=False, width=16),
    st.sampled_from(["", "x", "Bad Id", "topic", "free", "book", "https://example.org/a", "javascript:x", "a" * 300]),
    st.just([]),
    st.just({}),
    st.just(["dup", "dup"]),
    st.just({"title": "t"}),
)


def _shapes(node: object, path: tuple = ()) -> set[tuple]:
    """The key paths under node, list positions left out: what kinds of value it holds, not how many."""
    out = {path}
    if isinstance(node, dict):
        for key, value in node.items():
            out |= _shapes(value, (*path, key))
    elif isinstance(node, list):
        for value in node:
            out |= _shapes(value, (*path, "[]"))
    return out


def sample(node: object) -> object:
    """A small copy of a document that still holds every kind of value it holds: of each list, the first two
    elements and any later one that brings a key path the kept ones lack. Mutating it reaches every field
    of the whole document at a fraction of the cost of validating the whole."""
    if isinstance(node, dict):
        return {key: sample(value) for key, value in node.items()}
    if not isinstance(node, list):
        return node
    kept: list[object] = []
    seen: set[tuple] = set()
    for i, value in enumerate(node):
        shapes = _shapes(value)
        if i < 2 or not shapes <= seen:
            kept.append(sample(value))
            seen |= shapes
    return kept


# A sample of the first phase and track of whatever roadmap is in content/.
PHASE_FULL = load_file(sorted((ROOT / "content" / "phases").glob("*.yml"))[0], "p")[0].data
TRACK_FULL = load_file(sorted((ROOT / "content" / "tracks").glob("*.yml"))[0], "t")[0].data
PHASE, TRACK = sample(PHASE_FULL), sample(TRACK_FULL)


@pytest.mark.parametrize("full", [PHASE_FULL, TRACK_FULL], ids=["phase", "track"])
def test_the_sample_holds_every_kind_of_value_of_the_whole(full: object) -> None:
    small = sample(full)
    assert _shapes(small) == _shapes(full)
    assert len(_leaves(small)) < len(_leaves(full)) or len(_leaves(full)) < 40


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), kind=st.sampled_from(["phase", "track"]))
def test_compiled_check_agrees_on_random_mutations(data: st.DataObject, kind: str) -> None:
    doc = copy.deepcopy(PHASE if kind == "phase" else TRACK)
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(_leaves(doc)[1:]))
        parent = doc
        for step in path[:-1]:
            parent = parent[step]
        action = data.draw(st.sampled_from(["replace", "delete", "add-key"]))
        if action == "replace":
            parent[path[-1]] = copy.deepcopy(data.draw(REPLACEMENTS))  # st.just hands out one shared object
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[data.draw(st.sampled_from(["extra", "titel", "id", "url"]))] = copy.deepcopy(data.draw(REPLACEMENTS))
        _agree(doc, kind)


def test_json_equality_rules_match_jsonschema() -> None:
    schemas = {"s": {"enum": ["a", 1], "uniqueItems": True}}
    enum_check = compile_schema(schemas, "s")
    assert enum_check(1) and enum_check(1.0) and enum_check("a")
    assert not enum_check(True), "true is not the number 1 in JSON Schema"
    unique = compile_schema({"s": {"type": "array", "uniqueItems": True}}, "s")
    one_of = compile_schema({"s": {"oneOf": [{"type": "integer"}, {"type": "number"}]}}, "s")
    assert one_of(1.5) and not one_of(1), "oneOf means exactly one branch"
    assert unique([1, True, "1"]) and not unique([1, 1.0]) and not unique([{"a": [1]}, {"a": [1]}])


def test_unknown_keyword_falls_back_to_jsonschema(tmp_path: Path) -> None:
    schemas = _load_schemas(SCHEMA_DIR)
    with pytest.raises(UnsupportedSchemaError, match="not compiled"):
        compile_schema({"s": {"type": "string", "format": "email", "dependentRequired": {}}}, "s")
    for name, schema in schemas.items():
        if name == "phase.schema.json":
            schema["$defs"]["module"]["not"] = {"required": ["secret"]}  # a keyword the compiler lacks
        (tmp_path / name).write_text(json.dumps(schema), "utf-8")
    validator = validator_for(tmp_path, "phase")
    assert validator.fast is None
    doc = copy.deepcopy(PHASE)
    doc["modules"][0]["secret"] = "x"
    problems = check_document(Document("p.yml", doc), validator)
    assert problems and "secret" in problems[0].message

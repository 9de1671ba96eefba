"""The JSON Schema files, generated from the declared model (model.py).

Two copies come out of it, both marked "generated, do not edit", and a unit test
(tests/unit/test_declared_model.py) keeps both equal to what this module writes:
the engine's rules (hooks/roadmapkit/schema/, what the build validates against) and the editor's
aid (content/schema/, what a YAML editor reads). Regenerate both after changing model.py, from the
project's folder:

    python -m roadmapkit.schemagen
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .declare import Spec, specs
from .model import SHARED, SHORT_FORM, Block, Choice, Entry, Identity, Item, ItemChoice, Module, Phase, Resource, Track

ENGINE_DIR = Path(__file__).resolve().parent / "schema"
EDITOR_DIR = Path("content") / "schema"  # in the project the command runs in
GENERATED = "Generated from hooks/roadmapkit/model.py by `python -m roadmapkit.schemagen`: do not edit."
DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMMON = "common.schema.json"

# Each level of the model: the file that defines it, its name under $defs (None: the file's root) and
# its description. Then each file's own title and description.
LEVELS: dict[type, tuple[str, str | None, str]] = {
    Resource: (COMMON, "resource", "Something to learn from: a book, a course, a video, documentation..."),
    Item: (COMMON, "item", "One checkable thing: a topic, a practice task, a project or a checkpoint."),
    Module: ("phase.schema.json", "module", "A group of related items inside a phase."),
    ItemChoice: (
        "phase.schema.json",
        "item_choice",
        "Alternatives: items of this module of which the learner picks one.",
    ),
    Choice: ("phase.schema.json", "choice", "Alternatives: modules of this phase of which the learner picks one."),
    Phase: (
        "phase.schema.json",
        None,
        "One phase of the roadmap (one file in content/phases/): its goal, modules of items, choices between"
        " alternatives and a checkpoint.",
    ),
    Entry: ("track.schema.json", "entry", "An item id, or an item id with a short note."),
    Block: ("track.schema.json", "block", "One step of the plan: a week, a month, a stage or a level."),
    Track: (
        "track.schema.json",
        None,
        "A pacing plan (one file in content/tracks/): ordered blocks (weeks, months, stages) that list item ids from"
        " the phases.",
    ),
    Identity: (
        "roadmap.schema.json",
        None,
        "content/roadmap.yml: what the site is called and says about itself. The engine names no subject; this file"
        " does.",
    ),
}
TITLES = {
    COMMON: (
        "Shared definitions of the roadmap content",
        "Ids, items, resources and text used by phase and track files.",
    ),
    "phase.schema.json": ("Roadmap phase", None),
    "track.schema.json": ("Roadmap track", None),
    "roadmap.schema.json": ("Roadmap identity", None),
}
# Definitions that are not a level: lists of a level, and the track's figures.
EXTRA_DEFS: dict[str, tuple[str, dict[str, Any]]] = {
    "resources": (
        COMMON,
        {"description": "Resources for this thing, best first.", "type": "array", "items": {"$ref": "resource"}},
    ),
    "items": (COMMON, {"description": "A list of items.", "type": "array", "items": {"$ref": "item"}}),
    "origin": (
        "track.schema.json",
        {
            "description": "'seed': the seed roadmap states this figure; 'estimate': this roadmap's own estimate.",
            "enum": ["seed", "estimate"],
        },
    ),
    "quotes": (
        "track.schema.json",
        {
            "description": "Quotes from the seed, each a short passage as it reads there (emphasis marks left out).",
            "type": "array",
            "minItems": 1,
            "items": {"$ref": "title"},
        },
    ),
}


def _home(name: str) -> str:
    """The file that defines `name` under $defs."""
    if name in SHARED:
        return COMMON
    if name in EXTRA_DEFS:
        return EXTRA_DEFS[name][0]
    for file, defname, _ in LEVELS.values():
        if defname == name:
            return file
    raise KeyError(f"no definition named {name!r}")


def _refs(schema: Any, file: str) -> Any:
    """The schema with each bare `$ref` name made a reference from `file`."""
    if isinstance(schema, list):
        return [_refs(s, file) for s in schema]
    if not isinstance(schema, dict):
        return schema
    out = {}
    for key, value in schema.items():
        if key == "$ref":
            home = _home(value)
            out[key] = f"#/$defs/{value}" if home == file else f"{home}#/$defs/{value}"
        else:
            out[key] = _refs(value, file)
    return out


def _property(spec: Spec) -> dict[str, Any]:
    schema = {"$ref": spec.schema} if isinstance(spec.schema, str) else dict(spec.schema)
    return {**schema, "description": spec.doc} if spec.doc else schema


def _object(level: type) -> dict[str, Any]:
    declared = [(name, spec) for name, spec in specs(level) if spec.yaml is not None]
    required = [spec.yaml for _, spec in declared if spec.required]
    out: dict[str, Any] = {"type": "object", "additionalProperties": False}
    if required:
        out["required"] = required
    out["properties"] = {spec.yaml: _property(spec) for _, spec in declared}
    return out


def _level(level: type) -> dict[str, Any]:
    file, _, doc = LEVELS[level]
    body = _object(level)
    if level in SHORT_FORM:  # the one value alone, or the mapping
        short = next(spec for _, spec in specs(level) if spec.yaml == SHORT_FORM[level])
        alone = {"$ref": short.schema} if isinstance(short.schema, str) else short.schema
        either: dict[str, Any] = _refs({"description": doc, "oneOf": [alone, body]}, file)  # a dict from a dict
        return either
    schema: dict[str, Any] = _refs({"description": doc, **body}, file)
    return schema


def schemas() -> dict[str, dict[str, Any]]:
    """Each schema file's name and content."""
    out: dict[str, dict[str, Any]] = {}
    for file, (title, description) in TITLES.items():
        doc: dict[str, Any] = {"$schema": DRAFT, "$comment": GENERATED, "title": title}
        roots = [level for level, (f, name, _) in LEVELS.items() if f == file and name is None]
        if roots:
            level_doc = LEVELS[roots[0]][2]
            doc.update({"description": level_doc, **_refs(_object(roots[0]), file)})
        else:
            doc["description"] = description
        defs: dict[str, Any] = {}
        if file == COMMON:
            defs.update(SHARED)
        defs.update({name: _refs(s, file) for name, (f, s) in EXTRA_DEFS.items() if f == file})
        defs.update({name: _level(level) for level, (f, name, _) in LEVELS.items() if f == file and name})
        if defs:
            doc["$defs"] = defs
        out[file] = doc
    return out


def render(schema: dict[str, Any]) -> str:
    """A schema as text: indented, with each leaf mapping (a property's schema) on one line."""
    return _dump(schema, 0) + "\n"


def _dump(value: Any, depth: int) -> str:
    flat = json.dumps(value, ensure_ascii=False)
    if not isinstance(value, dict) or not any(isinstance(v, dict) for v in value.values()) or len(flat) <= 100:
        return flat
    pad, inner = "  " * depth, "  " * (depth + 1)
    rows = [f"{inner}{json.dumps(k)}: {_dump(v, depth + 1)}" for k, v in value.items()]
    return "{\n" + ",\n".join(rows) + f"\n{pad}}}"


def write(folder: Path) -> list[Path]:
    """Write every schema file into `folder`; the files it changed."""
    changed = []
    for name, schema in schemas().items():
        path, text = folder / name, render(schema)
        if not path.is_file() or path.read_text("utf-8") != text:
            path.write_text(text, "utf-8")
            changed.append(path)
    return changed


def main() -> int:
    for folder in (ENGINE_DIR, EDITOR_DIR):
        for path in write(folder):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

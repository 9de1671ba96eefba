"""How a field of the content model is declared (model.py declares them all).

Each field of a content dataclass carries its declaration in its metadata, the way MkDocs'
config_options declare a setting: its kind of text (or value), its YAML key, its `roadmap.json`
key, its JSON Schema and where the learner sees it. From these come the JSON Schema
(schemagen.py), the builders (model.py), the safety walk (fields.py), roadmap.json
(render.roadmap_json) and tests/hostile.py's lists. A dataclass field with no declaration stops the
import (`check_level`), so no field can skip the safety walk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, dataclass
from typing import Any

# Kinds of text the safety walk (fields.py, checks._field_problem) checks, one rule each.
TEXT_KINDS = frozenset(
    (
        "id",  # a slug that names something (checks.id_problem: shape and reserved words)
        "ref",  # the id of something declared elsewhere (checked against the known ids)
        "title",  # plain text on one line
        "text",  # plain text that may wrap
        "markdown",  # Markdown, rendered through the sanitiser during validation
        "url",  # an absolute http:// or https:// address
    )
)
# Values that are not free text: the schema's enum, boolean, number; a nested level of the model.
OTHER_KINDS = frozenset(("enum", "flag", "number", "level"))
SHAPES = ("one", "list", "map", "map-of-lists")  # one value, a list of them, a mapping name -> value(s)
SAME = "<same>"  # the default roadmap.json / YAML name: the attribute's own


@dataclass(frozen=True)
class Spec:
    """One declared field."""

    kind: str  # one of TEXT_KINDS or OTHER_KINDS
    schema: str | dict[str, Any]  # a shared definition's name ('title') or the JSON Schema of the value
    doc: str = ""  # the schema's description, what an editor shows
    shown: str = ""  # where the learner sees it ('' when only in roadmap.json)
    yaml: str | None = None  # the YAML key; None: not from YAML (derived by the builder)
    json: str | None = None  # the roadmap.json key; None: not in roadmap.json
    required: bool = False
    shape: str = "one"
    level: type | None = None  # for kind 'level': the dataclass of each value
    load: Callable[[Any], Any] | None = None  # YAML value -> model value, when not the plain copy
    absent: Any = None  # the value when the YAML leaves the key out (a fresh [] or {} for lists, mappings)
    json_if_set: bool = False  # roadmap.json leaves the key out when the value is None

    def absent_value(self) -> Any:
        if self.shape == "list":
            return []
        return {} if self.shape != "one" else self.absent

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS


def declared(
    kind: str,
    schema: str | dict[str, Any],
    doc: str = "",
    *,
    shown: str = "",
    yaml: str = SAME,
    json: str | None = SAME,
    required: bool = False,
    shape: str = "one",
    level: type | None = None,
    load: Callable[[Any], Any] | None = None,
    default: Any = MISSING,
    positional: bool = False,
    json_if_set: bool = False,
) -> Any:
    """A dataclass field read from YAML. When the YAML leaves it out it is `default` (None), or a
    fresh [] or {} for a list or a mapping. `required`: the schema requires it (and without a
    `default` the dataclass too); `positional`: the dataclass gives it no default (a field before the
    first one with a default), the builder always passes it."""
    absent = None if default is MISSING else default
    spec = Spec(kind, schema, doc, shown, yaml, json, required, shape, level, load, absent, json_if_set)
    meta = {"spec": spec}
    if positional:
        return dataclasses.field(metadata=meta)
    if shape != "one":
        factory: Callable[[], Any] = list if shape == "list" else dict
        return dataclasses.field(default_factory=factory, metadata=meta)
    if default is MISSING and required:
        return dataclasses.field(metadata=meta)
    return dataclasses.field(default=absent, metadata=meta)


def derived(*, json: str | None = None, default: Any = MISSING, factory: Callable[[], Any] | None = None) -> Any:
    """A dataclass field the builder sets (not read from YAML): the file, a line, the parent's id."""
    spec = Spec("derived", {}, yaml=None, json=json)
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata={"spec": spec})
    return dataclasses.field(default=default, metadata={"spec": spec})


def lines_field() -> Any:
    """The line of each YAML key of the mapping (never in roadmap.json)."""
    return dataclasses.field(
        default_factory=dict, repr=False, compare=False, metadata={"spec": Spec("derived", {}, yaml=None, json=None)}
    )


def specs(cls: type) -> tuple[tuple[str, Spec], ...]:
    """(attribute, its declaration) for each field of a model dataclass, in field order."""
    found = _SPECS.get(cls)
    if found is None:
        found = _SPECS[cls] = tuple((f.name, f.metadata["spec"]) for f in dataclasses.fields(cls))
    return found


_SPECS: dict[type, tuple[tuple[str, Spec], ...]] = {}  # filled on first use: after check_level named them


def check_level(cls: type) -> type:
    """A class decorator (after @dataclass): every field is declared, with a known kind and shape;
    the YAML and roadmap.json names default to the attribute's name."""
    for f in dataclasses.fields(cls):
        spec = f.metadata.get("spec")
        if not isinstance(spec, Spec):
            raise TypeError(f"{cls.__name__}.{f.name} is not declared (use declare.declared or declare.derived)")
        if spec.kind != "derived" and spec.kind not in TEXT_KINDS | OTHER_KINDS:
            raise TypeError(f"{cls.__name__}.{f.name}: unknown kind {spec.kind!r}")
        if spec.shape not in SHAPES or (spec.kind == "level") != (spec.level is not None):
            raise TypeError(f"{cls.__name__}.{f.name}: a nested level needs kind 'level' and its class")
        yaml = f.name if spec.yaml == SAME else spec.yaml
        json = f.name if spec.json == SAME else spec.json
        f.metadata = type(f.metadata)({"spec": dataclasses.replace(spec, yaml=yaml, json=json)})
    return cls

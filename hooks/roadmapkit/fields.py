"""Every contributor-written value of a roadmap, with where it is and what sort of text it is.

The walk reads the declaration (model.py, declare.py): every declared field of a text kind, of every
level, is yielded, so a field added to the model is checked like the others by the safety rules
(checks.py): 'id', 'ref' (an id declared elsewhere), 'title' (one line of plain text), 'text' (plain,
may wrap), 'markdown' (rendered through the sanitiser) and 'url'. A dataclass field without a
declaration stops the import (declare.check_level), so none can be missed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from .declare import specs
from .model import Item, Resource, Roadmap


class Field(NamedTuple):
    source: str
    line: int
    key: str
    kind: str
    value: str | None  # None: an optional field left out


def fields(roadmap: Roadmap) -> Iterator[Field]:
    if roadmap.identity.source is not None:  # the roadmap has a content/roadmap.yml
        yield from walk(roadmap.identity, roadmap.identity.source, "", 1)
    for phase in roadmap.phases:
        yield from walk(phase, phase.source, "", 1)
    for track in roadmap.tracks:
        yield from walk(track, track.source, "", 1)


def walk(obj: Any, src: str, key: str, line: int) -> Iterator[Field]:
    """Each declared text field of `obj` (one level of the model, at key path `key`) and of the
    levels inside it, at the line of its own YAML key when known."""
    lines: dict[str, int] = getattr(obj, "lines", {})
    line = getattr(obj, "line", line)
    for name, yaml, kind, shape, nested, empty_absent in _plan(type(obj)):
        value, at, path = getattr(obj, name), lines.get(yaml, line), _join(key, yaml)
        if nested:
            for n, child in enumerate(value):
                yield from walk(child, src, _child_key(obj, path, n, child), lines.get(f"{yaml}[{n}]", line))
        elif shape == "one":  # an optional text left out is None, or the empty default
            yield Field(src, at, path, kind, None if empty_absent and value == "" else value)
        elif shape == "list":
            for n, text in enumerate(value):
                yield Field(src, lines.get(f"{yaml}[{n}]", at), f"{path}[{n}]", kind, text)
        else:  # a mapping: name -> text, or name -> list of texts
            for part, texts in value.items():
                many = texts if shape == "map-of-lists" else [texts]
                for n, text in enumerate(many):
                    suffix = f"[{n}]" if shape == "map-of-lists" else ""
                    yield Field(src, at, f"{path}.{part}{suffix}", kind, text)


_PLANS: dict[type, tuple[tuple[str, str, str, str, bool, bool], ...]] = {}


def _plan(level: type) -> tuple[tuple[str, str, str, str, bool, bool], ...]:
    """What the walk reads of a level, worked out once: (attribute, YAML key, kind, shape, nested
    level, empty by default) for each declared text field and nested level."""
    plan = _PLANS.get(level)
    if plan is None:
        plan = _PLANS[level] = tuple(
            (name, spec.yaml, spec.kind, spec.shape, spec.level is not None, spec.absent == "")
            for name, spec in specs(level)
            if spec.yaml is not None and (spec.is_text or spec.level is not None)
        )
    return plan


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _child_key(parent: Any, path: str, n: int, child: Any) -> str:
    """How a problem names a nested level: a resource by its owner's id, an item by its module's id
    (or as a checkpoint), anything else by its place in the list."""
    if isinstance(child, Resource):
        return f"{parent.id}.resources[{n}]"
    if isinstance(child, Item):
        return f"checkpoint '{child.id}'" if child.module_id is None else f"{child.module_id}.{child.id}"
    return f"{path}[{n}]"

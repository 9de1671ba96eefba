"""A JSON Schema compiled to plain Python predicates, for the common case: valid content.

jsonschema walks its `$ref`s anew for every item and resource, which made validation cost about
440 us per item. This module compiles the same schema files once into nested closures that
answer one question, "is this document valid?", exactly as jsonschema would. When the answer is
no, the caller asks jsonschema for the full, friendly list of problems, so error messages come
from one place only. Any keyword outside the small set below makes `compile_schema` raise
`UnsupportedSchemaError`, and the caller then uses jsonschema for everything: a schema edit can make
validation slower, never wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

# Keywords that never change whether a document is valid.
_ANNOTATIONS = frozenset(("$schema", "$id", "$comment", "$defs", "title", "description", "examples", "default"))
_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "integer": lambda v: (isinstance(v, int) and not isinstance(v, bool)) or (isinstance(v, float) and v.is_integer()),
}


class UnsupportedSchemaError(ValueError):
    """The schema uses a keyword this compiler does not implement."""


def compile_schema(documents: dict[str, dict[str, Any]], name: str) -> Check:
    """Compile documents[name] (resolving `$ref`s into any of `documents`) into a predicate."""
    return _Compiler(documents).compile(name, "")


_OBJECT_KEYS = frozenset(("type", "properties", "additionalProperties", "required"))
_ARRAY_KEYS = frozenset(("type", "items", "minItems", "uniqueItems"))
_STRING_KEYS = frozenset(("type", "minLength", "maxLength", "pattern"))


def _string(schema: dict[str, Any]) -> Check:
    """type: string with optional length bounds and pattern, in one test."""
    low, high = schema.get("minLength", 0), schema.get("maxLength", float("inf"))
    search = re.compile(schema["pattern"]).search if "pattern" in schema else None
    if search is None:
        return lambda v: isinstance(v, str) and low <= len(v) <= high
    return lambda v: isinstance(v, str) and low <= len(v) <= high and search(v) is not None


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def json_key(value: Any) -> Any:
    """A hashable stand-in equal for values JSON Schema calls equal (1 == 1.0, but true != 1)."""
    if isinstance(value, bool):
        return ("b", value)
    if isinstance(value, int | float):
        return ("n", value)
    if isinstance(value, str):
        return ("s", value)
    if value is None:
        return ("z",)
    if isinstance(value, list):
        return ("a", tuple(json_key(v) for v in value))
    if isinstance(value, dict):
        return ("o", frozenset((k, json_key(v)) for k, v in value.items()))
    raise UnsupportedSchemaError(f"not a JSON value: {type(value).__name__}")


class _Compiler:
    def __init__(self, documents: dict[str, dict[str, Any]]) -> None:
        self.documents = documents
        self.compiled: dict[tuple[str, str], Check] = {}

    def compile(self, doc: str, pointer: str) -> Check:
        key = (doc, pointer)
        if key not in self.compiled:
            slot: list[Check] = []
            self.compiled[key] = lambda v: slot[0](v)  # a stand-in while a recursive $ref compiles
            slot.append(self._schema(self._resolve(doc, pointer), doc))
            self.compiled[key] = slot[0]
        return self.compiled[key]

    def _resolve(self, doc: str, pointer: str) -> Any:
        if doc not in self.documents:
            raise UnsupportedSchemaError(f"$ref to an unknown document {doc!r}")
        node: Any = self.documents[doc]
        for part in filter(None, pointer.split("/")):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                raise UnsupportedSchemaError(f"$ref to a missing place {doc}#{pointer}")
            node = node[part]
        return node

    def _schema(self, schema: Any, doc: str) -> Check:
        if schema is True:
            return lambda v: True
        if schema is False:
            return lambda v: False
        if not isinstance(schema, dict):
            raise UnsupportedSchemaError("a schema must be an object or a boolean")
        keys = set(schema) - _ANNOTATIONS
        if schema.get("type") == "object" and keys <= _OBJECT_KEYS and schema.get("additionalProperties") is False:
            return self._closed_object(schema, doc)
        if schema.get("type") == "array" and keys <= _ARRAY_KEYS:
            return self._array(schema, doc)
        if schema.get("type") == "string" and keys <= _STRING_KEYS:
            return _string(schema)
        found = [self._keyword(k, schema, doc) for k in schema if k not in _ANNOTATIONS]
        checks = [c for c in found if c is not None]
        if len(checks) == 1:
            return checks[0]
        return lambda v: all(c(v) for c in checks)

    def _closed_object(self, schema: dict[str, Any], doc: str) -> Check:
        """type: object, additionalProperties: false, properties, required: the usual shape, in one loop."""
        props = {k: self._schema(s, doc) for k, s in schema.get("properties", {}).items()}
        need = tuple(schema.get("required", ()))
        get = props.get

        def check(v: Any) -> bool:
            if not isinstance(v, dict):
                return False
            for k, x in v.items():
                test = get(k)
                if test is None or not test(x):
                    return False
            return all(k in v for k in need)

        return check

    def _array(self, schema: dict[str, Any], doc: str) -> Check:
        """type: array with items, minItems and uniqueItems, in one loop."""
        each = self._schema(schema.get("items", True), doc)
        low, unique = schema.get("minItems", 0), schema.get("uniqueItems", False)

        def check(v: Any) -> bool:
            if not isinstance(v, list) or len(v) < low:
                return False
            for x in v:
                if not each(x):
                    return False
            return not unique or len({json_key(x) for x in v}) == len(v)

        return check

    def _keyword(self, key: str, schema: dict[str, Any], doc: str) -> Check | None:
        value = schema[key]
        if key == "$ref":
            target, _, pointer = value.partition("#")
            return self.compile(target or doc, pointer)
        if key == "type":
            names = value if isinstance(value, list) else [value]
            tests = [_TYPES[n] for n in names]
            return lambda v: any(t(v) for t in tests)
        if key == "properties":
            props = {k: self._schema(s, doc) for k, s in value.items()}
            return lambda v: not isinstance(v, dict) or all(props[k](x) for k, x in v.items() if k in props)
        if key == "additionalProperties":
            known = set(schema.get("properties", {}))
            if value is False:
                return lambda v: not isinstance(v, dict) or known.issuperset(v)
            extra = self._schema(value, doc)
            return lambda v: not isinstance(v, dict) or all(extra(x) for k, x in v.items() if k not in known)
        if key == "required":
            need = tuple(value)
            return lambda v: not isinstance(v, dict) or all(k in v for k in need)
        if key == "items":
            each = self._schema(value, doc)
            return lambda v: not isinstance(v, list) or all(each(x) for x in v)
        if key == "minItems":
            return lambda v: not isinstance(v, list) or len(v) >= value
        if key == "uniqueItems":
            if not value:
                return None
            return lambda v: not isinstance(v, list) or len({json_key(x) for x in v}) == len(v)
        if key == "minLength":
            return lambda v: not isinstance(v, str) or len(v) >= value
        if key == "maxLength":
            return lambda v: not isinstance(v, str) or len(v) <= value
        if key == "pattern":
            search = re.compile(value).search
            return lambda v: not isinstance(v, str) or search(v) is not None
        if key == "enum":
            allowed = {json_key(e) for e in value}
            return lambda v: json_key(v) in allowed
        if key == "const":
            same = json_key(value)
            return lambda v: json_key(v) == same
        if key == "maximum":
            return lambda v: not _number(v) or v <= value
        if key == "minimum":
            return lambda v: not _number(v) or v >= value
        if key == "exclusiveMinimum":
            return lambda v: not _number(v) or v > value
        if key == "exclusiveMaximum":
            return lambda v: not _number(v) or v < value
        if key == "oneOf":
            branches = [self._schema(s, doc) for s in value]
            return lambda v: sum(1 for b in branches if b(v)) == 1
        if key == "anyOf":
            branches = [self._schema(s, doc) for s in value]
            return lambda v: any(b(v) for b in branches)
        raise UnsupportedSchemaError(f"keyword {key!r} is not compiled")

"""Stage 2: check a document against the JSON Schema that editors use too."""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator, Mapping
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, join_key
from .fastschema import Check, UnsupportedSchemaError, compile_schema, json_key
from .loader import Document

if TYPE_CHECKING:  # jsonschema is imported only when a file fails the compiled check
    from jsonschema.exceptions import ValidationError
    from jsonschema.protocols import Validator as JSONSchemaValidator

SCHEMA_FILES = ("common.schema.json", "phase.schema.json", "track.schema.json", "roadmap.schema.json")


class Validator:
    """jsonschema for the problems, plus a compiled predicate that passes valid files quickly."""

    def __init__(self, schemas: dict[str, Any], name: str, fast: Check | None) -> None:
        self.schemas = schemas
        self.name = name
        self.fast = fast

    @cached_property
    def full(self) -> JSONSchemaValidator:
        """The jsonschema validator (with the shared definitions), built on first need."""
        from jsonschema import Draft202012Validator, validators
        from referencing import Registry, Resource

        # The ignore: types-jsonschema leaves validators.extend unannotated (it returns a validator class).
        engine: type[JSONSchemaValidator] = validators.extend(  # type: ignore[no-untyped-call]
            Draft202012Validator, {"uniqueItems": _unique_items}
        )
        resources = ((f, Resource.from_contents(s)) for f, s in self.schemas.items())
        return engine(self.schemas[self.name], registry=Registry().with_resources(resources))

    def is_valid_fast(self, data: Any) -> bool:
        """True only when the document is certainly valid; False means 'ask jsonschema'."""
        if self.fast is None:
            return False
        try:
            return self.fast(data)
        except (UnsupportedSchemaError, RecursionError):
            return False


def _unique_items(validator: Any, unique: bool, instance: Any, schema: dict[str, Any]) -> Iterator[ValidationError]:
    """uniqueItems in one pass over hashed values: jsonschema's own compares every pair of a list
    whose values cannot be sorted (20,000 mixed numbers and texts took 68 s)."""
    from jsonschema.exceptions import ValidationError

    if unique and isinstance(instance, list) and len({json_key(x) for x in instance}) != len(instance):
        yield ValidationError("has non-unique elements")


def _load_schemas(schema_dir: Path) -> dict[str, Any]:
    return {f: json.loads((schema_dir / f).read_text("utf-8")) for f in SCHEMA_FILES}


@lru_cache(maxsize=8)
def validator_for(schema_dir: Path, name: str) -> Validator:
    """A validator for `name` (phase or track) with the shared definitions registered."""
    loaded = _load_schemas(schema_dir)
    try:
        fast = compile_schema(loaded, f"{name}.schema.json")
    except UnsupportedSchemaError:
        fast = None  # a keyword the compiler lacks: every file goes through jsonschema
    return Validator(loaded, f"{name}.schema.json", fast)


def check_document(doc: Document, validator: Validator) -> list[Problem]:
    """Every schema problem of the document, each with its line and key path."""
    if not isinstance(doc.data, dict):
        found = _type_name(doc.data)
        return [Problem(doc.path, 1, "", f"the file holds {found} (expected a mapping of keys)")]
    if validator.is_valid_fast(doc.data):
        return []
    return [_to_problem(doc, err) for err in _leaf_errors(validator.full.iter_errors(doc.data))]


def _leaf_errors(errors: Any) -> list[ValidationError]:
    out: list[ValidationError] = []
    for err in errors:
        if err.validator == "oneOf" and err.context:
            out.append(min(err.context, key=lambda e: (-len(e.absolute_path), e.validator == "type")))
        else:
            out.append(err)
    return out


def _to_problem(doc: Document, err: ValidationError) -> Problem:
    key = tuple(err.absolute_path)
    message = _message(err)
    if err.validator == "additionalProperties":
        extra = _unknown_keys(err)
        key = (*key, extra[0]) if extra else key
    return Problem(doc.path, doc.line_of(key), join_key(key), message)


def _message(err: ValidationError) -> str:
    # Any JSON: the rule's value in the schema, the value that fails it (jsonschema sets both on every
    # error it yields; the stubs' Unset is for an error made by hand).
    expected: Any
    value: Any
    rule, expected, value = err.validator, err.validator_value, err.instance
    if rule == "additionalProperties":
        return _unknown_message(err)
    if rule == "required":
        missing = err.message.split("'")[1] if "'" in err.message else "?"
        return f"missing required key '{missing}' (expected keys: {', '.join(_subschema(err).get('required', []))})"
    if rule == "type":
        return f"got {_type_name(value)} (expected {_type_word(expected)})"
    if rule == "enum":
        return f"got {value!r} (expected one of: {', '.join(map(str, expected))})"
    if rule == "minItems":
        return f"has {len(value)} entries (expected at least {expected})"
    if rule == "minLength":
        return "is empty (expected some text)"
    if rule == "maxLength":
        return f"is {len(value)} characters long (expected at most {expected})"
    if rule == "uniqueItems":
        return "lists the same value twice (expected each once)"
    if rule == "pattern":
        return f"{value!r} is not allowed here (expected {_pattern_word(expected)})"
    return f"{_short(err.message)} (expected {rule} {expected!r})"


def _subschema(err: ValidationError) -> Mapping[str, Any]:
    """The schema whose rule failed: a mapping for each rule read here (required, additionalProperties)."""
    return err.schema if isinstance(err.schema, Mapping) else {}


def _unknown_keys(err: ValidationError) -> list[str]:
    allowed = _subschema(err).get("properties", {})
    mapping: Any = err.instance  # the mapping with the unknown keys (set on every error jsonschema yields)
    return sorted(k for k in mapping if k not in allowed)


def _unknown_message(err: ValidationError) -> str:
    allowed = sorted(_subschema(err).get("properties", {}))
    extra = _unknown_keys(err)
    name = extra[0] if extra else "?"
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown key '{name}'{hint} (expected one of: {', '.join(allowed)})"


def _pattern_word(pattern: str) -> str:
    if pattern.startswith("^[a-z0-9]+"):
        return "a lowercase slug like 'linear-algebra'"
    if pattern.startswith("^https?"):
        return "an http:// or https:// url"
    return f"text matching {pattern}"


def _type_word(expected: str | list[str]) -> str:
    words = {
        "object": "a mapping",
        "array": "a list",
        "string": "text",
        "number": "a number",
        "integer": "a whole number",
        "boolean": "true or false",
    }
    names = expected if isinstance(expected, list) else [expected]
    return " or ".join(words.get(n, n) for n in names)


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    kind = "text" if isinstance(value, str) else "a number"
    return f"{_short(repr(value))} ({kind})"


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:77] + "..."

"""Stage 1: read one YAML content file into plain data plus the line of every key.

Only the YAML core types are accepted. Language tags (``!!python/...``), anchors and
aliases, duplicate keys, oversized files, deep nesting, overlong lists, huge numbers or texts,
numbers that are not finite (`.nan`, `.inf`) and control characters are refused with a Problem,
never an exception: content comes from forks and is treated as untrusted.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, join_key
from .limits import MAX_BYTES, MAX_DEPTH, MAX_LIST, MAX_NUMBER, MAX_TEXT
from .safety import bad_character

try:  # The C composer is several times faster; the pure one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

Key = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_SCALARS = {
    _STR: str,
    "tag:yaml.org,2002:int": int,
    "tag:yaml.org,2002:float": float,
    "tag:yaml.org,2002:bool": bool,
    "tag:yaml.org,2002:null": type(None),
    "tag:yaml.org,2002:timestamp": str,
}
_MAP = "tag:yaml.org,2002:map"
_NO_ALIAS = "anchors and aliases are not allowed (expected plain values)"
_SEQ = "tag:yaml.org,2002:seq"


@dataclass
class Document:
    """A parsed content file: its data and the 1-based line of each key path."""

    path: str
    data: Any
    lines: dict[Key, int] = field(default_factory=dict)

    def line_of(self, key: Key) -> int:
        """The line of the key, or of its nearest parent that has one."""
        while key not in self.lines and key:
            key = key[:-1]
        return self.lines.get(key, 1)


def load_file(file: Path, display: str) -> tuple[Document | None, list[Problem]]:
    """Read, decode and compose one file; return the document or the problems."""
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, [_file_problem(display, f"cannot be read: {exc.strerror or exc} (expected a readable file)")]
    if len(raw) > MAX_BYTES:
        return None, [_file_problem(display, f"file is {len(raw):,} bytes (expected at most {MAX_BYTES:,})")]
    text, problem = _decode(raw, display)
    if problem:
        return None, [problem]
    return load_text(text, display)


def load_text(text: str, display: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into data, straight from the parser's events (no node tree in between)."""
    builder = _Builder(display)
    try:
        data = builder.document(yaml.parse(text, Loader=_Loader))
    except _TooDeepError:  # whichever layer stops first, the problem is the nesting, at its line
        return None, builder.problems
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(display, exc, text)]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        message = f"contains the character U+{exc.character:04X} (expected printable text)"
        return None, [Problem(display, line, "", message)]
    except yaml.YAMLError as exc:
        return None, [_file_problem(display, f"not valid YAML: {_one_line(str(exc))}")]
    if data is _EMPTY:
        return None, [_file_problem(display, "file is empty (expected a mapping of keys)")]
    return Document(display, data, builder.lines), builder.problems


class _TooDeepError(Exception):
    """The parser failed inside a value already reported as nested too deep."""


def _decode(raw: bytes, display: str) -> tuple[str, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        msg = f"byte 0x{raw[exc.start]:02x} is not UTF-8 (expected a UTF-8 text file)"
        return "", Problem(display, line, "", msg)


def _syntax_problem(display: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    """A YAML syntax error as plain advice, at the line where the mistake most likely is."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    what = f"{exc.problem or ''} {exc.context or ''}"
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    source = text.splitlines()
    here = source[line - 1] if 0 < line <= len(source) else ""
    if "\t" in here or "'\\t'" in what or "tab" in what:
        return Problem(display, line, "", "YAML syntax: a tab character (indent with spaces, not tabs)")
    if "quoted scalar" in what:
        return Problem(display, opened, "", "YAML syntax: a quote opened on this line is never closed")
    for bracket, close in (("sequence", "]"), ("mapping", "}")):
        if f"flow {bracket}" in what or f"'{close}'" in what:
            message = f"YAML syntax: a bracket opened on this line is not closed with '{close}', or a comma is missing"
            return Problem(display, opened, "", message)
    if "mapping values are not allowed" in what:
        message = (
            "YAML syntax: an unexpected ': ' (put text that contains ': ' in quotes, "
            "or indent this line like the key above it)"
        )
        return Problem(display, line, "", message)
    if "expected key" in what or "block end" in what or "'-' indicator" in what:
        hint = " (or close the quote on this line)" if here.count("'") % 2 or here.count('"') % 2 else ""
        message = (
            "YAML syntax: this line is not indented like its neighbours (keys of one mapping line up, "
            f"and so do the '- ' of one list){hint}"
        )
        return Problem(display, line, "", message)
    return Problem(display, line, "", f"YAML syntax error: {_one_line(exc.problem or exc.context or 'syntax error')}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _file_problem(display: str, message: str) -> Problem:
    return Problem(display, 1, "", message)


_EMPTY = object()
_CONSTRUCTOR = yaml.constructor.SafeConstructor()
_CONVERT = {
    int: _CONSTRUCTOR.construct_yaml_int,
    float: _CONSTRUCTOR.construct_yaml_float,
    bool: _CONSTRUCTOR.construct_yaml_bool,
}
_RESOLVER = yaml.resolver.Resolver()
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar text -> its resolved tag (the rules never change)


class _Builder:
    """Turns one pass over the parser's events into plain data, refusing anything else.

    Working from events rather than `yaml.compose` skips building a node tree (about three times
    faster) and meets an alias before anything could expand it.
    """

    def __init__(self, display: str) -> None:
        self.display = display
        self.lines: dict[Key, int] = {}
        self.problems: list[Problem] = []

    def document(self, events: Iterator[yaml.Event]) -> Any:
        next(events)  # StreamStart
        event = next(events)
        if isinstance(event, yaml.StreamEndEvent):
            return _EMPTY
        data = self.value(next(events), events, ())
        next(events)  # DocumentEnd
        extra = next(events)
        if not isinstance(extra, yaml.StreamEndEvent):
            # The ignore: types-PyYAML's MarkedYAMLError takes only the pure-Python Mark, but the C
            # parser's Mark (what CSafeLoader's events carry) has the same line, column and name.
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                None,
                "but found another document",
                extra.start_mark,  # type: ignore[arg-type]
            )
        return data

    def value(self, event: yaml.Event, events: Iterator[yaml.Event], key: Key) -> Any:
        line = _line(event)
        if key not in self.lines:
            self.lines[key] = line
        if isinstance(event, yaml.ScalarEvent):
            return self._scalar(event, key)
        if len(key) >= MAX_DEPTH and isinstance(event, yaml.CollectionStartEvent):
            message = f"nested more than {MAX_DEPTH} levels deep (expected a flatter structure)"
            self.problems.append(Problem(self.display, line, join_key(key), message))
            try:
                self._skip(event, events)
            except yaml.YAMLError as exc:  # the parser's own depth limit, or a slip inside: this is why
                raise _TooDeepError from exc
            return None
        if isinstance(event, yaml.MappingStartEvent):
            if event.tag not in (None, _MAP, "!"):
                return self._refuse_tree(event, events, key)
            return self._mapping(events, key)
        if isinstance(event, yaml.SequenceStartEvent):
            if event.tag not in (None, _SEQ, "!"):
                return self._refuse_tree(event, events, key)
            return self._sequence(events, key, line)
        # An alias: refused where it stands, so nothing is ever expanded.
        at = self.lines[key] if key else line
        self.problems.append(Problem(self.display, at, join_key(key), _NO_ALIAS))
        return None

    def _sequence(self, events: Iterator[yaml.Event], key: Key, line: int) -> list[Any] | None:
        out: list[Any] = []
        event = next(events)
        while not isinstance(event, yaml.SequenceEndEvent):
            if len(out) == MAX_LIST:
                self._too_long(event, events, key, line)
                return None
            out.append(self.value(event, events, (*key, len(out))))
            event = next(events)
        return out

    def _too_long(self, event: yaml.Event, events: Iterator[yaml.Event], key: Key, line: int) -> None:
        """Skip the rest of a list past MAX_LIST entries, counting them for the message."""
        count = MAX_LIST
        while not isinstance(event, yaml.SequenceEndEvent):
            self._skip(event, events)
            count += 1
            event = next(events)
        message = f"list has {count:,} entries (expected at most {MAX_LIST:,})"
        self.problems.append(Problem(self.display, line, join_key(key), message))

    def _mapping(self, events: Iterator[yaml.Event], key: Key) -> dict[str, Any]:
        out: dict[str, Any] = {}
        event = next(events)
        while not isinstance(event, yaml.MappingEndEvent):
            line = _line(event)
            name = self._key_text(event)
            if name is None:  # a list, a mapping, a number... as a key
                self._skip(event, events)
                self._skip(next(events), events)
                self.problems.append(Problem(self.display, line, join_key(key), "keys must be plain text"))
            elif bad_character(name):
                self._skip(next(events), events)
                message = f"key contains {bad_character(name)} (expected a plain key name)"
                self.problems.append(Problem(self.display, line, join_key(key), message))
            elif name in out:
                first = self.lines[(*key, name)]
                self._skip(next(events), events)
                message = f"duplicate key (first defined on line {first})"
                self.problems.append(Problem(self.display, line, join_key((*key, name)), message))
            else:
                self.lines[(*key, name)] = line
                out[name] = self.value(next(events), events, (*key, name))
            event = next(events)
        return out

    @staticmethod
    def _key_text(event: yaml.Event) -> str | None:
        if not isinstance(event, yaml.ScalarEvent) or _tag(event) != _STR:
            return None
        return event.value

    def _scalar(self, event: yaml.ScalarEvent, key: Key) -> Any:
        tag = _tag(event)
        if tag not in _SCALARS:
            message = f"tag {tag!r} is not allowed (expected plain YAML values)"
            self.problems.append(Problem(self.display, _line(event), join_key(key), message))
            return None
        kind, value, line = _SCALARS[tag], event.value, _line(event)
        if kind is type(None):
            return None
        problem = _scalar_problem(kind, value)
        if problem:
            self.problems.append(Problem(self.display, line, join_key(key), problem))
            return None
        if kind is str:
            return value
        return self._number(kind, tag, value, key, line)

    def _number(self, kind: type, tag: str, value: str, key: Key, line: int) -> Any:
        """A plain int, float or bool literal, parsed once by PyYAML's own rules; finite only."""
        try:
            number = _CONVERT[kind](yaml.ScalarNode(tag, value))
        except (ValueError, KeyError, IndexError):  # an explicit tag on text that is no such value: !!int abc, !!int ""
            message = f"{value!r} is not a valid {kind.__name__} (expected a plain value)"
            self.problems.append(Problem(self.display, line, join_key(key), message))
            return None
        if isinstance(number, float) and not math.isfinite(number):
            message = f"{value!r} is not a finite number (expected a number such as 2 or 1.5)"
            self.problems.append(Problem(self.display, line, join_key(key), message))
            return None
        return number

    def _refuse_tree(self, event: yaml.CollectionStartEvent, events: Iterator[yaml.Event], key: Key) -> None:
        message = f"tag {event.tag!r} is not allowed (expected plain YAML values)"
        self.problems.append(Problem(self.display, _line(event), join_key(key), message))
        self._skip(event, events)

    @staticmethod
    def _skip(event: yaml.Event, events: Iterator[yaml.Event]) -> None:
        """Consume the rest of a value whose first event is `event`."""
        depth = 1 if isinstance(event, yaml.CollectionStartEvent) else 0
        while depth:
            event = next(events)
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1


def _scalar_problem(kind: type, value: str) -> str | None:
    """What is wrong with one scalar's text, whatever the schema says: size and characters."""
    if kind in (int, float) and len(value) > MAX_NUMBER:
        return f"number is {len(value):,} characters long (expected at most {MAX_NUMBER})"
    if len(value) > MAX_TEXT:
        return f"text is {len(value):,} characters long (expected at most {MAX_TEXT:,})"
    found = bad_character(value)
    return f"contains {found} (expected printable text)" if found else None


def _line(event: yaml.Event) -> int:
    """The event's line, counted from 1 (the parser marks every event; the stubs allow None)."""
    assert event.start_mark is not None
    return event.start_mark.line + 1


def _tag(event: yaml.ScalarEvent) -> str:
    """The scalar's resolved tag: explicit, or what its text means in the YAML core schema."""
    if event.tag and event.tag != "!":
        return event.tag
    if event.tag == "!" or not event.implicit[0]:  # quoted, or marked non-specific: text
        return _STR
    value = event.value
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        # The ignore: types-PyYAML leaves BaseResolver.resolve unannotated (it returns the tag, a str).
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if len(value) <= 40 and len(_PLAIN_TAGS) < 10_000:  # keys and short values repeat a lot
            _PLAIN_TAGS[value] = tag
    return tag

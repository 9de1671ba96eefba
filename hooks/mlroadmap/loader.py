"""Stage 1: read one YAML content file into plain data plus the line of every key.

Only the YAML core types are accepted. Language tags (``!!python/...``), anchors and
aliases, duplicate keys and oversized files are refused with a Problem, never an
exception: content comes from forks and is treated as untrusted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, join_key

try:  # The C composer is several times faster; the pure one behaves the same.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
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
    raw = file.read_bytes()
    if len(raw) > MAX_BYTES:
        return None, [_file_problem(display, f"file is {len(raw):,} bytes (expected at most {MAX_BYTES:,})")]
    text, problem = _decode(raw, display)
    if problem:
        return None, [problem]
    return load_text(text, display)


def load_text(text: str, display: str) -> tuple[Document | None, list[Problem]]:
    """Compose YAML text and convert its node tree to data."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_problem(display, exc, text)]
    except yaml.YAMLError as exc:
        return None, [_file_problem(display, f"not valid YAML: {exc}")]
    if node is None:
        return None, [_file_problem(display, "file is empty (expected a mapping of keys)")]
    builder = _Builder(display)
    data = builder.convert(node, ())
    return Document(display, data, builder.lines), builder.problems


def _decode(raw: bytes, display: str) -> tuple[str, Problem | None]:
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        msg = f"byte 0x{raw[exc.start]:02x} is not UTF-8 (expected a UTF-8 text file)"
        return "", Problem(display, line, "", msg)


def _syntax_problem(display: str, exc: yaml.MarkedYAMLError, text: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 1
    what = exc.problem or exc.context or "syntax error"
    source_lines = text.splitlines()
    if line <= len(source_lines) and "\t" in source_lines[line - 1]:
        what += " (a tab character: indent with spaces, not tabs)"
    return Problem(display, line, "", f"YAML syntax error: {what}")


def _file_problem(display: str, message: str) -> Problem:
    return Problem(display, 1, "", message)


class _Builder:
    """Walks a composed node tree once, refusing anything outside plain data."""

    def __init__(self, display: str) -> None:
        self.display = display
        self.lines: dict[Key, int] = {}
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def convert(self, node: yaml.Node, key: Key) -> Any:
        if id(node) in self._seen:  # an alias: the same node met again
            line = self.lines[key] if key in self.lines and key else node.start_mark.line + 1
            self.problems.append(Problem(self.display, line, join_key(key), _NO_ALIAS))
            return None
        self._seen.add(id(node))
        self.lines.setdefault(key, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self._mapping(node, key)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            return [self.convert(child, (*key, i)) for i, child in enumerate(node.value)]
        if isinstance(node, yaml.ScalarNode) and node.tag in _SCALARS:
            return self._scalar(node, key)
        return self._refuse(node, key, f"tag {node.tag!r} is not allowed (expected plain YAML values)")

    def _mapping(self, node: yaml.MappingNode, key: Key) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if not isinstance(knode, yaml.ScalarNode) or knode.tag != _STR:
                self._refuse(knode, key, "keys must be plain text")
                continue
            name = knode.value
            if name in out:
                first = self.lines[(*key, name)]
                self._refuse(knode, (*key, name), f"duplicate key (first defined on line {first})")
                continue
            self.lines[(*key, name)] = knode.start_mark.line + 1
            out[name] = self.convert(vnode, (*key, name))
        return out

    def _scalar(self, node: yaml.ScalarNode, key: Key) -> Any:
        kind = _SCALARS[node.tag]
        if kind is str:
            return node.value
        if kind is type(None):
            return None
        return yaml.safe_load(node.value)  # a plain int, float or bool literal

    def _refuse(self, node: yaml.Node, key: Key, message: str) -> None:
        self.problems.append(Problem(self.display, node.start_mark.line + 1, join_key(key), message))
        return None

"""Metadata of hand-written pages: read by MkDocs' own parser, checked against one allow-list.

MkDocs (`mkdocs.utils.meta.get_data`) reads a page's metadata one of two ways: YAML front matter
between `---` lines or, when there is none, MultiMarkdown `key: value` lines at the top of the
page up to the first blank line. What it reads reaches the theme, which prints several keys raw
and lets `template` choose any template, so a page is checked as MkDocs reads it:

- front matter MkDocs cannot load is refused (MkDocs would render those lines as Markdown);
- metadata without `---` lines is refused (a line of text would silently become metadata);
- only the keys of META, each with a value of its type, are allowed.

`clean_meta` applies the same declaration in a build, whatever got past validation: it keeps only
allowed keys with valid values, and their text escaped. This is the one module of roadmapkit that
imports MkDocs, for its parser: the check and the build can never read a page differently.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping
from typing import Any

import yaml
from markupsafe import Markup, escape
from mkdocs.utils.meta import META_RE, YAML_RE, SafeLoader, get_data

from .errors import Problem
from .loader import Document, load_text
from .safety import printable, title_problem

HIDE = ("navigation", "toc", "path", "footer", "feedback", "tags")  # the parts Material's templates hide
_FENCELESS = (
    "MkDocs reads this line as page metadata, not text "
    "(expected front matter between '---' lines, or a heading or blank line above it)"
)
_UNLOADABLE = (
    "MkDocs cannot load this value and would show the whole front matter as text "
    "(expected plain YAML: quote dates and values like them)"
)


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        return f"is {_kind(value)} (expected one line of plain text)"
    return title_problem(value)


def _hide(value: object) -> str | None:
    expected = f"expected a list of parts to hide: {', '.join(HIDE)}"
    if not isinstance(value, list):
        return f"is {_kind(value)} ({expected})"
    for part in value:
        if not isinstance(part, str):
            return f"holds {_kind(part)} ({expected})"
        if part not in HIDE:
            return f"{printable(part)} is not a part Material can hide ({expected})"
    return None


def _search(value: object) -> str | None:
    """Material's search ranking: `search: {boost: N}`, N a number from 0 to 10 (generated pages
    set it; a hand-written page may too)."""
    expected = "expected 'boost:' and a number from 0 to 10"
    if not isinstance(value, dict) or list(value) != ["boost"]:
        return f"is {_kind(value)} ({expected})"
    boost = value["boost"]
    if isinstance(boost, bool) or not isinstance(boost, int | float) or not 0 <= boost <= 10:
        return f"boost is {_kind(boost)} out of range ({expected})"
    return None


# Each allowed key and what is wrong with a value for it (None: nothing). Nothing else reaches page.meta.
META: dict[str, Callable[[object], str | None]] = {
    "title": _text,
    "description": _text,
    "hide": _hide,
    "search": _search,
}


def _kind(value: object) -> str:
    kinds: tuple[tuple[type, str], ...] = ((bool, "true or false"), (int, "a number"), (float, "a number"))
    kinds += ((datetime.date, "a date"),)
    kinds += ((list, "a list"), (dict, "a mapping"), (str, "text"), (type(None), "empty"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "a value")


def as_mkdocs_reads(text: str) -> str:
    """A page's text as MkDocs reads the file: a leading byte order mark dropped, universal newlines."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def page_body(text: str) -> str:
    """The Markdown MkDocs renders for a page: its text without the metadata MkDocs read."""
    return get_data(as_mkdocs_reads(text))[0]


def body_start(text: str, body: str) -> int:
    """How many lines of `text` come before `body`, the Markdown MkDocs renders (a suffix of it)."""
    return text[: len(text) - len(body)].count("\n")


def check_meta(text: str, display: str) -> tuple[list[Problem], int]:
    """The problems of a page's metadata, and the number of lines before the Markdown MkDocs renders."""
    body, meta = get_data(text)
    start = body_start(text, body)
    front = YAML_RE.match(text)
    if front:
        loaded = meta if len(body) < len(text) else None  # MkDocs keeps the whole text when it cannot load it
        return _front_matter(front.group(1), loaded, display), start
    return _fenceless(text[: len(text) - len(body)], display), start


def _fenceless(head: str, display: str) -> list[Problem]:
    """Each line MkDocs read as MultiMarkdown metadata (continuation lines belong to the one above)."""
    out = []
    for n, line in enumerate(head.split("\n"), start=1):
        found = META_RE.match(line)
        if found:
            out.append(Problem(display, n, found.group("key").lower(), _FENCELESS))
    return out


def _front_matter(front: str, meta: dict[str, Any] | None, display: str) -> list[Problem]:
    """`meta` is what MkDocs loaded, None when it could not; lines come from our own stricter loader."""
    if all(not line.strip() or line.lstrip().startswith("#") for line in front.split("\n")):
        return [Problem(display, 1, "", "front matter is empty (expected keys such as title, or no '---' lines)")]
    doc, problems = load_text("\n" + front, display)  # a blank line for the first '---': lines as in the file
    if problems or doc is None:
        return problems
    if not isinstance(doc.data, dict):
        return [Problem(display, 2, "", "front matter is not a mapping (expected keys such as title)")]
    if meta is None:
        return [_unloadable(front, doc, display)]
    return [problem for key, value in meta.items() for problem in _key(key, value, doc, display)]


def _key(key: str, value: object, doc: Document, display: str) -> list[Problem]:
    line = doc.line_of((key,))
    check = META.get(key)
    if check is None:
        return [Problem(display, line, key, f"unknown front-matter key (expected one of: {', '.join(META)})")]
    problem = check(value)
    return [Problem(display, line, key, problem)] if problem else []


def _unloadable(front: str, doc: Document, display: str) -> Problem:
    """The first key whose lines MkDocs' loader cannot load on their own, else the whole block."""
    lines = ["", *front.split("\n")]  # as in the file: lines[n - 1] is line n
    starts = sorted((doc.lines[(key,)], key) for key in doc.data)
    ends = [line for line, _ in starts[1:]] + [len(lines) + 1]
    for (line, key), end in zip(starts, ends, strict=True):
        try:
            yaml.load("\n".join(lines[line - 1 : end - 1]), SafeLoader)  # MkDocs' loader, a safe one
        except Exception:  # what MkDocs' get_data catches
            alone = sum(start == line for start, _ in starts) == 1  # else a one-line {mapping}
            return Problem(display, line, key if alone else "", _UNLOADABLE)
    return Problem(display, 2, "", _UNLOADABLE)


def clean_meta(meta: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The allowed keys whose values are valid, text escaped (Markup); and the names of the others."""
    kept = {key: _escaped(value) for key, value in meta.items() if key in META and META[key](value) is None}
    return kept, [str(key) for key in meta if key not in kept]


def _escaped(value: object) -> Markup | list[Markup] | dict[str, float]:
    if isinstance(value, dict):  # search: {boost: N}, checked to hold one number
        return {str(key): float(number) for key, number in value.items()}
    return [escape(part) for part in value] if isinstance(value, list) else escape(value)


def page_source(text: str) -> str:
    """A hand-written page for a builder without our hooks: metadata is only the allowed keys, with
    their text escaped, written as front matter any YAML reader loads alike (every string quoted)."""
    text = as_mkdocs_reads(text)
    body, meta = get_data(text)
    if not meta and not YAML_RE.match(text):
        return text
    kept = {key: _plain(value) for key, value in clean_meta(meta)[0].items()}
    front = yaml.safe_dump(kept, default_style='"', allow_unicode=True, sort_keys=False, width=1_000_000)
    return f"---\n{front}---\n\n{body}"


def _plain(value: Markup | list[Markup] | dict[str, float]) -> str | list[str] | dict[str, float]:
    if isinstance(value, dict):
        return value
    return [str(part) for part in value] if isinstance(value, list) else str(value)

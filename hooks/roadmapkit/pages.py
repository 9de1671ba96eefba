"""Hand-written pages (content/pages/) are Markdown only: raw HTML and unsafe links are refused.

MkDocs renders these pages itself, with the site's Markdown extensions, so instead of sanitising
its output they are checked before anything is built: no HTML tags or comments, no attribute
lists beyond `#id` and `.class`, links only to http(s), mailto, in-site paths and anchors, images
only from the site, and only the front-matter keys the theme prints safely. Files a browser would
run (HTML, SVG, JavaScript) may not sit beside the pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from .errors import Problem
from .loader import load_text
from .safety import bad_character, printable, title_problem

ALLOWED_SUFFIXES = frozenset((".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".txt", ".pdf"))
META_KEYS = frozenset(("title", "description", "hide"))
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"<(?:/?[A-Za-z][\w:-]*(?=[\s/>]|$)|!|\?)")
_AUTOLINK = re.compile(r"<([A-Za-z][\w+.-]*):")
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")
_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)>]*)")
_REF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S*?)>?(?:\s|$)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def check_pages(folder: Path, display: str) -> list[Problem]:
    """Every problem of every file under the hand-written pages folder."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*")):
        where = f"{display}/{path.relative_to(folder).as_posix()}"
        if path.is_symlink() or path.is_dir():
            continue  # links are refused by files.refuse_links
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            allowed = ", ".join(sorted(ALLOWED_SUFFIXES))
            problems.append(
                Problem(
                    where,
                    1,
                    "",
                    f"a {path.suffix or 'suffix-less'} file cannot be published here (expected one of {allowed})",
                )
            )
        elif path.suffix.lower() == ".md":
            problems += check_page(_read(path), where)
    return problems


def _read(path: Path) -> str:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return "\x00"  # reported as an unsafe character at line 1


def check_page(text: str, display: str) -> list[Problem]:
    """The problems of one Markdown page, each at its own line."""
    lines = text.split("\n")
    start = 0
    problems: list[Problem] = []
    if lines and lines[0].strip() == "---":
        end = next((n for n in range(1, len(lines)) if lines[n].strip() in ("---", "...")), None)
        if end is not None:
            problems += _front_matter("\n".join(lines[1:end]), display)
            start = end + 1
    problems += list(_body(lines, start, display))
    return problems


def _front_matter(text: str, display: str) -> list[Problem]:
    doc, problems = load_text(text or "{}", display)
    if problems or doc is None:
        return [Problem(p.path, p.line + 1, p.key, p.message) for p in problems]
    if not isinstance(doc.data, dict):
        return [Problem(display, 2, "", "front matter is not a mapping (expected keys such as title)")]
    out = []
    for key, value in doc.data.items():
        line = doc.line_of((key,)) + 1
        if key not in META_KEYS:
            out.append(
                Problem(
                    display, line, key, f"unknown front-matter key (expected one of: {', '.join(sorted(META_KEYS))})"
                )
            )
        elif key in ("title", "description") and (not isinstance(value, str) or title_problem(value)):
            out.append(Problem(display, line, key, "expected one line of plain text"))
    return out


def _body(lines: list[str], start: int, display: str) -> Iterator[Problem]:
    fence: str | None = None
    for n in range(start, len(lines)):
        line, at = lines[n], n + 1
        found = bad_character(line)
        if found:
            yield Problem(display, at, "", f"contains {found} (expected printable text)")
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield from _line(_CODE_SPAN.sub("", line), display, at)


def _line(line: str, display: str, at: int) -> Iterator[Problem]:
    for match in _AUTOLINK.finditer(line):
        if match.group(1).lower() not in ("http", "https", "mailto"):
            yield Problem(
                display, at, "", f"link scheme '{match.group(1)}:' is not allowed (expected http, https or mailto)"
            )
    tag = _TAG.search(_AUTOLINK.sub("", line))
    if tag:
        yield Problem(display, at, "", f"raw HTML {printable(tag.group())} is not allowed (expected Markdown only)")
    if _ATTR_LIST.search(line):
        yield Problem(display, at, "", "attribute lists may only set #id and .class (expected no key=value)")
    for image, target in _LINK.findall(line):
        yield from _target(target, bool(image), display, at)
    ref = _REF.match(line)
    if ref:
        yield from _target(ref.group(1), False, display, at)


def _target(target: str, image: bool, display: str, at: int) -> Iterator[Problem]:
    target = re.sub(r"\s+", "", target.split('"')[0].split("'")[0])  # browsers drop tabs and newlines in urls
    scheme = _SCHEME.match(target)
    if image and (scheme or target.startswith("//")):
        yield Problem(
            display,
            at,
            "",
            f"image {printable(target)} is not in the site (expected a relative path: nothing is fetched)",
        )
    elif scheme and scheme.group(1).lower() not in ("http", "https", "mailto"):
        yield Problem(
            display, at, "", f"link target {printable(target)} is not allowed (expected http, https, mailto or a path)"
        )

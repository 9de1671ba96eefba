"""Hand-written pages (content/pages/) are Markdown only: raw HTML and unsafe links are refused.

MkDocs renders these pages itself, with the site's Markdown extensions, so instead of sanitising
its output they are checked before anything is built: no HTML tags or comments, no attribute
lists beyond `#id` and `.class`, links only to http(s), mailto, in-site paths and anchors, images
only from the site. Each page is read as MkDocs reads it, metadata by MkDocs' own parser
(pagemeta.py): the body checked is the Markdown MkDocs renders. Files a browser would run (HTML,
SVG, JavaScript) may not sit beside the pages. The work is bounded (limits.py): a size cap, a
shape check before Markdown reads a page, a weight budget for all pages and a time bound.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown

from . import limits
from .errors import Problem
from .pagemeta import as_mkdocs_reads, check_meta, page_body
from .safety import bad_character, printable
from .slug import reserved_id, safe_slugify
from .text import markdown_shape, markdown_weight

# The site's Markdown extensions (mkdocs.yml); the hook passes the configured ones instead.
DEFAULT_MARKDOWN = (
    ["admonition", "attr_list", "tables", "toc", "pymdownx.details", "pymdownx.superfences"],
    {"toc": {"permalink": True}},
)
Extensions = tuple[list[Any], dict[str, Any]]
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # a file name that is safe in a url and an attribute

ALLOWED_SUFFIXES = frozenset((".md", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".txt", ".pdf"))
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ANY_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}(#{1,6}(\s|$)|=+\s*$|-+\s*$)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TAG = re.compile(r"<(?:/?[A-Za-z][\w:-]*(?=[\s/>]|$)|!|\?)")
_AUTOLINK = re.compile(r"<([A-Za-z][\w+.-]*):")
_ATTR_LIST = re.compile(r"\{:?[^{}\n]*=[^{}\n]*\}")
_ATTR_ID = re.compile(r"\{:?[^{}\n]*?#([\w-]+)[^{}\n]*\}")
_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)>]*)")
_REF = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?(\S*?)>?(?:\s|$)")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def check_pages(folder: Path, display: str, extensions: Extensions | None = None) -> list[Problem]:
    """Every problem of every file under the hand-written pages folder."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    problems: list[Problem] = []
    budget = [limits.MAX_PAGES_WEIGHT]  # weight of pages still allowed
    for path in sorted(folder.rglob("*")):
        where = f"{display}/{path.relative_to(folder).as_posix()}"
        if path.is_symlink():
            continue  # links are refused by files.refuse_links
        if not _NAME.fullmatch(path.name):
            message = "file names may hold only letters, digits, '.', '_' and '-' (expected a plain name)"
            problems.append(Problem(printable(where, 120).strip("'"), 1, "", message))
            continue
        if path.is_dir():
            continue
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
            problems += _checked_page(path, where, extensions or DEFAULT_MARKDOWN, budget)
    return problems


def _checked_page(path: Path, where: str, extensions: Extensions, budget: list[int]) -> list[Problem]:
    """One page's problems; its size, shape and weight are checked before Markdown reads it."""
    try:
        size = path.stat().st_size
    except OSError:
        size = 0  # unreadable: _read reports it
    if size > limits.MAX_PAGE_BYTES:
        return [Problem(where, 1, "", f"page is {size:,} bytes (expected at most {limits.MAX_PAGE_BYTES:,})")]
    text = _read(path)
    shape = page_shape(text, where)
    if shape:
        return shape
    budget[0] -= page_weight(text)
    if budget[0] < 0:
        message = (
            f"pages weigh more than {limits.MAX_PAGES_WEIGHT:,} together: characters, each of "
            f"{limits.MARKUP} counting {limits.MARKUP_WEIGHT} and each in a code fence {limits.CODE_WEIGHT} "
            "(expected at most that)"
        )
        return [Problem(where, 1, "", message)]
    started = time.perf_counter()
    problems = check_page(text, where) + check_rendered(text, where, extensions)
    seconds = time.perf_counter() - started
    if seconds > limits.MAX_PAGE_SECONDS:
        message = f"took {seconds:.1f} s to check and render (expected well under {limits.MAX_PAGE_SECONDS:.0f} s)"
        problems.append(Problem(where, 1, "", message))
    return problems


def page_weight(text: str) -> int:
    """The page's Markdown weight, fenced code weighing CODE_WEIGHT a character."""
    prose = _prose(text.split("\n"))
    return markdown_weight(prose) + limits.CODE_WEIGHT * (len(text) - len(prose))


def page_shape(text: str, display: str) -> list[Problem]:
    """What would make Markdown's work on the page grow faster than the page, counted first:
    nesting, long blocks and searches without an end (as in YAML texts), headings, fences."""
    lines = text.split("\n")
    fences = [n for n, line in enumerate(lines) if _ANY_FENCE.match(line)]
    if len(fences) > limits.MAX_FENCES:
        message = f"has {len(fences)} code fence lines (expected at most {limits.MAX_FENCES})"
        return [Problem(display, fences[limits.MAX_FENCES] + 1, "", message)]
    headings = [n for n, line in enumerate(lines) if _HEADING.match(line)]
    if len(headings) > limits.MAX_HEADINGS:
        message = f"has {len(headings)} headings (expected at most {limits.MAX_HEADINGS})"
        return [Problem(display, headings[limits.MAX_HEADINGS] + 1, "", message)]
    prose = _prose(lines)
    found = markdown_shape(prose) or _tag_scan_problem(prose)
    return [Problem(display, found[1] + 1, "", found[0])] if found else []


_TAG_OPEN = re.compile(r"<[A-Za-z]")
_TAG_STOP = re.compile(r"[>'\"]")


def _tag_scan_problem(text: str) -> tuple[str, int] | None:
    """Markdown reads a page's raw HTML with Python's HTML parser, which takes each '<' and a letter
    for a start tag and reads on to its '>' (past any '>' in quotes), or to the end of the page: the
    characters it would read, counted up to the allowance (so the count itself stays linear)."""
    allowed = max(limits.MIN_SCAN, limits.MAX_SCAN_PER_CHAR * len(text))
    cost = 0
    for opener in _TAG_OPEN.finditer(text):
        start = opener.start()
        cost += _tag_end(text, start, min(len(text), start + allowed - cost + 1)) - start
        if cost > allowed:
            message = (
                f"has '<' and a letter without a '>' after it, which makes Markdown read more than {allowed:,} "
                "characters for tags (expected '<' followed by a space, or each tag closed with '>')"
            )
            return message, text.count("\n", 0, start)
    return None


def _tag_end(text: str, at: int, end: int) -> int:
    """Where the HTML parser's reading of a tag starting at `at` stops, at most `end`: its first '>',
    with any quote taken to open a value up to the same quote (as it may)."""
    while (stop := _TAG_STOP.search(text, at + 1, end)) and stop.group() != ">":
        at = text.find(stop.group(), stop.end(), end)
        if at < 0:
            return end
    return stop.end() if stop else end


def _prose(lines: list[str]) -> str:
    """The page with the lines inside code fences blanked (Markdown does not parse them)."""
    out, fence = [], ""
    for line in lines:
        opened = _FENCE.match(line.lstrip())
        if fence:
            fence = "" if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) else fence
            out.append("")
        else:
            fence = opened.group(1) if opened else ""
            out.append(line)
    return "\n".join(out)


def _read(path: Path) -> str:
    """The page as MkDocs reads it: UTF-8, a leading byte order mark dropped, universal newlines."""
    try:
        return path.read_text("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return "\x00"  # reported as an unsafe character at line 1


def check_page(text: str, display: str) -> list[Problem]:
    """The problems of one Markdown page, each at its own line: its metadata, then the Markdown
    MkDocs renders (all of the page when MkDocs could not load its front matter)."""
    text = as_mkdocs_reads(text)
    problems, start = check_meta(text, display)
    return problems + list(_body(text.split("\n"), start, display))


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
    for ident in _ATTR_ID.findall(line):
        if reserved_id(ident):
            yield Problem(
                display, at, "", f"id '#{ident}' is reserved by the site (expected one not starting rm-, md- or _)"
            )
    for image, target in _LINK.findall(line):
        yield from _target(target, bool(image), display, at)
    ref = _REF.match(line)
    if ref:
        yield from _target(ref.group(1), False, display, at)


def _other_host(target: str) -> bool:
    """A url without a scheme that names a host: '//host', and '/\\host' or '\\\\host' too (a browser
    reads a backslash in an http(s) url as '/')."""
    return target.replace("\\", "/").startswith("//")


def _target(target: str, image: bool, display: str, at: int) -> Iterator[Problem]:
    target = re.sub(r"\s+", "", target.split('"')[0].split("'")[0])  # browsers drop tabs and newlines in urls
    scheme = _SCHEME.match(target)
    if image and (scheme or _other_host(target)):
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


# What the page's Markdown may turn into: checked on the HTML itself, as a browser reads it, so no
# trick of the source (escaped backticks, links over two lines, entities in a scheme) gets past.
ALLOWED_TAGS = frozenset(
    [
        "p",
        "a",
        "em",
        "strong",
        "b",
        "i",
        "code",
        "pre",
        "kbd",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "blockquote",
        "hr",
        "br",
        "img",
        "div",
        "span",
        "details",
        "summary",
        "del",
        "ins",
        "sup",
        "sub",
        "dl",
        "dt",
        "dd",
        "abbr",
    ]
)
ALLOWED_ATTRS = frozenset(("href", "src", "alt", "title", "id", "class", "open", "align", "style"))
_STYLE = re.compile(r"text-align: ?(left|right|center);?")
_SAFE_SCHEMES = ("http", "https", "mailto")


def check_rendered(text: str, display: str, extensions: Extensions) -> list[Problem]:
    """Render the page as the site will, and refuse any element, attribute or link outside the rules."""
    names, configs = extensions
    configs = {**configs, "toc": {**configs.get("toc", {}), "slugify": safe_slugify}}
    body = page_body(text)
    try:
        html = markdown.Markdown(extensions=names, extension_configs=configs).convert(body)
    except RecursionError:
        return [Problem(display, 1, "", "is nested too deeply for Markdown to render (expected simpler Markdown)")]
    checker = _Checker()
    checker.feed(html)
    checker.close()
    return [Problem(display, _line_of(text, hint), "", message) for message, hint in checker.found]


def _line_of(text: str, hint: str) -> int:
    """The first line of the source that holds `hint` (a tag name or attribute value), else 1."""
    for n, line in enumerate(text.split("\n"), start=1):
        if hint and hint in line:
            return n
    return 1


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append((f"raw HTML <{tag}> is not allowed (expected Markdown only)", f"<{tag}"))
            return
        for name, value in attrs:
            self._attribute(tag, name, value or "")

    def _attribute(self, tag: str, name: str, value: str) -> None:
        if name not in ALLOWED_ATTRS or (name == "style" and not _STYLE.fullmatch(value)):
            self.found.append((f"attribute '{name}' on <{tag}> is not allowed (expected Markdown only)", name))
        elif name == "id" and reserved_id(value):
            self.found.append(
                (f"id '{value}' is reserved by the site (expected one not starting rm-, md- or _)", value)
            )
        elif name in ("href", "src"):
            target = re.sub(r"[\x00-\x20]+", "", value).lower()  # as a browser reads a url
            scheme = _SCHEME.match(target)
            if name == "src" and (scheme or _other_host(target)):
                self.found.append(
                    (f"image {printable(value)} is not in the site (expected a relative path)", value[:20])
                )
            elif scheme and scheme.group(1) not in _SAFE_SCHEMES:
                self.found.append(
                    (
                        f"link target {printable(value)} is not allowed (expected http, https, mailto or a path)",
                        value[:12],
                    )
                )


def docs_dir_problems(config_file: Path, docs_dir: Path, content_dir: Path) -> list[Problem]:
    """Hand-written pages are checked in content/pages; a mkdocs.yml (which a pull request can edit
    too) that points the builder at another folder would publish pages nobody checked."""
    if docs_dir.resolve() == (content_dir / "pages").resolve():
        return []
    lines = _read(config_file).splitlines() if config_file.is_file() else []
    line = next((n for n, text in enumerate(lines, start=1) if text.startswith("docs_dir:")), 1)
    message = "is not content/pages (expected content/pages: hand-written pages are checked only there)"
    return [Problem(config_file.name, line, "docs_dir", message)]

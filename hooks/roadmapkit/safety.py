"""Rules that keep contributor text safe, enforced in code whatever content/schema/ says.

The JSON Schema files are an editor's aid that a pull request can edit; these rules are not.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

# C0 controls but tab, line feed and carriage return; DEL and the C1 controls; the bidirectional
# embeddings, overrides and isolates (they reorder what a reader sees, as in "Trojan Source");
# line and paragraph separators, and a byte order mark inside text.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")

ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID = 80
# Ids that collide with the platform: page names (tracks/index.md), the phase page's own
# headings, JavaScript's object properties, and the prefix of the ids our pages and scripts use.
RESERVED_IDS = frozenset(("index", "constructor", "prototype", "checkpoint", "proto", "toc", "search"))
RESERVED_PREFIXES = ("rm-", "md-", "block-", "kind-")


def bad_character(text: str) -> str | None:
    """'the control character U+001B' for the first unsafe character in text, or None."""
    match = _BAD.search(text)
    if not match:
        return None
    char = match.group()
    name = unicodedata.name(char, "control character")
    return f"the character U+{ord(char):04X} ({name.lower()})"


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id, or None. Matched to the end: no trailing newline slips by."""
    if not ID.fullmatch(value) or len(value) > MAX_ID:
        return f"{printable(value)} is not an id (expected a lowercase slug like 'linear-algebra', at most {MAX_ID})"
    if value in RESERVED_IDS or value.startswith(RESERVED_PREFIXES):
        return f"'{value}' is reserved by the site (expected another id; reserved: {reserved_words()})"
    return None


def reserved_words() -> str:
    return ", ".join([*sorted(RESERVED_IDS), *(f"{p}..." for p in RESERVED_PREFIXES)])


def url_problem(value: str) -> str | None:
    """Why `value` is not a safe link (absolute http or https, no spaces or controls), or None."""
    if value != value.strip() or any(c.isspace() for c in value) or bad_character(value) or '"' in value:
        return f"{printable(value)} has spaces, quotes or control characters (expected an http:// or https:// url)"
    if any(c in value for c in "<>\\`"):
        return f"{printable(value)} has characters a url cannot hold (expected an http:// or https:// url)"
    try:
        parts = urlsplit(value)
    except ValueError:
        return f"{printable(value)} is not a url (expected an http:// or https:// url)"
    if (
        parts.scheme.lower() not in ("http", "https")
        or not parts.netloc
        or not value.lower().startswith(("http://", "https://"))
    ):
        return f"{printable(value)} is not allowed (expected an http:// or https:// url)"
    return None


def title_problem(value: str) -> str | None:
    """Why `value` cannot be a title (plain text on one line, not blank), or None."""
    if not value.strip():
        return "is blank (expected some text)"
    if "\n" in value or "\r" in value or "\t" in value:
        return "spans several lines (expected one line of plain text)"
    return None


def printable(value: str, limit: int = 60) -> str:
    """A value quoted for a message: shortened, with any unsafe character written as an escape."""
    short = value if len(value) <= limit else value[: limit - 3] + "..."
    return "'" + _BAD.sub(lambda m: f"\\u{ord(m.group()):04x}", short).replace("\n", "\\n") + "'"

"""The content budget: what the whole of content/ may hold, checked before the work it would cause.

Each file has its own limits (loader.py, pages.py); these bound their sum, so no number of files
can keep validation or the build busy for long. Bytes and files are counted from the file system
before anything is read; items after the files are parsed; Markdown texts (in checks.py) before
any of them is rendered. The numbers live in limits.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import limits
from .errors import Problem
from .files import display_path
from .model import Roadmap
from .text import markdown_weight


def content_budget(content_dir: Path, root: Path) -> list[Problem]:
    """Too many bytes or files under content/ (counted without following links, and without reading)."""
    size, count = 0, 0
    for base, dirs, files in os.walk(content_dir, followlinks=False):
        count += len(dirs) + len(files)
        if count > limits.MAX_CONTENT_FILES:
            message = f"holds more than {limits.MAX_CONTENT_FILES:,} files and folders (expected at most that many)"
            return [_problem(content_dir, root, message)]
        size += sum(_size(os.path.join(base, name)) for name in files)
    if size > limits.MAX_CONTENT_BYTES:
        message = f"holds {size:,} bytes in all (expected at most {limits.MAX_CONTENT_BYTES:,})"
        return [_problem(content_dir, root, message)]
    return []


def items_budget(roadmap: Roadmap, content_dir: Path, root: Path) -> list[Problem]:
    """Too many items in all phases together."""
    items = len(roadmap.items)
    if items > limits.MAX_ITEMS:
        return [_problem(content_dir, root, f"has {items:,} items (expected at most {limits.MAX_ITEMS:,})")]
    return []


def markdown_budget(texts: list[str]) -> str | None:
    """Why the Markdown texts of all files together may not be rendered (too many, too heavy), or None."""
    if len(texts) > limits.MAX_MARKDOWN_TEXTS:
        return f"has {len(texts):,} Markdown texts (expected at most {limits.MAX_MARKDOWN_TEXTS:,}): the content budget"
    weight = sum(markdown_weight(text) for text in texts)
    if weight > limits.MAX_MARKDOWN_WEIGHT:
        return (
            f"Markdown texts weigh {weight:,} in all: characters, each of {limits.MARKUP} counting "
            f"{limits.MARKUP_WEIGHT} (expected at most {limits.MAX_MARKDOWN_WEIGHT:,}): the content budget"
        )
    return None


def _size(path: str) -> int:
    try:
        return os.lstat(path).st_size
    except OSError:  # gone or unreadable: reported when it is read
        return 0


def _problem(content_dir: Path, root: Path, message: str) -> Problem:
    return Problem(display_path(content_dir, root), 1, "", f"{message}: the content budget")

"""Heading ids that cannot take the place of the site's own elements.

Python-Markdown gives every heading an id made from its text. A heading reading "RM aliases" or
"__config" would get the id of an element our script or Material looks up, and come first in the
page. This slugify keeps Markdown's own ids but moves those few aside.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify as _markdown_slugify

RESERVED_PREFIXES = ("rm-", "rm_", "md-", "md_", "_")
# A track step's id (templates/track.md.j2). A folded part's steps are raw HTML that Markdown's
# table of contents never sees, so it could not tell a heading "Block 3" from step 3 by itself.
_STEP_ID = re.compile(r"block-\d+")


def safe_slugify(value: str, separator: str) -> str:
    """Markdown's slug, prefixed with 'h-' when it would look like one of the site's own ids."""
    slug = _markdown_slugify(value, separator)
    return f"h-{slug.lstrip('_')}" if slug.startswith(RESERVED_PREFIXES) or _STEP_ID.fullmatch(slug) else slug


def reserved_id(value: str) -> bool:
    """True for an id that the site's own elements use or may use (rm-*, md-*, __*)."""
    return value.lower().startswith(RESERVED_PREFIXES)

"""Heading permalinks that stay out of the way of keyboards and screen readers.

Python-Markdown's table-of-contents extension ends every heading with a link whose text is "¶": a
screen reader reads each heading's name as "Title ¶", and every heading is one more Tab stop. The
link stays for pointers (Material shows it on hover) but leaves the accessibility tree and the Tab
order: the table of contents links every heading already.
"""

from __future__ import annotations

import re

_PERMALINK = re.compile(r'<a class="headerlink"(?![^>]*\baria-hidden=)')


def quiet_permalinks(html: str) -> str:
    """The HTML with every heading permalink hidden from assistive technology and the Tab order."""
    return _PERMALINK.sub('<a class="headerlink" aria-hidden="true" tabindex="-1"', html)

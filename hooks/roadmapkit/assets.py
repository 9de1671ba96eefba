"""Our own JavaScript and CSS, minified as they are copied into the site.

rjsmin and rcssmin only drop comments and whitespace (no renaming, no rewriting), in C, in well
under a millisecond; the readable sources stay in overrides/assets/.
"""

from __future__ import annotations

import rcssmin
import rjsmin

OWN_ASSETS = ("assets/roadmap.js", "assets/roadmap-tools.js", "assets/roadmap.css", "assets/roadmap-tools.css")


def minify(name: str, text: str) -> str:
    """The minified text of one of OWN_ASSETS (chosen by its extension)."""
    if name.endswith(".js"):
        return rjsmin.jsmin(text) + "\n"
    if name.endswith(".css"):
        return rcssmin.cssmin(text) + "\n"
    raise ValueError(f"not a JS or CSS file: {name}")

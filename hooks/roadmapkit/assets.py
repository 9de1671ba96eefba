"""Our own JavaScript and CSS, minified as they are copied into the site.

rjsmin and rcssmin only drop comments and whitespace (no renaming, no rewriting), in C, in well
under a millisecond; the readable sources stay in overrides/assets/. Before that, the page contract
(contract.browser()) is written into roadmap.js in place of its CONTRACT object.
"""

from __future__ import annotations

import json
import re

import rcssmin
import rjsmin

from .contract import browser

OWN_ASSETS = ("assets/roadmap.js", "assets/roadmap-tools.js", "assets/roadmap.css", "assets/roadmap-tools.css")
CONTRACT = re.compile(r"/\* contract \*/.*?/\* end contract \*/", re.S)  # roadmap.js's copy of contract.browser()


def with_contract(text: str) -> str:
    """The script with the page contract (contract.py) written in place of its own copy."""
    names = json.dumps(browser(), separators=(",", ":"))
    return CONTRACT.sub(lambda _: f"/* contract */ {names} /* end contract */", text)


def minify(name: str, text: str) -> str:
    """The minified text of one of OWN_ASSETS (chosen by its extension)."""
    minified: str  # rjsmin and rcssmin are untyped: both return the str they are given, minified
    if name.endswith(".js"):
        minified = rjsmin.jsmin(with_contract(text))
        return minified + "\n"
    if name.endswith(".css"):
        minified = rcssmin.cssmin(text)
        return minified + "\n"
    raise ValueError(f"not a JS or CSS file: {name}")

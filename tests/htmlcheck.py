"""Parse built pages with an HTML5 parser (html5lib, as browsers parse) and find injected markup."""

from __future__ import annotations

from pathlib import Path

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"


def injected(html: str) -> list[str]:
    """Everything in a page that only a payload of tests/hostile.py could have put there."""
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=True)
    found = []
    for el in root.iter():
        tag = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        attrs = {k.rsplit("}", 1)[-1]: v for k, v in el.attrib.items()}
        if tag == "x-pwn" or "data-pwn" in attrs:
            found.append(f"element <{tag}>")
        if any(name.startswith("on") for name in attrs):
            found.append(f"event handler on <{tag}>: {sorted(attrs)}")
        if tag == "script" and "__pwned" in (el.text or ""):
            found.append("a script with the payload")
        if tag == "style" and "pwn" in (el.text or ""):
            found.append("a style sheet with the payload")
        if tag == "img" and attrs.get("src") == "x":
            found.append("an <img src=x>")
        if any(str(v).strip().lower().startswith(("javascript:", "data:")) for v in attrs.values()):
            found.append(f"a javascript:/data: url on <{tag}>")
    return found


def injected_in_site(site: Path) -> dict[str, list[str]]:
    """Injected markup per built page (only pages with some)."""
    out = {}
    for page in sorted(site.rglob("*.html")):
        found = injected(page.read_text("utf-8"))
        if found:
            out[page.relative_to(site).as_posix()] = found
    return out

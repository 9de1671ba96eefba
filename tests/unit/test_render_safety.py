"""Random text through the full render: Renderer -> Markdown with the site's extensions -> an
HTML5 parser. Titles must leave the page's element structure exactly as with plain text; Markdown
fields may add only the elements the sanitiser allows. Every page converts to the same HTML with its
raw blocks set aside (roadmapkit.slots, as the hook builds it) as through Markdown whole."""

from __future__ import annotations

import secrets
from collections import Counter

import html5lib
import markdown
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_properties import _load

from roadmapkit import ContentError, Renderer
from roadmapkit.slots import join_blocks, split_blocks
from sitebuild import ROOT

TOKENS = [
    "<",
    ">",
    "&",
    '"',
    "'",
    "/",
    "=",
    "`",
    "*",
    "_",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "#",
    "!",
    ":",
    "-",
    " ",
    "rm-slot-0-0",  # a placeholder's shape, without the build's nonce
    "x",
    "script",
    "</title>",
    "</script>",
    "</style>",
    "</textarea>",
    "<svg onload=x>",
    "<img src=x onerror=y>",
    "{: onclick=z }",
    "{#id .c}",
    "javascript:",
    "https://e.org/",
    "&lt;",
    "&#60;",
    "<!--",
    "-->",
    "]]>",
    "\\",
]
TITLE = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=14).map("".join).filter(lambda s: s.strip())
TEXT = st.lists(
    st.sampled_from([*TOKENS, "\n", "\n\n", "\r", "\t", "  \n", "1. ", "> ", "| a | b |\n|---|---|\n"]), max_size=20
).map("".join)
MD_TAGS = {"p", "em", "strong", "code", "pre", "a", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td"}
MD_TAGS |= {"blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "br", "span"}
MD_ATTRS = {"href", "rel", "style", "align"}


def _extensions() -> tuple[list, dict]:
    """The site's own Markdown extensions, as mkdocs.yml lists them."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_Lenient)
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        names.append(name)
        if isinstance(entry, dict):
            configs[name] = entry[name]
    return names, configs


class _Lenient(yaml.SafeLoader):
    pass


_Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
NAMES, CONFIGS = _extensions()


def _shape(html: str) -> Counter:
    root = html5lib.parse(html, treebuilder="etree", namespaceHTMLElements=False)
    return Counter(
        (el.tag, tuple(sorted(el.attrib))) for el in root.iter() if isinstance(el.tag, str) and el.tag != SVG_TEXT
    )


NONCE = secrets.token_hex(8)  # as the hook makes one per build: text cannot name it
SVG_TEXT = "{http://www.w3.org/2000/svg}text"  # the map wraps a long title onto more lines: not markup


def _render(phase: dict, track: dict) -> dict[str, Counter]:
    pages = Renderer(_load(phase, track)).pages()
    out = {}
    for page in pages:
        html = _convert(page.markdown)
        text, blocks = split_blocks(page.markdown, NONCE)
        assert join_blocks(_convert(text), NONCE, blocks) == html, page.src_uri
        out[page.src_uri] = _shape(html)
    return out


def _convert(text: str) -> str:
    return markdown.Markdown(extensions=NAMES, extension_configs=CONFIGS).convert(text)


def _roadmap(title: str, text: str) -> tuple[dict, dict]:
    item = {
        "id": "i-a",
        "title": title,
        "description": text,
        "resources": [
            {
                "title": title,
                "author": title,
                "note": title,
                "url": "https://e.org/?a='b'",
                "kind": "book",
                "cost": "free",
            }
        ],
    }
    module = {"id": "m-a", "title": title, "description": text, "topics": [item]}
    phase = {
        "id": "p",
        "title": title,
        "goal": text or "g",
        "duration": title[:80],
        "description": text,
        "modules": [module],
        "checkpoint": [{"id": "c-a", "title": title}],
    }
    block = {"title": title, "group": title, "notes": text, "items": [{"item": "i-a", "note": title}, "c-a"]}
    track = {
        "id": "t",
        "title": title,
        "duration": title[:80],
        "audience": text,
        "description": text,
        "outcomes": [title],
        "blocks": [block],
    }
    return phase, track


BENIGN = _render(*_roadmap("plain", "plain"))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TITLE, TEXT)
def test_random_text_adds_no_element_the_templates_did_not_write(title: str, text: str) -> None:
    try:
        hostile = _render(*_roadmap(title, text))
    except ContentError:
        assume(False)  # refused by validation (a link target, say): refused content cannot be injected
        return
    for uri, shape in hostile.items():
        extra = shape - BENIGN[uri]
        for tag, attrs in extra:
            assert tag in MD_TAGS and set(attrs) <= MD_ATTRS, (uri, tag, attrs, title, text)

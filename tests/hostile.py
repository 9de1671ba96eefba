"""Hostile but valid content: every text field of the mini roadmap replaced by markup that tries
to close each context it could land in (<title>, <script>, <style>, <textarea>, an attribute, SVG)
and open an element, attribute or script of its own. A build of it must show all of it as text.

Every payload carries the marker `pwn`: an element <x-pwn>, an attribute data-pwn, a script that
sets window.__pwned. Finding any of them live in the output means the text became markup.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from roadmapkit import schemagen
from roadmapkit.declare import Spec, specs
from roadmapkit.model import SHARED

FIXTURES = Path(__file__).parent / "fixtures"
_FREE_TEXT = frozenset(("title", "text", "markdown"))  # kinds of text a contributor writes freely


def _declared() -> list[Spec]:
    return [spec for level in schemagen.LEVELS for _, spec in specs(level) if spec.yaml is not None]


def _leaf(spec: Spec) -> dict[str, Any]:
    """The schema of one value of the field (of each entry of a list), shared definitions resolved."""
    schema = {"$ref": spec.schema} if isinstance(spec.schema, str) else spec.schema
    schema = schema.get("items", schema) if spec.shape == "list" else schema
    return SHARED.get(schema.get("$ref", ""), schema)


def _free(spec: Spec) -> bool:
    """Free text: a plain or Markdown kind with no pattern (a seed's three digits are not free)."""
    return spec.kind in _FREE_TEXT and "pattern" not in _leaf(spec)


# The YAML keys each sort of payload goes into, from the declared model (hooks/roadmapkit/model.py).
TEXT_KEYS = frozenset(s.yaml for s in _declared() if s.shape == "one" and _free(s))
LIST_KEYS = frozenset(s.yaml for s in _declared() if s.shape == "list" and _free(s))  # lists of text
QUOTE_KEYS = frozenset(s.yaml for s in _declared() if s.shape == "map-of-lists" and _free(s))  # name -> texts
ORIGIN_KEYS = frozenset(s.yaml for s in _declared() if s.shape == "map" and not s.is_text)  # enum values, not text
SHORT_KEYS = {  # the schema's lengths for the keys shorter than a title
    s.yaml: _leaf(s)["maxLength"] for s in _declared() if s.yaml in TEXT_KEYS and _leaf(s).get("maxLength", 200) < 200
}
CLOSERS = "</title></script></style></textarea></noscript></text></svg>]]>-->\"'>"


HOSTILE_URL = "https://example.invalid/path?a=1&b='x'"
_CLOSER_LIST = ("</title>", "</script>", "</style>", "</textarea>", "</text></svg>", "\"'>", "-->")


def payload(n: int, limit: int = 200) -> str:
    """Markup for field number n, within the field's length limit, closing one or all contexts."""
    tag = f"f{n}"
    if limit >= 200:
        return (
            f"{tag}{CLOSERS}<x-pwn data-pwn></x-pwn><script>__pwned={n}</script><img src=x onerror=__pwned={n}>"
            "<style>.pwn{}</style>"
        )
    closer = _CLOSER_LIST[n % len(_CLOSER_LIST)]
    if limit >= 80:
        return f"{tag}{closer}<x-pwn data-pwn></x-pwn><img src=x onerror=__pwned={n}>"
    return f"{tag}{closer}<x-pwn onclick=f>"


class _Counter:
    n = 0


def poison(data: Any, key: str = "") -> Any:
    """The data with every text field (and every outcome) replaced by a payload."""
    if key in ORIGIN_KEYS:
        return data
    if isinstance(data, dict):
        if key in QUOTE_KEYS:  # the seed's quotes: text
            return {k: [_text("title") for _ in v] for k, v in data.items()}
        return {k: _text(k) if k in TEXT_KEYS and isinstance(v, str) else poison(v, k) for k, v in data.items()}
    if isinstance(data, list):
        return [_text(key) if key in LIST_KEYS else poison(v, key) for v in data]
    return data


def _text(key: str) -> str:
    _Counter.n += 1
    return payload(_Counter.n, SHORT_KEYS.get(key, 200))


def write_hostile_content(target: Path) -> Path:
    """A hostile copy of the mini fixture roadmap, plus a hand-written page with a hostile title."""
    _Counter.n = 0  # payloads numbered from f1 in every copy, whatever ran before in this process
    for folder in ("phases", "tracks"):
        (target / folder).mkdir(parents=True, exist_ok=True)
        sources = [
            *sorted((FIXTURES / "mini" / folder).glob("*.yml")),
            *sorted((FIXTURES / "general" / folder).glob("*.yml")),
        ]
        for src in sources:
            data = yaml.safe_load(src.read_text("utf-8"))
            if src.stem == "01-basics":  # a url with '&' and a quote: it must reach the href intact
                data["modules"][0]["resources"][0]["url"] = HOSTILE_URL
            text = yaml.safe_dump(poison(data), allow_unicode=True, sort_keys=False, width=10_000)
            (target / folder / src.name).write_text(text, "utf-8")
    identity = {
        "title": _text("title"),
        "description": _text("title"),
        "audience": _text("title"),
        "about": _text("about"),
        "storage_key": "hostile",
    }
    (target / "roadmap.yml").write_text(yaml.safe_dump(identity, allow_unicode=True, width=10_000), "utf-8")
    pages = target / "pages"
    pages.mkdir(exist_ok=True)
    title = payload(0)
    body = "# A hand-written page\n\nText &lt;script&gt;__pwned='entity'&lt;/script&gt; and `<x-pwn>` in code.\n"
    (pages / "about.md").write_text(f"---\ntitle: {yaml.safe_dump(title, width=10_000).splitlines()[0]}\n---\n\n{body}")
    (pages / "index.md").write_text("# placeholder\n")  # replaced by the generated home page
    return target


def copy_hostile_project(target: Path) -> Path:
    """A whole project (mkdocs.yml, hooks, overrides) whose content is hostile."""
    from sitebuild import ROOT

    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "hooks", "overrides"):
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy(src, target / name)
    write_hostile_content(target / "content")
    return target

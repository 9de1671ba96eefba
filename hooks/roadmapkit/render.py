"""Stage 5: the roadmap as Markdown pages (with escaped HTML fragments) and as JSON."""

from __future__ import annotations

import json
import math
import posixpath
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from . import contract
from .declare import specs
from .model import Block, Entry, Item, Module, Phase, Resource, Roadmap, Track
from .pacing import block_weeks, default_options, entry_key
from .svgmap import layout_map, module_edges
from .text import markdown_html, markdown_text

TEMPLATES = Path(__file__).parent / "templates"
SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Tally:
    """What every figure of a set of items counts (home, bars, tables, map): each distinct item once,
    and of each choice one option (the largest until the learner picks one)."""

    total: int  # what a progress bar counts to 100%
    listed: int  # distinct items listed, every option of every choice included
    optional: int  # counted items marked optional (outside choices)

    @property
    def alternatives(self) -> int:
        """Options listed but not counted: the other side of each choice."""
        return self.listed - self.total


@dataclass(frozen=True)
class Page:
    """One generated page: where it goes, its Markdown, the YAML it comes from, and the
    stylesheets (site-relative paths) it needs beyond every page's, linked in its <head>."""

    src_uri: str
    title: str
    markdown: str
    source: str | None = None
    styles: tuple[str, ...] = ()


def hours_number(text: str | None) -> float | None:
    """'15-25' -> 20.0, '10' -> 10.0: a track's hours a week as one number (the middle of a range)."""
    numbers = [float(n) for n in re.findall(r"\d+(?:\.\d+)?", text or "")][:2]
    hours = sum(numbers) / len(numbers) if numbers else None
    return hours if hours is not None and math.isfinite(hours) else None  # 400 digits make a float inf


def phase_uri(phase: Phase) -> str:
    return f"phases/{phase.id}.md"


def track_uri(track: Track) -> str:
    return f"tracks/{track.id}.md"


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The URL path of a page relative to the site root, as MkDocs writes it."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if not src_uri.endswith(".md"):
        return src_uri
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")] if directory_urls else f"{stem}.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative_url(from_uri: str, to_uri: str, anchor: str = "", directory_urls: bool = True) -> str:
    """A link from one page to another (and an anchor on it) that works on any base path."""
    rel = _relative_page(from_uri, to_uri, directory_urls)
    return f"{rel}#{anchor}" if anchor else rel


@lru_cache(maxsize=4096)  # a few hundred page pairs, thousands of links between them
def _relative_page(from_uri: str, to_uri: str, directory_urls: bool) -> str:
    src = page_url(from_uri, directory_urls)
    here = src.rstrip("/") if directory_urls else posixpath.dirname(src)
    target = page_url(to_uri, directory_urls)
    rel = posixpath.relpath(target or ".", here or ".")
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/"
    return rel


class Renderer:
    """Renders every page of a roadmap through the Jinja templates (autoescaped)."""

    def __init__(self, roadmap: Roadmap, directory_urls: bool = True, site_name: str | None = None):
        self.roadmap = roadmap
        self.directory_urls = directory_urls
        self.site_name = site_name or roadmap.identity.title  # content/roadmap.yml names the site
        self.items = roadmap.item_index()
        self.phases = {p.id: p for p in roadmap.phases}
        self.anchors = {i.id: self.phases[i.phase_id] for i in roadmap.items}
        self.anchors.update({m.id: p for p in roadmap.phases for m in p.modules})
        self.modules = {m.id: m for p in roadmap.phases for m in p.modules}
        self.env = _environment()
        self._fragments: dict[object, Markup] = {}  # item id or Resource -> rendered HTML
        self._coverage: dict[str, dict[str, int]] = {}
        self._module_order = {m: n for n, m in enumerate(self.modules)}

    tools_css = "assets/roadmap-tools.css"  # linked by the home, progress and map pages only

    def pages(self) -> list[Page]:
        tools = (self.tools_css,)
        out = [self._page("index.md", "Home", "home.md.j2", styles=tools)]
        out += [self._page(phase_uri(p), p.title, "phase.md.j2", p.source, phase=p) for p in self.roadmap.phases]
        out += [self._page(track_uri(t), t.title, "track.md.j2", t.source, track=t) for t in self.roadmap.tracks]
        out.append(self._page("tracks/index.md", "Compare tracks", "compare.md.j2"))
        out.append(self._page("progress.md", "Progress", "progress.md.j2", styles=tools))
        out.append(self._page("resources.md", "Resources", "resources.md.j2"))
        out.append(self._page("map.md", "Map", "map.md.j2", styles=tools))
        return out

    def map_svg(self, uri: str) -> Markup:
        """The SVG map of phases and modules (see svgmap.py)."""

        def progress(ids: list[str]) -> tuple[str, int]:
            spec = self.progress_set(ids)
            return spec, self.set_total(spec)

        layout = layout_map(
            self.roadmap,
            self.module_edges,
            lambda module_id: self.link(uri, module_id),
            lambda p: self.url(uri, phase_uri(p)),
            progress,
        )
        return Markup(self.env.get_template("map.svg.j2").render(m=layout))

    @cached_property
    def module_edges(self) -> dict[str, list[str]]:
        """Module id -> the module ids it builds on (drawn on the map, listed in its text version)."""
        return module_edges(self.roadmap)

    def module_after(self) -> dict[str, list[Module]]:
        """The modules each module builds on, for the map's text version."""
        return {m: [self.modules[s] for s in sources] for m, sources in self.module_edges.items()}

    def plan_data(self, uri: str) -> str:
        """What the personal plan and 'what next' need, as JSON for a data attribute (autoescaped)."""
        tracks = [
            {
                "id": t.id,
                "title": t.title,
                "hours": hours_number(t.hours_per_week),
                "blocks": [_plan_block(t, b) for b in t.blocks],
                "options": default_options(t),
            }
            for t in self.roadmap.tracks
        ]
        items = {
            i.id: {"title": i.title, "link": self.link(uri, i.id), "requires": i.requires} for i in self.roadmap.items
        }
        data: dict[str, Any] = {"tracks": tracks, "items": items}
        choices = [c.items for p in self.roadmap.phases for m in p.modules for c in m.item_choices]
        if choices:  # "choose one of these": what next offers one option, the plan counts one
            data["alts"] = {i: [o for o in options if o != i] for options in choices for i in options}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def _page(
        self,
        uri: str,
        title: str,
        template: str,
        source: str | None = None,
        styles: tuple[str, ...] = (),
        **extra: object,
    ) -> Page:
        ctx = {"r": self, "roadmap": self.roadmap, "uri": uri, "title": title, **extra}
        return Page(uri, title, self.env.get_template(template).render(ctx).strip() + "\n", source, styles)

    def link(self, from_uri: str, anchor: str) -> str:
        """Link from a page to an item's or module's canonical place on its phase page."""
        phase = self.anchors[anchor]
        return relative_url(from_uri, phase_uri(phase), anchor, self.directory_urls)

    def url(self, from_uri: str, to_uri: str, anchor: str = "") -> str:
        return relative_url(from_uri, to_uri, anchor, self.directory_urls)

    def checkbox(self, item: Item) -> Markup:
        """The item's labelled checkbox (templates/_checkbox.html.j2), rendered once per item."""
        html = self._fragments.get(item.id)
        if html is None:  # one render per item, not a macro call per use: thousands of uses a build
            html = self._fragments[item.id] = self._fragment("_checkbox.html.j2", item=item)
        return html

    def resource_body(self, res: Resource) -> Markup:
        """A resource's tag, title, author, cost, note and printable url (templates/_resource.html.j2)."""
        html = self._fragments.get(res)
        if html is None:
            html = self._fragments[res] = self._fragment("_resource.html.j2", res=res)
        return html

    def block_resources(self, block: Block) -> list[Resource]:
        """The resources of a block's items, then of their modules, each once, in the block's order."""
        items = [self.items[e.item_id] for e in block.entries]
        modules = dict.fromkeys(i.module_id for i in items if i.module_id)
        found = [res for item in items for res in item.resources]
        return list(dict.fromkeys(found + [res for m in modules for res in self.modules[m].resources]))

    def _fragment(self, template: str, **context: object) -> Markup:
        return Markup(self.env.get_template(template).render(context).rstrip("\n"))

    def track_parts(self, track: Track) -> list[dict[str, Any]]:
        """A track's runs of blocks with the same group, each block with its number on the page.
        In a track longer than FOLD_ENTRIES, the parts that have a group are folded (the first open)
        and carry the ids of their items for their progress bar."""
        fold = track.folds
        parts: list[dict[str, Any]] = []
        for index, block in enumerate(track.blocks, start=1):
            if not parts or parts[-1]["group"] != block.group:
                parts.append({"group": block.group, "folded": fold and bool(block.group), "blocks": []})
            parts[-1]["blocks"].append((index, block))
        folded = [p for p in parts if p["folded"]]
        for part in parts:
            part["open"] = bool(folded) and part is folded[0]
            part["item_ids"] = list(dict.fromkeys(e.item_id for _, b in part["blocks"] for e in b.entries))
        return parts

    def entry_checkbox(self, track: Track, block: Block, entry: Entry) -> Markup:
        """A track entry's checkbox: the item's own, or an occurrence's (stored as ITEM@TRACK/BLOCK)."""
        key = entry_key(entry, track, block)
        if key == entry.item_id:
            return self.checkbox(self.items[key])
        return self._fragment("_occurrence.html.j2", item=self.items[entry.item_id], key=key, block=block)

    @cached_property
    def occurrences(self) -> dict[str, list[str]]:
        """Item id -> the keys of its occurrences in every track (phase pages count them)."""
        out: dict[str, list[str]] = {}
        for track in self.roadmap.tracks:
            for block in track.blocks:
                for entry in block.entries:
                    if (key := entry_key(entry, track, block)) != entry.item_id:
                        out.setdefault(entry.item_id, []).append(key)
        return out

    def module_of(self, item: Item) -> Module | None:
        return self.modules.get(item.module_id) if item.module_id else None

    def progress_set(self, item_ids: list[str]) -> str:
        """Ids grouped for progress: 'a b ; x1 x2 | y1' - alternatives separated by '|'.

        A module choice's options are its modules (their items together); an item choice's
        options are single items. Choice ids are unique roadmap-wide, so one dict holds both.
        """
        plain: list[str] = []
        choices: dict[str, dict[str, list[str]]] = {}
        for ident in item_ids:
            item = self.items[ident]
            module = self.module_of(item)
            if module and module.choice_id:
                choices.setdefault(module.choice_id, {}).setdefault(module.id, []).append(ident)
            elif item.choice_id:
                choices.setdefault(item.choice_id, {}).setdefault(ident, []).append(ident)
            else:
                plain.append(ident)
        return contract.progress_set(plain, [list(options.values()) for options in choices.values()])

    def tally(self, item_ids: list[str]) -> Tally:
        """The one count of a set of items that every figure on every page shows (see Tally)."""
        distinct = list(dict.fromkeys(item_ids))
        optional = sum(1 for i in distinct if self.items[i].optional and not self._in_choice(self.items[i]))
        return Tally(self.set_total(self.progress_set(distinct)), len(distinct), optional)

    def _in_choice(self, item: Item) -> bool:
        module = self.module_of(item)
        return bool(item.choice_id or (module and module.choice_id))

    @staticmethod
    def set_total(spec: str) -> int:
        """How many items of a progress_set() count towards 100% (the largest option of each choice)."""
        return sum(max(len(option) for option in group) for group in contract.parse_set(spec))

    def resource_index(self) -> list[tuple[str, list[tuple[Resource, list[tuple[str, str]]]]]]:
        """Resources by kind, each once, with the modules and items that cite it."""
        places: dict[Resource, list[tuple[str, str]]] = {}
        for phase in self.roadmap.phases:
            for module in phase.modules:
                for res in module.resources:
                    places.setdefault(res, []).append((module.id, _named(module)))
                for item in module.items:
                    for res in item.resources:
                        places.setdefault(res, []).append((item.id, _named(item)))
        kinds: dict[str, list[tuple[Resource, list[tuple[str, str]]]]] = {}
        for res in sorted(places, key=lambda x: (x.kind, x.title.casefold())):
            kinds.setdefault(res.kind, []).append((res, places[res]))
        return list(kinds.items())

    MATRIX_TRACKS = 12  # more tracks than this: coverage is listed per track instead of a tracks x phases table

    def coverage(self, track: Track) -> dict[str, int]:
        """How many items of each phase the track schedules, counted as tally() counts (phases it
        does not touch are absent)."""
        if track.id not in self._coverage:
            by_phase: dict[str, list[str]] = {}
            for ident in track.item_ids:
                if ident in self.items:
                    by_phase.setdefault(self.items[ident].phase_id, []).append(ident)
            self._coverage[track.id] = {phase: self.tally(ids).total for phase, ids in by_phase.items()}
        return self._coverage[track.id]

    def phase_total(self, phase: Phase) -> int:
        return self.tally([i.id for i in phase.items]).total

    def modules_covered(self, track: Track) -> list[Module]:
        """Modules with at least one item in the track, in roadmap order (linear in the track's entries)."""
        found = {m for i in track.item_ids if i in self.items and (m := self.items[i].module_id)}
        return sorted((self.modules[m] for m in found), key=lambda m: self._module_order[m.id])

    def all_ids(self) -> list[str]:
        return [i.id for i in self.roadmap.items]


def _named(entry: Module | Item) -> str:
    """A module's or item's title with the other names it is searched by: 'Kubernetes (k8s)'."""
    return f"{entry.title} ({', '.join(entry.keywords)})" if entry.keywords else entry.title


def _plan_block(track: Track, block: Block) -> dict[str, Any]:
    """One block for the plan: title, weeks (pacing.block_weeks), the keys of its entries (occurrences
    as ITEM@TRACK/BLOCK) and, for an alternative, its choice and option. Named as in roadmap.json."""
    out: dict[str, Any] = {
        "title": block.title,
        "weeks": block_weeks(block),
        "keys": [entry_key(e, track, block) for e in block.entries],
    }
    if block.choice:
        out["choice"], out["option"] = block.choice, block.option
    return out


def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's per-user compiled-template cache (keyed by each template's checksum, so never stale)."""
    try:
        return FileSystemBytecodeCache()
    except (OSError, RuntimeError):  # no writable private temp directory: compile every time
        return None


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode_cache(),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["md"] = markdown_html
    env.filters["heading"] = markdown_text
    return env


PLAN_SCRIPT = "assets/roadmap-plan.js"  # fetched by roadmap-tools.js on the pages that need it


def plan_script(renderer: Renderer) -> str:
    """The plan data (links relative to the site root) and each track's progress set, as a script
    that sets two globals: a <script src> loads on file:// too, where Chromium refuses fetch()."""
    data = json.dumps(renderer.plan_data("index.md"))  # a string literal: JSON.parse is faster than JS parsing
    sets = {t.id: renderer.progress_set(t.item_ids) for t in renderer.roadmap.tracks}  # ids: slugs only
    sets_js = json.dumps(sets, separators=(",", ":"))
    return f"window.roadmapPlanData=JSON.parse({data});\nwindow.roadmapSets={sets_js};\n"


def roadmap_json(roadmap: Roadmap) -> str:
    """The whole validated roadmap as data, for other tools."""
    data = {
        "version": SCHEMA_VERSION,
        "phases": [_phase_data(p) for p in roadmap.phases],
        "tracks": [_track_data(t) for t in roadmap.tracks],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"  # compact: the C encoder


def _plain(value: Any) -> Any:
    """Model levels as dicts of their declared roadmap.json names (model.py), in field order."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        out = {}
        for name, spec in specs(type(value)):
            field_value = getattr(value, name)
            if spec.json is not None and not (spec.json_if_set and field_value is None):
                out[spec.json] = _plain(field_value)
        return out
    return value


def _phase_data(phase: Phase) -> dict[str, Any]:
    data: dict[str, Any] = _plain(phase)  # a dataclass becomes a dict
    return data


def _track_data(track: Track) -> dict[str, Any]:
    data: dict[str, Any] = _plain(track)
    return data

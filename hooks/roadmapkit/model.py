"""Stage 3: the roadmap as typed dataclasses, built from schema-valid data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from .declare import Spec, check_level, declared, derived, lines_field, specs

if TYPE_CHECKING:  # for the annotations only: the model does not read YAML
    from _typeshed import DataclassInstance

    from .errors import Problem
    from .loader import Key

Level = TypeVar("Level")  # a dataclass of the model (Phase, Module, Item, ...)

ITEM_KINDS = ("topics", "practice", "projects")

# A track page with more entries than this folds each group of its blocks (render.track_parts): a
# browser styles only what is open. Without groups nothing folds (checks.check_warnings says so).
FOLD_ENTRIES = 150


# ---- The declaration ---------------------------------------------------------------------------
# Each field of each level is declared once, in its dataclass (declare.declared): its kind of text,
# its JSON Schema (a shared definition below, by name, or the schema itself), its description, where
# it is shown, and its YAML and roadmap.json names when they differ from the attribute's. The
# schema files (schemagen.py), the builders below, the safety walk (fields.py) and roadmap.json
# (render.roadmap_json) all read it. CONTRIBUTING.md ("Adding a field") walks through an example.

SHARED: dict[str, dict[str, Any]] = {  # common.schema.json's definitions of text, by name
    "id": {
        "description": "A stable lowercase slug: letters, digits and single hyphens. Never reuse or change one without"
        " adding the old id to aliases.",
        "type": "string",
        "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
        "maxLength": 80,
    },
    "title": {
        "description": "Plain text shown to the learner. No HTML.",
        "type": "string",
        "minLength": 1,
        "maxLength": 200,
    },
    "markdown": {
        "description": "Markdown text (emphasis, code, http(s) links). Raw HTML is shown as text.",
        "type": "string",
        "maxLength": 5000,
    },
    "duration": {
        "description": "How long this takes, as the learner reads it: '2 weeks', '3-4 months', 'Ongoing'.",
        "type": "string",
        "minLength": 1,
        "maxLength": 80,
    },
    "url": {
        "description": "An absolute http:// or https:// address.",
        "type": "string",
        "pattern": '^https?://[^\\s<>"]+$',
        "maxLength": 500,
    },
    "upstream": {
        "description": "Where an entry comes from upstream (e.g. 'roadmap.sh'), as plain text.",
        "type": "string",
        "minLength": 1,
        "maxLength": 200,
    },
    "external_id": {
        "description": "The entry's id in its upstream source, as plain text, so tools can match the two.",
        "type": "string",
        "minLength": 1,
        "maxLength": 200,
    },
}
_IDS = {"type": "array", "items": {"$ref": "id"}, "uniqueItems": True}  # a list of ids, each once
_KEYWORDS_DOC = (
    "Other names a learner may search for (an abbreviation such as 'k8s', 'LLM'): plain text, shown as 'Also called'"
    " and found by search."
)
_KEYWORDS = {"type": "array", "items": {"$ref": "title"}, "uniqueItems": True}
_RESOURCE_KINDS = (
    "book", "course", "video", "article", "docs", "tool", "dataset", "community", "practice",
    "podcast", "roadmap", "newsletter", "feed", "paper", "repository",
)  # fmt: skip
_FIGURES = ("duration", "hours_per_week", "audience", "timeline", "blocks")  # a track's figures (provenance)
_FIGURE_DOCS = (
    "The track's total length (duration).",
    "The suggested weekly hours (hours_per_week).",
    "Who the plan suits (audience), with any years of experience or hours it names.",
    "The timeline tables (timeline).",
    "The blocks' durations and the figures in block and group titles.",
)


def _figures(ref: str) -> dict[str, Any]:
    props = {n: {"$ref": ref, "description": d} for n, d in zip(_FIGURES, _FIGURE_DOCS, strict=True)}
    return {"type": "object", "additionalProperties": False, "properties": props}


@check_level
@dataclass(frozen=True)
class Resource:
    title: str = declared("title", "title", "The resource's name, spelt as its authors spell it.", required=True,
                          shown="resource lists (phase pages, resources page)")  # fmt: skip
    kind: str = declared("enum", {"enum": list(_RESOURCE_KINDS)}, "What sort of resource it is.", required=True,
                         shown="resource lists, as a label")  # fmt: skip
    cost: str | None = declared(  # free, paid, unknown; None: not stated
        "enum",
        {"enum": ["free", "paid", "unknown"]},
        "Whether it costs money; 'unknown' when nobody has checked. Leave out to show nothing.",
        shown="resource lists, as a label",
    )
    url: str | None = declared("url", "url", "Where to find it (http or https only). Leave out when unsure.",
                               shown="resource lists, as the link")  # fmt: skip
    author: str | None = declared("title", {"type": "string", "minLength": 1, "maxLength": 200},
                                  "Author(s) or publisher, as plain text.", shown="resource lists")  # fmt: skip
    note: str | None = declared("text", {"type": "string", "minLength": 1, "maxLength": 300},
                                "A short plain-text remark.", shown="resource lists")  # fmt: skip


@check_level
@dataclass
class Item:
    id: str = declared("id", "id", "Globally unique, stable id; progress is stored under it.", required=True,
                       shown="anchors, checkbox data, stored progress")  # fmt: skip
    title: str = declared("title", "title", "What the learner ticks off, in a few words.", required=True,
                          shown="checkbox label (phase, track pages), search, map")  # fmt: skip
    kind: str = derived(json="kind")  # topic, practice, project or checkpoint
    phase_id: str = derived()
    module_id: str | None = derived()
    source: str = derived()  # the YAML file
    line: int = derived()
    description: str = declared("markdown", "markdown", "Optional details in Markdown.", default="",
                                shown="phase page, under the checkbox")  # fmt: skip
    duration: str | None = declared("title", "duration", "Optional time estimate for this item.", shown="phase page")
    optional: bool = declared("flag", {"type": "boolean"}, "True when the seeds mark it optional or a stretch goal.",
                              default=False, shown="phase page, as a tag; not counted in progress")  # fmt: skip
    recommended: bool = declared(
        "flag",
        {"type": "boolean"},
        "True when the roadmap recommends it over its neighbours (shown as a tag).",
        default=False,
        shown="phase page, as a tag",
    )
    upstream: str | None = declared(  # the YAML's `source`: where the item comes from (e.g. 'roadmap.sh')
        "title",
        "upstream",
        "Where this item comes from upstream (e.g. 'roadmap.sh'), as plain text.",
        yaml="source",
        json="source",
    )
    external_id: str | None = declared("title", "external_id", "This item's id in its upstream source.")
    choice_id: str | None = derived(json="choice_id", default=None)  # the item choice it is an option of
    resources: list[Resource] = declared("level", "resources", "Resources for this item.", level=Resource,
                                         shape="list", shown="phase page, under the description")  # fmt: skip
    requires: list[str] = declared("ref", _IDS, "Ids of items that should come first.",
                                   shape="list", shown="phase page ('after'), map, what next")  # fmt: skip
    tags: list[str] = declared("id", _IDS, "Free keywords (slugs) for search and grouping.", shape="list")
    keywords: list[str] = declared("title", _KEYWORDS, _KEYWORDS_DOC, shape="list",
                                   shown="phase page ('Also called'), search")  # fmt: skip
    aliases: list[str] = declared("id", _IDS, "Former ids of this item, so stored progress follows a rename.",
                                  shape="list")  # fmt: skip
    lines: dict[str, int] = lines_field()


def _item_list(doc: str, shown: str) -> Any:
    return declared("level", "items", doc, level=Item, shape="list", shown=shown)


@check_level
@dataclass
class ItemChoice:
    """Alternative items of one module: the learner follows one of them."""

    id: str = declared("id", "id", "Choice id (shares one namespace with phases, modules, choices and items).",
                       required=True)  # fmt: skip
    title: str = declared("title", "title", "The question, e.g. 'Choose one cloud'.", required=True,
                          shown="phase page, above the options")  # fmt: skip
    items: list[str] = declared(
        "ref",
        {"type": "array", "minItems": 2, "uniqueItems": True, "items": {"$ref": "id"}},
        "Ids of the alternative items (at least two, all in this module).",
        required=True,
        positional=True,
        shape="list",
    )
    line: int = derived()
    description: str = declared("markdown", "markdown", "How to choose.", default="", shown="phase page")


@check_level
@dataclass
class Module:
    id: str = declared("id", "id", "Module id; also its anchor on the phase page.", required=True)
    title: str = declared("title", "title", "Module title.", required=True, shown="phase page heading, nav, map")
    line: int = derived()
    duration: str | None = declared("title", "duration", "Typical time for this module.", shown="phase page")
    description: str = declared("markdown", "markdown", "Optional introduction in Markdown.", default="",
                                shown="phase page")  # fmt: skip
    resources: list[Resource] = declared("level", "resources", "Resources for the module as a whole.",
                                         level=Resource, shape="list", shown="phase page")  # fmt: skip
    topics: list[Item] = _item_list("Things to learn.", "phase page")
    practice: list[Item] = _item_list("Exercises and habits.", "phase page")
    projects: list[Item] = _item_list("Things to build and publish.", "phase page")
    choice_id: str | None = derived(json="choice_id", default=None)
    item_choices: list[ItemChoice] = declared(
        "level",
        {"type": "array", "items": {"$ref": "item_choice"}},
        "Groups of alternative items of this module: the learner picks one (for example AWS or Azure or GCP).",
        level=ItemChoice,
        shape="list",
        shown="phase page",
    )
    upstream: str | None = declared(  # the YAML's `source`
        "title",
        "upstream",
        "Where this module comes from upstream (e.g. 'roadmap.sh'), as plain text.",
        yaml="source",
        json="source",
    )
    external_id: str | None = declared("title", "external_id", "This module's id in its upstream source.")
    keywords: list[str] = declared("title", _KEYWORDS, _KEYWORDS_DOC, shape="list",
                                   shown="phase page ('Also called'), search")  # fmt: skip
    lines: dict[str, int] = lines_field()

    @property
    def items(self) -> list[Item]:
        return [*self.topics, *self.practice, *self.projects]


@check_level
@dataclass
class Choice:
    id: str = declared("id", "id", "Choice id.", required=True)
    title: str = declared("title", "title", "The question, e.g. 'Choose one framework'.", required=True,
                          shown="phase page")  # fmt: skip
    modules: list[str] = declared(
        "ref",
        {"type": "array", "minItems": 2, "uniqueItems": True, "items": {"$ref": "id"}},
        "Ids of the alternative modules (at least two, all in this phase).",
        required=True,
        positional=True,
        shape="list",
    )
    line: int = derived()
    description: str = declared("markdown", "markdown", "How to choose.", default="", shown="phase page")


@check_level
@dataclass
class Phase:
    id: str = declared("id", "id", "Phase id; also its page name (phases/ID/).", required=True)
    title: str = declared("title", "title", "Phase title.", required=True, shown="phase page, nav, home, map")
    goal: str = declared(  # "" when the phase states none
        "markdown",
        "markdown",
        "Optional: what the learner can do at the end, in one or two sentences.",
        default="",
        positional=True,
        shown="phase page, home",
    )
    duration: str | None = declared("title", "duration", "Optional: typical time for the whole phase.",
                                    positional=True, shown="phase page, home")  # fmt: skip
    source: str = derived(json="source")  # its file: useful to tools ("edit this")
    number: int = derived(json="number")
    description: str = declared("markdown", "markdown", "Optional introduction in Markdown.", default="",
                                shown="phase page")  # fmt: skip
    modules: list[Module] = declared(
        "level",
        {"type": "array", "minItems": 1, "items": {"$ref": "module"}},
        "The modules of this phase, in learning order.",
        required=True,
        level=Module,
        shape="list",
    )
    choices: list[Choice] = declared(
        "level",
        {"type": "array", "items": {"$ref": "choice"}},
        "Groups of alternative modules: the learner picks one (for example PyTorch or TensorFlow).",
        level=Choice,
        shape="list",
    )
    checkpoint: list[Item] = _item_list("What the learner should be able to do before moving on.", "phase page")
    lines: dict[str, int] = lines_field()

    @property
    def items(self) -> list[Item]:
        return [i for m in self.modules for i in m.items] + self.checkpoint


@check_level
@dataclass(frozen=True)
class Entry:
    item_id: str = declared("ref", "id", "The id of an item in a phase.", required=True, yaml="item", json="item")
    note: str | None = declared("title", {"type": "string", "minLength": 1, "maxLength": 200},
                                "A short plain-text note, e.g. 'Day 1-2'.", positional=True,
                                shown="track page, after the item")  # fmt: skip
    line: int = derived()
    repeat: str | None = declared(  # 'occurrence' (its own checkbox) or 'revisit' (the same checkbox again)
        "enum",
        {"enum": ["occurrence", "revisit"]},
        "For an item listed more than once in the track: 'occurrence' is a repeated task with its own checkbox and due"
        " date; 'revisit' lists the same checkbox again.",
        json_if_set=True,
    )


@check_level
@dataclass
class Block:
    title: str = declared("title", "title", "Block title, e.g. 'Week 1: Python + Git'.", required=True,
                          shown="track page heading, plan")  # fmt: skip
    entries: list[Entry] = declared(
        "level",
        {"type": "array", "minItems": 1, "items": {"$ref": "entry"}},
        "Item ids in order, or {item, note} for an entry with a note such as 'Day 1-2'.",
        required=True,
        positional=True,
        yaml="items",
        level=Entry,
        shape="list",
        shown="track page",
    )
    id: str | None = declared(  # unique within the track; needed for occurrences (ITEM@TRACK/BLOCK)
        "id",
        "id",
        "Block id, unique within the track; needed when the block holds an occurrence (stored as ITEM@TRACK/BLOCK).",
    )
    aliases: list[str] = declared("id", {"type": "array", "items": {"$ref": "id"}},
                                  "Former ids of this block, so occurrence progress survives a rename.",
                                  shape="list")  # fmt: skip
    group: str | None = declared(
        "title",
        "title",
        "Optional larger stage this block belongs to; consecutive blocks with the same group are shown together.",
        shown="track page heading",
    )
    duration: str | None = declared("title", "duration", "How long the block takes, e.g. '1 week'.",
                                    shown="track page")  # fmt: skip
    weeks: float | None = declared(
        "number",
        {"type": "number", "exclusiveMinimum": 0, "maximum": 520},
        "Length in weeks, used to project dates in a personal plan; when absent it is derived from `duration`"
        " (CONTRIBUTING.md gives the rule).",
    )
    choice: str | None = declared(  # blocks sharing a choice are alternatives, grouped by option
        "id",
        "id",
        "Blocks with the same choice are alternatives: a plan counts only the learner's option, or the default one.",
        shown="track page",
    )
    option: str | None = declared("id", "id", "With choice: the option this block belongs to (an option may span"
                                  " several blocks).", shown="track page")  # fmt: skip
    default: bool = declared("flag", {"type": "boolean"}, "With choice: this block's option is the one a plan counts"
                             " until the learner chooses.", default=False)  # fmt: skip
    notes: str = declared("markdown", "markdown", "Optional notes for the block.", default="", shown="track page")
    line: int = derived(default=1)
    lines: dict[str, int] = lines_field()


@check_level
@dataclass
class Track:
    id: str = declared("id", "id", "Track id; also its page name (tracks/ID/).", required=True)
    title: str = declared("title", "title", "Track title.", required=True, shown="track page, nav, home, compare")
    duration: str = declared("title", "duration", "Total length of the plan.", required=True,
                             shown="track page, home, compare")  # fmt: skip
    source: str = derived(json="source")  # its file
    blocks: list[Block] = declared(
        "level",
        {"type": "array", "minItems": 1, "items": {"$ref": "block"}},
        "The plan, in order.",
        required=True,
        positional=True,
        level=Block,
        shape="list",
    )
    aliases: list[str] = declared("id", {"type": "array", "items": {"$ref": "id"}},
                                  "Former ids of this track, so a saved plan and occurrence progress survive a rename.",
                                  shape="list")  # fmt: skip
    hours_per_week: str | None = declared("title", {"type": "string", "minLength": 1, "maxLength": 40},
                                          "Suggested weekly hours, e.g. '15-25'.",
                                          shown="track page, home, compare, plan")  # fmt: skip
    plan_weeks: tuple[float, float] | None = declared(  # (min, max): the total the source states
        "number",
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["min", "max"],
            "properties": {
                "min": {"type": "number", "minimum": 0, "maximum": 520, "description": "Shortest total, in weeks."},
                "max": {"type": "number", "minimum": 0, "maximum": 520, "description": "Longest total, in weeks."},
            },
        },
        "The plan's total length in weeks as its source states it (e.g. 12-24 months: min 52, max 104);"
        " roadmap-validate checks that the blocks (each choice at its default option) add up to it.",
        load=lambda v: (v["min"], v["max"]),
    )
    audience: str = declared("markdown", "markdown", "Who this plan suits.", default="",
                             shown="track page, home, compare")  # fmt: skip
    description: str = declared("markdown", "markdown", "What the plan is and where it comes from.", default="",
                                shown="track page")  # fmt: skip
    outcomes: list[str] = declared("text", {"type": "array", "items": {"$ref": "title"}},
                                   "What the learner has at the end (plain text lines).", shape="list",
                                   shown="track page")  # fmt: skip
    seed: str | None = declared(  # the seed roadmap the track keeps, e.g. '003'
        "title",
        {"type": "string", "pattern": "^[0-9]{3}$"},
        "The seed roadmap this track keeps as a plan: the three digits its file name in the seeds folder starts with,"
        " e.g. '003'.",
    )
    timeline: str = declared("markdown", "markdown", "Optional Markdown shown after the description, e.g. the seed's"
                             " timeline as Markdown tables.", default="", shown="track page")  # fmt: skip
    provenance: dict[str, str] = declared(  # figure field -> 'seed' or 'estimate'
        "enum",
        _figures("origin"),
        "Where each figure the track shows comes from: 'seed' (the seed roadmap states it; quote its words under"
        " figures) or 'estimate' (this roadmap's own estimate, labelled 'estimate' on the track and compare pages).",
        shape="map",
        shown="track and compare pages, as 'estimate'",
    )
    figures: dict[str, list[str]] = declared(  # figure field -> the seed's words
        "title",
        _figures("quotes"),
        "The seed's own words for each field marked 'seed' in provenance, quoted as plain text: every number the"
        " field shows is among them, and each quote is in the seed file.",
        shape="map-of-lists",
        load=lambda v: {k: list(q) for k, q in v.items()},
    )
    lines: dict[str, int] = lines_field()

    def estimate(self, name: str) -> bool:
        """Whether the figure in field `name` is labelled as this roadmap's estimate."""
        return self.provenance.get(name) == "estimate"

    @property
    def item_ids(self) -> list[str]:
        """Distinct item ids in first-seen order."""
        return list(dict.fromkeys(e.item_id for b in self.blocks for e in b.entries))

    @property
    def entry_count(self) -> int:
        """Its entries, block by block: an item listed again (revisit, occurrence) counts each time."""
        return sum(len(b.entries) for b in self.blocks)

    @property
    def folds(self) -> bool:
        """Whether its page folds its groups of blocks: it has more than FOLD_ENTRIES entries."""
        return self.entry_count > FOLD_ENTRIES


@check_level
@dataclass
class Identity:
    """What the site is called and says about itself (content/roadmap.yml): the engine names no subject."""

    title: str = declared("title", "title", "The site's name, shown in the header, the tab and the home page.",
                          required=True, default="Roadmap", shown="header, tab, home")  # fmt: skip
    description: str = declared(
        "title",
        {"type": "string", "minLength": 1, "maxLength": 300},
        "One plain-text sentence or two: what the roadmap is. Shown on the home page and given to search engines.",
        required=True,
        default="",
        shown="home, meta description",
    )
    audience: str = declared("title", {"type": "string", "minLength": 1, "maxLength": 300},
                             "Who it is for, as plain text.", default="", shown="home")  # fmt: skip
    about: str = declared("markdown", "markdown", "A longer introduction for the home page, in Markdown.",
                          default="", shown="home")  # fmt: skip
    repository: str | None = declared(
        "url",
        "url",
        "Where the roadmap's source lives (http or https): the header's link and name, and, on GitHub or GitLab, each"
        " page's edit link. Leave it out and the site has neither.",
        shown="header, edit links",
    )
    branch: str = declared(
        "title",
        {"type": "string", "pattern": "^[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*$", "maxLength": 100},
        "The repository's default branch, which the edit links open (default: main).",
        default="main",
        shown="edit links",
    )
    site_url: str | None = declared(
        "url",
        "url",
        "The address the site is published at (its canonical links and sitemap). Default: the GitHub Pages address of"
        " a GitHub repository (https://OWNER.github.io/NAME/). A build with SITE_URL set in its environment (the"
        " publishing workflow sets it from GitHub Pages) uses that.",
        shown="canonical links, sitemap",
    )
    storage_key: str | None = declared(
        "id",
        "id",
        "The prefix of each learner's progress key in their browser. To change it once the site is published, list the"
        " former key in storage_key_aliases, or learners lose their progress.",
    )
    storage_key_aliases: list[str] = declared(  # former storage keys, moved over in the browser
        "id",
        {**_IDS, "maxItems": 20},
        "Former storage keys: each learner's browser moves the progress it kept under one of them to storage_key (and"
        " keeps both notes where both have one).",
        shape="list",
    )
    source: str | None = derived(default=None)  # None: the roadmap has no content/roadmap.yml
    lines: dict[str, int] = lines_field()


@dataclass
class Roadmap:
    phases: list[Phase]
    tracks: list[Track]
    identity: Identity = field(default_factory=Identity)
    warnings: list[Problem] = field(default_factory=list)  # Problems that do not stop the build (checks.check_warnings)

    # Built once: a Roadmap is not changed after load_roadmap() returns it.
    @cached_property
    def items(self) -> list[Item]:
        return [i for p in self.phases for i in p.items]

    @cached_property
    def _index(self) -> dict[str, Item]:
        return {i.id: i for i in self.items}

    def item_index(self) -> dict[str, Item]:
        return self._index  # shared: callers only read it

    def alias_index(self) -> dict[str, str]:
        return {a: i.id for i in self.items for a in i.aliases}

    def track_alias_index(self) -> dict[str, str]:
        return {a: t.id for t in self.tracks for a in t.aliases}

    def block_alias_index(self) -> dict[str, dict[str, str]]:
        """Track id -> {former block id: block id}, for occurrence keys."""
        out = {t.id: {a: b.id for b in t.blocks if b.id for a in b.aliases} for t in self.tracks}
        return {k: v for k, v in out.items() if v}


# ---- The builders: each declared field from its YAML key -----------------------------------------


def build(level: type[Level], data: dict[str, Any], key: Key, lines: Any, **given: Any) -> Level:
    """One level of the model from its schema-valid YAML mapping at key path `key`: each declared
    field from its YAML key (or its value when left out), a nested level built the same way, the
    line of each key; `given`: what the caller sets (derived fields, levels that need the parent)."""
    values = dict(given)
    for name, spec in specs(level):
        if name in values:
            continue
        if name == "lines":
            values[name] = _lines(data, key, lines)
        elif spec.yaml is not None:
            values[name] = (
                _load(spec, data[spec.yaml], (*key, spec.yaml), lines) if spec.yaml in data else spec.absent_value()
            )
    return level(**values)


def _load(spec: Spec, value: Any, key: Key, lines: Any) -> Any:
    if spec.load is not None:
        return spec.load(value)
    if spec.level is not None:
        return [_nested(spec.level, d, (*key, n), lines) for n, d in enumerate(value)]
    if spec.shape == "list":
        return list(value)
    return dict(value) if spec.shape != "one" else value


def _nested(level: type[DataclassInstance], data: Any, key: Key, lines: Any) -> Any:
    if not isinstance(data, dict):  # the short form: an entry written as its item's id
        data = {SHORT_FORM[level]: data}
    if "line" in level.__dataclass_fields__:
        return build(level, data, key, lines, line=lines(key))
    return build(level, data, key, lines)


# a level that may be written as one value (a block's entry as its item id): its key
SHORT_FORM: dict[type, str] = {Entry: "item"}


def build_phase(data: dict[str, Any], source: str, number: int, lines: Any) -> Phase:
    """A Phase from one schema-valid phase document; `lines` maps key paths to lines."""
    phase = build(Phase, data, (), lines, source=source, number=number, modules=[], checkpoint=[])
    phase.modules = [_module(mdata, phase, ("modules", m), lines) for m, mdata in enumerate(data["modules"])]
    phase.checkpoint = _items(data.get("checkpoint", []), "checkpoint", phase, None, ("checkpoint",), lines)
    by_id = {m.id: m for m in phase.modules}
    for choice in phase.choices:
        for mid in choice.modules:
            if mid in by_id:
                by_id[mid].choice_id = choice.id
    return phase


def _module(data: dict[str, Any], phase: Phase, key: Key, lines: Any) -> Module:
    kinds = {
        kind: _items(data.get(kind, []), singular, phase, data["id"], (*key, kind), lines)
        for kind, singular in zip(ITEM_KINDS, ("topic", "practice", "project"), strict=True)
    }
    module = build(Module, data, key, lines, line=lines(key), **kinds)
    _mark_item_options(module)
    return module


def _mark_item_options(module: Module) -> None:
    """Each item of this module that is an option of an item choice knows it (the first one wins)."""
    by_id = {i.id: i for i in module.items}
    for choice in module.item_choices:
        for ident in choice.items:
            if ident in by_id and by_id[ident].choice_id is None:
                by_id[ident].choice_id = choice.id


def _items(
    data: list[dict[str, Any]], kind: str, phase: Phase, module_id: str | None, key: Key, lines: Any
) -> list[Item]:
    where = {"kind": kind, "phase_id": phase.id, "module_id": module_id, "source": phase.source}
    return [build(Item, d, (*key, n), lines, line=lines((*key, n)), **where) for n, d in enumerate(data)]


def build_track(data: dict[str, Any], source: str, lines: Any) -> Track:
    """A Track from one schema-valid track document."""
    return build(Track, data, (), lines, source=source)


def _lines(data: dict[str, Any], key: Key, lines: Any) -> dict[str, int]:
    """The line of each key of one mapping, and of each resource in it (as 'resources[n]')."""
    out = {name: lines((*key, name)) for name in data}
    for n in range(len(data.get("resources", []) or [])):
        out[f"resources[{n}]"] = lines((*key, "resources", n))
    for n in range(len(data.get("outcomes", []) or [])):
        out[f"outcomes[{n}]"] = lines((*key, "outcomes", n))
    for n in range(len(data.get("requires", []) or [])):  # a misspelt id is reported at its own line
        out[f"requires[{n}]"] = lines((*key, "requires", n))
    return out


def build_identity(data: dict[str, Any], source: str, lines: Any) -> Identity:
    """The roadmap's identity from a schema-valid content/roadmap.yml."""
    return build(Identity, data, (), lines, source=source)

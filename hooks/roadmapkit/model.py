"""Stage 3: the roadmap as typed dataclasses, built from schema-valid data."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

ITEM_KINDS = ("topics", "practice", "projects")

# A track page with more entries than this folds each group of its blocks (render.track_parts): a
# browser styles only what is open. Without groups nothing folds (checks.check_warnings says so).
FOLD_ENTRIES = 150


@dataclass(frozen=True)
class Resource:
    title: str
    kind: str
    cost: str | None = None  # free, paid, unknown; None: not stated
    url: str | None = None
    author: str | None = None
    note: str | None = None


@dataclass
class Item:
    id: str
    title: str
    kind: str  # topic, practice, project or checkpoint
    phase_id: str
    module_id: str | None
    source: str
    line: int
    description: str = ""
    duration: str | None = None
    optional: bool = False
    recommended: bool = False
    upstream: str | None = None  # the YAML's `source`: where the item comes from (e.g. 'roadmap.sh')
    external_id: str | None = None
    choice_id: str | None = None  # the item choice it is an option of
    resources: list[Resource] = field(default_factory=list)
    requires: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)  # other names, for search (plain text)
    aliases: list[str] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Module:
    id: str
    title: str
    line: int
    duration: str | None = None
    description: str = ""
    resources: list[Resource] = field(default_factory=list)
    topics: list[Item] = field(default_factory=list)
    practice: list[Item] = field(default_factory=list)
    projects: list[Item] = field(default_factory=list)
    choice_id: str | None = None
    item_choices: list[ItemChoice] = field(default_factory=list)
    upstream: str | None = None  # the YAML's `source`
    external_id: str | None = None
    keywords: list[str] = field(default_factory=list)  # other names, for search (plain text)
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def items(self) -> list[Item]:
        return [*self.topics, *self.practice, *self.projects]


@dataclass
class ItemChoice:
    """Alternative items of one module: the learner follows one of them."""

    id: str
    title: str
    items: list[str]
    line: int
    description: str = ""


@dataclass
class Choice:
    id: str
    title: str
    modules: list[str]
    line: int
    description: str = ""


@dataclass
class Phase:
    id: str
    title: str
    goal: str  # "" when the phase states none
    duration: str | None
    source: str
    number: int
    description: str = ""
    modules: list[Module] = field(default_factory=list)
    choices: list[Choice] = field(default_factory=list)
    checkpoint: list[Item] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def items(self) -> list[Item]:
        return [i for m in self.modules for i in m.items] + self.checkpoint


@dataclass(frozen=True)
class Entry:
    item_id: str
    note: str | None
    line: int
    repeat: str | None = None  # 'occurrence' (its own checkbox) or 'revisit' (the same checkbox again)


@dataclass
class Block:
    title: str
    entries: list[Entry]
    id: str | None = None  # unique within the track; needed for occurrences (ITEM@TRACK/BLOCK)
    aliases: list[str] = field(default_factory=list)
    group: str | None = None
    duration: str | None = None
    weeks: float | None = None
    choice: str | None = None  # blocks sharing a choice are alternatives, grouped by option
    option: str | None = None
    default: bool = False
    notes: str = ""
    line: int = 1
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Track:
    id: str
    title: str
    duration: str
    source: str
    blocks: list[Block]
    aliases: list[str] = field(default_factory=list)
    hours_per_week: str | None = None
    plan_weeks: tuple[float, float] | None = None  # (min, max): the total the source states
    audience: str = ""
    description: str = ""
    outcomes: list[str] = field(default_factory=list)
    seed: str | None = None  # the seed roadmap the track keeps, e.g. '003'
    timeline: str = ""  # Markdown, e.g. the seed's timeline tables
    provenance: dict[str, str] = field(default_factory=dict)  # figure field -> 'seed' or 'estimate'
    figures: dict[str, list[str]] = field(default_factory=dict)  # figure field -> the seed's words
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

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


@dataclass
class Identity:
    """What the site is called and says about itself (content/roadmap.yml): the engine names no subject."""

    title: str = "Roadmap"
    description: str = ""
    audience: str = ""
    about: str = ""
    repository: str | None = None
    branch: str = "main"  # the repository's default branch, for edit links
    site_url: str | None = None  # the canonical address, when not the repository's Pages address
    storage_key: str | None = None
    storage_key_aliases: list[str] = field(default_factory=list)  # former storage keys, moved over in the browser
    source: str | None = None  # None: the roadmap has no content/roadmap.yml
    lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Roadmap:
    phases: list[Phase]
    tracks: list[Track]
    identity: Identity = field(default_factory=Identity)
    warnings: list = field(default_factory=list)  # Problems that do not stop the build (checks.check_warnings)

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


def build_phase(data: dict[str, Any], source: str, number: int, lines: Any) -> Phase:
    """A Phase from one schema-valid phase document; `lines` maps key paths to lines."""
    phase = Phase(
        id=data["id"],
        title=data["title"],
        goal=data.get("goal", ""),
        duration=data.get("duration"),
        source=source,
        number=number,
        description=data.get("description", ""),
        lines=_lines(data, (), lines),
    )
    for m, mdata in enumerate(data["modules"]):
        phase.modules.append(_module(mdata, phase, ("modules", m), lines))
    for c, cdata in enumerate(data.get("choices", [])):
        phase.choices.append(
            Choice(
                cdata["id"], cdata["title"], list(cdata["modules"]), lines(("choices", c)), cdata.get("description", "")
            )
        )
    phase.checkpoint = _items(data.get("checkpoint", []), "checkpoint", phase, None, ("checkpoint",), lines)
    by_id = {m.id: m for m in phase.modules}
    for choice in phase.choices:
        for mid in choice.modules:
            if mid in by_id:
                by_id[mid].choice_id = choice.id
    return phase


def _module(data: dict[str, Any], phase: Phase, key: tuple, lines: Any) -> Module:
    module = Module(
        id=data["id"],
        title=data["title"],
        line=lines(key),
        duration=data.get("duration"),
        description=data.get("description", ""),
        resources=_resources(data.get("resources", [])),
        upstream=data.get("source"),
        external_id=data.get("external_id"),
        keywords=list(data.get("keywords", [])),
        lines=_lines(data, key, lines),
    )
    for kind, singular in zip(ITEM_KINDS, ("topic", "practice", "project"), strict=True):
        items = _items(data.get(kind, []), singular, phase, module.id, (*key, kind), lines)
        setattr(module, kind, items)
    module.item_choices = _item_choices(data.get("item_choices", []), (*key, "item_choices"), lines)
    _mark_item_options(module)
    return module


def _item_choices(data: list[dict], key: tuple, lines: Any) -> list[ItemChoice]:
    return [
        ItemChoice(d["id"], d["title"], list(d["items"]), lines((*key, n)), d.get("description", ""))
        for n, d in enumerate(data)
    ]


def _mark_item_options(module: Module) -> None:
    """Each item of this module that is an option of an item choice knows it (the first one wins)."""
    by_id = {i.id: i for i in module.items}
    for choice in module.item_choices:
        for ident in choice.items:
            if ident in by_id and by_id[ident].choice_id is None:
                by_id[ident].choice_id = choice.id


def _items(data: list[dict], kind: str, phase: Phase, module_id: str | None, key: tuple, lines: Any) -> list[Item]:
    return [
        Item(
            id=d["id"],
            title=d["title"],
            kind=kind,
            phase_id=phase.id,
            module_id=module_id,
            source=phase.source,
            line=lines((*key, n)),
            description=d.get("description", ""),
            duration=d.get("duration"),
            optional=d.get("optional", False),
            recommended=d.get("recommended", False),
            upstream=d.get("source"),
            external_id=d.get("external_id"),
            resources=_resources(d.get("resources", [])),
            requires=list(d.get("requires", [])),
            tags=list(d.get("tags", [])),
            keywords=list(d.get("keywords", [])),
            aliases=list(d.get("aliases", [])),
            lines=_lines(d, (*key, n), lines),
        )
        for n, d in enumerate(data)
    ]


def _resources(data: list[dict]) -> list[Resource]:
    return [Resource(**d) for d in data]


def build_track(data: dict[str, Any], source: str, lines: Any) -> Track:
    """A Track from one schema-valid track document."""
    blocks = [
        Block(
            title=b["title"],
            id=b.get("id"),
            aliases=list(b.get("aliases", [])),
            group=b.get("group"),
            duration=b.get("duration"),
            weeks=b.get("weeks"),
            choice=b.get("choice"),
            option=b.get("option"),
            default=b.get("default", False),
            notes=b.get("notes", ""),
            line=lines(("blocks", n)),
            lines=_lines(b, ("blocks", n), lines),
            entries=[_entry(e, lines(("blocks", n, "items", k))) for k, e in enumerate(b["items"])],
        )
        for n, b in enumerate(data["blocks"])
    ]
    return Track(
        id=data["id"],
        title=data["title"],
        duration=data["duration"],
        source=source,
        blocks=blocks,
        aliases=list(data.get("aliases", [])),
        hours_per_week=data.get("hours_per_week"),
        plan_weeks=(data["plan_weeks"]["min"], data["plan_weeks"]["max"]) if "plan_weeks" in data else None,
        audience=data.get("audience", ""),
        description=data.get("description", ""),
        outcomes=list(data.get("outcomes", [])),
        seed=data.get("seed"),
        timeline=data.get("timeline", ""),
        provenance=dict(data.get("provenance", {})),
        figures={k: list(v) for k, v in data.get("figures", {}).items()},
        lines=_lines(data, (), lines),
    )


def _lines(data: dict[str, Any], key: tuple, lines: Any) -> dict[str, int]:
    """The line of each key of one mapping, and of each resource in it (as 'resources[n]')."""
    out = {name: lines((*key, name)) for name in data}
    for n in range(len(data.get("resources", []) or [])):
        out[f"resources[{n}]"] = lines((*key, "resources", n))
    for n in range(len(data.get("outcomes", []) or [])):
        out[f"outcomes[{n}]"] = lines((*key, "outcomes", n))
    for n in range(len(data.get("requires", []) or [])):  # a misspelt id is reported at its own line
        out[f"requires[{n}]"] = lines((*key, "requires", n))
    return out


def _entry(data: str | dict, line: int) -> Entry:
    if isinstance(data, str):
        return Entry(data, None, line)
    return Entry(data["item"], data.get("note"), line, data.get("repeat"))


def build_identity(data: dict[str, Any], source: str, lines: Any) -> Identity:
    """The roadmap's identity from a schema-valid content/roadmap.yml."""
    return Identity(
        title=data["title"],
        description=data["description"],
        audience=data.get("audience", ""),
        about=data.get("about", ""),
        repository=data.get("repository"),
        branch=data.get("branch", "main"),
        site_url=data.get("site_url"),
        storage_key=data.get("storage_key"),
        storage_key_aliases=list(data.get("storage_key_aliases", [])),
        source=source,
        lines=_lines(data, (), lines),
    )

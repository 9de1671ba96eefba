"""Stage 4: rules the JSON Schema cannot express (ids across files, references, cycles)."""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterator

from . import limits
from .budget import markdown_budget
from .errors import Problem
from .fields import Field, fields
from .model import FOLD_ENTRIES, Item, Module, Phase, Roadmap, Track
from .pacing import MAX_BLOCK_WEEKS, plan_weeks, stated_weeks
from .safety import bad_character, id_problem, title_problem, url_problem
from .text import markdown_problem

_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_SAFE_LINK = re.compile(r"^(https?://|#)", re.IGNORECASE)


def check_roadmap(
    roadmap: Roadmap, known: frozenset[str] | set[str] = frozenset(), where: str = "content"
) -> list[Problem]:
    """Every cross-file problem, in no particular order (the reporter sorts).

    `known` holds ids declared in files that failed to load: references to them are not reported
    as unknown (the broken file is reported instead). `where` names the content folder, for a
    problem of all files together.
    """
    hint = _Hints(roadmap)
    return [
        *_field_rules(roadmap, where),
        *_duplicate_ids(roadmap),
        *_duplicate_tracks(roadmap.tracks),
        *_aliases(roadmap),
        *_requires(roadmap, known, hint),
        *_cycles(roadmap),
        *_choices(roadmap.phases),
        *_item_choices(roadmap),
        *_empty_modules(roadmap.phases),
        *_track_entries(roadmap, known, hint),
        *(p for track in roadmap.tracks for p in _track_repeats(track)),
        *(p for track in roadmap.tracks for p in _track_blocks(track)),
        *(p for track in roadmap.tracks for p in _block_lengths(track)),
        *(p for track in roadmap.tracks for p in _plan_total(track)),
        *_storage_keys(roadmap),
        *_track_aliases(roadmap.tracks),
        *_markdown_links(roadmap),
        *_duplicate_resources(roadmap),
    ]


def check_warnings(roadmap: Roadmap) -> list[Problem]:
    """Things worth a look that do not stop the build: a prerequisite taught in a later phase, a
    track long enough to fold that has no group to fold."""
    out = [*_unfolded_tracks(roadmap.tracks)]
    order = {p.id: n for n, p in enumerate(roadmap.phases)}
    index = roadmap.item_index()
    for item in roadmap.items:
        for req in item.requires:
            target = index.get(req)
            if target and order[target.phase_id] > order[item.phase_id]:
                message = (
                    f"'{req}' is taught in a later phase, '{target.phase_id}' "
                    "(expected prerequisites from the same or an earlier phase)"
                )
                out.append(Problem(item.source, item.lines.get("requires", item.line), f"{item.id}.requires", message))
    return sorted(out)


def _unfolded_tracks(tracks: list[Track]) -> Iterator[Problem]:
    """A track over FOLD_ENTRIES entries folds its groups of blocks; with none, its page shows every box."""
    for track in tracks:
        if track.folds and not any(b.group for b in track.blocks):
            message = (
                f"{track.entry_count} entries and no block has a 'group': a track of more than {FOLD_ENTRIES} entries "
                "folds its groups of blocks so its page loads quickly (expected a group, such as "
                "'Year 1', on its blocks)"
            )
            yield Problem(track.source, track.lines.get("blocks", 1), f"{track.id}.blocks", message)


def _duplicate_resources(roadmap: Roadmap) -> Iterator[Problem]:
    """The same resource (same url, or same title without one) listed twice in one list."""
    for phase in roadmap.phases:
        owners = [(m.id, m.resources, m.lines, m.line) for m in phase.modules]
        owners += [(i.id, i.resources, i.lines, i.line) for i in phase.items]
        for owner, resources, lines, line in owners:
            seen: dict[str, int] = {}
            for n, res in enumerate(resources):
                key = (res.url or res.title).casefold()
                if key in seen:
                    at = lines.get(f"resources[{n}]", line)
                    message = f"the same resource as resources[{seen[key]}] (expected each resource once per list)"
                    yield Problem(phase.source, at, f"{owner}.resources[{n}]", message)
                seen.setdefault(key, n)


def _field_rules(roadmap: Roadmap, where: str) -> Iterator[Problem]:
    """The safety rules, in code: they hold whatever content/schema/ (editable by anyone) says.

    Markdown texts are rendered last, and only when all of them together are within the budget.
    """
    texts: list[Field] = []
    for f in fields(roadmap):
        if f.value is None:
            continue
        if not isinstance(f.value, str):
            yield Problem(f.source, f.line, f.key, f"got {type(f.value).__name__} (expected text)")
        elif f.kind == "markdown" and f.value:
            texts.append(f)
        else:
            yield from _field_problem(f.source, f.line, f.key, f.kind, f.value)
    over = markdown_budget([str(f.value) for f in texts])
    if over:
        yield Problem(where, 1, "", over)
        return
    for f in texts:
        yield from _field_problem(f.source, f.line, f.key, f.kind, str(f.value))


def _field_problem(source: str, line: int, key: str, kind: str, value: str) -> Iterator[Problem]:
    found = bad_character(value)
    if found:
        yield Problem(source, line, key, f"contains {found} (expected printable text)")
        return
    rule = {"id": id_problem, "title": title_problem, "url": url_problem, "markdown": markdown_problem}.get(kind)
    problem = rule(value) if rule and (value or kind != "markdown") else None
    if problem:
        yield Problem(source, line, key, problem)


def _anchors(roadmap: Roadmap) -> Iterator[tuple[str, str, int, object]]:
    """(id, file, line, what) for every phase, module, choice and item; `_key(what)` names it."""
    for phase in roadmap.phases:
        yield phase.id, phase.source, 1, None
        for n, module in enumerate(phase.modules):
            yield module.id, phase.source, module.line, ("modules", n)
        for n, choice in enumerate(phase.choices):
            yield choice.id, phase.source, choice.line, ("choices", n)
        for item in phase.items:
            yield item.id, item.source, item.line, item


def _key(what: object) -> str:
    """The key path of an anchor, built only when a problem needs it."""
    if what is None:
        return "id"
    if isinstance(what, tuple):
        return f"{what[0]}[{what[1]}].id"
    assert isinstance(what, Item)
    return f"{what.kind} '{what.id}'.id" if what.module_id is None else f"{what.module_id}.{what.id}.id"


def _duplicate_ids(roadmap: Roadmap) -> Iterator[Problem]:
    seen: dict[str, tuple[str, int, object]] = {}
    for ident, path, line, what in _anchors(roadmap):
        if ident not in seen:
            seen[ident] = (path, line, what)
            continue
        key = _key(what)
        first_path, first_line, first_what = seen[ident]
        first_key = _key(first_what)
        where = f"first used at {first_path}:{first_line}; expected every id to be unique across all phases"
        yield Problem(path, line, key, f"duplicate id '{ident}' ({where})")
        yield Problem(first_path, first_line, first_key, f"id '{ident}' is used again at {path}:{line}")


def _duplicate_tracks(tracks: list[Track]) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    for track in tracks:
        if track.id in seen:
            yield Problem(track.source, 1, "id", f"duplicate track id '{track.id}' (also in {seen[track.id]})")
        seen.setdefault(track.id, track.source)


def _aliases(roadmap: Roadmap) -> Iterator[Problem]:
    ids = {ident for ident, *_ in _anchors(roadmap)}
    owner: dict[str, str] = {}
    for item in roadmap.items:
        for alias in item.aliases:
            if alias in ids:
                yield Problem(
                    item.source,
                    item.line,
                    f"{item.id}.aliases",
                    f"alias '{alias}' is a current id (expected a former id that no longer exists)",
                )
            elif alias in owner and owner[alias] != item.id:
                yield Problem(
                    item.source,
                    item.line,
                    f"{item.id}.aliases",
                    f"alias '{alias}' is also claimed by '{owner[alias]}' (expected one owner)",
                )
            owner.setdefault(alias, item.id)


def _requires(roadmap: Roadmap, known: frozenset[str] | set[str], hint: _Hints) -> Iterator[Problem]:
    index = roadmap.item_index()
    for item in roadmap.items:
        for n, req in enumerate(item.requires):
            line = item.lines.get(f"requires[{n}]", item.line)  # the line of the value itself
            if req == item.id:
                yield Problem(item.source, line, f"{item.id}.requires", "an item cannot require itself")
            elif req not in index and req not in known:
                yield Problem(
                    item.source,
                    line,
                    f"{item.id}.requires",
                    f"unknown item id '{req}'{hint(req)} (expected the id of an item)",
                )


class _Hints:
    """Why an id is unknown, when something can tell: renamed, another kind's id, or a near miss.

    A near miss compares the id with every item id (difflib), so only the first MAX_HINTS unknown
    ids get one, and the rest are just listed: 400 unknown ids beside 4,000 items took 26 s.
    """

    def __init__(self, roadmap: Roadmap) -> None:
        self.items = roadmap.item_index()
        self.aliases = roadmap.alias_index()
        self.kinds = _other_ids(roadmap)
        self.item_choices = {c.id: c.items for p in roadmap.phases for m in p.modules for c in m.item_choices}
        self.searched = 0

    def __call__(self, ident: str) -> str:
        if ident in self.aliases:
            return f"; it was renamed to '{self.aliases[ident]}'"
        if ident in self.item_choices:
            options = " or ".join(f"'{i}'" for i in self.item_choices[ident])
            return f"; that is an item choice's id: require the option that is needed ({options})"
        if ident in self.kinds:
            return f"; that is {self.kinds[ident]} id, not an item's"
        if self.searched >= limits.MAX_HINTS:
            return ""
        self.searched += 1
        close = difflib.get_close_matches(ident, self.items, n=1, cutoff=0.75)
        return f"; did you mean '{close[0]}'?" if close else ""


def _other_ids(roadmap: Roadmap) -> dict[str, str]:
    """Ids of phases, modules, choices and tracks: the one namespace items share with them."""
    out = {p.id: "a phase's" for p in roadmap.phases}
    out.update({m.id: "a module's" for p in roadmap.phases for m in p.modules})
    out.update({c.id: "a choice's" for p in roadmap.phases for c in p.choices})
    out.update({t.id: "a track's" for t in roadmap.tracks})
    return out


def _cycles(roadmap: Roadmap) -> Iterator[Problem]:
    index = roadmap.item_index()
    state: dict[str, int] = {}
    for start in index:
        if state.get(start):
            continue
        cycle = _find_cycle(start, index, state)
        if cycle:
            item = index[cycle[0]]
            path = " -> ".join([*cycle, cycle[0]])
            yield Problem(
                item.source,
                item.line,
                f"{item.id}.requires",
                f"prerequisites form a cycle: {path} (expected an order with no loops)",
            )


def _find_cycle(start: str, index: dict[str, Item], state: dict[str, int]) -> list[str] | None:
    """Iterative depth-first search; state 1 = on the stack, 2 = done."""
    stack: list[tuple[str, Iterator[str]]] = [(start, iter(index[start].requires))]
    state[start] = 1
    while stack:
        node, children = stack[-1]
        child = next((c for c in children if c in index and state.get(c) != 2), None)
        if child is None:
            state[node] = 2
            stack.pop()
        elif state.get(child) == 1:
            names = [n for n, _ in stack]
            for name in names:  # report each loop once; later searches treat these as done
                state[name] = 2
            return names[names.index(child) :]
        else:
            state[child] = 1
            stack.append((child, iter(index[child].requires)))
    return None


def _choices(phases: list[Phase]) -> Iterator[Problem]:
    for phase in phases:
        modules = {m.id for m in phase.modules}
        used: dict[str, str] = {}
        for n, choice in enumerate(phase.choices):
            for mid in choice.modules:
                if mid not in modules:
                    yield Problem(
                        phase.source,
                        choice.line,
                        f"choices[{n}].modules",
                        f"unknown module '{mid}' (expected a module id of this phase)",
                    )
                elif mid in used:
                    yield Problem(
                        phase.source,
                        choice.line,
                        f"choices[{n}].modules",
                        f"module '{mid}' is already an option of '{used[mid]}'",
                    )
                used.setdefault(mid, choice.id)


_Seen = dict[str, tuple[str, int]]  # id -> (file, line) where it was first declared


def _item_choices(roadmap: Roadmap) -> Iterator[Problem]:
    """Item choices: ids unique roadmap-wide, options are items of their own module, each in one choice."""
    taken = {ident: (path, line) for ident, path, line, _ in _anchors(roadmap)}
    used: dict[str, str] = {}
    index = roadmap.item_index()
    for phase in roadmap.phases:
        for m, module in enumerate(phase.modules):
            for n, choice in enumerate(module.item_choices):
                key = f"modules[{m}].item_choices[{n}]"
                yield from _item_choice_id(phase.source, key, choice.id, choice.line, taken)
                yield from _item_choice_in_option(phase, module, key, choice.line)
                for ident in choice.items:
                    problem = _item_option_problem(ident, module.id, index, used)
                    if problem:
                        yield Problem(phase.source, choice.line, f"{key}.items", problem)
                    used.setdefault(ident, choice.id)


def _item_choice_id(src: str, key: str, ident: str, line: int, taken: _Seen) -> Iterator[Problem]:
    if ident in taken:
        first_path, first_line = taken[ident]
        where = f"first used at {first_path}:{first_line}"
        yield Problem(src, line, f"{key}.id", f"duplicate id '{ident}' ({where}; expected every id to be unique)")
    taken.setdefault(ident, (src, line))


def _item_choice_in_option(phase: Phase, module: Module, key: str, line: int) -> Iterator[Problem]:
    if module.choice_id:
        yield Problem(
            phase.source,
            line,
            key,
            f"module '{module.id}' is itself an option of '{module.choice_id}' "
            "(expected item choices only in modules that are not options)",
        )


def _item_option_problem(ident: str, module_id: str, index: dict[str, Item], used: dict[str, str]) -> str | None:
    item = index.get(ident)
    if item is None:
        return f"unknown item '{ident}' (expected the id of an item of module '{module_id}')"
    if item.module_id != module_id:
        where = f"module '{item.module_id}'" if item.module_id else "the checkpoint"
        return f"item '{ident}' is in {where} (expected an item of module '{module_id}'; choices cannot cross modules)"
    if ident in used:
        return f"item '{ident}' is already an option of '{used[ident]}' (expected each item in one choice at most)"
    return None


def _empty_modules(phases: list[Phase]) -> Iterator[Problem]:
    for phase in phases:
        for n, module in enumerate(phase.modules):
            if not module.items:
                yield Problem(
                    phase.source,
                    module.line,
                    f"modules[{n}]",
                    "module has no items (expected at least one of topics, practice, projects)",
                )


def _track_entries(roadmap: Roadmap, known: frozenset[str] | set[str], hint: _Hints) -> Iterator[Problem]:
    index = roadmap.item_index()
    for track in roadmap.tracks:
        for b, block in enumerate(track.blocks):
            for k, entry in enumerate(block.entries):
                if entry.item_id not in index and entry.item_id not in known:
                    why = hint(entry.item_id)
                    message = f"unknown item id '{entry.item_id}'{why} (expected the id of an item in a phase)"
                    yield Problem(track.source, entry.line, f"blocks[{b}].items[{k}]", message)


def _markdown_links(roadmap: Roadmap) -> Iterator[Problem]:
    """Link targets in Markdown, each reported at the line of its own field."""
    by_source: dict[str, list[tuple[int, str, str]]] = {}
    for f in fields(roadmap):
        if f.kind == "markdown" and isinstance(f.value, str) and f.value:
            by_source.setdefault(f.source, []).append((f.line, f.key, f.value))
    for source, texts in by_source.items():
        yield from _bad_links(source, texts)


def _bad_links(source: str, texts: list[tuple[int, str, str]]) -> Iterator[Problem]:
    for line, key, text in texts:
        for target in _LINK.findall(text or ""):
            if target and not _SAFE_LINK.match(target):  # an empty target is no link at all
                yield Problem(
                    source,
                    line,
                    key,
                    f"link target '{target[:60]}' is not allowed (expected an http:// or https:// url)",
                )


def _track_repeats(track: Track) -> Iterator[Problem]:
    """An item listed again in one track must say whether it is an occurrence or a revisit."""
    first: dict[str, int] = {}
    for b, block in enumerate(track.blocks):
        for k, entry in enumerate(block.entries):
            key = f"blocks[{b}].items[{k}]"
            if entry.repeat == "occurrence" and not block.id:
                yield Problem(
                    track.source, entry.line, key, "an occurrence needs its block's id (expected `id:` on the block)"
                )
            if entry.item_id in first and entry.repeat is None:
                message = f"'{entry.item_id}' is listed again (first at line {first[entry.item_id]})"
                yield Problem(
                    track.source, entry.line, key, f"{message}; mark it `repeat: occurrence` or `repeat: revisit`"
                )
            first.setdefault(entry.item_id, entry.line)


def _track_blocks(track: Track) -> Iterator[Problem]:
    """Block ids unique within the track (aliases included); choices with options and one default."""
    seen: dict[str, int] = {}
    options: dict[str, dict[str, bool]] = {}
    for b, block in enumerate(track.blocks):
        line = block.lines.get
        for ident in filter(None, [block.id, *block.aliases]):
            if ident in seen:
                yield Problem(
                    track.source,
                    line("id", block.line),
                    f"blocks[{b}].id",
                    f"block id '{ident}' is used twice (first at line {seen[ident]}; expected unique ids in a track)",
                )
            seen.setdefault(ident, block.line)
        if block.choice and not block.option:
            yield Problem(
                track.source,
                line("choice", block.line),
                f"blocks[{b}].choice",
                "a block with `choice` needs `option` (expected the id of its option)",
            )
        if not block.choice and (block.option or block.default):
            yield Problem(
                track.source,
                block.line,
                f"blocks[{b}]",
                "`option` and `default` need `choice` (expected the id of the choice)",
            )
        if block.choice and block.option:
            opts = options.setdefault(block.choice, {})
            opts[block.option] = opts.get(block.option, False) or block.default
    for choice, opts in options.items():
        defaults = [o for o, d in opts.items() if d]
        if len(opts) < 2 or len(defaults) != 1:
            yield Problem(
                track.source,
                track.lines.get("blocks", 1),
                "blocks",
                f"choice '{choice}' has {len(opts)} option(s) and {len(defaults)} default(s)"
                " (expected two or more options, one marked `default: true`)",
            )


def _block_lengths(track: Track) -> Iterator[Problem]:
    """A block's length dates a learner's plan: a finite number of weeks, at most MAX_BLOCK_WEEKS."""
    for b, block in enumerate(track.blocks):
        weeks = stated_weeks(block)
        if weeks is None or (math.isfinite(weeks) and weeks <= MAX_BLOCK_WEEKS):  # 0: undated, as "Ongoing"
            continue
        name = "weeks" if block.weeks is not None else "duration"
        yield Problem(
            track.source,
            block.lines.get(name, block.line),
            f"blocks[{b}].{name}",
            f"a block of {_weeks_text(weeks)} cannot date a plan"
            f" (expected a length above 0 and at most {MAX_BLOCK_WEEKS} weeks, ten years)",
        )


def _plan_total(track: Track) -> Iterator[Problem]:
    """A track's `plan_weeks` (the total its source states) and its blocks (each choice at its
    default option) agree: the plan a learner follows lasts what the track says."""
    if track.plan_weeks is None:
        return
    low, high = track.plan_weeks
    line = track.lines.get("plan_weeks", 1)
    if low > high:
        yield Problem(track.source, line, "plan_weeks", f"min {low:g} is above max {high:g} (expected min <= max)")
        return
    total = plan_weeks(track)
    if not low - 1e-6 <= total <= high + 1e-6:
        stated = f"{low:g}" if low == high else f"{low:g} to {high:g}"
        yield Problem(
            track.source,
            line,
            "plan_weeks",
            f"the blocks add up to {total:.4g} weeks, not {stated}"
            " (expected the blocks' weeks to add up to plan_weeks: change one or the other)",
        )


def _weeks_text(weeks: float) -> str:
    if math.isnan(weeks):
        return "'not a number' weeks"
    return f"{weeks:,.0f} weeks" if weeks < 1e15 else "more weeks than can be counted"


def _storage_keys(roadmap: Roadmap) -> Iterator[Problem]:
    """A former storage key is not the current one: the browser would move the progress onto itself."""
    who = roadmap.identity
    if who.source and who.storage_key in who.storage_key_aliases:
        yield Problem(
            who.source,
            who.lines.get("storage_key_aliases", 1),
            "storage_key_aliases",
            f"'{who.storage_key}' is the current storage_key (expected the keys it had before)",
        )


def _track_aliases(tracks: list[Track]) -> Iterator[Problem]:
    ids = {t.id for t in tracks}
    owner: dict[str, str] = {}
    for track in tracks:
        for alias in track.aliases:
            if alias in ids or owner.setdefault(alias, track.id) != track.id:
                yield Problem(
                    track.source,
                    track.lines.get("aliases", 1),
                    "aliases",
                    f"alias '{alias}' is a track id or another track's alias (expected a former id of this track)",
                )

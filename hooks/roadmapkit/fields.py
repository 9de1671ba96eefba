"""Every contributor-written value of a roadmap, with where it is and what sort of text it is.

The safety rules (checks.py) walk this list, so a field added to the model and listed here is
checked like the others: 'id', 'title' (one line of plain text), 'text' (plain, may wrap),
'markdown' (rendered through the sanitiser) and 'url'.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from .model import Choice, Identity, Item, ItemChoice, Module, Phase, Resource, Roadmap, Track


class Field(NamedTuple):
    source: str
    line: int
    key: str
    kind: str
    value: str | None  # None: an optional field left out


def fields(roadmap: Roadmap) -> Iterator[Field]:
    yield from _identity(roadmap.identity)
    for phase in roadmap.phases:
        yield from _phase(phase)
    for track in roadmap.tracks:
        yield from _track(track)


def _phase(phase: Phase) -> Iterator[Field]:
    src, ln = phase.source, phase.lines.get
    yield Field(src, ln("id", 1), "id", "id", phase.id)
    yield Field(src, ln("title", 1), "title", "title", phase.title)
    yield Field(src, ln("duration", 1), "duration", "title", phase.duration)
    yield Field(src, ln("goal", 1), "goal", "markdown", phase.goal)
    yield Field(src, ln("description", 1), "description", "markdown", phase.description)
    for n, module in enumerate(phase.modules):
        yield from _module(src, f"modules[{n}]", module)
    for n, choice in enumerate(phase.choices):
        yield from _choice(src, f"choices[{n}]", choice)
    for item in phase.checkpoint:
        yield from _entry(src, f"checkpoint '{item.id}'", item)


def _choice(src: str, key: str, choice: Choice | ItemChoice) -> Iterator[Field]:
    """A choice between modules or between items: its id, title and description."""
    yield Field(src, choice.line, f"{key}.id", "id", choice.id)
    yield Field(src, choice.line, f"{key}.title", "title", choice.title)
    yield Field(src, choice.line, f"{key}.description", "markdown", choice.description)


def _module(src: str, key: str, module: Module) -> Iterator[Field]:
    yield from _entry(src, key, module)
    for n, item_choice in enumerate(module.item_choices):
        yield from _choice(src, f"{key}.item_choices[{n}]", item_choice)
    for item in module.items:
        yield from _entry(src, f"{module.id}.{item.id}", item)


def _entry(src: str, key: str, entry: Module | Item) -> Iterator[Field]:
    """The fields a module and an item both have: id, title, duration, description, upstream, keywords,
    resources."""
    ln = entry.lines.get
    yield Field(src, ln("id", entry.line), f"{key}.id", "id", entry.id)
    yield Field(src, ln("title", entry.line), f"{key}.title", "title", entry.title)
    yield Field(src, ln("duration", entry.line), f"{key}.duration", "title", entry.duration)
    yield Field(src, ln("description", entry.line), f"{key}.description", "markdown", entry.description)
    yield from _upstream(src, key, entry.lines, entry.line, entry.upstream, entry.external_id)
    for n, word in enumerate(entry.keywords):  # shown and indexed for search: one line of plain text each
        yield Field(src, ln("keywords", entry.line), f"{key}.keywords[{n}]", "title", word)
    yield from _resources(src, entry.id, entry.resources, entry.lines, entry.line)


def _upstream(src: str, key: str, lines: dict, line: int, upstream: str | None, ext: str | None) -> Iterator[Field]:
    """`source` and `external_id`: one line of plain text each, when given."""
    yield Field(src, lines.get("source", line), f"{key}.source", "title", upstream)
    yield Field(src, lines.get("external_id", line), f"{key}.external_id", "title", ext)


def _resources(src: str, owner: str, resources: list[Resource], lines: dict, line: int) -> Iterator[Field]:
    for n, res in enumerate(resources):
        key, at = f"{owner}.resources[{n}]", lines.get(f"resources[{n}]", line)
        yield Field(src, at, f"{key}.title", "title", res.title)
        yield Field(src, at, f"{key}.author", "title", res.author)
        yield Field(src, at, f"{key}.note", "text", res.note or "")
        if res.url is not None:
            yield Field(src, at, f"{key}.url", "url", res.url)


def _track(track: Track) -> Iterator[Field]:
    src, ln = track.source, track.lines.get
    yield Field(src, ln("id", 1), "id", "id", track.id)
    yield Field(src, ln("title", 1), "title", "title", track.title)
    yield Field(src, ln("duration", 1), "duration", "title", track.duration)
    yield Field(src, ln("hours_per_week", 1), "hours_per_week", "title", track.hours_per_week)
    yield Field(src, ln("description", 1), "description", "markdown", track.description)
    yield Field(src, ln("audience", 1), "audience", "markdown", track.audience)
    yield Field(src, ln("timeline", 1), "timeline", "markdown", track.timeline)
    for name, quotes in track.figures.items():
        for n, quote in enumerate(quotes):
            yield Field(src, ln("figures", 1), f"figures.{name}[{n}]", "title", quote)
    for n, text in enumerate(track.outcomes):
        yield Field(src, ln(f"outcomes[{n}]", 1), f"outcomes[{n}]", "text", text)
    for n, alias in enumerate(track.aliases):
        yield Field(src, ln("aliases", 1), f"aliases[{n}]", "id", alias)
    for n, block in enumerate(track.blocks):
        key, bl = f"blocks[{n}]", block.lines.get
        for name in ("id", "choice", "option"):  # ids end up in storage keys and the plan's data
            yield Field(src, bl(name, block.line), f"{key}.{name}", "id", getattr(block, name))
        for k, alias in enumerate(block.aliases):
            yield Field(src, bl("aliases", block.line), f"{key}.aliases[{k}]", "id", alias)
        yield Field(src, bl("title", block.line), f"{key}.title", "title", block.title)
        yield Field(src, bl("group", block.line), f"{key}.group", "title", block.group)
        yield Field(src, bl("duration", block.line), f"{key}.duration", "title", block.duration)
        yield Field(src, bl("notes", block.line), f"{key}.notes", "markdown", block.notes)
        for k, entry in enumerate(block.entries):
            if entry.note is not None:
                yield Field(src, entry.line, f"{key}.items[{k}].note", "title", entry.note)


def _identity(who: Identity) -> Iterator[Field]:
    if who.source is None:
        return
    src, ln = who.source, who.lines.get
    yield Field(src, ln("title", 1), "title", "title", who.title)
    yield Field(src, ln("description", 1), "description", "title", who.description or None)
    yield Field(src, ln("audience", 1), "audience", "title", who.audience or None)
    yield Field(src, ln("about", 1), "about", "markdown", who.about)
    if who.repository is not None:
        yield Field(src, ln("repository", 1), "repository", "url", who.repository)
    if who.site_url is not None:
        yield Field(src, ln("site_url", 1), "site_url", "url", who.site_url)
    yield Field(src, ln("branch", 1), "branch", "title", who.branch)
    if who.storage_key is not None:
        yield Field(src, ln("storage_key", 1), "storage_key", "id", who.storage_key)
    for n, alias in enumerate(who.storage_key_aliases):
        yield Field(src, ln("storage_key_aliases", 1), f"storage_key_aliases[{n}]", "id", alias)

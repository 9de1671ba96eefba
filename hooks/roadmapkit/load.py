"""The whole pipeline: files -> YAML -> schema -> model -> cross-file checks.

Plain Python with no MkDocs import but its page-metadata parser (pagemeta.py), so any generator
(or a contributor's shell) can use it.
Every stage runs on every file it can, so one run reports every problem: a file that fails its
schema still lends its ids to the reference checks of the others. A file that is not even YAML
(an indentation slip) lends the ids its lines show, and the references to them elsewhere are
counted under its own problem rather than listed as unknown ids, one by one.
"""

from __future__ import annotations

import gc
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .budget import content_budget, items_budget
from .checks import check_roadmap, check_warnings
from .errors import ContentError, Problem
from .files import content_files, display_path, refuse_links
from .loader import Document, load_file
from .model import Identity, Phase, Roadmap, Track, build_identity, build_phase, build_track
from .pages import Extensions, check_pages
from .safety import title_problem
from .schema import check_document, validator_for

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"  # the engine's rules; content/schema is a copy for editors
# An `id:` key as a line of a file shows it, block (`- id: x`) or flow (`{id: x, ...}`) style.
_ID_LINE = re.compile(r"""(?:^|[\s{,])id:[ \t]*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?[ \t]*(?:[,}#]|$)""", re.M)


def load_roadmap(content_dir: Path, root: Path | None = None, markdown: Extensions | None = None) -> Roadmap:
    """Load and validate everything; raise ContentError listing every problem at once."""
    # Loading allocates many small objects and frees none; the cyclic collector would rescan all
    # of them again and again (a quarter of the time at 50,000 items), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_roadmap(content_dir, root or content_dir.parent, markdown)
    finally:
        if collecting:
            gc.enable()


def _load_roadmap(content_dir: Path, root: Path, markdown: Extensions | None) -> Roadmap:
    over = content_budget(content_dir, root)
    if over:  # nothing is read: the budget bounds the work of everything below
        raise ContentError(over)
    problems: list[Problem] = [*refuse_links(content_dir, root)]
    phase_files, found = content_files(content_dir, "phases", root)
    track_files, found_tracks = content_files(content_dir, "tracks", root)
    problems += found + found_tracks
    problems += check_pages(content_dir / "pages", display_path(content_dir / "pages", root), markdown)
    loose: set[str] = set()  # ids declared in files that failed their schema
    unloaded: dict[str, set[str]] = {}  # file -> the ids its text shows, for files that are not YAML
    phases = [_phase(f, n, root, problems, loose, unloaded) for n, f in enumerate(phase_files, start=1)]
    tracks = [_track(f, root, problems, loose, unloaded) for f in track_files]
    if not phase_files and not problems:
        where = display_path(content_dir / "phases", root)
        problems.append(Problem(where, 1, "", "no phase files found (expected at least one *.yml file)"))
    identity = _identity(content_dir / "roadmap.yml", root, problems, loose)
    roadmap = Roadmap([p for p in phases if p], [t for t in tracks if t], identity or Identity())
    over = items_budget(roadmap, content_dir, root)
    if over:
        raise ContentError(problems + over)
    known = loose.union(*unloaded.values())
    problems += check_roadmap(roadmap, known=known, where=display_path(content_dir, root))
    problems = _follow_ons(problems, roadmap, unloaded)
    if problems:
        raise ContentError(problems)
    roadmap.warnings = check_warnings(roadmap)
    return roadmap


def identity_title(content_dir: Path, root: Path | None = None) -> str | None:
    """The title content/roadmap.yml gives, when that file is sound on its own: what a page about
    the content's problems is called while the rest does not load."""
    file = content_dir / "roadmap.yml"
    if not file.is_file() or file.is_symlink():
        return None
    doc = _document(file, root or content_dir.parent, "roadmap", [], set(), {})
    return doc.data["title"] if doc is not None and not title_problem(doc.data["title"]) else None


def _document(
    file: Path, root: Path, kind: str, problems: list[Problem], loose: set[str], unloaded: dict[str, set[str]]
) -> Document | None:
    doc, found = load_file(file, display_path(file, root))
    problems.extend(found)
    if doc is None:
        if found and kind == "phase":  # not YAML: its items are still named on its lines
            unloaded[display_path(file, root)] = _ids_on_lines(file)
        return None
    if found:  # refused values are None: the schema would only repeat them
        loose.update(_declared_ids(doc.data))
        return None
    schema_problems = check_document(doc, validator_for(SCHEMA_DIR, kind))
    problems.extend(schema_problems)
    if schema_problems:
        loose.update(_declared_ids(doc.data))
        return None
    return doc


def _declared_ids(data: Any) -> set[str]:
    """Every `id` text anywhere in a document, so a broken file does not make its ids 'unknown'."""
    out: set[str] = set()
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            if isinstance(value.get("id"), str):
                out.add(value["id"])
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return out


def _ids_on_lines(file: Path) -> set[str]:
    """The ids a file that is not YAML shows on its lines (load_file has bounded its size)."""
    try:
        text = file.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return set()
    return set(_ID_LINE.findall(text))


def _follow_ons(problems: list[Problem], roadmap: Roadmap, unloaded: dict[str, set[str]]) -> list[Problem]:
    """Each file that is not YAML gets, on its last problem, the count of references elsewhere to
    the items it shows: they are not checked (nor listed as unknown) until it loads."""
    index = roadmap.item_index()
    references = [r for item in roadmap.items for r in item.requires]
    references += [e.item_id for track in roadmap.tracks for block in track.blocks for e in block.entries]
    for path, ids in unloaded.items():
        count = sum(1 for ref in references if ref in ids and ref not in index)
        own = [p for p in problems if p.path == path]
        if count and own:
            last = max(own)
            noun = "reference" if count == 1 else "references"
            note = f"; …and {count:,} {noun} in other files to items of this file, which did not load"
            problems = [p for p in problems if p != last] + [replace(last, message=last.message + note)]
    return problems


def _phase(
    file: Path, number: int, root: Path, problems: list[Problem], loose: set[str], unloaded: dict[str, set[str]]
) -> Phase | None:
    doc = _document(file, root, "phase", problems, loose, unloaded)
    return build_phase(doc.data, doc.path, number, doc.line_of) if doc else None


def _track(
    file: Path, root: Path, problems: list[Problem], loose: set[str], unloaded: dict[str, set[str]]
) -> Track | None:
    doc = _document(file, root, "track", problems, loose, unloaded)
    return build_track(doc.data, doc.path, doc.line_of) if doc else None


def _identity(file: Path, root: Path, problems: list[Problem], loose: set[str]) -> Identity | None:
    """content/roadmap.yml, when there is one (a roadmap without it gets a neutral name)."""
    if not file.exists() and not file.is_symlink():
        return None
    if file.is_symlink():
        return None  # reported by refuse_links
    doc = _document(file, root, "roadmap", problems, loose, {})
    return build_identity(doc.data, doc.path, doc.line_of) if doc else None

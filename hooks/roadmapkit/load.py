"""The whole pipeline: files -> YAML -> schema -> model -> cross-file checks.

Plain Python with no MkDocs import, so any generator (or a contributor's shell) can use it.
"""

from __future__ import annotations

import gc
from pathlib import Path

from .checks import check_roadmap
from .errors import ContentError, Problem
from .loader import Document, load_file
from .model import Phase, Roadmap, Track, build_phase, build_track
from .schema import check_document, validator_for


def content_files(content_dir: Path, kind: str) -> list[Path]:
    """The YAML files of one kind ('phases' or 'tracks'), in file-name order."""
    folder = content_dir / kind
    return sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")])


SCHEMA_DIR = Path(__file__).resolve().parents[2] / "content" / "schema"


def load_roadmap(content_dir: Path, root: Path | None = None, schema_dir: Path | None = None) -> Roadmap:
    """Load and validate everything; raise ContentError listing every problem at once."""
    # Loading allocates many small objects and frees none; the cyclic collector would rescan all
    # of them again and again (a quarter of the time at 50,000 items), so it waits until the end.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_roadmap(content_dir, root, schema_dir)
    finally:
        if collecting:
            gc.enable()


def _load_roadmap(content_dir: Path, root: Path | None, schema_dir: Path | None) -> Roadmap:
    root = root or content_dir.parent
    schema_dir = schema_dir or (content_dir / "schema" if (content_dir / "schema").is_dir() else SCHEMA_DIR)
    problems: list[Problem] = []
    phases = [
        _phase(f, n, root, schema_dir, problems) for n, f in enumerate(content_files(content_dir, "phases"), start=1)
    ]
    tracks = [_track(f, root, schema_dir, problems) for f in content_files(content_dir, "tracks")]
    if not phases and not problems:
        problems.append(
            Problem(
                _display(content_dir / "phases", root), 1, "", "no phase files found (expected at least one *.yml file)"
            )
        )
    if problems:
        raise ContentError(problems)
    roadmap = Roadmap([p for p in phases if p], [t for t in tracks if t])
    problems = check_roadmap(roadmap)
    if problems:
        raise ContentError(problems)
    return roadmap


def _document(file: Path, root: Path, schema_dir: Path, kind: str, problems: list[Problem]) -> Document | None:
    doc, found = load_file(file, _display(file, root))
    problems.extend(found)
    if doc is None or found:
        return None
    schema_problems = check_document(doc, validator_for(schema_dir, kind))
    problems.extend(schema_problems)
    return None if schema_problems else doc


def _phase(file: Path, number: int, root: Path, schema_dir: Path, problems: list[Problem]) -> Phase | None:
    doc = _document(file, root, schema_dir, "phase", problems)
    return build_phase(doc.data, doc.path, number, doc.line_of) if doc else None


def _track(file: Path, root: Path, schema_dir: Path, problems: list[Problem]) -> Track | None:
    doc = _document(file, root, schema_dir, "track", problems)
    return build_track(doc.data, doc.path, doc.line_of) if doc else None


def _display(file: Path, root: Path) -> str:
    try:
        return file.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return file.as_posix()

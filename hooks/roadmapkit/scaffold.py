"""`roadmap-new`: a valid one-phase, one-track roadmap to start from (the files are in starter/).

Existing files are never overwritten: every target is checked before the first one is written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from string import Template

from .load import SCHEMA_DIR

STARTER = Path(__file__).parent / "starter"
PHASE_FILE = "phases/01-getting-started.yml"
TRACK_FILE = "tracks/two-weeks.yml"


class ScaffoldError(Exception):
    """The roadmap cannot be written where it was asked for."""


def storage_key(title: str) -> str:
    """A lowercase slug from the title: the prefix of the learner's progress key."""
    return re.sub(r"[^a-z0-9]+", "-", title.casefold()).strip("-") or "roadmap"


def starter_files(title: str, schema_dir: Path = SCHEMA_DIR) -> dict[str, str]:
    """The new content/ folder by relative path, with the schema files copied from this project."""
    if not schema_dir.is_dir():
        raise ScaffoldError(f"the schema folder {schema_dir} is missing from this installation")
    has_roadmap_schema = (schema_dir / "roadmap.schema.json").is_file()
    values = {
        "title": json.dumps(title, ensure_ascii=False),  # a JSON string is a YAML double-quoted scalar
        "storage_key": storage_key(title),
        "schema_comment": "# yaml-language-server: $schema=schema/roadmap.schema.json\n" if has_roadmap_schema else "",
    }
    files = {
        "roadmap.yml": _fill("roadmap.yml", values),
        PHASE_FILE: _fill("phase.yml", values),
        TRACK_FILE: _fill("track.yml", values),
        "pages/about.md": (STARTER / "about.md").read_text("utf-8"),
    }
    files.update({f"schema/{p.name}": p.read_text("utf-8") for p in sorted(schema_dir.glob("*.schema.json"))})
    return files


def _fill(name: str, values: dict[str, str]) -> str:
    return Template((STARTER / name).read_text("utf-8")).substitute(values)


def scaffold(project: Path, title: str = "My roadmap") -> list[Path]:
    """Write DIR/content; refuse (writing nothing) if any of its files already exists and differs.

    A file with exactly the text it would get (this project's own schema files, when DIR is this
    project) is kept as it is, so the schema need not be moved aside first.
    """
    content = project / "content"
    files = {content / relative: text for relative, text in starter_files(title).items()}
    files = {path: text for path, text in files.items() if not _same(path, text)}
    existing = [str(path) for path in files if path.exists() or path.is_symlink()]
    if existing:
        raise ScaffoldError("these files exist already and are left alone: " + ", ".join(existing))
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return list(files)


def _same(path: Path, text: str) -> bool:
    return path.is_file() and not path.is_symlink() and path.read_bytes() == text.encode("utf-8")

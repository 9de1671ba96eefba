"""`roadmap-new`: a valid one-phase, one-track roadmap to start from (the files are in starter/).

Existing files are never overwritten: every target is checked before the first one is written.
"""

from __future__ import annotations

import json
import re
import subprocess
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


def starter_files(title: str, schema_dir: Path = SCHEMA_DIR, repository: str | None = None) -> dict[str, str]:
    """The new content/ folder by relative path, with the schema files copied from this project.
    `repository`: the address content/roadmap.yml names (else a commented example to fill in)."""
    if not schema_dir.is_dir():
        raise ScaffoldError(f"the schema folder {schema_dir} is missing from this installation")
    has_roadmap_schema = (schema_dir / "roadmap.schema.json").is_file()
    values = {
        "title": json.dumps(title, ensure_ascii=False),  # a JSON string is a YAML double-quoted scalar
        "storage_key": storage_key(title),
        "schema_comment": "# yaml-language-server: $schema=schema/roadmap.schema.json\n" if has_roadmap_schema else "",
        "repository": f"repository: {repository}\n" if repository else "# repository: https://github.com/OWNER/NAME\n",
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


_REMOTE = re.compile(r"^(?:https://|ssh://git@|git@)(github\.com|gitlab\.com)[:/]([\w.-]+/[\w.-]+?)(?:\.git)?/?$")


def git_repository(project: Path) -> str | None:
    """The https address of the project's `origin` on GitHub or GitLab (a fork's own), if git knows one."""
    try:
        found = subprocess.run(
            ["git", "-C", str(project), "remote", "get-url", "origin"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    match = _REMOTE.match(found.stdout.strip()) if found.returncode == 0 else None
    return f"https://{match[1]}/{match[2]}" if match else None


def leftovers(project: Path, written: list[Path]) -> list[Path]:
    """Files in DIR/content that the starter did not write: what is left of another roadmap."""
    content = project / "content"
    keep = {path.resolve() for path in written} | {p.resolve() for p in (content / "schema").glob("*.schema.json")}
    keep |= {(content / relative).resolve() for relative in starter_files("x")}
    found = (p for p in sorted(content.rglob("*")) if p.is_file() or p.is_symlink())
    return [p for p in found if p.resolve() not in keep]


def scaffold(project: Path, title: str = "My roadmap") -> list[Path]:
    """Write DIR/content; refuse (writing nothing) if any of its files already exists and differs.

    A file with exactly the text it would get (this project's own schema files, when DIR is this
    project) is kept as it is, so the schema need not be moved aside first.
    """
    content = project / "content"
    starter = starter_files(title, repository=git_repository(project))
    files = {content / relative: text for relative, text in starter.items()}
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

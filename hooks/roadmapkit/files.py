"""Which files are content: regular files only, never a symbolic link, nothing stray.

A pull request can add a link such as `content/pages/x.txt -> ../../.git/config`; MkDocs would
follow it and publish the target. Links are refused by path, and nothing of a target is read.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import Problem
from .safety import printable

SUFFIXES = (".yml", ".yaml")
# A name that is safe in a url and an attribute (the "edit this page" link is printed raw by the theme).
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]*\.ya?ml")


def content_files(content_dir: Path, kind: str, root: Path) -> tuple[list[Path], list[Problem]]:
    """The YAML files of one kind ('phases' or 'tracks') in file-name order, and the stray entries."""
    folder = content_dir / kind
    if folder.is_symlink() or not folder.is_dir():
        return [], []  # a linked folder is reported by refuse_links; a missing one by the caller
    files: list[Path] = []
    problems: list[Problem] = []
    for entry in sorted(folder.iterdir()):
        where = display_path(entry, root)
        if entry.is_symlink():
            continue  # reported by refuse_links
        if entry.is_dir():
            problems.append(Problem(where, 1, "", f"is a folder (expected only *.yml files in {kind}/)"))
        elif not entry.name.endswith(SUFFIXES):
            if not entry.name.startswith("."):
                problems.append(Problem(where, 1, "", f"stray file (expected only *.yml files in {kind}/)"))
        elif not _NAME.fullmatch(entry.name):
            message = (
                "file names may hold only lowercase letters, digits, '.', '_' and '-' (expected e.g. 01-basics.yml)"
            )
            problems.append(Problem(printable(where, 120).strip("'"), 1, "", message))
        else:
            files.append(entry)
    return files, problems


def refuse_links(folder: Path, root: Path) -> list[Problem]:
    """Every symbolic link at or under `folder` (not followed), as a problem naming its path only."""
    if folder.is_symlink():
        return [_link_problem(folder, root)]
    problems = []
    for base, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted([*dirs, *files]):
            path = Path(base) / name
            if path.is_symlink():
                problems.append(_link_problem(path, root))
    return problems


def _link_problem(path: Path, root: Path) -> Problem:
    message = "is a symbolic link, which is never followed (expected a regular file or folder)"
    return Problem(display_path(path, root), 1, "", message)


def display_path(path: Path, root: Path) -> str:
    """A path as problems name it: relative to the project root when it is inside it."""
    try:
        return path.absolute().relative_to(root.absolute()).as_posix()
    except ValueError:
        return path.as_posix()

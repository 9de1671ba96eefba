"""Run the engine's unit and browser tests on a copy of the project whose content/ is another
roadmap: `bash scripts/test --content DIR` (CI runs it on tests/fixtures/second, a woodworking
roadmap that shares no id, title or count with this one; on tests/fixtures/minimal, one phase,
module, item and undated track; and on the large roadmap tests/largeroadmap.py writes). Extra
arguments go to pytest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# What a clone does not have: git data, caches, build output, installed packages.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", ".venv", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".hypothesis", "node_modules", "site"
)


def fork_with(content: Path, target: Path) -> Path:
    """A copy of the whole project whose content/ is `content` (plus the engine's schema when the
    content has none)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        return {*NOT_IN_A_CLONE(folder, names), *(["content"] if Path(folder) == ROOT else [])}

    shutil.copytree(ROOT, target, ignore=ignore)
    shutil.copytree(content, target / "content")
    if not (target / "content" / "schema").exists():
        shutil.copytree(ROOT / "content" / "schema", target / "content" / "schema")
    axe = ROOT / "tests" / "browser" / "node_modules"
    if axe.is_dir():  # installed by `npm ci`, not part of the project: share it
        (target / "tests" / "browser" / "node_modules").symlink_to(axe, target_is_directory=True)
    return target


def run(content: Path, pytest_args: list[str]) -> int:
    """The engine's tests in a fork with `content`; pytest's exit code."""
    with tempfile.TemporaryDirectory(prefix="roadmap-fork-") as tmp:
        fork = fork_with(content.resolve(), Path(tmp) / "fork")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        cmd = [
            sys.executable,
            "-m",
            "pytest",
            "-n",
            "2",
            "--dist",
            "loadscope",
            "tests/unit",
            "tests/browser",
            *pytest_args,
        ]
        cmd.append("--ignore=tests/unit/test_forkable.py")  # compares this project's content with the fork's
        return subprocess.run(cmd, cwd=fork, env=env, check=False).returncode


if __name__ == "__main__":
    if len(sys.argv) < 2 or not (Path(sys.argv[1]) / "phases").is_dir():
        sys.exit("usage: python3 tests/forkrun.py CONTENT_DIR [pytest arguments]  (CONTENT_DIR holds phases/)")
    sys.exit(run(Path(sys.argv[1]), sys.argv[2:]))

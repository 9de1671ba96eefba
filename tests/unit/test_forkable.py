"""A fork that replaces content/ with any valid roadmap passes the engine's tests unchanged.

The project is copied with content/ swapped for tests/fixtures/second (a woodworking roadmap that
shares no id, title or count with the real one), and the test suite runs there in a subprocess:
the whole unit folder and the whole browser folder (Chromium through Playwright).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from sitebuild import FIXTURES, ROOT

SECOND = FIXTURES / "second"
# What a clone does not have: git data, caches, build output, installed packages.
NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git", "__pycache__", "*.egg-info", ".pytest_cache", ".ruff_cache", ".hypothesis", "node_modules", "site", "out"
)


def fork_with(content: Path, target: Path) -> Path:
    """A copy of the whole project whose content/ is `content` (plus the engine's schema)."""
    shutil.copytree(ROOT, target, ignore=lambda d, names: ["content"] if Path(d) == ROOT else NOT_IN_A_CLONE(d, names))
    shutil.copytree(content, target / "content")
    shutil.copytree(ROOT / "content" / "schema", target / "content" / "schema")
    axe = ROOT / "tests" / "browser" / "node_modules"
    if axe.is_dir():  # installed by `npm ci`, not part of the project: share it
        (target / "tests" / "browser" / "node_modules").symlink_to(axe, target_is_directory=True)
    return target


def test_the_second_roadmap_is_a_different_one() -> None:
    from roadmapkit import load_roadmap

    real, second = load_roadmap(ROOT / "content", ROOT), load_roadmap(SECOND, SECOND)
    for kind in ("phases", "tracks", "items"):
        ours, theirs = getattr(real, kind), getattr(second, kind)
        assert {x.id for x in ours}.isdisjoint(x.id for x in theirs), kind
        assert len(ours) != len(theirs), kind
    assert not (SECOND / "schema").exists(), "the schema belongs to the engine"


def test_the_engine_suite_passes_on_a_fork_with_another_roadmap(tmp_path: Path) -> None:
    fork = fork_with(SECOND, tmp_path / "fork")
    assert not (fork / "content" / "phases" / "01-foundations.yml").exists()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTEST_XDIST_WORKER", None)
    cmd = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-n", "2"]
    cmd += ["--ignore=tests/unit/test_forkable.py", "tests/unit", "tests/browser"]
    result = subprocess.run(cmd, cwd=fork, env=env, capture_output=True, text=True, check=False, timeout=1500)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " skipped" not in result.stdout, result.stdout[-2000:]

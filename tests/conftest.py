"""Shared fixtures: paths, and a helper that makes a content folder from fixture files."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


@pytest.fixture
def mini_content(tmp_path: Path) -> Path:
    """A copy of the small valid fixture roadmap (one phase, one track) to add files to."""
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "mini", target)
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session with `mkdocs build --strict`."""
    from sitebuild import mkdocs_build

    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built with `mkdocs build --strict` from content whose every text field is markup."""
    from hostile import copy_hostile_project
    from sitebuild import mkdocs_build

    base = tmp_path_factory.mktemp("hostile")
    project = copy_hostile_project(base / "project")
    result = mkdocs_build(project, base / "site", SITE_URL="")
    assert result.returncode == 0, result.stderr
    return base / "site"

"""ProperDocs, the maintained drop-in fork of MkDocs 1.6 that keeps hooks, builds the same site.

properdocs installs beside mkdocs (own package, own `properdocs` command; while it runs, `mkdocs.*`
imports of hooks and themes resolve to it), so both builders are tested in one environment.
"""

from __future__ import annotations

import importlib.util
import re
import tomllib
from collections import Counter
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

from roadmapkit import load_roadmap
from sitebuild import ROOT, site_build

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"

IDS = re.compile(r'data-roadmap-id="([^"]*)"')
GENERATOR = re.compile(r'<meta name="generator" content="([^"]*)"')


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert importlib.util.find_spec("properdocs"), "properdocs is in the test lock: bash scripts/test installs it"
    site = tmp_path_factory.mktemp("properdocs-site")
    result = site_build("properdocs", ROOT, site)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


def _files(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}


def _ids(site: Path) -> dict[str, Counter[str]]:
    return {
        p.relative_to(site).as_posix(): Counter(IDS.findall(p.read_text("utf-8"))) for p in sorted(site.rglob("*.html"))
    }


def test_the_site_was_built_by_properdocs(properdocs_site: Path, built_site: Path) -> None:
    assert "ProperDocs" in GENERATOR.search((properdocs_site / "index.html").read_text("utf-8")).group(1)
    assert "ProperDocs" not in GENERATOR.search((built_site / "index.html").read_text("utf-8")).group(1)


def test_properdocs_builds_the_same_pages_as_mkdocs(properdocs_site: Path, built_site: Path) -> None:
    pages = _files(built_site)
    assert {"index.html", "progress/index.html", "map/index.html", "roadmap.json"} <= pages
    assert _files(properdocs_site) == pages


def test_properdocs_pages_have_the_same_checkboxes_as_mkdocs(properdocs_site: Path, built_site: Path) -> None:
    expected = _ids(built_site)
    roadmap = load_roadmap(ROOT / "content", ROOT)
    assert sum(len(c) for c in expected.values()) >= len(roadmap.items), "every item on its phase page at least"
    assert _ids(properdocs_site) == expected


def test_properdocs_publishes_the_same_roadmap_data(properdocs_site: Path, built_site: Path) -> None:
    assert (properdocs_site / "roadmap.json").read_bytes() == (built_site / "roadmap.json").read_bytes()


def test_ci_builds_strictly_with_both_builders() -> None:
    job = yaml.safe_load(WORKFLOW.read_text("utf-8"))["jobs"]["builders"]
    assert job["strategy"]["matrix"]["builder"] == ["mkdocs", "properdocs"]
    step = next(s for s in job["steps"] if "build --strict" in s.get("run", ""))
    assert step["env"]["BUILDER"] == "${{ matrix.builder }}" and '"$BUILDER" build --strict' in step["run"]


def test_mkdocs_stays_below_2_and_properdocs_comes_with_the_test_extra() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = {Requirement(r).name: Requirement(r).specifier for r in project["dependencies"]}
    tools = {Requirement(r).name: Requirement(r).specifier for r in project["optional-dependencies"]["test"]}
    for spec in (wanted["mkdocs"], tools["properdocs"]):
        assert "1.6.5" in spec and "1.6.9" in spec and "2.0.0" not in spec and "2.0.0rc1" not in spec, spec

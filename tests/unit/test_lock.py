"""The locks in requirements/ (written by scripts/lock) agree with pyproject.toml: every package is
pinned exactly with hashes, every direct dependency within its range, the site's lock is the test
lock's subset, and the lowest lock holds the lower bounds that pyproject.toml claims."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCKS = ROOT / "requirements"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")


def _pins(name: str) -> dict[str, set[str]]:
    """Package -> its pinned versions (one per Python where the lock splits), checking each has a hash."""
    pins: dict[str, set[str]] = {}
    lines = (LOCKS / name).read_text("utf-8").splitlines()
    for number, line in enumerate(lines):
        if line and not line.startswith((" ", "#")):
            found = PIN.match(line)
            assert found, f"{name}:{number + 1}: not an exact pin: {line}"
            assert lines[number + 1].strip().startswith("--hash=sha256:"), f"{name}:{number + 1}: no hash"
            pins.setdefault(canonicalize_name(found[1]), set()).add(found[2])
    return pins


def _direct() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    deps = project["project"]["dependencies"] + project["project"]["optional-dependencies"]["test"]
    return [Requirement(d) for d in deps + project["build-system"]["requires"]]


@pytest.mark.parametrize("lock", ["site.txt", "test.txt", "lowest.txt"])
def test_every_locked_package_is_exact_and_hashed(lock: str) -> None:
    assert len(_pins(lock)) > 20


def test_the_test_lock_holds_every_direct_dependency_within_its_range() -> None:
    pins = _pins("test.txt")
    for req in _direct():
        versions = pins.get(canonicalize_name(req.name))
        assert versions, f"{req.name} is not in requirements/test.txt: run bash scripts/lock"
        assert all(req.specifier.contains(v) for v in versions), f"{req} but the lock has {versions}"


def test_the_site_lock_is_the_test_lock_for_what_the_site_needs() -> None:
    site, test = _pins("site.txt"), _pins("test.txt")
    assert {name: site[name] == test.get(name) for name in site} == dict.fromkeys(site, True)
    assert "pytest" not in site and "mkdocs" in site


def test_the_lowest_lock_holds_each_lower_bound_that_pyproject_states() -> None:
    lowest = _pins("lowest.txt")
    for req in _direct():
        floors = {Version(s.version) for s in req.specifier if s.operator in (">=", "==")}
        assert floors, f"{req} states no lower bound"
        locked = {Version(v) for v in lowest[canonicalize_name(req.name)]}
        assert locked == floors, f"{req}: the lowest lock has {locked}"

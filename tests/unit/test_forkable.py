"""A fork that replaces content/ with any valid roadmap passes the engine's tests unchanged.

The run itself is its own command and its own CI job: `bash scripts/test --content
tests/fixtures/second` runs the unit and browser folders on a copy of the project whose content/ is
the second roadmap (tests/forkrun.py). Here: that roadmap is another one, and the copy is a fork.
"""

from __future__ import annotations

from pathlib import Path

from forkrun import fork_with
from sitebuild import FIXTURES, ROOT

SECOND = FIXTURES / "second"


def test_the_second_roadmap_is_a_different_one() -> None:
    from roadmapkit import load_roadmap

    real, second = load_roadmap(ROOT / "content", ROOT), load_roadmap(SECOND, SECOND)
    for kind in ("phases", "tracks", "items"):
        ours, theirs = getattr(real, kind), getattr(second, kind)
        assert {x.id for x in ours}.isdisjoint(x.id for x in theirs), kind
        assert len(ours) != len(theirs), kind
    assert not (SECOND / "schema").exists(), "the schema belongs to the engine"


def test_a_fork_has_the_engine_and_only_the_other_content(tmp_path: Path) -> None:
    fork = fork_with(SECOND, tmp_path / "fork")
    theirs = {p.relative_to(fork / "content") for p in (fork / "content").rglob("*.yml")}
    assert theirs == {p.relative_to(SECOND) for p in SECOND.rglob("*.yml")}
    assert not (fork / "content" / "phases" / "01-foundations.yml").exists()
    for engine in ("hooks/roadmapkit/model.py", "overrides/assets/roadmap.js", "mkdocs.yml", "tests/conftest.py"):
        assert (fork / engine).read_bytes() == (ROOT / engine).read_bytes(), engine
    assert not (fork / ".git").exists() and not (fork / ".venv").exists()

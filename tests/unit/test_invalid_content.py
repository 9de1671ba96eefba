"""Every invalid input under tests/invalid/ fails with exactly the messages it expects."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from roadmapkit import ContentError, load_roadmap

INVALID = Path(__file__).parents[1] / "invalid"
CASES = sorted(p.stem for p in INVALID.glob("*.yml"))


@pytest.mark.parametrize("name", CASES)
def test_invalid_file_reports_file_line_and_key(name: str, mini_content: Path) -> None:
    folder = "tracks" if name.startswith("track-") else "phases"
    shutil.copy(INVALID / f"{name}.yml", mini_content / folder / f"{name}.yml")
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content)
    expected = (INVALID / f"{name}.expected").read_text("utf-8").splitlines()
    assert [str(p) for p in caught.value.problems] == sorted(expected, key=_sort_key)


def _sort_key(line: str) -> tuple[str, int, str]:
    path, lineno, rest = line.split(":", 2)
    return path, int(lineno), rest


def test_every_invalid_case_has_an_expectation() -> None:
    assert CASES, "no invalid cases found"
    for name in CASES:
        assert (INVALID / f"{name}.expected").is_file(), name

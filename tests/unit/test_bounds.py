"""Bounded work: no content, however crafted, keeps validation or the build busy (GitHub issue #22).

No test here times anything (bench/hostile.py prints the figures): each shows the crafted input
refused at its file, line and key, or the work it causes counted and bounded.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jsonschema import _utils

from roadmapkit import ContentError, load_roadmap

PHASE = "id: p2\ntitle: P2\ngoal: g\nduration: 1 week\nmodules:\n  - id: m2\n    title: M2\n    topics:\n"


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_roadmap(content, content.parent)
    return [str(p) for p in caught.value.problems]


# ---- 5. uniqueness without comparing every pair ----


def test_unique_items_are_checked_without_comparing_pairs(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Mixed numbers and texts cannot be sorted, so jsonschema compared all n*(n-1)/2 pairs (68 s for 20,000)."""
    calls = 0
    equal = _utils.equal

    def counted(one: object, two: object) -> bool:
        nonlocal calls
        calls += 1
        return equal(one, two)

    monkeypatch.setattr(_utils, "equal", counted)
    entries = [str(n) if n % 2 else f"a{n}" for n in range(1_000)] + ["a0"]
    (mini_content / "phases" / "02-p2.yml").write_text(
        PHASE + f"      - {{id: t2, title: T2, requires: [{', '.join(entries)}]}}\n", "utf-8"
    )
    problems = _problems(mini_content)
    assert (
        "content/phases/02-p2.yml:9: modules[0].topics[0].requires: lists the same value twice (expected each once)"
        in problems
    )
    assert calls < 10_000, f"{calls} comparisons for 1,001 entries"

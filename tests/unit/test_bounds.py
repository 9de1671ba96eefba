"""Bounded work: no content, however crafted, keeps validation or the build busy (GitHub issue #22).

No test here times anything (bench/hostile.py prints the figures): each shows the crafted input
refused at its file, line and key, or the work it causes counted and bounded.
"""

from __future__ import annotations

import difflib
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


# ---- 6. "did you mean" for the first few unknown ids only ----


def test_only_the_first_unknown_ids_get_a_hint(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each hint compares the id with every item id (26 s for 400 unknown ids beside a 1 MB file)."""
    from roadmapkit import checks
    from roadmapkit.limits import MAX_HINTS

    searched: list[str] = []
    close = difflib.get_close_matches

    def counted(word: str, *args: object, **kwargs: object) -> list[str]:
        searched.append(word)
        return close(word, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checks.difflib, "get_close_matches", counted)
    unknown = [f"python-syntx-{n}" for n in range(3 * MAX_HINTS)]
    (mini_content / "phases" / "02-p2.yml").write_text(
        PHASE + f"      - {{id: t2, title: T2, requires: [python-syntx, {', '.join(unknown)}]}}\n", "utf-8"
    )
    problems = _problems(mini_content)
    assert len(searched) == MAX_HINTS
    assert any("unknown item id 'python-syntx'; did you mean 'python-syntax'?" in p for p in problems)
    last = f"content/phases/02-p2.yml:9: t2.requires: unknown item id '{unknown[-1]}' (expected the id of an item)"
    assert last in problems, "past the hints, unknown ids are still reported, without one"
    assert sum("unknown item id" in p for p in problems) == len(unknown) + 1

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


# ---- 4. hand-written pages: a size cap, a shape check before Markdown, a time bound ----


def _page_problems(content: Path, name: str, text: str) -> list[str]:
    (content / "pages").mkdir(exist_ok=True)
    (content / "pages" / name).write_text(text, "utf-8")
    return _problems(content)


def _no_page_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail the test if Markdown renders a page: the page must be refused before that."""
    from roadmapkit import pages

    monkeypatch.setattr(pages.markdown, "Markdown", lambda *a, **k: pytest.fail("Markdown rendered a refused page"))


def test_a_page_of_backticks_without_a_match_is_refused_unrendered(
    mini_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """30 kB of ``_` took 13 s to validate and 61 s to build: each opener searched to the end."""
    _no_page_markdown(monkeypatch)
    problems = _page_problems(mini_content, "slow.md", "# Slow\n\nIntro.\n\n" + "``_`" * 2_500 + "\n")
    assert len(problems) == 1
    assert problems[0].startswith("content/pages/slow.md:5: (file): has '[', '(' or backticks without their match")


@pytest.mark.parametrize(
    ("name", "text", "line", "message"),
    [
        pytest.param("brackets", "A\n\n" + "[a " * 3_000, 3, "has '[', '(' or backticks without", id="brackets"),
        pytest.param("parens", "[a](((((( " * 500, 1, "has '[', '(' or backticks without their match", id="parens"),
        pytest.param("headings", "# a\n" * 400, 301, "has 400 headings (expected at most 300)", id="headings"),
        pytest.param("setext", "a\n=\n\n" * 400, 902, "has 400 headings (expected at most 300)", id="setext"),
        pytest.param("fences", "```\n" * 600, 501, "has 600 code fence lines (expected at most 500)", id="fences"),
        pytest.param("quotes", "Hi\n\n" + "> " * 50 + "a\n", 3, "nests lists or quotes 50 levels deep", id="quotes"),
        pytest.param("block", "Hi\n\n" + "- a\n" * 200, 3, "has 200 lines without a blank line", id="block"),
        # Markdown's raw-HTML reader takes each '<' and a letter for a tag and reads on to its '>':
        # 95 kB of '<a@a ' took 277 s to validate, and a quote opens a value that may hold '>'.
        pytest.param("tag-starts", "# A\n\nIntro.\n\n" + "<a@a " * 4_000, 5, "has '<' and a letter", id="tag-starts"),
        pytest.param("tag-quotes", "# A\n\n" + "<a x='>' " * 3_000, 3, "has '<' and a letter", id="tag-quotes"),
    ],
)
def test_a_page_shaped_to_make_markdown_slow_is_refused_at_its_line(
    mini_content: Path, monkeypatch: pytest.MonkeyPatch, name: str, text: str, line: int, message: str
) -> None:
    _no_page_markdown(monkeypatch)
    problems = _page_problems(mini_content, f"{name}.md", text)
    assert len(problems) == 1
    assert problems[0].startswith(f"content/pages/{name}.md:{line}: (file): {message}")


def test_code_inside_fences_is_not_counted_as_markdown(mini_content: Path) -> None:
    code = "    " * 12 + "return `x` + `"
    text = "# Code\n\n```python\n" + f"{code}\n" * 160 + "```\n"
    (mini_content / "pages").mkdir()
    (mini_content / "pages" / "code.md").write_text(text, "utf-8")
    load_roadmap(mini_content, mini_content.parent)


def test_html_written_in_code_spans_is_not_counted_as_slow(mini_content: Path) -> None:
    text = "# Tags\n\n" + 'Write `<div class="note">` and `</div>`, or `a<b` and `i<n`.\n\n' * 300
    (mini_content / "pages").mkdir()
    (mini_content / "pages" / "tags.md").write_text(text, "utf-8")
    load_roadmap(mini_content, mini_content.parent)


def test_an_oversized_page_is_refused_unread(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapkit import pages
    from roadmapkit.limits import MAX_PAGE_BYTES

    monkeypatch.setattr(pages, "_read", lambda path: pytest.fail("an oversized page was read"))
    problems = _page_problems(mini_content, "big.md", "a" * (MAX_PAGE_BYTES + 1))
    assert problems == [
        f"content/pages/big.md:1: (file): page is {MAX_PAGE_BYTES + 1:,} bytes (expected at most {MAX_PAGE_BYTES:,})"
    ]


def test_pages_past_their_weight_together_are_refused(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapkit import limits

    monkeypatch.setattr(limits, "MAX_PAGES_WEIGHT", 1_000)
    (mini_content / "pages").mkdir()
    for name in ("a.md", "b.md"):
        (mini_content / "pages" / name).write_text("Text.\n\n" * 100, "utf-8")
    problems = _problems(mini_content)
    assert len(problems) == 1
    assert problems[0].startswith("content/pages/b.md:1: (file): pages weigh more than 1,000 together")


def test_a_page_slower_than_its_time_bound_is_refused(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The last guard, for a shape nothing above counts: the page's check is timed (perf_counter)."""
    from roadmapkit import limits

    monkeypatch.setattr(limits, "MAX_PAGE_SECONDS", 0.0)
    problems = _page_problems(mini_content, "about.md", "# About\n\nA normal page.\n")
    assert len(problems) == 1
    assert problems[0].startswith("content/pages/about.md:1: (file): took ")
    assert problems[0].endswith(" s to check and render (expected well under 0 s)")


# ---- 7. a budget for the whole of content/ ----


def test_content_past_its_byte_budget_is_refused_before_any_file_is_read(
    mini_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from roadmapkit import limits, load

    monkeypatch.setattr(limits, "MAX_CONTENT_BYTES", 3_000)
    monkeypatch.setattr(load, "load_file", lambda *args: pytest.fail("a file was read"))
    (mini_content / "phases" / "02-p2.yml").write_text(PHASE + "      - {id: t2, title: T2}\n" * 100, "utf-8")
    problems = _problems(mini_content)
    assert len(problems) == 1
    assert problems[0].startswith("content:1: (file): holds ")
    assert problems[0].endswith(" bytes in all (expected at most 3,000): the content budget")


def test_content_past_its_file_budget_is_refused(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapkit import limits

    monkeypatch.setattr(limits, "MAX_CONTENT_FILES", 10)
    for n in range(10):
        (mini_content / "phases" / f"{n:02d}-x.yml").write_text(PHASE.replace("p2", f"p{n}"), "utf-8")
    assert _problems(mini_content) == [
        "content:1: (file): holds more than 10 files and folders (expected at most that many): the content budget"
    ]


def test_items_past_their_budget_are_refused(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapkit import limits

    monkeypatch.setattr(limits, "MAX_ITEMS", 3)
    assert _problems(mini_content)[-1].startswith("content:1: (file): has ")
    assert _problems(mini_content)[-1].endswith(" items (expected at most 3): the content budget")


def test_markdown_past_its_budget_is_refused_before_any_is_rendered(
    mini_content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """1 MB of descriptions, each just under the per-text limits, took 86 s."""
    from roadmapkit import limits, text

    monkeypatch.setattr(text, "markdown_html", lambda *a: pytest.fail("Markdown rendered a refused text"))
    monkeypatch.setattr(limits, "MAX_MARKDOWN_WEIGHT", 100)
    problems = _problems(mini_content)
    assert len(problems) == 1
    assert problems[0].startswith("content:1: (file): Markdown texts weigh ")
    assert problems[0].endswith("(expected at most 100): the content budget")


def test_markdown_texts_past_their_count_are_refused(mini_content: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from roadmapkit import limits, text

    monkeypatch.setattr(text, "markdown_html", lambda *a: pytest.fail("Markdown rendered a refused text"))
    monkeypatch.setattr(limits, "MAX_MARKDOWN_TEXTS", 1)
    problems = _problems(mini_content)
    assert len(problems) == 1 and " Markdown texts (expected at most 1): the content budget" in problems[0]


def test_markup_weighs_more_than_prose() -> None:
    from roadmapkit.text import markdown_weight

    assert markdown_weight("plain words") == 11
    assert markdown_weight("*_") == 80

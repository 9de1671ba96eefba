"""The YAML loader keeps lines for keys and refuses anything that is not plain data."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
import yaml

from roadmapkit.loader import MAX_BYTES, load_file, load_text


def test_lines_are_recorded_for_nested_keys() -> None:
    doc, problems = load_text("a: 1\nb:\n  - c: x\n    d: [1, 2]\n", "f.yml")
    assert problems == []
    assert doc.data == {"a": 1, "b": [{"c": "x", "d": [1, 2]}]}
    assert doc.line_of(("b", 0, "d")) == 4
    assert doc.line_of(("b", 0, "d", 1)) == 4
    assert doc.line_of(("b", 0, "missing")) == 3


def test_dates_and_plain_scalars_stay_plain() -> None:
    doc, _ = load_text("when: 2024-01-31\nyes_: yes\nn: 1.5\nz: ~\n", "f.yml")
    assert doc.data == {"when": "2024-01-31", "yes_": True, "n": 1.5, "z": None}


def test_billion_laughs_fails_fast_with_bounded_memory() -> None:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    tracemalloc.start()
    started = time.perf_counter()
    _, problems = load_text("\n".join(lines) + "\n", "bomb.yml")
    elapsed = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert problems and all("anchors and aliases are not allowed" in p.message for p in problems)
    assert elapsed < 1.0 and peak < 20_000_000


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    big.write_bytes(b"a: " + b"x" * MAX_BYTES + b"\n")
    doc, problems = load_file(big, "big.yml")
    assert doc is None
    assert str(problems[0]).startswith("big.yml:1: (file): file is 1,000,004 bytes (expected at most 1,000,000)")


def test_non_utf8_bytes_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_bytes(b"id: x\ntitle: caf\xe9\n")
    _, problems = load_file(bad, "bad.yml")
    assert str(problems[0]) == "bad.yml:2: (file): byte 0xe9 is not UTF-8 (expected a UTF-8 text file)"


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yml"
    bom.write_bytes("\ufeffid: x\n".encode())
    doc, problems = load_file(bom, "bom.yml")
    assert problems == [] and doc.data == {"id": "x"}


def test_non_string_keys_are_refused() -> None:
    _, problems = load_text("1: a\n", "f.yml")
    assert [p.message for p in problems] == ["keys must be plain text"]


def test_a_second_document_is_refused_with_its_line() -> None:
    doc, problems = load_text("id: a\n---\nid: b\n", "two.yml")
    assert doc is None
    assert str(problems[0]).startswith("two.yml:2: (file): YAML syntax error: but found another document")


def test_tags_on_collections_and_keys_are_refused_and_the_rest_kept() -> None:
    text = "a: !!set {x: null}\n? [k]\n: v\nb: !!binary aGk=\nc: 'quoted: yes'\nd: !!str 3\n"
    doc, problems = load_text(text, "f.yml")
    assert [(p.line, p.key, p.message.split(" (")[0]) for p in problems] == [
        (1, "a", "tag 'tag:yaml.org,2002:set' is not allowed"),
        (2, "", "keys must be plain text"),
        (4, "b", "tag 'tag:yaml.org,2002:binary' is not allowed"),
    ]
    assert doc.data == {"a": None, "b": None, "c": "quoted: yes", "d": "3"}


def test_nesting_deeper_than_any_parser_allows_is_one_problem_at_its_line() -> None:
    """Our own depth check or the YAML parser's (PyYAML 6.0.4's libyaml stops at 1,000 levels, as it
    scans ahead): either way one problem at the line of the nesting, never a traceback."""
    for depth in (17, 999, 1_001, 5_000):
        text = "id: p\ntitle: P\n\nmodules: " + "[" * depth + "]" * depth + "\n"
        data, problems = load_text(text, "phases/deep.yml")
        assert data is None or problems, depth
        assert [(p.path, p.line) for p in problems] == [("phases/deep.yml", 4)], (depth, problems)


def test_a_parser_error_inside_a_value_already_too_deep_reports_the_depth() -> None:
    text = "a:\n" + "".join("  " * n + "- b:\n" for n in range(1, 18)) + "  " * 18 + "- [" + "[" * 1_100 + "\n"
    _, problems = load_text(text, "x.yml")
    assert len(problems) == 1 and problems[0].key.startswith("a[0].b[0]"), problems


def test_a_list_past_the_cap_is_refused_at_its_key() -> None:
    from roadmapkit.limits import MAX_LIST

    entries = ", ".join(["a", "1"] * (MAX_LIST // 2 + 1))
    doc, problems = load_text(f"id: x\nrequires: [{entries}]\n", "long.yml")
    assert [str(p) for p in problems] == [
        f"long.yml:2: requires: list has {MAX_LIST + 2:,} entries (expected at most {MAX_LIST:,})"
    ]
    assert doc is not None and doc.data["requires"] is None


def test_numbers_are_parsed_once_by_the_event_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each number was parsed a second time by a fresh yaml.safe_load (33-53 s for 1 MB of numbers)."""

    def second_parse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a number was parsed again")

    monkeypatch.setattr(yaml, "safe_load", second_parse)
    doc, problems = load_text("a: [1, 0x1f, 1_000, 1.5, 2e3, 1:30, yes, Off]\n", "n.yml")
    assert problems == [] and doc is not None
    assert doc.data == {"a": [1, 31, 1000, 1.5, "2e3", 90, True, False]}


@pytest.mark.parametrize("text", [".nan", ".NaN", ".inf", "-.inf", "+.Inf", "1.0e+999", '!!float ".nan"'])
def test_a_number_that_is_not_finite_is_refused(text: str) -> None:
    _, problems = load_text(f"weeks: {text}\n", "w.yml")
    assert [(p.line, p.key) for p in problems] == [(1, "weeks")]
    assert "is not a finite number" in problems[0].message


def test_an_explicit_tag_on_text_that_is_no_number_is_a_problem_not_a_crash() -> None:
    _, problems = load_text("a: !!int abc\nb: !!bool maybe\n", "t.yml")
    assert [(p.line, p.key) for p in problems] == [(1, "a"), (2, "b")]

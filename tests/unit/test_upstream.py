"""Material's partials we copied are touched knowingly: each copy names its upstream file and the
Material version it was copied from, and differs from the installed Material's file only by the
changes declared here. A partial of our own says so and is checked against nothing (issue 27)."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import material
import pytest

from sitebuild import ROOT

UPSTREAM = Path(material.__file__).parent / "templates" / "partials"
PARTIALS = ROOT / "overrides" / "partials"
HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)  # the leading Jinja comment: upstream's and ours
COPIED = re.compile(r"\A\{#- Copied from Material for MkDocs (\d+\.\d+\.\d+), material/templates/partials/(\S+\.html)")
OWN = "{#- Our own, not a copy:"

# Each copy's intended changes: (upstream text, our text, how many times upstream has it, why).
CHANGES: dict[str, list[tuple[str, str, int, str]]] = {
    "search.html": [
        ('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1, "the dialog is named"),
    ],
    "source.html": [
        (' data-md-component="source">', ">", 1, "no request to the GitHub API"),
        ("{{ config.repo_url }}", "{{ config.repo_url | e }}", 1, "a fork's address stays text"),
        ("{{ config.repo_name }}", "{{ config.repo_name | e }}", 1, "a fork's name stays text"),
    ],
    "palette.html": [
        ('data-md-component="palette"', "data-rm-palette", 1, "our script, not Material's component"),
        ("{{ option.media }}", "{{ option.media | e }}", 1, "mkdocs.yml values escaped"),
        ("| replace(' ', '-') }}", "| replace(' ', '-') | e }}", 3, "mkdocs.yml values escaped"),
        ("{{ option.toggle.name }}", "{{ option.toggle.name | e }}", 2, "mkdocs.yml values escaped"),
    ],
    "javascripts/base.html": [
        (
            'new URL("{{ config.extra.scope | d(base_url) }}",location)',
            "new URL({{ config.extra.scope | d(base_url) | tojson }},location)",
            1,
            "the scope written as a JSON string",
        ),
        (
            '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e))',
            '__md_get=(e,_,t=__md_scope)=>{try{return JSON.parse((_||localStorage).getItem(t.pathname+"."+e))}'
            "catch(e){return null}}",
            1,
            "blocked or corrupt storage reads as nothing",
        ),
        (
            "__md_set=(e,_,t=localStorage,a=__md_scope)=>{try{t.setItem(",
            "__md_set=(e,_,t,a=__md_scope)=>{try{(t||localStorage).setItem(",
            1,
            "blocked storage: localStorage is read inside the try",
        ),
    ],
}


def _body(text: str) -> str:
    """A partial without its leading comment (upstream's "generated" note, our provenance)."""
    return HEADER.sub("", text, count=1)


def _partials() -> list[str]:
    return sorted(p.relative_to(PARTIALS).as_posix() for p in PARTIALS.rglob("*.html"))


def drift(name: str, upstream: str, ours: str) -> list[str]:
    """How our copy `ours` of upstream's `name` differs from upstream's text with the declared changes
    made: a declared change upstream no longer has as often, then the lines that differ."""
    expected = _body(upstream)
    problems = []
    for old, new, times, why in CHANGES[name]:
        if expected.count(old) != times:
            problems.append(f"upstream has {old!r} {expected.count(old)} times, not {times} ({why})")
        expected = expected.replace(old, new)
    diff = difflib.unified_diff(
        expected.splitlines(), _body(ours).splitlines(), "upstream, changed", "ours", lineterm=""
    )
    return problems + list(diff)


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_copied_partial_differs_from_upstream_only_by_its_declared_changes(name: str) -> None:
    upstream, ours = (UPSTREAM / name).read_text("utf-8"), (PARTIALS / name).read_text("utf-8")
    assert drift(name, upstream, ours) == [], f"re-copy {name} from Material and make the changes declared here"


def test_the_drift_check_finds_an_undeclared_change_and_a_moved_one() -> None:
    upstream, ours = (UPSTREAM / "search.html").read_text("utf-8"), (PARTIALS / "search.html").read_text("utf-8")
    changed = upstream.replace('class="md-search__inner"', 'class="md-search__inner md-other"')
    moved = upstream.replace('role="dialog">', 'role="dialog" hidden>')
    assert drift("search.html", upstream, ours) == []
    assert [line for line in drift("search.html", changed, ours) if line.startswith("-")][1:] == [
        '-  <div class="md-search__inner md-other" role="search">'
    ]
    assert drift("search.html", moved, ours)[0].startswith("upstream has 'role=\"dialog\">' 0 times")


@pytest.mark.parametrize("name", sorted(CHANGES))
def test_a_copied_partial_names_its_upstream_file_and_version(name: str) -> None:
    found = COPIED.match((PARTIALS / name).read_text("utf-8"))
    assert found is not None and found.group(2) == name, "expected: {#- Copied from Material for MkDocs X.Y.Z, <path>"


def test_every_partial_is_a_declared_copy_or_says_it_is_our_own() -> None:
    own = [name for name in _partials() if (PARTIALS / name).read_text("utf-8").startswith(OWN)]
    assert sorted([*CHANGES, *own]) == _partials()
    assert not set(own) & set(CHANGES)

"""The page contract (hooks/roadmapkit/contract.py): the data attributes, the storage key, the
occurrence key and the progress-set format are declared once, and every page and script keeps to it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roadmapkit import Renderer, contract, load_roadmap
from roadmapkit.assets import CONTRACT, minify
from roadmapkit.model import Entry
from roadmapkit.pacing import entry_key
from sitebuild import FIXTURES, ROOT

HOOKS = ROOT / "hooks"
OVERRIDES = ROOT / "overrides"
SCRIPTS = (OVERRIDES / "assets" / "roadmap.js", OVERRIDES / "assets" / "roadmap-tools.js")
ATTRIBUTE = re.compile(r"data-(?:rm|roadmap)-[a-z]+(?:-[a-z]+)*")


def _sources() -> list[Path]:
    """Everything that writes or reads a page: templates, overrides, scripts, the Python engine."""
    templates = [*(HOOKS / "roadmapkit" / "templates").iterdir(), OVERRIDES / "main.html"]
    partials = sorted((OVERRIDES / "partials").rglob("*.html"))
    python = [p for p in sorted(HOOKS.rglob("*.py")) if p.name != "contract.py"]
    return [*templates, *partials, *SCRIPTS, *python]


def test_every_data_attribute_is_declared_and_used() -> None:
    used = {name: path.name for path in _sources() for name in ATTRIBUTE.findall(path.read_text("utf-8"))}
    undeclared = {name: where for name, where in used.items() if name not in contract.ATTRIBUTES}
    assert not undeclared, f"declare these in hooks/roadmapkit/contract.py ATTRIBUTES: {undeclared}"
    assert set(contract.ATTRIBUTES) <= set(used), set(contract.ATTRIBUTES) - set(used)


@pytest.mark.parametrize(
    ("plain", "choices"),
    [([], []), (["a", "b"], []), (["a"], [[["x1", "x2"], ["y1"]]]), ([], [[["x"], ["y"]], [["p", "q"], ["r"]]])],
)
def test_a_progress_set_reads_back_as_built(plain: list[str], choices: list[list[list[str]]]) -> None:
    spec = contract.progress_set(plain, choices)
    assert contract.parse_set(spec) == ([[plain]] if plain else []) + choices


def test_the_progress_set_format() -> None:
    assert contract.progress_set(["a", "b"], [[["x1", "x2"], ["y1"]]]) == "a b ; x1 x2 | y1"
    assert Renderer.set_total("a b ; x1 x2 | y1") == 4  # both plain items, and the larger option


def test_the_occurrence_key_format() -> None:
    roadmap = load_roadmap(FIXTURES / "second", FIXTURES)
    track = next(t for t in roadmap.tracks if t.id == "reference")
    block = next(b for b in track.blocks if b.id == "needs")
    assert entry_key(Entry("sanding", None, 1, "occurrence"), track, block) == "sanding@reference/needs"
    assert contract.occurrence_key("sanding", "reference", "needs") == "sanding@reference/needs"


def test_the_build_writes_the_contract_into_the_script() -> None:
    """roadmap.js as built carries contract.browser(), whatever its source's copy says."""
    source = SCRIPTS[0].read_text("utf-8")
    stale = source.replace('"setGroups": " ; "', '"setGroups": " ;; "')
    built = minify("assets/roadmap.js", stale)
    names = json.dumps(contract.browser(), separators=(",", ":"))
    assert f"var CONTRACT={names};" in built and " ;; " not in built


def test_the_source_copy_of_the_contract_is_current() -> None:
    """Run unbuilt (straight from overrides/), the script still agrees with contract.py."""
    copy = CONTRACT.search(SCRIPTS[0].read_text("utf-8"))
    assert copy is not None
    assert json.loads(copy.group().removeprefix("/* contract */").removesuffix("/* end contract */")) == (
        contract.browser()
    )


def test_the_scripts_spell_no_separator_of_their_own() -> None:
    """Keys and sets are read through CONTRACT: no script splits or builds them with a literal."""
    for path in SCRIPTS:
        text = CONTRACT.sub("", path.read_text("utf-8"))
        for literal in ('"@"', '" ; "', '" | "', '.split(" ")', 'indexOf("/"'):
            if path.name == "roadmap.js" and literal == '.split(" ")':
                text = text.replace('getAttribute("data-rm-times").split(" ")', "")  # a list of keys, not a set
            assert literal not in text, (path.name, literal)
    assert "rm.contract.occurrenceMark" in SCRIPTS[1].read_text("utf-8")


def test_the_storage_key_default_is_the_declared_one() -> None:
    core = SCRIPTS[0].read_text("utf-8")
    main = (OVERRIDES / "main.html").read_text("utf-8")
    assert 'getAttribute("data-rm-key")) || CONTRACT.storageKey)' in core
    # Each place overrides/main.html reads the key (the head's render-blocking check, the notes
    # painter and the data for roadmap.js) falls back to the declared default, and only to it.
    assert main.count("config.extra.roadmap_storage_key") == main.count(f"default('{contract.STORAGE_KEY}')") >= 2
    assert "default('" not in main.replace(f"default('{contract.STORAGE_KEY}')", "")

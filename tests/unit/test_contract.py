"""The page contract (hooks/roadmapkit/contract.py): the data attributes, the storage key, the
occurrence key and the progress-set format are declared once, and every page and script keeps to it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from roadmapkit import Renderer, contract, load_roadmap
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


def test_the_scripts_read_keys_and_sets_with_the_declared_separators() -> None:
    """The browser parses what Python builds: each separator the scripts split on is the declared one."""
    core, tools = (p.read_text("utf-8") for p in SCRIPTS)
    for separator in (contract.SET_GROUPS, contract.SET_OPTIONS, contract.SET_IDS):
        assert f".split({json.dumps(separator)})" in core, separator
    mark, slash = json.dumps(contract.OCCURRENCE_MARK), json.dumps(contract.BLOCK_MARK)
    assert f"key.indexOf({mark}), slash = key.indexOf({slash}, at)" in core
    assert f" + {mark} + trk + {slash} + " in core  # a renamed occurrence key is built again the same way
    assert f"key.split({mark})[0]" in tools  # the item of a key


def test_the_storage_key_default_is_the_declared_one() -> None:
    core = SCRIPTS[0].read_text("utf-8")
    main = (OVERRIDES / "main.html").read_text("utf-8")
    assert f'getAttribute("data-rm-key")) || {json.dumps(contract.STORAGE_KEY)})' in core
    assert main.count(f"default('{contract.STORAGE_KEY}')") == 2
    assert "default('" not in main.replace(f"default('{contract.STORAGE_KEY}')", "")

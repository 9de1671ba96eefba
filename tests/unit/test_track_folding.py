"""A track with more entries than model.FOLD_ENTRIES folds each group of blocks (the first open);
a track of FOLD_ENTRIES or fewer renders whole, as before (tests/golden holds one)."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
import yaml

from hostile import poison
from htmlcheck import injected_in_site
from roadmapkit import Renderer, load_roadmap
from roadmapkit.model import FOLD_ENTRIES
from roadmapkit.slots import split_blocks
from sitebuild import copy_project, long_track_content, mkdocs_build


def track_page(content: Path) -> str:
    """The long track's page as the renderer writes it (Markdown with raw HTML blocks)."""
    roadmap = load_roadmap(content, content.parent)
    return next(p.markdown for p in Renderer(roadmap).pages() if p.src_uri == "tracks/long.md")


def built_track(tmp_path: Path, content: Path) -> str:
    """The long track's page of a real `mkdocs build --strict` of the content (site in tmp_path/site)."""
    project = copy_project(tmp_path / "project", content=content)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    return (tmp_path / "site" / "tracks" / "long" / "index.html").read_text("utf-8")


@pytest.mark.parametrize(("extra", "folded"), [(0, False), (1, True)])
def test_a_track_folds_only_when_longer_than_the_limit(tmp_path: Path, extra: int, folded: bool) -> None:
    page = track_page(long_track_content(tmp_path, parts=1, blocks=1, per_block=FOLD_ENTRIES - 4 + extra))
    assert ('<details class="rm-part" open>' in page) is folded
    assert (re.search(r"^### Part 1 step 1 \{ #block-1 \}$", page, re.M) is None) is folded
    assert re.search(r"^## Afterwards \{ #block-2 \}$", page, re.M)  # the ungrouped last 4: never folded


def test_a_long_track_without_groups_gets_a_note_and_still_builds(tmp_path: Path) -> None:
    """Nothing folds without groups, so the author is told where to add them; it is a note (the
    page works, only slower), so a --strict build still passes."""
    grouped = load_roadmap(long_track_content(tmp_path / "grouped"), tmp_path / "grouped")
    assert grouped.warnings == []
    content = long_track_content(tmp_path / "flat" / "content", grouped=False)
    roadmap = load_roadmap(content, tmp_path / "flat")
    assert [str(w) for w in roadmap.warnings] == [
        "content/tracks/long.yml:4: long.blocks: 160 entries and no block has a 'group': a track of more "
        f"than {FOLD_ENTRIES} entries folds its groups of blocks so its page loads quickly (expected a "
        "group, such as 'Year 1', on its blocks)"
    ]
    assert '<details class="rm-part"' not in track_page(content)
    project = copy_project(tmp_path / "project", content=content)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "note: content/tracks/long.yml:4: long.blocks: 160 entries and no block has a 'group'" in result.stderr


def test_folded_parts_are_whole_elements_with_their_steps_inside(tmp_path: Path) -> None:
    """The group heading stays Markdown (the table of contents lists it); the part's progress bar sits
    before it; each step's heading is inside the part with its id and permanent link."""
    page = track_page(long_track_content(tmp_path))
    assert re.findall(r"^## (.*)$", page, re.M) == ["Part 1", "Part 2", "Part 3", "Afterwards { #block-7 }"]
    _, blocks = split_blocks(page, "n")  # the raw HTML blocks, each whole
    parts = [b for b in blocks if b.startswith('<details class="rm-part"')]
    assert len(parts) == 3 and parts[0].startswith('<details class="rm-part" open>')
    assert all(not p.startswith('<details class="rm-part" open>') for p in parts[1:])
    doc = html5lib.parse("\n".join(blocks), namespaceHTMLElements=False)
    details = [d for d in doc.iter("details") if d.get("class") == "rm-part"]
    for n, part in enumerate(details):
        summary = part[0]  # its name says which part it opens: every summary's text is alike
        assert summary.tag == "summary" and summary.text == "2 steps in this part"
        assert summary.get("aria-label") == f"2 steps in this part: Part {n + 1}"
        steps = part.findall("h3")
        assert [h.get("id") for h in steps] == [f"block-{2 * n + 1}", f"block-{2 * n + 2}"]
        assert all(h.find("a").get("href") == f"#{h.get('id')}" for h in steps)
        assert len(part.findall(".//input")) == 52
    bars = [b.get("aria-label") for b in doc.iter("div") if b.get("role") == "progressbar"]
    assert bars == ["Progress in Long track", "Progress in Part 1", "Progress in Part 2", "Progress in Part 3"]


def test_hostile_group_and_step_titles_stay_text_in_a_folded_part(tmp_path: Path) -> None:
    """The folded part writes a step's title into its own HTML heading and a group's into a progress
    bar's label: a built site parsed as a browser does shows the payloads as text, nowhere as markup."""
    content = long_track_content(tmp_path / "content")
    track = content / "tracks" / "long.yml"
    track.write_text(yaml.safe_dump(poison(yaml.safe_load(track.read_text("utf-8"))), width=10_000), "utf-8")
    html = built_track(tmp_path, content)
    assert injected_in_site(tmp_path / "site") == {}
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    steps = [h for h in doc.iter("h3") if (h.get("id") or "").startswith("block-")]
    assert len(steps) == 6 and all("<x-pwn data-pwn></x-pwn><script>" in "".join(h.itertext()) for h in steps)
    labels = [b.get("aria-label") for b in doc.iter("div") if b.get("role") == "progressbar"]
    assert len(labels) == 7 and all("<script>__pwned=" in label for label in labels[1:])  # a group a block


@pytest.mark.parametrize("per_block", [10, 26], ids=["whole", "folded"])
def test_a_group_heading_never_takes_a_steps_id(tmp_path: Path, per_block: int) -> None:
    """A group called "Block 3" must not get step 3's id, folded or not: the step's permanent link, its
    search entry and links from other pages would land on the group heading (found in review)."""
    content = long_track_content(tmp_path / "content", per_block=per_block)
    track = content / "tracks" / "long.yml"
    track.write_text(track.read_text("utf-8").replace("group: Part 1", "group: Block 3"), "utf-8")
    html = built_track(tmp_path, content)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
    doc = html5lib.parse(html, namespaceHTMLElements=False)
    (step,) = [e for e in doc.iter() if e.get("id") == "block-3"]
    assert step.tag in ("h2", "h3") and "".join(step.itertext()).startswith("Part 2 step 1")

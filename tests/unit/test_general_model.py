"""The general model (issue #14): outside roadmaps with item choices, upstream ids, optional fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from roadmapkit import Renderer, load_roadmap, roadmap_json
from roadmapkit.model import Roadmap
from sitebuild import FIXTURES, copy_project, mkdocs_build

GENERAL = FIXTURES / "general"


@pytest.fixture(scope="module")
def roadmap() -> Roadmap:
    return load_roadmap(GENERAL, GENERAL.parent)


@pytest.fixture(scope="module")
def pages(roadmap: Roadmap) -> dict[str, str]:
    return {p.src_uri: p.markdown for p in Renderer(roadmap).pages()}


def test_phase_without_goal_or_duration_loads(roadmap: Roadmap) -> None:
    phase = roadmap.phases[0]
    assert (phase.goal, phase.duration) == ("", None)


def test_items_and_modules_keep_their_upstream_ids(roadmap: Roadmap) -> None:
    module = roadmap.phases[0].modules[0]
    item = roadmap.item_index()["what-is-cloud"]
    assert (module.upstream, module.external_id) == ("roadmap.sh", "abc123")
    assert (item.upstream, item.external_id, item.recommended) == ("roadmap.sh", "def456", True)


def test_resources_of_new_kinds_with_unknown_or_unstated_cost_load(roadmap: Roadmap) -> None:
    resources = roadmap.phases[0].modules[0].resources
    assert [r.kind for r in resources] == ["podcast", "roadmap", "newsletter", "feed", "paper", "repository"]
    assert [r.cost for r in resources] == ["unknown", None, "free", None, "paid", None]


def test_item_choice_marks_its_options(roadmap: Roadmap) -> None:
    index = roadmap.item_index()
    assert [index[i].choice_id for i in ("what-is-cloud", "aws", "azure", "gcp")] == [None, *["provider"] * 3]


def test_item_choice_progress_counts_the_option_you_follow(roadmap: Roadmap) -> None:
    renderer = Renderer(roadmap)
    spec = renderer.progress_set([i.id for i in roadmap.items])
    assert spec == "what-is-cloud ; aws | azure | gcp"
    assert renderer.set_total(spec) == 2


def test_phase_page_shows_the_item_choice_and_the_tags(pages: dict[str, str]) -> None:
    phase = pages["phases/cloud.md"]
    assert '<div class="admonition question rm-choice" id="provider">' in phase
    assert '<p class="admonition-title">Choose one provider &lt;b&gt;now&lt;/b&gt;</p>' in phase
    assert '<a href="#aws">AWS</a> or <a href="#azure">Azure</a> or <a href="#gcp">GCP</a>' in phase
    assert "Pick the one your <em>employer</em> uses." in phase
    assert phase.count('<span class="rm-tag rm-tag--option">option</span>') == 3
    assert phase.count('<span class="rm-tag rm-tag--recommended">recommended</span>') == 1
    assert 'data-rm-set="what-is-cloud ; aws | azure | gcp"' in phase


def test_cost_unknown_is_said_and_unstated_cost_shows_nothing(pages: dict[str, str]) -> None:
    phase = pages["phases/cloud.md"]
    assert phase.count('<span class="rm-cost rm-cost--unknown">cost unknown</span>') == 1
    assert phase.count('<span class="rm-cost rm-cost--free">free</span>') == 1
    assert phase.count('<span class="rm-cost rm-cost--paid">paid</span>') == 1
    assert phase.count('class="rm-cost') == 3


def test_pages_cope_without_goal_or_duration(pages: dict[str, str]) -> None:
    for uri, text in pages.items():
        assert "None" not in text, uri
        assert "<strong>Goal:</strong>" not in text, uri
        assert '<span class="rm-duration"></span>' not in text, uri
    assert "<td>—</td>" in pages["progress.md"]


def test_roadmap_json_carries_source_external_id_and_item_choices(roadmap: Roadmap) -> None:
    module = json.loads(roadmap_json(roadmap))["phases"][0]["modules"][0]
    assert (module["source"], module["external_id"]) == ("roadmap.sh", "abc123")
    topic = module["topics"][0]
    assert (topic["source"], topic["external_id"], topic["recommended"]) == ("roadmap.sh", "def456", True)
    assert "upstream" not in topic
    choice = module["item_choices"][0]
    assert (choice["id"], choice["items"]) == ("provider", ["aws", "azure", "gcp"])


def test_general_roadmap_builds_with_mkdocs_strict(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=GENERAL)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "phases" / "cloud" / "index.html").read_text("utf-8")
    assert 'id="provider"' in html and 'data-rm-set="what-is-cloud ; aws | azure | gcp"' in html

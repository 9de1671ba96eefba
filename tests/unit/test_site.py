"""The nav and theme extras the hook sets, and roadmap-render writes, from the roadmap."""

from __future__ import annotations

from pathlib import Path

from roadmapkit import load_roadmap
from roadmapkit.site import site_nav, theme_extra

FIXTURE = Path(__file__).parents[1] / "fixtures" / "mini"


def test_nav_lists_every_page_with_escaped_titles() -> None:
    roadmap = load_roadmap(FIXTURE, FIXTURE.parent)
    assert site_nav(roadmap) == [
        {"Home": "index.md"},
        {"Map": "map.md"},
        {"Phases": [{"Basics &amp; &lt;b&gt;bold&lt;/b&gt;": "phases/basics.md"}]},
        {"Tracks": [{"Compare tracks": "tracks/index.md"}, {"Fast track": "tracks/fast.md"}]},
        {"Progress": "progress.md"},
        {"Resources": "resources.md"},
        {"About": "about.md"},
    ]


def test_theme_extra_carries_the_storage_key_and_aliases() -> None:
    roadmap = load_roadmap(FIXTURE, FIXTURE.parent)
    assert theme_extra(roadmap, {"storage_key": "mine"}) == {
        "roadmap_storage_key": "mini",  # content/roadmap.yml names the key
        "roadmap_aliases": {"items": {"oop": "python-oop"}, "tracks": {}, "blocks": {}, "keys": []},
    }
    roadmap.identity.storage_key = None  # a roadmap without one: the config's, then the default
    assert theme_extra(roadmap, {"storage_key": "mine"})["roadmap_storage_key"] == "mine"
    assert theme_extra(roadmap, {})["roadmap_storage_key"] == "roadmap"

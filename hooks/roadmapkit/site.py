"""What the site configuration takes from the roadmap: the nav and the theme's extra values.

Shared by the MkDocs hook (at build time) and roadmap-render (written into a mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from markupsafe import escape

from .contract import STORAGE_KEY
from .model import Roadmap
from .render import phase_uri, track_uri


def site_nav(roadmap: Roadmap) -> list[dict[str, Any]]:
    """Nav titles are escaped here (as Markup, so the theme's `| e` does not escape them twice):
    MkDocs theme templates print them without autoescaping."""
    phases = [{escape(p.title): phase_uri(p)} for p in roadmap.phases]
    tracks = [{"Compare tracks": "tracks/index.md"}] + [{escape(t.title): track_uri(t)} for t in roadmap.tracks]
    return [
        {"Home": "index.md"},
        {"Map": "map.md"},
        {"Phases": phases},
        {"Tracks": tracks},
        {"Progress": "progress.md"},
        {"Resources": "resources.md"},
        {"About": "about.md"},
    ]


def theme_extra(roadmap: Roadmap, extra: Mapping[str, Any]) -> dict[str, Any]:
    """The values overrides/main.html reads from `extra`: the storage key and the aliases
    (former item ids, track ids, block ids per track and storage keys), so progress, notes and plans
    follow renames."""
    return {
        "roadmap_storage_key": roadmap.identity.storage_key or extra.get("storage_key", STORAGE_KEY),
        "roadmap_aliases": {
            "items": roadmap.alias_index(),
            "tracks": roadmap.track_alias_index(),
            "blocks": roadmap.block_alias_index(),
            "keys": roadmap.identity.storage_key_aliases,
        },
    }

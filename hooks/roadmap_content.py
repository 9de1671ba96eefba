"""MkDocs hook: load and validate content/ before anything is written; build the nav.

A thin adapter: the work is done by the plain functions in roadmapkit.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from roadmapkit import ContentError, load_roadmap
from roadmapkit.render import phase_uri, track_uri

if TYPE_CHECKING:  # the live-reload server is only needed by `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.hooks.roadmap")
ROADMAP_KEY = "roadmap_model"
SERVING_KEY = "roadmap_serving"  # set by roadmap_errorpage under `mkdocs serve`
PROBLEMS_KEY = "roadmap_problems"  # then problems are recorded here for it to show, not raised


def content_dir(config: MkDocsConfig) -> Path:
    """content/ sits beside mkdocs.yml, wherever mkdocs is run from."""
    return Path(config.config_file_path).parent / "content"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Runs before MkDocs cleans site/: a content error leaves the last good site as it was."""
    root = Path(config.config_file_path).parent
    try:
        roadmap = load_roadmap(content_dir(config), root)
    except ContentError as err:
        if config.extra.get(SERVING_KEY):
            config.extra[PROBLEMS_KEY] = err.problems
            return config
        raise PluginError(f"the roadmap content has problems:\n{err}") from None
    config.extra[ROADMAP_KEY] = roadmap
    config.extra["roadmap_aliases"] = roadmap.alias_index()
    config.extra["roadmap_storage_key"] = config.extra.get("storage_key", "roadmap")
    if not config.nav:
        config.nav = _nav(roadmap)
    return config


def _nav(roadmap) -> list:
    """Nav titles are escaped here: MkDocs theme templates render them without autoescaping."""
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


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
    """`mkdocs serve` rebuilds when a YAML file, the schema or the engine changes."""
    server.watch(str(content_dir(config)))
    server.watch(str(Path(__file__).parent))
    return server

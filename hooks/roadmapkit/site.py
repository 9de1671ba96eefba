"""What the site configuration takes from the roadmap: the nav and the theme's extra values.

Shared by the MkDocs hook (at build time) and roadmap-render (written into a mkdocs.yml).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from markupsafe import escape

from .contract import STORAGE_KEY
from .model import Identity, Roadmap
from .render import phase_uri, track_uri

EDIT_PATH = "content/pages/"  # where the hand-written pages live in the repository (docs_dir)
# Hosts whose repositories have an edit page at REPOSITORY/edit/BRANCH/PATH (GitHub) or
# REPOSITORY/-/edit/BRANCH/PATH (GitLab).
EDIT_ROUTES = {"github.com": "edit/{branch}/", "gitlab.com": "-/edit/{branch}/"}


def site_identity(who: Identity, site_url: str | None = None) -> dict[str, Any]:
    """The MkDocs settings content/roadmap.yml decides: the site's name and description, its
    repository (the header's link, its name, the edit links) and its canonical address. `site_url`
    is the address the build is published at when the environment says so (CI sets SITE_URL from
    GitHub Pages; the browser tests, their server's): it wins over the one content/roadmap.yml
    gives, which wins over a GitHub repository's Pages address. Text the theme prints raw is
    escaped (Markup)."""
    repository = (who.repository or "").rstrip("/") or None
    return {
        "site_name": escape(who.title),
        "site_description": escape(who.description) if who.description else None,
        "repo_url": repository,
        "repo_name": escape(repository_name(repository)) if repository else None,
        "edit_uri": edit_uri(repository, who.branch),
        "site_url": site_url or who.site_url or pages_address(repository),
    }


def repository_name(repository: str) -> str:
    """'owner/name' of a repository's address (the header shows it), or its host and path."""
    parts = urlsplit(repository)
    return parts.path.strip("/") or parts.netloc


def edit_uri(repository: str | None, branch: str) -> str | None:
    """The edit links' path under the repository, for hosts whose edit route is known (else none)."""
    route = EDIT_ROUTES.get(urlsplit(repository).netloc.casefold()) if repository else None
    return route.format(branch=branch) + EDIT_PATH if route else None


def pages_address(repository: str | None) -> str | None:
    """A GitHub repository's Pages address (https://OWNER.github.io/NAME/), the default canonical
    base; None for another host, whose address cannot be guessed."""
    if not repository or urlsplit(repository).netloc.casefold() != "github.com":
        return None
    owner, _, name = urlsplit(repository).path.strip("/").partition("/")
    if not owner or not name or "/" in name:
        return None
    if name.casefold() == f"{owner}.github.io".casefold():  # a user or organisation site
        return f"https://{name.casefold()}/"
    return f"https://{owner.casefold()}.github.io/{name}/"


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

"""The roadmap engine: YAML content -> validated model -> Markdown pages.

Nothing here imports MkDocs; the hooks in ../ are thin adapters over these functions.
"""

from .errors import ContentError, Problem
from .load import load_roadmap
from .render import Page, Renderer, roadmap_json

__all__ = ["ContentError", "Page", "Problem", "Renderer", "load_roadmap", "roadmap_json"]

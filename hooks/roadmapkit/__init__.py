"""The roadmap engine: YAML content -> validated model -> Markdown pages.

Nothing here imports MkDocs but its page-metadata parser (pagemeta.py); the hooks in ../ are thin
adapters over these functions.
"""

from .errors import ContentError, Problem
from .load import load_roadmap
from .render import PLAN_SCRIPT, Page, Renderer, plan_script, roadmap_json

__all__ = [
    "PLAN_SCRIPT",
    "ContentError",
    "Page",
    "Problem",
    "Renderer",
    "load_roadmap",
    "plan_script",
    "roadmap_json",
]

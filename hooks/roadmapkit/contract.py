"""The page contract: the names and formats the Python, the templates and the browser share.

Declared once, here. Python builds keys and progress sets with these functions; the build writes
browser() into roadmap.js in place of its CONTRACT object (assets.with_contract), and the scripts
read the storage key, the occurrence key and the progress sets through it (roadmap-tools.js as
roadmapKit.contract). tests/unit/test_contract.py fails when a template or a script uses a data
attribute this module does not declare (or one declared is used nowhere), or a script spells a
separator itself.
"""

from __future__ import annotations

STORAGE_KEY = "roadmap"  # the learner's localStorage key is STORAGE_KEY:BASE-PATH unless roadmap.yml names another

# An occurrence (a repeated task with its own checkbox) is stored as ITEM@TRACK/BLOCK: stable under
# reordering, and never an item id (ids hold no '@').
OCCURRENCE_MARK = "@"
BLOCK_MARK = "/"

# A progress set (data-rm-set): the items a bar or a map node counts, 'a b ; x1 x2 | y1': groups
# separated by ' ; ', the options of a choice by ' | ', ids by a space. The first group holds the
# items outside choices; of each choice the largest option counts until the learner ticks one.
SET_GROUPS = " ; "
SET_OPTIONS = " | "
SET_IDS = " "


def browser() -> dict[str, str]:
    """The names the scripts need, as the build writes them into roadmap.js (assets.with_contract)."""
    return {
        "storageKey": STORAGE_KEY,
        "occurrenceMark": OCCURRENCE_MARK,
        "blockMark": BLOCK_MARK,
        "setGroups": SET_GROUPS,
        "setOptions": SET_OPTIONS,
        "setIds": SET_IDS,
    }


def occurrence_key(item_id: str, track_id: str, block_id: str) -> str:
    """Where an occurrence's checkbox is stored."""
    return f"{item_id}{OCCURRENCE_MARK}{track_id}{BLOCK_MARK}{block_id}"


def progress_set(plain: list[str], choices: list[list[list[str]]]) -> str:
    """The set of `plain` ids and of each choice's options (each a list of ids)."""
    groups = [SET_IDS.join(plain)] + [SET_OPTIONS.join(SET_IDS.join(o) for o in options) for options in choices]
    return SET_GROUPS.join(g for g in groups if g)


def parse_set(spec: str) -> list[list[list[str]]]:
    """A progress set's groups, each a list of options, each a list of ids (the inverse of progress_set)."""
    return [[option.split() for option in group.split(SET_OPTIONS)] for group in spec.split(SET_GROUPS) if group]


# Every data attribute a page carries or a script sets, and what it means. Those the templates write
# come first, then those only the scripts set.
ATTRIBUTES: dict[str, str] = {
    "data-roadmap-id": "a checkbox: the key its state is stored under (an item id or an occurrence key)",
    "data-rm-key": "the config island (main.html): the storage key",
    "data-rm-set": "a progress bar or map node: the progress set it counts",
    "data-rm-part": "a progress bar of one part of a page (with data-rm-set)",
    "data-rm-sum": "the bar of the whole roadmap",
    "data-rm-track": "a track's bar: the track id",
    "data-rm-times": "an item listed as occurrences: its id and the occurrence keys",
    "data-rm-unticked": "the link to the next unticked item of a module",
    "data-rm-map": "the map's SVG",
    "data-rm-node": "a map node: its module id",
    "data-rm-label": "a map node: its name, for the label the script writes",
    "data-rm-continue": "home: where to continue",
    "data-rm-tools": "home and progress: the part the tools script fills",
    "data-rm-next-list": "home: the list of what next",
    "data-rm-next-track": "home: the track picker of what next",
    "data-rm-next-empty": "home: the message while what next has nothing",
    "data-rm-plan-form": "progress: the plan's form",
    "data-rm-plan-out": "progress: where the plan's dates go",
    "data-rm-action": "progress: a button's action (export, import, reset...)",
    "data-rm-import-merge": "progress: merge an import (or replace)",
    "data-rm-status": "progress: the status line",
    "data-rm-plan-status": "progress: the plan's status line, beside its Save button",
    "data-rm-my-notes": "progress: where the learner's notes are listed (My notes)",
    "data-rm-palette": "the colour palette form (overrides/partials/palette.html)",
    "data-rm-note-for": "a learner's note shown under an item: the item id",
    # set only by the scripts
    "data-rm-ready": "<html>: the scripts have painted the page",
    "data-rm-note": "a note button: the item id",
    "data-rm-note-save": "the note editor's save button: the item id",
    "data-rm-note-cancel": "the note editor's cancel button",
    "data-rm-forget": "progress: the button that deletes a note kept aside: the id it is kept under",
    "data-rm-kept": "progress: the notes kept aside (under no item this site shows)",
    "data-rm-plan-option": "progress: the option picker of a choice",
    "data-rm-plan-finish": "progress: the plan's finish date",
    "data-rm-plan-now": "progress: where the learner is in the plan",
    "data-rm-plan-pace": "progress: ahead of or behind the plan",
    "data-rm-plan-due": "progress: the items due this week",
}

"""How long a track's plan is: block lengths in weeks, alternatives, and occurrence keys.

One rule turns a block's `duration` into weeks when it gives no `weeks` (CONTRIBUTING.md, "Tracks"):
- an amount ("2 weeks", "1 month", "3-4 months") counts that many units, a range by its midpoint;
- a position ("Week 3", "Month 12", "Months 13-16", "Days 1-2") counts the units it names, ends included;
- a day is 1/7 week, a month 52/12 weeks, a year 52 weeks; anything else ("Ongoing") has no length.
"""

from __future__ import annotations

import math
import re

from .contract import occurrence_key
from .model import Block, Entry, Track

MAX_BLOCK_WEEKS = 520  # ten years: the most a block may last (a longer one is refused by validation)
UNIT_WEEKS = {"day": 1 / 7, "week": 1.0, "month": 52 / 12, "year": 52.0}
_NUMBERS = r"(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*(\d+(?:\.\d+)?))?"
_AMOUNT = re.compile(rf"^{_NUMBERS}\s*(day|week|month|year)s?$")
_POSITION = re.compile(rf"^(day|week|month|year)s?\s+{_NUMBERS}$")


def duration_weeks(text: str | None) -> float | None:
    """'2 weeks' -> 2, '1 month' -> 52/12, '3-4 months' -> 3.5 * 52/12, 'Days 1-2' -> 2/7, 'Ongoing' -> None."""
    words = (text or "").strip().lower()
    if m := _AMOUNT.match(words):
        low, high, unit = float(m[1]), float(m[2] or m[1]), m[3]
        return (low + high) / 2 * UNIT_WEEKS[unit]
    if m := _POSITION.match(words):
        unit, first, last = m[1], float(m[2]), float(m[3] or m[2])
        return (last - first + 1) * UNIT_WEEKS[unit] if last >= first else None
    return None


def stated_weeks(block: Block) -> float | None:
    """A block's length in weeks as its content gives it: `weeks`, else derived from `duration`."""
    return block.weeks if block.weeks is not None else duration_weeks(block.duration)


def block_weeks(block: Block) -> float | None:
    """A block's length in weeks for a plan; None: not dated, or no usable length (not a finite
    number above 0 and at most MAX_BLOCK_WEEKS, which validation reports: checks.py)."""
    weeks = stated_weeks(block)
    return weeks if usable_weeks(weeks) else None


def usable_weeks(weeks: float | None) -> bool:
    """Whether a stated length can date a plan: finite, above 0, at most MAX_BLOCK_WEEKS (NaN is not)."""
    return weeks is not None and math.isfinite(weeks) and 0 < weeks <= MAX_BLOCK_WEEKS


def default_options(track: Track) -> dict[str, str]:
    """Choice id -> the option a plan counts until the learner chooses (the default, else the first)."""
    out: dict[str, str] = {}
    for block in track.blocks:
        if block.choice and block.option:
            out.setdefault(block.choice, block.option)
    for block in track.blocks:  # a default anywhere wins over the first option
        if block.choice and block.option and block.default:
            out[block.choice] = block.option
    return out


def counted(track: Track, options: dict[str, str] | None = None) -> list[Block]:
    """The blocks a plan follows: every block outside a choice, and the chosen option's blocks."""
    chosen = {**default_options(track), **(options or {})}
    return [b for b in track.blocks if not b.choice or chosen.get(b.choice) == b.option]


def plan_weeks(track: Track, options: dict[str, str] | None = None) -> float:
    """The plan's total length in weeks at the track's own pace (undated blocks add nothing)."""
    return sum(block_weeks(b) or 0.0 for b in counted(track, options))


def entry_key(entry: Entry, track: Track, block: Block) -> str:
    """The id an entry's checkbox stores its state under: the item's, or its occurrence key."""
    if entry.repeat == "occurrence" and block.id:
        return occurrence_key(entry.item_id, track.id, block.id)
    return entry.item_id

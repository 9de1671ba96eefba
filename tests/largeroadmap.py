"""A large roadmap, generated: the engine's suite runs on it as on any other content
(`python3 tests/largeroadmap.py DIR && bash scripts/test --content DIR`; CI does).

Twelve phases of four modules (a choice of modules, a choice of items), 552 items with
prerequisites across phases, and four tracks: a weekly plan long enough to fold into groups, with
a repeated task; a monthly plan with a choice of blocks; an undated reference list; a short plan
that covers the first phase. Same output on every run; no subject the canonical roadmap has.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

PHASES = 12
MODULES = 4
KINDS = (("topics", 6), ("practice", 3), ("projects", 2))
TRACK_SCHEMA = "# yaml-language-server: $schema=../schema/track.schema.json"
WORDS = ("knots", "charts", "tides", "engines", "radio", "weather", "mooring", "pilotage")


CODES = {"topics": "t", "practice": "d", "projects": "j"}


def item_id(phase: int, module: int, kind: str, n: int) -> str:
    return f"p{phase:02}-m{module}-{CODES[kind]}{n}"


def module_ids(phase: int, module: int) -> list[str]:
    return [item_id(phase, module, kind, n) for kind, count in KINDS for n in range(1, count + 1)]


def phase_yaml(phase: int) -> str:
    word = WORDS[phase % len(WORDS)]
    lines = [
        "# yaml-language-server: $schema=../schema/phase.schema.json",
        f"id: phase-{phase:02}",
        f'title: "Phase {phase}: {word.title()} & the harbour\'s {word}"',
        f"goal: Handle the {word} of a busy harbour without help.",
        "duration: 4 weeks",
        "modules:",
    ]
    for module in range(1, MODULES + 1):
        lines += [f"  - id: p{phase:02}-m{module}", f'    title: "Module {phase}.{module}: {word} in practice"']
        lines.append("    duration: 1 week")
        for kind, count in KINDS:
            lines.append(f"    {kind}:")
            for n in range(1, count + 1):
                ident = item_id(phase, module, kind, n)
                lines.append(f"      - id: {ident}")
                lines.append(f"        title: {kind[:-1].title() if kind != 'practice' else 'Drill'} {n} of {ident}")
                requires = []
                if kind != "topics" or n > 1:  # within the module: the one before
                    ids = module_ids(phase, module)
                    requires.append(ids[ids.index(ident) - 1])
                if kind == "projects" and phase > 1:  # across phases: a topic of the phase before
                    requires.append(item_id(phase - 1, module, "topics", 1))
                if requires:
                    lines.append(f"        requires: [{', '.join(requires)}]")
                if n == 1 and kind == "topics":
                    lines.append(
                        f"        description: The *first* look at {word}, with [a chart](https://example.org/{word})."
                    )
                    lines.append("        resources:")
                    lines.append(
                        f"          - {{title: The {word} handbook, url: 'https://example.org/{word}/{phase}',"
                        " kind: book, cost: free}"
                    )
        if module == 2:
            lines += ["    item_choices:", f"      - id: p{phase:02}-pick", "        title: One of two drills"]
            lines.append(f"        items: [{item_id(phase, 2, 'practice', 2)}, {item_id(phase, 2, 'practice', 3)}]")
    if phase % 3 == 0:
        lines += ["choices:", f"  - id: p{phase:02}-route", "    title: Choose one route"]
        lines.append(f"    modules: [p{phase:02}-m3, p{phase:02}-m4]")
    lines.append("checkpoint:")
    lines += [f"  - {{id: p{phase:02}-check{n}, title: 'Checkpoint {n} of phase {phase}'}}" for n in (1, 2)]
    return "\n".join(lines) + "\n"


def all_ids(phase: int) -> list[str]:
    ids = [i for module in range(1, MODULES + 1) for i in module_ids(phase, module)]
    return [*ids, f"p{phase:02}-check1", f"p{phase:02}-check2"]


def weekly_track() -> str:
    """One dated block a module (48 weeks), grouped by phase: long enough to fold; a repeated log."""
    lines = [
        TRACK_SCHEMA,
        "id: steady",
        "title: Steady, a module a week",
    ]
    lines += ["duration: 48 weeks", "plan_weeks: {min: 48, max: 48}", 'hours_per_week: "6-8"', "blocks:"]
    for phase in range(1, PHASES + 1):
        for module in range(1, MODULES + 1):
            ids = module_ids(phase, module) + ([f"p{phase:02}-check1", f"p{phase:02}-check2"] if module == 4 else [])
            lines += [f"  - title: 'Week {(phase - 1) * MODULES + module}'", f"    id: w{phase:02}-{module}"]
            lines += [f"    group: 'Phase {phase}'", "    weeks: 1", f"    items: [{', '.join(ids)}]"]
            if module == 4 and phase > 1:
                lines[-1] = lines[-1][:-1] + ", {item: p01-m1-j1, repeat: occurrence, note: Log it again}]"
    return "\n".join(lines) + "\n"


def monthly_track() -> str:
    """A month a phase by `duration` (no `weeks`); the last month a choice of two blocks."""
    lines = [TRACK_SCHEMA, "id: by-the-month"]
    lines += ["title: By the month", "duration: 12 months", 'hours_per_week: "10"', "blocks:"]
    for phase in range(1, PHASES):
        lines += [f"  - title: 'Month {phase}'", f"    group: 'Quarter {(phase - 1) // 3 + 1}'"]
        lines += [f"    duration: Month {phase}", f"    items: [{', '.join(all_ids(phase))}]"]
    last = all_ids(PHASES)
    half = len(last) // 2
    lines += [
        "  - {title: 'Month 12, option A', group: Quarter 4, id: last-a, choice: finish, option: short, default: true,"
    ]
    lines += [f"     duration: 2 weeks, items: [{', '.join(last[:half])}]}}"]
    lines += ["  - {title: 'Month 12, option B', group: Quarter 4, id: last-b, choice: finish, option: long,"]
    lines += [f"     duration: 1 month, items: [{', '.join(last[half:])}]}}"]
    return "\n".join(lines) + "\n"


def reference_track() -> str:
    """Every item, a block a phase, no dates."""
    lines = [TRACK_SCHEMA, "id: reference"]
    lines += ["title: Reference list", "duration: Self-paced", "blocks:"]
    for phase in range(1, PHASES + 1):
        lines += [f"  - title: 'Phase {phase}'", f"    group: 'Part {1 if phase <= PHASES // 2 else 2}'"]
        lines += [f"    items: [{', '.join(all_ids(phase))}]"]
    return "\n".join(lines) + "\n"


def short_track() -> str:
    lines = [TRACK_SCHEMA, "id: first-steps"]
    lines += ["title: First steps", "duration: 2 weeks", 'hours_per_week: "3"', "blocks:"]
    ids = all_ids(1)
    lines += [f"  - {{title: Week 1, weeks: 1, items: [{', '.join(ids[:11])}]}}"]
    lines += [f"  - {{title: Week 2, weeks: 1, items: [{', '.join(ids[11:22])}]}}"]
    return "\n".join(lines) + "\n"


IDENTITY = """# yaml-language-server: $schema=schema/roadmap.schema.json
title: Harbour Pilot Roadmap
description: From a first knot to bringing a ship alongside, in twelve phases.
audience: Deckhands who want to pilot.
repository: https://github.com/harbour-pilots/handbook
storage_key: harbour
"""

ABOUT = "# About\n\nA generated roadmap, large enough to test the engine at scale.\n"


def write(target: Path) -> Path:
    """The roadmap's content/ folder at `target` (replaced if it exists)."""
    if target.exists():
        shutil.rmtree(target)
    for folder in ("phases", "tracks", "pages"):
        (target / folder).mkdir(parents=True)
    (target / "roadmap.yml").write_text(IDENTITY, "utf-8")
    (target / "pages" / "about.md").write_text(ABOUT, "utf-8")
    for phase in range(1, PHASES + 1):
        (target / "phases" / f"{phase:02}-phase.yml").write_text(phase_yaml(phase), "utf-8")
    tracks = {"steady": weekly_track(), "by-the-month": monthly_track(), "reference": reference_track()}
    tracks["first-steps"] = short_track()
    for name, text in tracks.items():
        (target / "tracks" / f"{name}.yml").write_text(text, "utf-8")
    shutil.copytree(Path(__file__).resolve().parents[1] / "hooks" / "roadmapkit" / "schema", target / "schema")
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python3 tests/largeroadmap.py DIR  (DIR becomes a content/ folder; replaced if it exists)")
    print(f"wrote {write(Path(sys.argv[1]))}")

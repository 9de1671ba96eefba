"""The roadmap map, laid out at build time: phases top to bottom, modules four to a row.

This module only computes geometry and labels (plain data); `templates/map.svg.j2` turns the
layout into SVG with autoescaping. Every node links to its place on a phase page and carries the
same `data-rm-set` as the progress bars, so the browser script colours it (done / started / not
started) and writes its count. Prerequisites between modules (an item requiring an item of
another module) are lines behind the nodes. About 700 units wide, to show at about its natural size
in a laptop's content column (labels of 12 px or more, a few screens tall); a phone shows the
page's list form instead (roadmap-tools.css).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .model import Phase, Roadmap

COLUMNS = 4
NODE_W = 164
MARGIN = 8
GAP = 12
WIDTH = 2 * MARGIN + COLUMNS * NODE_W + (COLUMNS - 1) * GAP
NODE_H = 64  # three lines of title and the count
HEAD_H = 32
PHASE_GAP = 30
LINE_CHARS = 21  # at 13 units a character


@dataclass
class Box:
    x: int
    y: int
    w: int
    h: int


@dataclass
class Node:
    """A phase header or a module box: where it is, where it links, what it says."""

    box: Box
    href: str
    spec: str  # the progress set, as on progress bars
    total: int
    label: str  # the accessible name, without the count
    lines: list[str]  # the visible title, wrapped
    module_id: str | None = None  # None for a phase header


@dataclass
class Edge:
    source: str
    target: str
    d: str  # SVG path data


@dataclass
class MapLayout:
    width: int
    height: int
    phases: int
    nodes: list[Node]
    edges: list[Edge]
    arrows: list[tuple[int, int, int]]  # (x, y from, y to) between phases


def module_edges(roadmap: Roadmap) -> dict[str, list[str]]:
    """For each module, the other modules it builds on (in roadmap order, each once)."""
    module_of = {i.id: i.module_id for i in roadmap.items}
    order = {m.id: n for n, m in enumerate(m for p in roadmap.phases for m in p.modules)}
    edges: dict[str, dict[str, None]] = {}
    for item in roadmap.items:
        for req in item.requires:
            source = module_of.get(req)
            if source and item.module_id and source != item.module_id:
                edges.setdefault(item.module_id, {})[source] = None
    return {m: sorted(s, key=order.__getitem__) for m, s in edges.items()}


def wrap(title: str, width: int = LINE_CHARS, lines: int = 3) -> list[str]:
    """Split a title into at most `lines` lines of about `width` characters (the last one cut with ...)."""
    out: list[str] = []
    current = ""
    for word in title.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            out.append(current)
            current = word
    out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = out[-1][: width - 1].rstrip() + "\u2026"
    return [line if len(line) <= width else line[: width - 1] + "\u2026" for line in out]


def layout_map(
    roadmap: Roadmap,
    edges: dict[str, list[str]],
    link: Callable[[str], str],
    phase_link: Callable[[Phase], str],
    progress: Callable[[list[str]], tuple[str, int]],
) -> MapLayout:
    """Place every phase and module. `edges` is module_edges(roadmap); `link(module_id)` and
    `phase_link(phase)` give hrefs; `progress(ids)` gives the progress set and its total."""
    titles = {m.id: m.title for p in roadmap.phases for m in p.modules}
    nodes: list[Node] = []
    arrows: list[tuple[int, int, int]] = []
    y = MARGIN
    for n, phase in enumerate(roadmap.phases, start=1):
        if n > 1:
            arrows.append((WIDTH // 2, y - PHASE_GAP + 4, y - 6))
        spec, total = progress([i.id for i in phase.items])
        head = Box(MARGIN, y, WIDTH - 2 * MARGIN, HEAD_H)
        label = f"Phase {n}: {phase.title}"
        nodes.append(Node(head, phase_link(phase), spec, total, label, wrap(f"{n}. {phase.title}", 80, 1)))
        y += HEAD_H + GAP
        for k, module in enumerate(phase.modules):
            col, row = k % COLUMNS, k // COLUMNS
            box = Box(MARGIN + col * (NODE_W + GAP), y + row * (NODE_H + GAP), NODE_W, NODE_H)
            spec, total = progress([i.id for i in module.items])
            after = [titles[s] for s in edges.get(module.id, [])]
            label = f"{module.title} ({phase.title})" + (". Builds on: " + ", ".join(after) if after else "")
            nodes.append(Node(box, link(module.id), spec, total, label, wrap(module.title), module.id))
        y += -(-len(phase.modules) // COLUMNS) * (NODE_H + GAP) + PHASE_GAP - GAP
    boxes = {node.module_id: node.box for node in nodes if node.module_id}
    lines = [Edge(s, t, _path(boxes[s], boxes[t])) for t, sources in edges.items() for s in sources]
    return MapLayout(WIDTH, y - PHASE_GAP + GAP + MARGIN, len(roadmap.phases), nodes, lines, arrows)


def _path(a: Box, b: Box) -> str:
    """A line from a prerequisite's box to the box that builds on it, around the boxes between."""
    if b.y >= a.y + a.h:  # below: from the bottom edge down to the top edge
        x1, y1, x2, y2 = a.x + a.w // 2, a.y + a.h, b.x + b.w // 2, b.y
        bend = max(24, abs(y2 - y1) // 3)
        return f"M{x1} {y1}C{x1} {y1 + bend} {x2} {y2 - bend} {x2} {y2}"
    if b.y == a.y:  # side by side: straight across the gap between the columns
        x1, x2 = (a.x + a.w, b.x) if b.x > a.x else (a.x, b.x + b.w)
        return f"M{x1} {a.y + a.h // 2}H{x2}"
    x1, y1, x2, y2 = a.x + a.w // 2, a.y, b.x + b.w // 2, b.y + b.h  # above: top edge up to bottom edge
    bend = max(24, abs(y1 - y2) // 3)
    return f"M{x1} {y1}C{x1} {y1 - bend} {x2} {y2 + bend} {x2} {y2}"

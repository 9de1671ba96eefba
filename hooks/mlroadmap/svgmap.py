"""The roadmap map: an SVG drawn at build time, phases top to bottom, modules two to a row.

Every node is a link to its place on a phase page and carries the same `data-rm-set` as the
progress bars, so the browser script colours it (done / started / not started) and writes its
count. Prerequisites between modules (an item requiring an item of another module) are drawn
as curves behind the nodes. 360 units wide: on a phone it shows at about its natural size.
All text passes through markupsafe's escape.

Links use `xlink:href`, not `href`: Material's instant navigation rewrites every `[href]` element
by assigning to `.href`, which is read-only on SVG links and threw, breaking the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .model import Module, Phase, Roadmap

WIDTH = 360
MARGIN = 8
GAP = 12
NODE_W = (WIDTH - 2 * MARGIN - GAP) // 2
NODE_H = 50
HEAD_H = 32
PHASE_GAP = 30
LINE_CHARS = 25


@dataclass
class _Box:
    x: int
    y: int
    w: int
    h: int


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


def wrap(title: str, width: int = LINE_CHARS, lines: int = 2) -> list[str]:
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


def render_map(
    roadmap: Roadmap,
    link: Callable[[str], str],
    phase_link: Callable[[Phase], str],
    progress: Callable[[list[str]], tuple[str, int]],
) -> Markup:
    """The whole SVG. `link(module_id)` and `phase_link(phase)` give hrefs; `progress(ids)` the set and total."""
    edges = module_edges(roadmap)
    boxes: dict[str, _Box] = {}
    titles = {m.id: m.title for p in roadmap.phases for m in p.modules}
    nodes: list[str] = []
    y = MARGIN
    for n, phase in enumerate(roadmap.phases, start=1):
        if n > 1:
            mid = WIDTH // 2
            nodes.append(
                f'<path class="rm-map__order" d="M{mid} {y - PHASE_GAP + 4}V{y - 6}" marker-end="url(#rm-arrow)"/>'
            )
        nodes.append(_phase_node(phase, n, y, phase_link(phase), progress))
        y += HEAD_H + GAP
        for k, module in enumerate(phase.modules):
            box = _Box(MARGIN + (k % 2) * (NODE_W + GAP), y + (k // 2) * (NODE_H + GAP), NODE_W, NODE_H)
            boxes[module.id] = box
            after = [titles[s] for s in edges.get(module.id, [])]
            nodes.append(_module_node(module, phase, box, link(module.id), after, progress))
        y += -(-len(phase.modules) // 2) * (NODE_H + GAP) + PHASE_GAP - GAP
    height = y - PHASE_GAP + GAP + MARGIN
    curves = [
        _curve(boxes[s], boxes[t], s, t) for t, sources in edges.items() for s in sources if s in boxes and t in boxes
    ]
    return Markup(
        f'<svg class="rm-map" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}"'
        ' aria-labelledby="rm-map-title rm-map-desc" data-rm-map>'
        '<title id="rm-map-title">Map of the roadmap</title>'
        f'<desc id="rm-map-desc">{len(roadmap.phases)} phases in order, top to bottom, each with its modules.'
        " Lines join a module to the modules it builds on. Each box links to its page and shows how many"
        " of its items you have ticked.</desc>"
        '<defs><marker id="rm-arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6"'
        ' orient="auto-start-reverse"><path d="M0 0L10 5L0 10z"/></marker></defs>'
        f'<g class="rm-map__edges">{"".join(curves)}</g>'
        f"{''.join(nodes)}</svg>"
    )


def _phase_node(phase: Phase, number: int, y: int, href: str, progress: Callable[[list[str]], tuple[str, int]]) -> str:
    spec, total = progress([i.id for i in phase.items])
    label = escape(f"Phase {number}: {phase.title}")
    text = escape(wrap(f"{number}. {phase.title}", 44, 1)[0])
    return (
        f'<a class="rm-node rm-node--phase" xlink:href="{escape(href)}" data-rm-set="{escape(spec)}"'
        f' aria-label="{label}, 0 of {total} done" data-rm-label="{label}">'
        f'<rect x="{MARGIN}" y="{y}" width="{WIDTH - 2 * MARGIN}" height="{HEAD_H}" rx="6"/>'
        f'<text x="{MARGIN + 10}" y="{y + 21}" class="rm-node__title">{text}</text>'
        f'<text x="{WIDTH - MARGIN - 10}" y="{y + 21}" class="rm-node__count" text-anchor="end">0/{total}</text></a>'
    )


def _module_node(
    module: Module,
    phase: Phase,
    box: _Box,
    href: str,
    after: list[str],
    progress: Callable[[list[str]], tuple[str, int]],
) -> str:
    spec, total = progress([i.id for i in module.items])
    label = f"{module.title} ({phase.title})"
    if after:
        label += ". Builds on: " + ", ".join(after)
    lines = wrap(module.title)
    text = "".join(
        f'<text x="{box.x + 8}" y="{box.y + 17 + 13 * n}" class="rm-node__title">{escape(line)}</text>'
        for n, line in enumerate(lines)
    )
    return (
        f'<a class="rm-node" xlink:href="{escape(href)}" data-rm-set="{escape(spec)}"'
        f' data-rm-node="{escape(module.id)}"'
        f' aria-label="{escape(label)}, 0 of {total} done" data-rm-label="{escape(label)}">'
        f'<rect x="{box.x}" y="{box.y}" width="{box.w}" height="{box.h}" rx="6"/>{text}'
        f'<text x="{box.x + box.w - 8}" y="{box.y + box.h - 7}" class="rm-node__count"'
        f' text-anchor="end">0/{total}</text></a>'
    )


def _curve(a: _Box, b: _Box, source: str, target: str) -> str:
    """A line from a prerequisite's box to the box that builds on it, around the boxes between."""
    if b.y >= a.y + a.h:  # below: from the bottom edge down to the top edge
        x1, y1, x2, y2 = a.x + a.w // 2, a.y + a.h, b.x + b.w // 2, b.y
        bend = max(24, abs(y2 - y1) // 3)
        d = f"M{x1} {y1}C{x1} {y1 + bend} {x2} {y2 - bend} {x2} {y2}"
    elif b.y == a.y:  # side by side: straight across the gap between the columns
        y = a.y + a.h // 2
        x1, x2 = (a.x + a.w, b.x) if b.x > a.x else (a.x, b.x + b.w)
        d = f"M{x1} {y}H{x2}"
    else:  # above (a prerequisite placed later): from the top edge up to the bottom edge
        x1, y1, x2, y2 = a.x + a.w // 2, a.y, b.x + b.w // 2, b.y + b.h
        bend = max(24, abs(y1 - y2) // 3)
        d = f"M{x1} {y1}C{x1} {y1 - bend} {x2} {y2 + bend} {x2} {y2}"
    return f'<path class="rm-edge" data-from="{escape(source)}" data-to="{escape(target)}" d="{d}"/>'

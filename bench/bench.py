"""Benchmarks: prints figures, asserts nothing. Run: python bench/bench.py [--reps N] [--scale 1,10,100]

- hook overhead: the canonical roadmap built through the hooks vs the same pages as plain Markdown
- validation alone and build time per item on synthetic roadmaps 10x and 100x the canonical size
- bytes of our own JS and CSS (gzip) and the largest page's HTML (gzip)
- under `mkdocs serve`: edit-to-reload latency in Chromium (alone: python bench/bench.py --reload)
- each track's projected plan length (pacing.plan_weeks, default options) against its seed's total
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
sys.path.insert(0, str(ROOT / "tests"))  # browserkit: finding Chromium, a quiet local server
from browserkit import chromium_path  # noqa: E402
from roadmapkit import Renderer, load_roadmap, roadmap_json  # noqa: E402
from roadmapkit.checks import check_roadmap  # noqa: E402
from roadmapkit.files import content_files  # noqa: E402
from roadmapkit.load import SCHEMA_DIR  # noqa: E402
from roadmapkit.loader import load_file  # noqa: E402
from roadmapkit.model import Roadmap, build_phase, build_track  # noqa: E402
from roadmapkit.pacing import plan_weeks  # noqa: E402
from roadmapkit.schema import check_document, validator_for  # noqa: E402
from roadmapkit.site import site_nav  # noqa: E402
from sitebuild import copy_project, mkdocs_serve  # noqa: E402

# Bytecode caching as on a normal machine (this sandbox sets PYTHONDONTWRITEBYTECODE, which made our
# hook modules, unlike MkDocs' own, compile from source on every build).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")


def build_seconds(config: Path, site: Path) -> float:
    return build(config, site)[0]


def build(config: Path, site: Path) -> tuple[float, float, float]:
    """Wall seconds, peak memory (MiB) and CPU seconds of one `mkdocs build` in a fresh process."""
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    proc = subprocess.Popen(cmd, env=ENV, cwd=config.parent)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime


def stage_seconds(content: Path) -> dict[str, float]:
    """The stages of load_roadmap timed apart: YAML parsing vs validation (schema, model, checks)."""
    times = dict.fromkeys(("parse", "schema", "model", "checks"), 0.0)
    phases, tracks = [], []
    gc.disable()  # as load_roadmap does
    try:
        for kind, folder in (("phase", "phases"), ("track", "tracks")):
            validator = validator_for(SCHEMA_DIR, kind)
            for file in content_files(content, folder, content.parent)[0]:
                start = time.perf_counter()
                doc, problems = load_file(file, file.name)
                times["parse"] += time.perf_counter() - start
                start = time.perf_counter()
                assert doc is not None and not problems and not check_document(doc, validator)
                times["schema"] += time.perf_counter() - start
                start = time.perf_counter()
                if kind == "phase":
                    phases.append(build_phase(doc.data, doc.path, len(phases) + 1, doc.line_of))
                else:
                    tracks.append(build_track(doc.data, doc.path, doc.line_of))
                times["model"] += time.perf_counter() - start
        start = time.perf_counter()
        assert not check_roadmap(Roadmap(phases, tracks))
        times["checks"] = time.perf_counter() - start
    finally:
        gc.enable()
    return times


def plain_project(tmp: Path) -> Path:
    """The generated pages written out as Markdown, with the same config, nav and plugins but no hooks."""
    roadmap = load_roadmap(ROOT / "content", ROOT)
    docs = tmp / "plain" / "docs"
    shutil.copytree(ROOT / "content" / "pages", docs)
    for page in Renderer(roadmap).pages():
        (docs / page.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / page.src_uri).write_text(page.markdown, "utf-8")
    (docs / "roadmap.json").write_text(roadmap_json(roadmap), "utf-8")
    shutil.copytree(ROOT / "overrides", tmp / "plain" / "overrides")
    text = (ROOT / "mkdocs.yml").read_text("utf-8")
    text = re.sub(r"!ENV \[[A-Z_]+, *([^\]]*)\]", r"\1", text)  # each !ENV setting at its default
    config = yaml.safe_load(text)
    config.pop("hooks")
    config["docs_dir"] = "docs"
    config["nav"] = json.loads(json.dumps(site_nav(roadmap)))  # what the hook would have set, as plain strings
    config["extra"]["roadmap_aliases"] = roadmap.alias_index()
    (tmp / "plain" / "mkdocs.yml").write_text(yaml.safe_dump(config), "utf-8")
    return tmp / "plain" / "mkdocs.yml"


def synthetic(tmp: Path, factor: int) -> Path:
    """A valid roadmap `factor` times the canonical one: every phase and track copied with suffixed ids."""
    out = tmp / f"x{factor}"
    (out / "phases").mkdir(parents=True)
    (out / "tracks").mkdir()
    shutil.copytree(ROOT / "content" / "schema", out / "schema")
    shutil.copytree(ROOT / "content" / "pages", out / "pages")
    files = [*sorted((ROOT / "content" / "phases").glob("*.yml")), *sorted((ROOT / "content" / "tracks").glob("*.yml"))]
    texts = {f: f.read_text("utf-8") for f in files}
    for n in range(factor):
        for f, text in texts.items():
            data = yaml.safe_load(text)
            suffixed = _suffix(data, f"-c{n}")
            name = f"{n:03d}-{f.name}"
            (out / f.parent.name / name).write_text(yaml.safe_dump(suffixed, allow_unicode=True), "utf-8")
    return out


def _suffix(node: object, tag: str) -> object:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in ("id", "item") and isinstance(value, str):
                out[key] = value + tag
            elif key in ("requires", "modules") and isinstance(value, list) and all(isinstance(v, str) for v in value):
                out[key] = [v + tag for v in value]
            elif key == "items" and isinstance(value, list):
                out[key] = [v + tag if isinstance(v, str) else _suffix(v, tag) for v in value]
            elif key == "aliases":
                out[key] = [v + tag for v in value]
            else:
                out[key] = _suffix(value, tag)
        return out
    if isinstance(node, list):
        return [_suffix(v, tag) for v in node]
    return node


def project_for(content: Path, tmp: Path) -> Path:
    project = tmp / f"project-{content.name}"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copytree(ROOT / "hooks", project / "hooks", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(content, project / "content")
    return project / "mkdocs.yml"


CLS_OBSERVER = """
window.__rmShift = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (!e.hadRecentInput) window.__rmShift += e.value;
}).observe({type: "layout-shift", buffered: true});
"""


def client_site(tmp: Path, boxes: int) -> tuple[Path, list[str]]:
    """A valid roadmap with one track page listing `boxes` checkboxes, built with the real hooks."""
    content = synthetic(tmp, -(-boxes // 583) + 1)
    ids = [i.id for i in load_roadmap(content, content.parent).items][:boxes]
    blocks = [{"title": f"Block {n // 100 + 1}", "items": ids[n : n + 100]} for n in range(0, len(ids), 100)]
    track = {"id": "everything", "title": "Everything", "duration": "1 year", "blocks": blocks}
    (content / "tracks" / "zz-everything.yml").write_text(yaml.safe_dump(track), "utf-8")
    site = tmp / "client-site"
    build_seconds(project_for(content, tmp), site)
    return site, ids


def client_figures(tmp: Path, boxes: int = 2000, runs: int = 7) -> None:
    """Time to apply stored progress (performance marks in roadmap.js) and layout shift, in Chromium."""
    executable = chromium_path()
    if executable is None:
        print("client: no Chromium found (install Debian's chromium or set CHROMIUM=...); skipped")
        return
    from functools import partial
    from threading import Thread

    from playwright.sync_api import sync_playwright

    from browserkit import QuietHandler, QuietServer

    site, ids = client_site(tmp, boxes)
    server = QuietServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(site)))
    Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/tracks/everything/"
    stored = {"version": 1, "items": {i: 1700000000000 for i in ids[::2]}, "notes": {}}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.add_init_script(CLS_OBSERVER)
            figures: dict[str, list[float]] = {"empty": [], "stored": []}
            shifts: dict[str, list[float]] = {"empty": [], "stored": []}
            for label in ("empty", "stored"):
                for _ in range(runs):
                    page.goto(url)
                    page.evaluate(
                        "([key, value]) => value ? localStorage.setItem(key, value) : localStorage.clear()",
                        [page.evaluate("roadmapKit.key"), json.dumps(stored) if label == "stored" else ""],
                    )
                    page.reload()
                    page.wait_for_function("document.documentElement.hasAttribute('data-rm-ready')")
                    count = page.evaluate("document.querySelectorAll('input[data-roadmap-id]').length")
                    first = page.evaluate("performance.getEntriesByName('rm:paint')[0].duration")
                    figures[label].append(first)
                    shifts[label].append(page.evaluate("window.__rmShift"))
            browser.close()
    finally:
        server.shutdown()
    for label in ("empty", "stored"):
        print(
            f"client apply ({label} progress) on {count} checkboxes: median {statistics.median(figures[label]):.1f} ms,"
            f" max {max(figures[label]):.1f} ms over {runs} loads (target < 16 ms);"
            f" layout shift {max(shifts[label]):.4f} (target 0)"
        )


class TimedLog(list):
    """Log lines with the moment each arrived (perf_counter)."""

    def __init__(self) -> None:
        super().__init__()
        self.times: list[float] = []

    def append(self, line: str) -> None:
        self.times.append(time.perf_counter())
        super().append(line)

    def first_after(self, start: float, text: str) -> float:
        """Seconds from `start` to the first line containing `text` that arrived after it."""
        return next(t for t, line in zip(self.times, self, strict=True) if t >= start and text in line) - start


def _timed_edit(page: Any, file: Path, text: str, selector: str, log: TimedLog) -> tuple[float, float, float]:
    """Write the file, wait for the page to show `selector`: seconds to MkDocs noticing the change,
    to the end of the rebuild (browsers told to reload) and to the page showing it."""
    start = time.perf_counter()
    file.write_text(text, "utf-8")
    page.wait_for_selector(selector)
    shown = time.perf_counter() - start
    return log.first_after(start, "Detected file changes"), log.first_after(start, "Reloading browsers"), shown


def reload_figures(tmp: Path, runs: int = 5) -> None:
    """`mkdocs serve` on the canonical roadmap: from writing a YAML file to Chromium showing the rebuilt
    page (live reload), for a fix (error page -> site) and for a break (site -> error page)."""
    executable = chromium_path()
    if executable is None:
        print("reload: no Chromium found (install Debian's chromium or set CHROMIUM=...); skipped")
        return
    from playwright.sync_api import sync_playwright

    project = copy_project(tmp / "serve-project")
    phase_file = sorted((project / "content" / "phases").glob("*.yml"))[1]
    good = phase_file.read_text("utf-8")
    broken = good + "not_a_key: 1\n"
    phase_id = yaml.safe_load(good)["id"]
    fixes: list[tuple[float, float, float]] = []
    breaks: list[tuple[float, float, float]] = []
    log = TimedLog()
    with mkdocs_serve(project, log=log) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.set_default_timeout(60_000)
        page.goto(f"{url}phases/{phase_id}/")
        page.wait_for_selector("html[data-rm-ready]")
        for _ in range(runs):
            breaks.append(_timed_edit(page, phase_file, broken, "#rm-content-problems", log))
            fixes.append(_timed_edit(page, phase_file, good, "html[data-rm-ready]", log))
        page.close()  # before the server stops: no live-reload poll left open
        browser.close()
    cases = (("fix -> rebuilt page", fixes, "; target <= 1.5 s"), ("break -> error page", breaks, ""))
    for label, edits, target in cases:
        detect, signal, shown = (statistics.median(r[i] for r in edits) for i in range(3))
        print(
            f"serve edit-to-reload, canonical roadmap, {label}: median {shown:.2f} s (max"
            f" {max(r[2] for r in edits):.2f} s over {len(edits)} edits{target});"
            f" change noticed at {detect:.2f} s, rebuilt at {signal:.2f} s, page shown {shown - signal:.2f} s later"
        )


def plan_figures(roadmap: Roadmap) -> None:
    """Projected weeks of every track (at its own pace, default options) against `plan_weeks`."""
    for track in roadmap.tracks:
        weeks = plan_weeks(track)
        if track.plan_weeks is None:
            print(f"plan     {track.id:<16} {weeks:6.1f} weeks (no stated total; {track.duration})")
            continue
        low, high = track.plan_weeks
        verdict = "ok" if low - 1e-6 <= weeks <= high + 1e-6 else "OUTSIDE"
        stated = f"{low:g}" if low == high else f"{low:g}-{high:g}"
        print(f"plan     {track.id:<16} {weeks:6.1f} weeks; seed {track.duration} = {stated} weeks: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=11)
    parser.add_argument("--scale", default="1,10,100", help="synthetic sizes to load and validate")
    parser.add_argument("--build-scale", default="1,10,100", help="of those, the sizes to build too")
    parser.add_argument("--reload", action="store_true", help="only the `mkdocs serve` edit-to-reload latency")
    parser.add_argument("--reload-runs", type=int, default=5)
    parser.add_argument("--plans-only", action="store_true", help="print the tracks' plan lengths only")
    args = parser.parse_args()
    if args.reload:
        print(f"# reproduce: python bench/bench.py --reload --reload-runs {args.reload_runs}")
        with tempfile.TemporaryDirectory() as name:
            reload_figures(Path(name), args.reload_runs)
        return
    plan_figures(load_roadmap(ROOT / "content", ROOT))
    if args.plans_only:
        return
    builds = {int(x) for x in args.build_scale.split(",") if x}
    print(
        f"# reproduce: python bench/bench.py --reps {args.reps} --scale {args.scale} --build-scale {args.build_scale}"
    )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        plain = plain_project(tmp)
        build_seconds(ROOT / "mkdocs.yml", tmp / "warm-h")  # warm-up: bytecode and template caches, disk
        build_seconds(plain, tmp / "warm-p")
        hooked, flat = [], []
        for rep in range(args.reps):  # alternating, so drift on the machine hits both alike
            hooked.append(build(ROOT / "mkdocs.yml", tmp / f"h{rep}"))
            flat.append(build(plain, tmp / f"p{rep}"))
        wall = statistics.median(h[0] / p[0] for h, p in zip(hooked, flat, strict=True))
        cpu = statistics.median(h[2] / p[2] for h, p in zip(hooked, flat, strict=True))
        print(
            f"hook build   median {statistics.median(h[0] for h in hooked):.2f} s; plain Markdown"
            f" {statistics.median(p[0] for p in flat):.2f} s; median ratio {wall:.3f} wall, {cpu:.3f} CPU"
            " (target <= 1.10)"
        )

        per_item = {}
        for factor in (int(x) for x in args.scale.split(",")):
            content = synthetic(tmp, factor) if factor > 1 else ROOT / "content"
            start = time.perf_counter()
            roadmap = load_roadmap(content, content.parent)
            seconds = time.perf_counter() - start
            stages = stage_seconds(content)
            checking = stages["schema"] + stages["model"] + stages["checks"]
            tracemalloc.start()  # a second, untimed run: tracemalloc slows Python down several times
            load_roadmap(content, content.parent)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            items = len(roadmap.items)
            size = sum(f.stat().st_size for f in content.glob("*/*.yml")) / 2**20
            print(
                f"load     x{factor:<3} {items:>6} items {size:5.1f} MiB YAML: {seconds:6.3f} s"
                f" ({1e6 * seconds / items:5.1f} us/item), peak {peak:5.1f} MiB"
            )
            print(
                f"           parse {stages['parse']:6.3f} s | schema validation {stages['schema']:6.3f} s"
                f" ({1e6 * stages['schema'] / items:4.1f} us/item; target at x100: < 1 s) | model"
                f" {stages['model']:.3f} s | ids, references and cross-file checks {stages['checks']:.3f} s"
                f" | all but parsing {checking:.3f} s ({1e6 * checking / items:4.1f} us/item)"
            )
            if factor in builds:
                config = project_for(content, tmp) if factor > 1 else ROOT / "mkdocs.yml"
                wall, rss, _ = build(config, tmp / f"scale{factor}")
                per_item[factor] = wall / items
                print(
                    f"build    x{factor:<3} {items:>6} items {wall:7.2f} s ({1e3 * per_item[factor]:.2f} ms/item),"
                    f" peak RSS {rss:.0f} MiB"
                )
                shutil.rmtree(tmp / f"scale{factor}")
        for factor in sorted(per_item):
            if factor > 1 and 1 in per_item:
                ratio = per_item[factor] / per_item[1]
                print(f"per-item build cost x{factor} / x1: {ratio:.2f} (target at x100: <= 1.5)")

        client_figures(tmp)
        reload_figures(tmp, args.reload_runs)

        site = tmp / "h0"

        def gz(name: str) -> int:
            return len(gzip.compress((site / "assets" / name).read_bytes(), 9))

        every = gz("roadmap.js") + gz("roadmap.css")
        print(f"our JS + CSS as served (minified), gzip: {every} bytes on every page (target < 6144);")
        print(f"  + roadmap-tools.js {gz('roadmap-tools.js')} bytes on the home and progress pages only")
        print(f"  + roadmap-tools.css {gz('roadmap-tools.css')} bytes on the home, progress and map pages only")
        largest = max(site.rglob("*.html"), key=lambda p: len(gzip.compress(p.read_bytes(), 9)))
        size = len(gzip.compress(largest.read_bytes(), 9))
        boxes = largest.read_text("utf-8").count("data-roadmap-id=")
        print(
            f"largest page: {largest.relative_to(site)} {size / 1024:.1f} KiB gzip, {boxes} checkboxes (limit 150 KiB)"
        )


if __name__ == "__main__":
    main()

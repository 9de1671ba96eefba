"""Benchmarks: prints figures, asserts nothing. Run: python bench/bench.py [--reps N] [--scale 1,10,100]

- hook overhead: the canonical roadmap built through the hooks vs the same pages as plain Markdown
- validation alone and build time per item on synthetic roadmaps 10x and 100x the canonical size
- bytes of our own JS and CSS (gzip) and the largest page's HTML (gzip)
"""

from __future__ import annotations

import argparse
import gzip
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

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))
from mlroadmap import Renderer, load_roadmap, roadmap_json  # noqa: E402
from roadmap_content import _nav  # noqa: E402

# Bytecode caching as on a normal machine (this sandbox sets PYTHONDONTWRITEBYTECODE, which made our
# hook modules, unlike MkDocs' own, compile from source on every build).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")


def build_seconds(config: Path, site: Path) -> float:
    start = time.perf_counter()
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    subprocess.run(cmd, check=True, env=ENV, cwd=config.parent)
    return time.perf_counter() - start


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
    config["nav"] = _nav(roadmap)  # what the hook would have set
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--scale", default="1,10,100", help="synthetic sizes to validate (build up to 10x)")
    args = parser.parse_args()
    print(f"# reproduce: python bench/bench.py --reps {args.reps} --scale {args.scale}")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        plain = plain_project(tmp)
        build_seconds(ROOT / "mkdocs.yml", tmp / "warm-h")  # warm-up: bytecode and template caches, disk
        build_seconds(plain, tmp / "warm-p")
        hooked, flat = [], []
        for rep in range(args.reps):
            hooked.append(build_seconds(ROOT / "mkdocs.yml", tmp / f"h{rep}"))
            flat.append(build_seconds(plain, tmp / f"p{rep}"))
        ratio = statistics.median(h / p for h, p in zip(hooked, flat, strict=True))
        print(
            f"hook build   median {statistics.median(hooked):.2f} s; plain Markdown {statistics.median(flat):.2f} s;"
            f" median ratio {ratio:.3f} (target <= 1.10)"
        )

        per_item = {}
        for factor in (int(x) for x in args.scale.split(",")):
            content = synthetic(tmp, factor) if factor > 1 else ROOT / "content"
            start = time.perf_counter()
            roadmap = load_roadmap(content, content.parent)
            seconds = time.perf_counter() - start
            tracemalloc.start()  # a second, untimed run: tracemalloc slows Python down several times
            load_roadmap(content, content.parent)
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            items = len(roadmap.items)
            print(
                f"validate x{factor:<3} {items:>6} items {seconds:7.3f} s ({1e6 * seconds / items:6.1f} us/item)"
                f" peak {peak:6.1f} MiB (target at x100: < 1 s)"
            )
            if factor <= 10:
                config = project_for(content, tmp) if factor > 1 else ROOT / "mkdocs.yml"
                build = build_seconds(config, tmp / f"scale{factor}")
                per_item[factor] = build / items
                print(f"build    x{factor:<3} {items:>6} items {build:7.2f} s ({1e3 * per_item[factor]:.2f} ms/item)")
        if 10 in per_item:
            print(f"per-item build cost x10 / x1: {per_item[10] / per_item[1]:.2f} (target for x100: <= 1.5)")

        assets = ROOT / "overrides" / "assets"
        js_css = sum(len(gzip.compress((assets / f).read_bytes(), 9)) for f in ("roadmap.js", "roadmap.css"))
        print(f"our JS + CSS gzip: {js_css} bytes (target < 6144)")
        site = tmp / "h0"
        largest = max(site.rglob("*.html"), key=lambda p: len(gzip.compress(p.read_bytes(), 9)))
        size = len(gzip.compress(largest.read_bytes(), 9))
        boxes = largest.read_text("utf-8").count("data-roadmap-id=")
        print(
            f"largest page: {largest.relative_to(site)} {size / 1024:.1f} KiB gzip, {boxes} checkboxes (limit 150 KiB)"
        )


if __name__ == "__main__":
    main()

"""Hostile inputs against the bounds (issue #22): prints figures, asserts nothing.

Run: python bench/hostile.py [--before REV] [--only NAME,...] [--timeout SECONDS] [--build-refused]

Each input is the canonical content plus one crafted change. For this tree and, with --before,
for another revision (its hooks/ from `git archive`), it times `roadmap-validate` and then
`mkdocs build` (only when validation passed, unless --build-refused), each in a fresh process, against a normal build of
the canonical content with the same code. A run past --timeout is stopped and shown as ">N".
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
ENV.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1700000000")
TOPIC = "      - id: {id}\n        title: {title}\n"
MODULE = "  - id: {id}\n    title: Module {id}\n    topics:\n"


def phase(ident: str, modules: str) -> str:
    return f"id: {ident}\ntitle: Phase {ident}\ngoal: g\nduration: 1 week\nmodules:\n{modules}"


def items(prefix: str, count: int, extra: str = "") -> str:
    """Modules of up to 1,000 topics, `count` topics in all, each with `extra` lines under it."""
    out = ""
    for start in range(0, count, 1_000):
        topics = (
            TOPIC.format(id=f"{prefix}-{n}", title=f"Topic {n}") + extra
            for n in range(start, min(count, start + 1_000))
        )
        out += MODULE.format(id=f"{prefix}-m{start}") + "".join(topics)
    return out


def write_phase(content: Path, name: str, text: str) -> None:
    (content / "phases" / name).write_text(text, "utf-8")


# ---- the inputs: each changes a copy of content/ ----


def page_backticks(content: Path) -> None:
    """Issue point 4: 30 kB of ``_` in a hand-written page."""
    (content / "pages" / "slow.md").write_text("# Slow\n\n" + "``_`" * 7_500 + "\n", "utf-8")


def requires_mixed(content: Path) -> None:
    """Point 5: requires: [0, a1, 2, a3, ...], 20,000 entries."""
    entries = ", ".join(str(n) if n % 2 == 0 else f"a{n}" for n in range(20_000))
    write_phase(content, "99-x.yml", phase("x", items("x", 1, f"        requires: [{entries}]\n")))


def unknown_ids(content: Path) -> None:
    """Point 6: 400 unknown ids beside a 1 MB phase file."""
    unknown = ", ".join(f"nope-{n}" for n in range(400))
    write_phase(content, "98-big.yml", phase("big", items("big", 20_000)))
    write_phase(content, "99-x.yml", phase("x", items("x", 1, f"        requires: [{unknown}]\n")))


def numbers(content: Path) -> None:
    """Point 7: a 1 MB list of numbers."""
    values = ", ".join(str(n % 10) for n in range(330_000))
    write_phase(content, "99-x.yml", phase("x", items("x", 1)) + f"numbers: [{values}]\n")


def descriptions(content: Path) -> None:
    """Point 7: 1 MB of descriptions just under the old per-text limits (1 s each: 50 unmatched [)."""
    texts = (json.dumps(f"{n}" + "[" * 50 + " word" * 960) for n in range(190))
    body = "".join(
        TOPIC.format(id=f"x-{n}", title=f"T{n}") + f"        description: {t}\n" for n, t in enumerate(texts)
    )
    write_phase(content, "99-x.yml", phase("x", MODULE.format(id="x-m") + body))


def five_big_files(content: Path) -> None:
    """Point 7: five 1 MB phase files of plain items (a legitimate shape, 20 times the canonical size)."""
    for n in range(5):
        write_phase(content, f"9{n}-big.yml", phase(f"big{n}", items(f"big{n}", 20_000)))


def weeks_nan(content: Path) -> None:
    """Point 9: weeks: .nan in a track block."""
    track = content / "tracks" / "12-weeks.yml"
    text = track.read_text("utf-8")
    at = text.index("weeks:", text.index("blocks:"))
    track.write_text(text[:at] + "weeks: .nan #" + text[at + len("weeks:") :], "utf-8")


def deep_keys(content: Path) -> None:
    """Extra: nesting just under the depth limit, with many keys at every level (an unknown key)."""
    keys = ", ".join(f"k{n}: 1" for n in range(40))
    deep = "{}"
    for _ in range(14):
        deep = f"{{{keys}, d: {deep}}}"
    body = "\n".join(f"extra{n}: {deep}" for n in range(220))
    write_phase(content, "99-x.yml", phase("x", items("x", 1)) + body + "\n")


def many_files(content: Path) -> None:
    """Extra: 1,500 tiny phase files."""
    for n in range(1_500):
        write_phase(content, f"9{n:04d}.yml", phase(f"tiny{n}", items(f"tiny{n}", 1)))


def long_ids(content: Path) -> None:
    """Extra: ids of 80 characters and titles of 200, just under their limits, 3,200 items in 4 modules."""
    modules = ""
    for m in range(4):
        topics = (TOPIC.format(id=f"{'a' * 70}-{m}{n:07d}", title="T" * 200) for n in range(800))
        modules += MODULE.format(id=f"long-m{m}") + "".join(topics)
    write_phase(content, "99-x.yml", phase("x", modules))


def huge_track(content: Path) -> None:
    """Extra: a track of 2,000 blocks (the list limit), each with one occurrence of the same item."""
    entry = "{item: python-variables-types, repeat: occurrence}"
    blocks = "".join(f"  - title: Week {n}\n    id: w{n}\n    weeks: 1\n    items: [{entry}]\n" for n in range(2_000))
    text = f"id: huge\ntitle: Huge\nduration: 2000 weeks\nblocks:\n{blocks}"
    (content / "tracks" / "huge.yml").write_text(text, "utf-8")


def markdown_markup(content: Path) -> None:
    """Extra: 180 different descriptions of nested brackets and emphasis, each under the per-text
    limits, and all together under the Markdown weight budget."""
    nested = "[" * 90 + "x" + "]" * 90
    texts = (json.dumps(f"{n} {nested} " + ("*_" * 800 + " \\` " * 200)[:4_700]) for n in range(180))
    body = "".join(
        TOPIC.format(id=f"x-{n}", title=f"T{n}") + f"        description: {t}\n" for n, t in enumerate(texts)
    )
    write_phase(content, "99-x.yml", phase("x", MODULE.format(id="x-m") + body))


def many_resources(content: Path) -> None:
    """Extra: items with 1,900 resources each."""
    res = "".join(
        f"          - {{title: R{n}, url: 'https://example.org/{n}', kind: book, cost: free}}\n" for n in range(1_900)
    )
    write_phase(content, "99-x.yml", phase("x", items("x", 6, "        resources:\n" + res)))


INPUTS: dict[str, Callable[[Path], None]] = {
    "normal": lambda content: None,
    "page-backticks": page_backticks,
    "requires-mixed": requires_mixed,
    "unknown-ids": unknown_ids,
    "numbers": numbers,
    "descriptions": descriptions,
    "five-big-files": five_big_files,
    "weeks-nan": weeks_nan,
    "deep-keys": deep_keys,
    "many-files": many_files,
    "long-ids": long_ids,
    "huge-track": huge_track,
    "markdown-markup": markdown_markup,
    "many-resources": many_resources,
}


# ---- running ----


def project(tree: Path, target: Path, make: Callable[[Path], None]) -> Path:
    """A project folder with `tree`'s hooks and overrides and a changed copy of this tree's content."""
    for name in ("mkdocs.yml", "overrides", "hooks"):
        src = tree / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, target / name)
    shutil.copytree(ROOT / "content", target / "content")
    make(target / "content")
    return target


def timed(cmd: list[str], cwd: Path, hooks: Path, timeout: float) -> tuple[str, bool]:
    """('1.23', passed) or ('>60', False) for one command in a fresh process."""
    env = {**ENV, "PYTHONPATH": str(hooks)}
    start = time.perf_counter()
    try:
        done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f}", False
    return f"{time.perf_counter() - start:.2f}", done.returncode == 0


def measure(tree: Path, make: Callable[[Path], None], timeout: float, always: bool) -> tuple[str, str]:
    """Validate, then build when validation passed (or `always`): the two times, '(refused)' marked."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = project(tree, Path(tmp), make)
        cli = [sys.executable, "-m", "roadmapkit.cli", "content"]
        validate, valid = timed(cli, folder, folder / "hooks", timeout)
        if not valid and not validate.startswith(">"):
            validate += " (refused)"
        if not valid and not always:
            return validate, "-"
        build = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(Path(tmp) / "site")]
        seconds, built = timed(build, folder, folder / "hooks", timeout)
        return validate, seconds if built or seconds.startswith(">") else seconds + " (refused)"


def checkout(rev: str, target: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git revision to compare with (its hooks/, overrides/, mkdocs.yml)")
    parser.add_argument("--only", default="", help="comma-separated input names (default: all)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is stopped")
    parser.add_argument("--build-refused", action="store_true", help="build even when validation refused")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(INPUTS)
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"after": ROOT}
        if args.before:
            trees = {"before": checkout(args.before, Path(tmp)), **trees}
        report(trees, ["normal", *[n for n in names if n != "normal"]], args.timeout, args.build_refused)


def report(trees: dict[str, Path], names: list[str], timeout: float, always: bool) -> None:
    print(f"{'input':16}" + "".join(f" | {label} validate s | {label} build s" for label in trees))
    for name in names:
        row = [measure(tree, INPUTS[name], timeout, always) for tree in trees.values()]
        print(f"{name:16}" + "".join(f" | {v:>17} | {b:>14}" for v, b in row), flush=True)


if __name__ == "__main__":
    main()

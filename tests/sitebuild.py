"""Helpers to build the real site with the real `mkdocs build --strict` (or `properdocs build --strict`),
or serve it with `mkdocs serve`."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
PROJECT_FILES = ("mkdocs.yml", "overrides", "content", "hooks")


def mkdocs_build(config_dir: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build --strict` on a project folder; never raises on failure."""
    return site_build("mkdocs", config_dir, site_dir, **env)


def site_build(builder: str, config_dir: Path, site_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run `<builder> build --strict` (builder: mkdocs or properdocs, its drop-in fork); never raises."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", **env}
    cmd = [
        sys.executable,
        "-m",
        builder,
        "build",
        "--strict",
        "-f",
        str(config_dir / "mkdocs.yml"),
        "-d",
        str(site_dir),
    ]
    return subprocess.run(cmd, capture_output=True, text=True, env=environ, cwd=config_dir, check=False)


def run_python(project: Path, code: str, *args: object) -> subprocess.CompletedProcess[str]:
    """Run Python `code` (with `args` as sys.argv[1:]) in a fresh process in a project folder, as the
    builds above run: for in-process MkDocs builds whose hooks' process-wide state must start fresh."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
    cmd = [sys.executable, "-c", code, *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, env=environ, cwd=project, check=False)


def copy_project(target: Path, content: Path | None = None) -> Path:
    """A copy of the project (optionally with other content) that a test may break."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if name == "content" and content is not None:
            for part in ("pages", "schema"):  # the content's own when it has them, else ours
                shutil.copytree(
                    content / part if (content / part).is_dir() else ROOT / "content" / part, target / name / part
                )
            shutil.copytree(content / "phases", target / "content" / "phases")
            shutil.copytree(content / "tracks", target / "content" / "tracks")
            if (content / "roadmap.yml").is_file():
                shutil.copy(content / "roadmap.yml", target / "content" / "roadmap.yml")
        elif src.is_dir():
            shutil.copytree(src, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, target / name)
    return target


def long_track_content(
    target: Path, parts: int = 3, blocks: int = 2, per_block: int = 26, grouped: bool = True
) -> Path:
    """Content with one track longer than model.FOLD_ENTRIES: `parts` groups of `blocks` blocks of
    `per_block` items each (no groups when not `grouped`), then an ungrouped block of four."""
    count = parts * blocks * per_block + 4
    topics = "".join(f"      - {{id: t{n:03}, title: Topic {n}}}\n" for n in range(1, count + 1))
    phase = f"id: long\ntitle: Long\nmodules:\n  - id: long-module\n    title: Long module\n    topics:\n{topics}"
    lines = ["id: long", "title: Long track", "duration: 12 weeks", "blocks:"]
    ids = iter(f"t{n:03}" for n in range(1, count + 1))
    for part in range(1, parts + 1):
        for block in range(1, blocks + 1):
            items = ", ".join(next(ids) for _ in range(per_block))
            group = [f"    group: Part {part}"] if grouped else []
            lines += [f"  - title: Part {part} step {block}", *group, "    weeks: 1"]
            lines.append(f"    items: [{items}]")
    lines += ["  - title: Afterwards", f"    items: [{', '.join(ids)}]"]
    for folder, name, text in (("phases", "01-long.yml", phase), ("tracks", "long.yml", "\n".join(lines) + "\n")):
        (target / folder).mkdir(parents=True, exist_ok=True)
        (target / folder / name).write_text(text, "utf-8")
    return target


@contextmanager
def mkdocs_serve(project: Path, timeout: float = 60, log: list[str] | None = None, **env: str) -> Iterator[str]:
    """Run the real `mkdocs serve` on a project on a free local port; yields the site's address.
    Its log lines go to `log` when one is given; `env` adds to its environment."""
    port = _free_port()
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    cmd = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environ, cwd=project)
    log = [] if log is None else log
    started = threading.Event()

    def drain() -> None:  # keeps reading, or the server blocks once the pipe is full
        for line in proc.stderr or ():
            log.append(line)
            if "Serving on " in line:
                started.set()
        started.set()

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        started.wait(timeout)
        found = re.search(r"Serving on (\S+)", "".join(log))
        if found is None or proc.poll() is not None:
            raise RuntimeError("mkdocs serve did not start:\n" + "".join(log))
        yield found.group(1)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        reader.join(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_digest(site: Path) -> dict[str, str]:
    """Every file of a built site by path, with its SHA-256: equal digests mean an untouched site."""
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }

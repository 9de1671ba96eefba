"""The Nu HTML checker (vnu) finds no error in our HTML: one page of each kind, built for real."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

VNU = Path(__file__).parents[1] / "browser" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PAGES = (
    "index.html",
    "phases/{phase}/index.html",
    "tracks/{track}/index.html",
    "tracks/index.html",
    "progress/index.html",
    "resources/index.html",
    "map/index.html",
    "about/index.html",
)
# Material's own markup, outside the blocks a theme override reaches: its drawer and search toggles
# (autocomplete on a checkbox), and its table-of-contents title on a page without headings.
MATERIAL_OWN = ('class="md-toggle"', 'class="md-nav__title" for="__toc"')


def vnu_errors(files: list[Path]) -> list[dict]:
    java = shutil.which("java")
    if java is None:
        pytest.fail(
            "java is missing: the HTML check runs the Nu validator (vnu.jar). Install a Java runtime "
            "(Debian/Ubuntu: sudo apt-get install default-jre-headless; .ci/run does it for you)."
        )
    if not VNU.is_file():
        pytest.fail(f"{VNU} is missing: run `npm ci --prefix tests/browser` (scripts/test does it for you).")
    cmd = [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, files)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    return [m for m in json.loads(result.stderr or '{"messages": []}')["messages"] if m["type"] == "error"]


def test_built_pages_are_valid_html(built_site: Path) -> None:
    phase = sorted((built_site / "phases").iterdir())[0].name
    track = max((built_site / "tracks").glob("*/index.html"), key=lambda p: p.stat().st_size).parent.name
    files = [built_site / p.format(phase=phase, track=track) for p in PAGES]
    lines = {str(f): f.read_text("utf-8").splitlines() for f in files}
    ours = [
        f"{m['url']}:{m.get('lastLine')}: {m['message']}"
        for m in vnu_errors(files)
        if not any(own in _line(lines, m) for own in MATERIAL_OWN)
    ]
    assert ours == []


def _line(lines: dict[str, list[str]], message: dict) -> str:
    """The source line a vnu message points at ('' when it names no line)."""
    text = lines.get(message["url"].removeprefix("file:"), [])
    number = message.get("lastLine", 0)
    return text[number - 1] if 0 < number <= len(text) else ""

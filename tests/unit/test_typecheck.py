"""The engine is type-checked: mypy, strict, on hooks/ ([tool.mypy] in pyproject.toml) finds no
error, would catch what strict mode is for, and runs in scripts/test (so in CI) and before commits."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml

from sitebuild import ROOT


def _mypy(*args: str) -> tuple[int, list[tuple[int, str]]]:
    """mypy's exit code and each error it reports, as (line, error code)."""
    cmd = [sys.executable, "-m", "mypy", "--output", "json", *args]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    assert not result.stderr, result.stderr
    found = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return result.returncode, [(f["line"], f["code"]) for f in found]


def test_mypy_finds_no_error_in_the_engine() -> None:
    assert _mypy() == (0, [])


def test_mypy_would_catch_an_untyped_def_a_possible_none_and_an_ignore_without_its_code(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def untyped(value):\n    return value\n\n\n"
        "def first(names: list[str]) -> str | None:\n    return names[0] if names else None\n\n\n"
        "def shout(names: list[str]) -> str:\n    return first(names).upper()\n\n\n"
        'LIMIT: int = "ten"  # type: ignore\n'
    )
    config = ["--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(tmp_path / "cache")]
    code, errors = _mypy(*config, str(bad))
    assert code == 1 and errors == [(1, "no-untyped-def"), (10, "union-attr"), (13, "ignore-without-code")]


def test_mypy_is_strict_on_the_engine_and_silences_no_module_wholesale() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert config["strict"] is True and config["files"] == ["hooks"]
    assert not any(o.get("ignore_errors") for o in config.get("overrides", []))


def test_mypy_runs_in_the_test_script_after_ruff_and_before_commits() -> None:
    lines = [line.split("#")[0].strip() for line in (ROOT / "scripts" / "test").read_text("utf-8").splitlines()]
    assert "mypy" in lines and lines.index("mypy") > lines.index("ruff format --check hooks tests bench")
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    entries = {h["entry"]: h for repo in hooks["repos"] for h in repo["hooks"]}
    assert entries["mypy"]["pass_filenames"] is False  # the whole engine, as configured, not the files changed

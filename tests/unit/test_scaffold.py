"""`roadmap-new`: a starter roadmap that validates and builds, and never overwrites a file."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from roadmapkit import load_roadmap
from roadmapkit.cli import main as validate_main
from roadmapkit.cli import new_main
from sitebuild import ROOT, copy_project, mkdocs_build

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
ENGINE = ROOT / "hooks" / "roadmapkit"


def test_new_roadmap_validates_and_builds_with_its_checkboxes(tmp_path: Path) -> None:
    assert new_main([str(tmp_path / "mine")]) == 0
    content = tmp_path / "mine" / "content"
    assert validate_main([str(content)]) == 0
    project = copy_project(tmp_path / "project", content=content)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    phase = load_roadmap(content, tmp_path).phases[0]
    html = (site / "phases" / phase.id / "index.html").read_text("utf-8")
    assert phase.items
    assert set(re.findall(r'data-roadmap-id="([^"]+)"', html)) == {item.id for item in phase.items}


def test_new_roadmap_has_the_identity_file(tmp_path: Path) -> None:
    assert (
        new_main(
            [str(tmp_path), "--title", 'Say "hi": a roadmap'],
        )
        == 0
    )
    identity = yaml.safe_load((tmp_path / "content" / "roadmap.yml").read_text("utf-8"))
    assert set(identity) <= {"title", "description", "audience", "about", "storage_key"}  # no repository: none known
    assert identity["title"] == 'Say "hi": a roadmap'
    assert identity["description"].strip()
    assert "# repository: https://github.com/OWNER/NAME" in (tmp_path / "content" / "roadmap.yml").read_text("utf-8")
    assert SLUG.fullmatch(identity["storage_key"]) and identity["storage_key"] == "say-hi-a-roadmap"


def test_schema_comments_point_at_copied_schema_files(tmp_path: Path) -> None:
    assert new_main([str(tmp_path)]) == 0
    files = sorted((tmp_path / "content").rglob("*.yml"))
    assert [f.relative_to(tmp_path / "content").parts[0] for f in files] == ["phases", "roadmap.yml", "tracks"]
    for file in files:
        found = re.search(r"^# yaml-language-server: \$schema=(\S+)$", file.read_text("utf-8"), re.M)
        if found or file.name != "roadmap.yml":  # roadmap.yml names a schema only once there is one
            assert found, file
            assert (file.parent / found.group(1)).is_file(), file
    for schema in (ROOT / "content" / "schema").glob("*.schema.json"):
        assert (tmp_path / "content" / "schema" / schema.name).read_bytes() == schema.read_bytes()


def test_refuses_to_overwrite_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "roadmap.yml").write_text("title: Mine\n")
    assert new_main([str(tmp_path)]) == 2
    assert "exist already" in capsys.readouterr().err
    assert (tmp_path / "content" / "roadmap.yml").read_text() == "title: Mine\n"
    assert [p.name for p in (tmp_path / "content").iterdir()] == ["roadmap.yml"]


def test_prints_the_next_steps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new_main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Next steps" in out and "storage_key" in out
    assert f"roadmap-validate {tmp_path / 'content'}\n" in out and f"cd {tmp_path} && mkdocs serve\n" in out


def test_in_the_project_folder_the_next_commands_need_no_cd(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert new_main(["."]) == 0
    out = capsys.readouterr().out
    assert "Check them: roadmap-validate\n" in out and "Preview it: mkdocs serve\n" in out and "cd ." not in out


def test_lists_what_is_left_of_the_copied_roadmap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issue #24: after `rm -rf` of some of content/, a copied roadmap's seeds and checks stay."""
    (tmp_path / "content" / "seeds").mkdir(parents=True)
    (tmp_path / "content" / "seeds" / "000_a.md").write_text("a seed")
    (tmp_path / "content" / "checks.yml").write_text("track_count: 5\n")
    (tmp_path / "README.md").write_text("# Someone else's roadmap\n")
    (tmp_path / "CHANGELOG.md").write_text("# Changelog\n")
    assert new_main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    left = out.split("Delete what is left of the roadmap you copied")[1].split("\n  4.")[0]
    assert left.split()[-2:] == [str(tmp_path / "content" / "checks.yml"), str(tmp_path / "content/seeds/000_a.md")]
    assert "Rewrite README.md and CHANGELOG.md: they describe the project you copied" in out
    assert new_main([str(tmp_path / "fresh")]) == 0
    assert "Delete what is left" not in capsys.readouterr().out


def test_a_clone_of_a_github_repository_names_it_as_the_repository(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(
        ["git", "-C", str(tmp_path), "remote", "add", "origin", "git@github.com:knotty/atlas.git"], check=True
    )
    assert new_main([str(tmp_path)]) == 0
    identity = yaml.safe_load((tmp_path / "content" / "roadmap.yml").read_text("utf-8"))
    assert identity["repository"] == "https://github.com/knotty/atlas"
    assert validate_main([str(tmp_path / "content")]) == 0


def test_validate_names_the_missing_about_page_the_build_needs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert new_main([str(tmp_path)]) == 0
    (tmp_path / "content" / "pages" / "about.md").unlink()
    assert validate_main([str(tmp_path / "content")]) == 1
    assert "pages/about.md:1: (file): is missing (expected a Markdown page" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["export.py", "scaffold.py", "site.py", "cli.py", "starter"])
def test_new_engine_files_name_no_subject(name: str) -> None:
    paths = [ENGINE / name] if name.endswith(".py") else sorted((ENGINE / name).iterdir())
    for path in paths:
        assert "machine learning" not in path.read_text("utf-8").casefold(), path


def test_keeps_identical_schema_files_and_refuses_changed_ones(tmp_path: Path) -> None:
    schema = tmp_path / "content" / "schema"
    shutil.copytree(ROOT / "content" / "schema", schema)
    assert new_main([str(tmp_path)]) == 0
    assert (tmp_path / "content" / "roadmap.yml").is_file()
    other = tmp_path / "other"
    shutil.copytree(ROOT / "content" / "schema", other / "content" / "schema")
    (other / "content" / "schema" / "phase.schema.json").write_text("{}")
    assert new_main([str(other)]) == 2
    assert not (other / "content" / "roadmap.yml").exists()

"""`roadmap-render`: the site as plain files that build without hooks, and a careful writer."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest
import yaml

from roadmapkit import PLAN_SCRIPT, Renderer, load_roadmap
from roadmapkit.cli import render_main
from roadmapkit.export import MARKER, read_config, without_permalinks
from roadmapkit.site import site_nav, theme_extra
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build


def _checkboxes(site: Path) -> dict[str, list[str]]:
    """Built page -> the data-roadmap-id of each checkbox on it, in page order."""
    return {
        p.relative_to(site).as_posix(): re.findall(r'data-roadmap-id="([^"]+)"', p.read_text("utf-8"))
        for p in site.rglob("*.html")
    }


def named(element) -> str:
    """The text a screen reader names an element by: what aria-hidden does not take away."""

    def text(node) -> str:
        shown = "" if node.get("aria-hidden") == "true" else (node.text or "") + "".join(map(text, node))
        return shown + (node.tail or "")

    return (element.text or "") + "".join(map(text, element))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("render") / "out"
    assert render_main(["-f", str(ROOT / "mkdocs.yml"), str(out)]) == 0
    return out


def test_rendered_folder_builds_without_hooks_like_the_hook_build(rendered: Path, built_site: Path) -> None:
    config = yaml.safe_load((rendered / "mkdocs.yml").read_text("utf-8"))
    assert "hooks" not in config
    site = rendered.parent / "site"
    result = mkdocs_build(rendered, site)
    assert result.returncode == 0, result.stderr
    hook_build, plain_build = _checkboxes(built_site), _checkboxes(site)
    assert set(plain_build) == set(hook_build)
    assert plain_build == hook_build
    assert sum(map(len, plain_build.values())) >= len(load_roadmap(ROOT / "content", ROOT).items)
    for page in site.rglob("*.html"):  # issue #26: no "Title ¶" heading, no Tab stop per heading
        tree = html5lib.parse(page.read_text("utf-8"), namespaceHTMLElements=False)
        for level in range(1, 7):
            for heading in tree.iter(f"h{level}"):
                assert "¶" not in named(heading), page
                for link in heading.iter("a"):
                    assert link.get("tabindex") == "-1" or "headerlink" not in link.get("class", ""), page


def test_rendered_pages_are_the_renderers_markdown(rendered: Path) -> None:
    roadmap = load_roadmap(ROOT / "content", ROOT)
    for page in Renderer(roadmap).pages():
        assert (rendered / "docs" / page.src_uri).read_text("utf-8") == page.markdown, page.src_uri
    assert (rendered / "docs" / "about.md").read_bytes() == (ROOT / "content" / "pages" / "about.md").read_bytes()
    assert (rendered / "docs" / "roadmap.json").is_file()


def test_rendered_config_keeps_the_theme_and_points_at_the_copies(rendered: Path) -> None:
    source = read_config(ROOT / "mkdocs.yml")
    config = yaml.safe_load((rendered / "mkdocs.yml").read_text("utf-8"))
    assert config["theme"] == {**source["theme"], "custom_dir": "overrides"}
    assert config["markdown_extensions"] == without_permalinks(source["markdown_extensions"])
    assert {"toc": {"permalink": False}} in without_permalinks(["toc"])
    assert config["plugins"] == source["plugins"]
    assert config["docs_dir"] == "docs"
    assert config["nav"] == site_nav(load_roadmap(ROOT / "content", ROOT))
    roadmap = load_roadmap(ROOT / "content", ROOT)
    assert (
        config["extra"]["roadmap_storage_key"] == theme_extra(roadmap, source.get("extra") or {})["roadmap_storage_key"]
    )
    assert config["site_name"] == (roadmap.identity.title if roadmap.identity.source else source["site_name"])
    assert (rendered / "overrides" / "main.html").read_bytes() == (ROOT / "overrides" / "main.html").read_bytes()
    minified = (rendered / "overrides" / "assets" / "roadmap.js").stat().st_size
    assert minified < (ROOT / "overrides" / "assets" / "roadmap.js").stat().st_size


def test_env_tags_take_their_value_when_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", "https://example.org/fork/")
    monkeypatch.delenv("REPO_URL", raising=False)
    config = read_config(ROOT / "mkdocs.yml")
    assert config["site_url"] == "https://example.org/fork/"
    assert "repo_url" not in config  # content/roadmap.yml gives it (rendered_config)
    assert config["plugins"][1]["offline"]["enabled"] is False


def test_refuses_a_non_empty_folder_it_did_not_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    assert render_main(["-f", str(ROOT / "mkdocs.yml"), str(out)]) == 2
    assert "not written by roadmap-render" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


def test_renders_again_over_its_own_output_and_keeps_the_rest(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert render_main(["-f", str(ROOT / "mkdocs.yml"), str(out)]) == 0
    (out / "docs" / "stale.md").write_text("# Gone")
    (out / "site").mkdir()
    (out / "site" / "index.html").write_text("built")
    assert render_main(["-f", str(ROOT / "mkdocs.yml"), str(out)]) == 0
    assert not (out / "docs" / "stale.md").exists()
    assert (out / "site" / "index.html").read_text() == "built"
    assert (out / MARKER).is_file()


def test_refuses_to_write_inside_the_content(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    out = project / "content" / "pages" / "rendered"
    assert render_main(["-f", str(project / "mkdocs.yml"), str(out)]) == 2
    assert "inside the project's" in capsys.readouterr().err
    assert not out.exists()


def test_broken_content_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    (project / "content" / "phases" / "01-basics.yml").write_text("id: p\ntitle: P\ngoal: g\nduration: 1 week\n")
    out = tmp_path / "out"
    assert render_main(["-f", str(project / "mkdocs.yml"), str(out)]) == 1
    assert "modules" in capsys.readouterr().err
    assert not out.exists()


def test_console_scripts_are_declared() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'roadmap-render = "roadmapkit.cli:render_main"' in pyproject
    assert 'roadmap-new = "roadmapkit.cli:new_main"' in pyproject


def test_rendered_folder_has_the_plan_script_the_hook_build_serves(rendered: Path, built_site: Path) -> None:
    """Home, progress and track pages load it; without it a hook-free build showed no plan (a 404)."""
    assert (rendered / "docs" / PLAN_SCRIPT).read_bytes() == (built_site / PLAN_SCRIPT).read_bytes()

"""Page metadata runs no script in Chromium (issue 22): not from a page that got past validation
(the build's hook keeps only allowed keys, escaped), and not from the folder `roadmap-render`
writes, built by plain MkDocs with no hooks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from browserkit import open_page
from hostile import payload
from htmlcheck import injected_in_site
from roadmapkit.cli import render_main
from sitebuild import FIXTURES, copy_project, mkdocs_build

# Every key Material reads from page.meta, as an attacker would set it, in both ways MkDocs reads metadata.
FENCELESS = (
    "title: <img src=x onerror=alert(1)>\n"
    'status: x" tabindex="1" autofocus onfocus="alert(2)\n'
    'author: `"><script>alert(3)</script>`\n'
    "subtitle: <img src=x onerror=alert(4)>\n"
    "template: redirect.html\n"
    'location: "]);alert(5);//\n'
    "search: exclude\n"
    "\n# Slipped\n"
)
FRONT = {
    "title": payload(1),
    "description": 'x" http-equiv="refresh" content="0;url=javascript:alert(6)',
    "hide": 5,
    "search": "exclude",
    "icon": "material/../../../../x",
    "tags": {"a": "<img src=x onerror=alert(7)>"},
    "template": "redirect.html",
    "location": '"]);alert(8);//',
}
PAGES = {"slipped.md": FENCELESS, "front.md": f"---\n{yaml.safe_dump(FRONT, width=10_000)}---\n# Front\n"}
# A hook that adds the pages as generated files, which validation never sees, and lists them in the nav.
SLIP_HOOK = f"""
from mkdocs.structure.files import File

PAGES = {PAGES!r}


def on_config(config):  # after hooks/roadmap.py's: it sets the nav
    config.nav += [{{"Slipped": "slipped.md"}}, {{"Front": "front.md"}}]
    return config


def on_files(files, config):
    for name, text in PAGES.items():
        files.append(File.generated(config, name, content=text))
    return files
"""
CHECK = """() => ({
  pwned: window.__pwned === undefined ? null : String(window.__pwned),
  handlers: [...document.querySelectorAll('*')].filter(el => [...el.attributes].some(
    a => a.name.startsWith('on') || /^(javascript|data):/i.test(a.value.trim()))).length,
  refresh: document.querySelectorAll('meta[http-equiv]').length,
})"""


def _build_past_validation(project: Path, site: Path, url: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` with the slip hook; not --strict: the hook warns of each key it drops."""
    (project / "hooks" / "slip.py").write_text(SLIP_HOOK, "utf-8")
    config = project / "mkdocs.yml"
    hooks = "hooks:\n  - hooks/roadmap.py"  # the slip hook comes after it: its on_config runs after ours
    config.write_text(config.read_text("utf-8").replace(hooks, hooks + "\n  - hooks/slip.py"), "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-f", str(config), "-d", str(site)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=project, check=False)


def _visit(page: Page, url: str, dialogs: list[str]) -> None:
    open_page(page, url)
    page.keyboard.press("Tab")  # focus moves: a focus handler would run now
    found = page.evaluate(CHECK)
    assert dialogs == [] and found == {"pwned": None, "handlers": 0, "refresh": 0}, (url, dialogs, found)


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    opened: list[str] = []
    page.on("dialog", lambda dialog: (opened.append(dialog.message), dialog.dismiss()))
    return opened


def test_metadata_that_got_past_validation_runs_no_script(
    page: Page, dialogs: list[str], www: Path, server: str, tmp_path: Path
) -> None:
    url = f"{server}/slipped/"
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    result = _build_past_validation(project, www / "slipped", url)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert injected_in_site(www / "slipped") == {}
    for path in ("", "slipped/", "front/", "phases/basics/", "progress/"):
        _visit(page, url + path, dialogs)
    assert page.locator(".md-nav__link", has_text="Slipped").count() >= 1, "the page is in the nav, as text"


def test_the_rendered_folder_built_without_hooks_runs_no_script_from_metadata(
    page: Page, dialogs: list[str], www: Path, server: str, tmp_path: Path
) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    about = project / "content" / "pages" / "about.md"
    front = {"title": payload(1), "description": FRONT["description"], "hide": ["toc"]}
    about.write_text(f"---\n{yaml.safe_dump(front, width=10_000)}---\n\n{about.read_text('utf-8')}", "utf-8")
    out = tmp_path / "out"
    assert render_main(["-f", str(project / "mkdocs.yml"), str(out)]) == 0
    url = f"{server}/rendered/"
    result = mkdocs_build(out, www / "rendered", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    for path in ("", "about/"):
        _visit(page, url + path, dialogs)
    assert page.title().startswith(payload(1)), "the tab shows the title as text"

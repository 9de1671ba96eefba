"""hooks/roadmap_serve_fast.py, called by hooks/roadmap.py: under `mkdocs serve`, rebuilds reuse the
search entries of pages that did not change and MkDocs polls every 0.1 s; what they build is the same
as `mkdocs build`."""

from __future__ import annotations

import json
from pathlib import Path

from sitebuild import FIXTURES, copy_project, mkdocs_build, run_python, site_digest

# Rebuilds as `mkdocs serve` makes them (a new config each time, one process), in a subprocess so
# that the hooks' process-wide state starts fresh. argv: project, then one site folder per build;
# between the second and third build the second phase file's title changes.
REBUILDS = """
import json, re, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, sites = Path(sys.argv[1]), sys.argv[2:]
hits = []
for n, site in enumerate(sites):
    if n == 2:
        phase = sorted((project / "content" / "phases").glob("*.yml"))[-1]
        text = phase.read_text("utf-8")  # its title, plain or quoted, becomes one plain word
        phase.write_text(re.sub(r"(?m)^title: .*$", "title: Renamed", text, count=1), "utf-8")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    if n == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    search = sys.modules["hooks/roadmap.py"].state.search  # MkDocs names a hook by its path
    hits.append(search.hits)
print(json.dumps({"hits": hits, "declined": search.declined}))
"""


def _pages(site: Path) -> int:
    """The pages the search plugin indexes: every page but the 404 page."""
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def test_serve_rebuilds_build_what_mkdocs_build_builds(tmp_path: Path, built_site: Path) -> None:
    project = copy_project(tmp_path / "project")
    sites = [tmp_path / name for name in ("cold", "warm", "edited")]
    run = run_python(project, REBUILDS, project, *sites)
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["declined"] == ""  # Material's search index takes the kept entries
    cold, warm, edited = result["hits"]
    pages = _pages(sites[0])
    assert cold == 0  # the first build parses every page
    assert warm - cold == pages  # the second reuses every page's entries
    assert 0 < edited - warm < pages  # the edit changed some pages (the phase and those listing it)

    assert site_digest(sites[1]) == site_digest(built_site)  # before the edit: the suite's own build
    expected = tmp_path / "expected-edited"
    result = mkdocs_build(project, expected)  # `project` now has the edit
    assert result.returncode == 0, result.stderr
    assert site_digest(sites[2]) == site_digest(expected)
    assert "Renamed" in (sites[2] / "search" / "search_index.json").read_text("utf-8")


def _with_mkdocs_theme(project: Path) -> Path:
    """The project with MkDocs' own theme, whose search is MkDocs' own plugin (`search` under Material
    is Material's); our overrides and Material's offline plugin need Material, so they go."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    text = text[: text.index("theme:")] + "theme:\n  name: mkdocs\n\n" + text[text.index("plugins:") :]
    config.write_text(text.replace("  - offline:\n      enabled: !ENV [OFFLINE, false]\n", ""), "utf-8")
    return project


def test_with_mkdocs_own_search_serve_rebuilds_index_every_page_and_say_so(tmp_path: Path) -> None:
    """MkDocs' own search index keeps its entries private: it is left alone, and the hook says so
    once; the rebuilt site is still the site `mkdocs build` builds."""
    project = _with_mkdocs_theme(copy_project(tmp_path / "project", content=FIXTURES / "mini"))
    sites = [tmp_path / "cold", tmp_path / "warm"]
    run = run_python(project, REBUILDS, project, *sites)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout.strip().splitlines()[-1]) == {"hits": [0, 0], "declined": "search"}
    expected = tmp_path / "expected"
    assert mkdocs_build(project, expected).returncode == 0
    assert site_digest(sites[1]) == site_digest(expected)
    assert json.loads((expected / "search" / "search_index.json").read_text("utf-8"))["docs"], "MkDocs' own index"


def test_serve_polls_every_tenth_of_a_second(tmp_path: Path) -> None:
    """MkDocs watches docs_dir and mkdocs.yml before `on_serve`, the hooks content/ and hooks/ (and
    `watch:` entries after it): every watched path is polled every 0.1 s, each watched as MkDocs
    asked (mkdocs.yml: its folder, not recursively)."""
    code = """
import json, os, sys
from pathlib import Path
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

project = Path(sys.argv[1])
config = load_config(config_file=str(project / "mkdocs.yml"))
config.plugins.on_startup(command="serve", dirty=False)
server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(project))
server.watch(config.docs_dir)
server.watch(config.config_file_path)
server = config.plugins.on_serve(server, config=config, builder=lambda: None)
server.watch(str(project / "overrides"))  # as MkDocs watches `watch:` entries, after on_serve
watches = {os.path.relpath(e.watch.path, project): [e.timeout, e.watch.is_recursive] for e in server.observer.emitters}
print(json.dumps(watches))
"""
    project = copy_project(tmp_path / "project")
    run = run_python(project, code, project)
    assert run.returncode == 0, run.stderr
    polled = json.loads(run.stdout.strip().splitlines()[-1])
    folders = {path: [0.1, True] for path in ("content/pages", "content", "hooks", "overrides")}
    assert polled == {".": [0.1, False], **folders}  # mkdocs.yml: its own folder, not what is under it

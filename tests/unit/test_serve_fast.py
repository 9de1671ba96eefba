"""hooks/roadmap_serve_fast.py, called by hooks/roadmap.py: under `mkdocs serve`, rebuilds reuse the
search entries of pages that did not change and MkDocs polls every 0.1 s; what they build is the same
as `mkdocs build`."""

from __future__ import annotations

import json
from pathlib import Path

from sitebuild import copy_project, mkdocs_build, run_python, site_digest

# Rebuilds as `mkdocs serve` makes them (a new config each time, one process), in a subprocess so
# that the hooks' process-wide state starts fresh. argv: project, then one site folder per build;
# between the second and third build the second phase file's title changes.
REBUILDS = """
import json, sys
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config

project, sites = Path(sys.argv[1]), sys.argv[2:]
hits = []
for n, site in enumerate(sites):
    if n == 2:
        phase = sorted((project / "content" / "phases").glob("*.yml"))[1]
        text = phase.read_text("utf-8")
        phase.write_text(text.replace("\\ntitle: ", "\\ntitle: Renamed ", 1), "utf-8")
    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
    if n == 0:
        config.plugins.on_startup(command="serve", dirty=False)
    build(config)
    hits.append(sys.modules["hooks/roadmap.py"].state.search.hits)  # MkDocs names a hook by its path
print(json.dumps(hits))
"""


def _pages(site: Path) -> int:
    """The pages the search plugin indexes: every page but the 404 page."""
    return sum(1 for p in site.rglob("*.html") if p.name != "404.html")


def test_serve_rebuilds_build_what_mkdocs_build_builds(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    sites = [tmp_path / name for name in ("cold", "warm", "edited")]
    run = run_python(project, REBUILDS, project, *sites)
    assert run.returncode == 0, run.stderr
    cold, warm, edited = json.loads(run.stdout.strip().splitlines()[-1])
    pages = _pages(sites[0])
    assert cold == 0  # the first build parses every page
    assert warm - cold == pages  # the second reuses every page's entries
    assert 0 < edited - warm < pages  # the edit changed some pages (the phase and those listing it)

    fresh = copy_project(tmp_path / "fresh-project")  # the project as it was before the edit
    for source, site in ((fresh, sites[1]), (project, sites[2])):  # `project` now has the edit
        expected = tmp_path / f"expected-{site.name}"
        result = mkdocs_build(source, expected)
        assert result.returncode == 0, result.stderr
        assert site_digest(site) == site_digest(expected), site.name
    assert "Renamed" in (sites[2] / "search" / "search_index.json").read_text("utf-8")


def test_serve_polls_every_tenth_of_a_second(tmp_path: Path) -> None:
    """MkDocs watches docs_dir and mkdocs.yml before `on_serve`, the hooks content/ and hooks/ (and
    `watch:` entries after it): every watched path is polled every 0.1 s (mkdocs.yml: its folder)."""
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
print(json.dumps({os.path.relpath(e.watch.path, project): e.timeout for e in server.observer.emitters}))
"""
    project = copy_project(tmp_path / "project")
    run = run_python(project, code, project)
    assert run.returncode == 0, run.stderr
    polled = json.loads(run.stdout.strip().splitlines()[-1])
    assert polled == {".": 0.1, "content/pages": 0.1, "content": 0.1, "hooks": 0.1, "overrides": 0.1}

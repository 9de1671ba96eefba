"""hooks/roadmap.py is the site's one hook: it states the build's sequence of events, top to bottom,
owns the state between builds, and no module of ours is loaded twice (issue 27)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT, copy_project, run_python

HOOK = ROOT / "hooks" / "roadmap.py"
MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"

# One build as `mkdocs serve` makes it, then its on_serve, in one process; records the hook's events
# in the order MkDocs calls them, the config.extra keys, and our files that sys.modules holds as more
# than one module. argv: project, site folder.
BUILD_AND_SERVE = """
import json, os, sys
from collections import defaultdict
from pathlib import Path
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

project, site = Path(sys.argv[1]).resolve(), sys.argv[2]
hook = str(project / "hooks" / "roadmap.py")
calls = []

seen = {}

def ours(code):
    if code.co_filename not in seen:
        seen[code.co_filename] = os.path.realpath(code.co_filename) == hook
    return seen[code.co_filename]

def profile(frame, event, arg):
    if event == "call" and ours(frame.f_code) and not (frame.f_back and ours(frame.f_back.f_code)):
        calls.append(frame.f_code.co_name)  # a function of the hook, called by MkDocs

config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site)
sys.setprofile(profile)
config.plugins.on_startup(command="serve", dirty=False)
build(config)
server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=site)
config.plugins.on_serve(server, config=config, builder=lambda: None)
sys.setprofile(None)
server.server_close()
modules = defaultdict(set)
for module in list(sys.modules.values()):
    if getattr(module, "__file__", None):
        modules[os.path.realpath(module.__file__)].add(id(module))
ours = {os.path.relpath(f, project) for f, ids in modules.items() if len(ids) > 1 and f.startswith(str(project))}
print(json.dumps({"calls": list(dict.fromkeys(calls)), "twice": sorted(ours), "extra": sorted(config.extra)}))
"""


@pytest.fixture(scope="module")
def build_and_serve(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    tmp = tmp_path_factory.mktemp("hook")
    project = copy_project(tmp / "project")
    run = run_python(project, BUILD_AND_SERVE, project, tmp / "site")
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout.strip().splitlines()[-1])


def test_mkdocs_yml_lists_the_one_hook() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=yaml.BaseLoader)  # no !ENV tags
    assert config["hooks"] == ["hooks/roadmap.py"]


def test_the_hook_reads_in_the_order_mkdocs_runs_its_events(build_and_serve: dict[str, list[str]]) -> None:
    defined = re.findall(r"^def (\w+)\(", HOOK.read_text("utf-8"), re.MULTILINE)
    assert build_and_serve["calls"] == defined


def test_no_module_of_ours_is_loaded_twice(build_and_serve: dict[str, list[str]]) -> None:
    """MkDocs loads a hook by its path as a module named by that path: a module the hook imports by
    name must not be a hook too, or the process holds two copies with two states."""
    assert build_and_serve["twice"] == []


def test_config_extra_holds_only_what_the_templates_read(build_and_serve: dict[str, list[str]]) -> None:
    """The hook's own data lives on its state object, not in config.extra."""
    templates = [*(ROOT / "overrides").rglob("*.html"), *MATERIAL_TEMPLATES.rglob("*.html")]
    read = set().union(*(re.findall(r"\bextra\.(\w+)", p.read_text("utf-8")) for p in templates))
    assert build_and_serve["extra"] and set(build_and_serve["extra"]) <= read


def _private_attributes(source: str) -> list[str]:
    """`x._name` and getattr/setattr/hasattr(x, "_name") where x is not self or cls (dunders allowed)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and ast.unparse(node.value) not in ("self", "cls"):
            found.append(node.attr)
        elif isinstance(node, ast.Call) and ast.unparse(node.func) in ("getattr", "setattr", "hasattr"):
            found += [a.value for a in node.args[1:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)]
    return [name for name in found if name.startswith("_") and not name.startswith("__")]


def test_the_check_for_private_attributes_finds_them() -> None:
    assert _private_attributes("observer._timeout = 0.1\ngetattr(index, '_entries')\nself._ok\nx.__name__") == [
        "_timeout",
        "_entries",
    ]


@pytest.mark.parametrize("path", sorted((ROOT / "hooks").rglob("*.py")), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_hooks_touch_no_private_attribute(path: Path) -> None:
    """Upstream's private names change without notice: the hooks use only public ones (issue 27)."""
    assert _private_attributes(path.read_text("utf-8")) == []


def _imports_mkdocs(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        names += [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
        if any(name == "mkdocs" or name.startswith("mkdocs.") for name in names):
            return True
    return False


def test_only_the_hook_its_adapters_and_the_metadata_parser_import_mkdocs() -> None:
    """roadmapkit stays plain Python for other builders (roadmap-render); pagemeta.py imports MkDocs'
    own metadata parser on purpose, so that a page is checked as MkDocs reads it."""
    importers = sorted(p.relative_to(ROOT / "hooks").as_posix() for p in (ROOT / "hooks").rglob("*.py"))
    importers = [name for name in importers if _imports_mkdocs((ROOT / "hooks" / name).read_text("utf-8"))]
    adapters = [p.name for p in (ROOT / "hooks").glob("roadmap_*.py")]
    assert sorted(importers) == sorted(["roadmap.py", "roadmapkit/pagemeta.py", *adapters])
    assert _imports_mkdocs("from mkdocs.plugins import x") and not _imports_mkdocs("import mkdocs_other")

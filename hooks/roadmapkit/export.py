"""`roadmap-render`: the whole site as plain files that any Material-compatible builder builds.

The generated pages (the same Markdown the hooks add in memory), the hand-written pages (their
metadata reduced to the allowed keys, text escaped, as the hooks do in a build), roadmap.json and
the plan script, the theme overrides with our JS and CSS minified, and a mkdocs.yml without hooks.
Everything is rendered in memory first, so broken content writes nothing. No MkDocs import but
its page-metadata parser (pagemeta.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from .assets import OWN_ASSETS, minify
from .errors import ContentError
from .load import load_roadmap
from .model import Roadmap
from .pagemeta import page_source
from .pages import docs_dir_problems
from .render import PLAN_SCRIPT, Renderer, plan_script, roadmap_json
from .site import site_identity, site_nav, theme_extra

MARKER = ".roadmap-render"
OWNED = (MARKER, "mkdocs.yml", "docs", "overrides")  # what a second run replaces; nothing else
MARKER_TEXT = (
    "This folder was written by roadmap-render. Running it again replaces mkdocs.yml, docs/ and\n"
    "overrides/ here and leaves everything else (such as a built site/) alone.\n"
)
CONFIG_HEADER = (
    "# Written by roadmap-render: the generated pages are plain Markdown in docs/, so no hooks are\n"
    "# needed. Edit the YAML content and render again rather than editing this folder.\n"
)
PROJECT_PATH_KEYS = ("hooks", "site_dir", "watch")  # paths into the source project, meaningless here


class RenderError(Exception):
    """The project or the output folder is unusable (content problems raise ContentError)."""


class _ConfigLoader(yaml.SafeLoader):
    """YAML for mkdocs.yml: safe, plus MkDocs' `!ENV` tag."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, resolved the way MkDocs does."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    elif isinstance(node, yaml.SequenceNode):
        values = loader.construct_sequence(node, deep=True)
        names, default = values[:-1], values[-1] if len(values) > 1 else None
    else:  # a mapping: refused as PyYAML's construct_sequence refuses it
        raise yaml.constructor.ConstructorError(
            None, None, "expected a sequence node, but found mapping", node.start_mark
        )
    for name in names:
        value = os.environ.get(str(name))
        if value is not None:
            # The ignore: types-PyYAML leaves BaseResolver.resolve unannotated (it returns the tag, a str).
            tag = loader.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
            resolved = yaml.ScalarNode(tag, value)
            return loader.construct_object(resolved)
    return default


_ConfigLoader.add_constructor("!ENV", _env_tag)


def read_config(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data, with `!ENV` values taken from the environment now."""
    try:
        data = yaml.load(config_file.read_text("utf-8"), Loader=_ConfigLoader)
    except OSError as err:
        raise RenderError(f"cannot read {config_file}: {err.strerror}") from None
    except yaml.YAMLError as err:
        raise RenderError(f"{config_file} is not usable YAML: {err}") from None
    if not isinstance(data, dict):
        raise RenderError(f"{config_file} is not a mapping of settings")
    return data


def theme_of(config: dict[str, Any]) -> dict[str, Any]:
    theme = config.get("theme") or {}
    return {"name": theme} if isinstance(theme, str) else dict(theme)


def rendered_config(config: dict[str, Any], roadmap: Roadmap) -> dict[str, Any]:
    """The project's settings for the rendered folder: same theme, features, extensions; no hooks."""
    out = {key: value for key, value in config.items() if key not in PROJECT_PATH_KEYS}
    out["docs_dir"] = "docs"
    out["edit_uri"] = ""  # generated pages have no Markdown source in the repository to edit
    theme = theme_of(config)
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    out["theme"] = theme
    extra = dict(config.get("extra") or {})
    out["extra"] = {**extra, **theme_extra(roadmap, extra)}
    out["nav"] = config.get("nav") or site_nav(roadmap)
    out["markdown_extensions"] = without_permalinks(config.get("markdown_extensions") or [])
    if roadmap.identity.source:  # content/roadmap.yml names the site; the theme prints these raw
        given = site_identity(roadmap.identity, config.get("site_url") or None)
        out.update({key: str(value) for key, value in given.items() if value is not None and key != "edit_uri"})
    return out


def without_permalinks(extensions: list[Any]) -> list[Any]:
    """The Markdown extensions with the table of contents' heading permalinks off. The hook build
    keeps them out of the Tab order and headings' accessible names (permalinks.py); a build without
    hooks cannot, and a "Title ¶" heading and an extra Tab stop per heading are worse than no
    permalink: the table of contents links every heading already."""
    out: list[Any] = []
    for extension in extensions:
        name, options = (extension, {}) if isinstance(extension, str) else next(iter(extension.items()))
        if name in ("toc", "markdown.extensions.toc"):
            extension = {name: {**(options or {}), "permalink": False}}
        out.append(extension)
    return out


def render_files(config_file: Path) -> dict[str, bytes]:
    """Every file of the rendered folder by relative path; raises ContentError on bad content."""
    root = config_file.resolve().parent
    config = read_config(config_file)
    docs_dir = root / str(config.get("docs_dir", "docs"))
    wrong_folder = docs_dir_problems(config_file, docs_dir, root / "content")
    if wrong_folder:
        raise ContentError(wrong_folder)
    roadmap = load_roadmap(root / "content", root)
    site_name = None if roadmap.identity.source else str(config.get("site_name", ""))
    renderer = Renderer(roadmap, directory_urls=config.get("use_directory_urls", True), site_name=site_name)
    files = hand_written(folder_files(docs_dir, "docs"))
    files.update({f"docs/{page.src_uri}": page.markdown.encode() for page in renderer.pages()})
    files["docs/roadmap.json"] = roadmap_json(roadmap).encode()
    files[f"docs/{PLAN_SCRIPT}"] = plan_script(renderer).encode()
    custom_dir = theme_of(config).get("custom_dir")
    if custom_dir:
        files.update(own_assets(folder_files(root / str(custom_dir), "overrides")))
    files["mkdocs.yml"] = (CONFIG_HEADER + config_yaml(rendered_config(config, roadmap))).encode()
    return files


def hand_written(files: dict[str, bytes]) -> dict[str, bytes]:
    """Each Markdown page with only the metadata a build keeps: no hook escapes it for the theme."""
    return {
        path: page_source(data.decode("utf-8-sig")).encode() if path.endswith(".md") else data
        for path, data in files.items()
    }


def own_assets(files: dict[str, bytes]) -> dict[str, bytes]:
    """Our JS and CSS minified, as the build serves them."""
    out = dict(files)
    for name in OWN_ASSETS:
        key = f"overrides/{name}"
        if key in out:
            out[key] = minify(name, out[key].decode("utf-8")).encode()
    return out


def folder_files(folder: Path, prefix: str) -> dict[str, bytes]:
    """The files under a folder by `prefix/relative/path`; symbolic links are refused."""
    if not folder.is_dir():
        raise RenderError(f"{folder} is not a folder")
    files: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            raise RenderError(f"{path} is a symbolic link (links are not copied; use a real file)")
        if path.is_file() and "__pycache__" not in path.parts:
            files[f"{prefix}/{path.relative_to(folder).as_posix()}"] = path.read_bytes()
    return files


class _Dumper(yaml.SafeDumper):
    """Writes escaped nav titles (Markup) as the plain strings they are: the theme prints them raw."""


_Dumper.add_representer(Markup, lambda dumper, value: dumper.represent_str(str(value)))


def config_yaml(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def prepare_target(out: Path, sources: list[Path]) -> None:
    """Make `out` ready: new, empty, or an earlier roadmap-render output (whose own parts go)."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise RenderError(f"{out} is not a folder")
    for source in sources:
        if out.resolve().is_relative_to(source.resolve()):
            raise RenderError(f"{out} is inside the project's {source.name}/ folder; choose a folder outside it")
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise RenderError(
                f"{out} is not empty and was not written by roadmap-render (it has no {MARKER} file); "
                "choose a new or empty folder"
            )
        for name in OWNED:
            _remove(out / name)
    out.mkdir(parents=True, exist_ok=True)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def write_files(out: Path, files: dict[str, bytes]) -> None:
    """The marker first, so a run that stops half-way leaves a folder the next run may replace."""
    (out / MARKER).write_text(MARKER_TEXT, "utf-8")
    for relative, data in files.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def render_site(config_file: Path, out: Path) -> dict[str, bytes]:
    """Validate and render everything in memory, then write it into `out`; returns what was written."""
    files = render_files(config_file)
    root, config = config_file.resolve().parent, read_config(config_file)
    sources = [root / "content", root / str(config.get("docs_dir", "docs"))]
    custom_dir = theme_of(config).get("custom_dir")
    prepare_target(out, [*sources, root / str(custom_dir)] if custom_dir else sources)
    write_files(out, files)
    return files

"""MkDocs hook: under `mkdocs serve`, the theme's Jinja templates compile once, not on every rebuild.

MkDocs makes a new theme environment for each rebuild, so Material's templates were compiled again
after every save (about a third of a second of a rebuild). Jinja's bytecode cache is keyed by each
template's checksum, so it is never stale. `mkdocs build` is left exactly as it was.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Literal

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files


class _State:
    serving = False


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    _State.serving = command == "serve"


def on_serve(server: object, config: MkDocsConfig, builder: object) -> object:
    _State.serving = True  # `mkdocs serve --clean` starts up as 'build'
    return server


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if _State.serving and env.bytecode_cache is None:
        with suppress(OSError, RuntimeError):  # no writable private temp directory: compile every time
            env.bytecode_cache = FileSystemBytecodeCache()
    return env

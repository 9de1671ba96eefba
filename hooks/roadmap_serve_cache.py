"""MkDocs hook: under `mkdocs serve`, the theme's Jinja templates compile once, not on every rebuild.

MkDocs makes a new theme environment for each rebuild, so Material's templates were compiled again
after every save (about a third of a second of a rebuild). Jinja's bytecode cache is keyed by each
template's checksum, so it is never stale. `mkdocs build` is left exactly as it was. Whether this
is `mkdocs serve` is decided once, by roadmap_errorpage, and read here from the config.
"""

from __future__ import annotations

from contextlib import suppress

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from roadmap_content import SERVING_KEY


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if config.extra.get(SERVING_KEY) and env.bytecode_cache is None:
        with suppress(OSError, RuntimeError):  # no writable private temp directory: compile every time
            env.bytecode_cache = FileSystemBytecodeCache()
    return env

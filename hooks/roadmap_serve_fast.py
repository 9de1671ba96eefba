"""MkDocs hook: under `mkdocs serve`, a save shows in the browser sooner.

MkDocs polls the watched files and rebuilds the whole site after every save. `mkdocs build` is left
exactly as it was; under `mkdocs serve` (decided once, by roadmap_errorpage, and read from the config):

- the watched files (content/, hooks/ and mkdocs.yml: about a hundred) are polled every 0.1 s, not
  0.5 s (a poll is one directory listing and a stat per file);
- the theme's Jinja templates compile once, not on every rebuild (Jinja's bytecode cache is keyed
  by each template's checksum, so it is never stale);
- the search plugin parses a page again only when the page changed: its index of this rebuild
  takes the entries it made for the same page last time, keyed by everything it reads (address,
  title, metadata and the full HTML), so the index is the same as a full one.

MkDocs loads a hook module once per process, so the cache below lasts across rebuilds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from roadmap_content import SERVING_KEY
from roadmapkit.render import bytecode_cache

if TYPE_CHECKING:  # the live-reload server is only needed by `mkdocs serve`
    from mkdocs.livereload import LiveReloadServer

SEARCH_PLUGINS = ("material/search", "search")
POLL_SECONDS = 0.1  # MkDocs' own interval is 0.5 s


class SearchCache:
    """Search entries per page, for the pages of the latest build."""

    kept: dict[bytes, list[dict[str, Any]]] = {}  # noqa: RUF012 - page key -> its entries
    seen: set[bytes] = set()  # noqa: RUF012 - keys of this build's pages
    hits = 0  # pages whose kept entries were used (read by the tests)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    if config.extra.get(SERVING_KEY) and env.bytecode_cache is None:
        env.bytecode_cache = bytecode_cache()  # None without a writable private temp directory
    return env


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """Poll every POLL_SECONDS: the paths watched already and those MkDocs adds after this event.

    watchdog's polling observer and emitters take their interval when made and offer no setter;
    tests/unit/test_serve_fast.py fails if a new watchdog or MkDocs stops honouring this.
    """
    observer = getattr(server, "observer", None)
    for polled in (observer, *getattr(observer, "emitters", ())):
        interval = getattr(polled, "_timeout", None)
        if isinstance(interval, (int, float)) and interval > POLL_SECONDS:
            polled._timeout = POLL_SECONDS  # private: see the docstring
    return server


def on_pre_build(config: MkDocsConfig) -> None:
    """Give this rebuild's search index (a new one each time) the kept entries."""
    if not config.extra.get(SERVING_KEY):
        return
    for name in SEARCH_PLUGINS:
        index = getattr(config.plugins.get(name), "search_index", None)
        add = getattr(index, "add_entry_from_context", None)
        if callable(add) and isinstance(getattr(index, "entries", None), list):
            index.add_entry_from_context = _cached(add, index.entries)
            return


def page_key(page: Page) -> bytes:
    """Everything the search index reads from a page."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (page.url, str(page.title), repr(page.meta), page.content or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()


def _cached(add: Callable[[Page], None], entries: list[dict[str, Any]]) -> Callable[[Page], None]:
    def add_entry_from_context(page: Page) -> None:
        key = page_key(page)
        SearchCache.seen.add(key)
        kept = SearchCache.kept.get(key)
        if kept is not None:
            SearchCache.hits += 1
            entries.extend(dict(e) for e in kept)
            return
        first = len(entries)
        add(page)
        SearchCache.kept[key] = [dict(e) for e in entries[first:]]

    return add_entry_from_context


def on_post_build(config: MkDocsConfig) -> None:
    """Only the entries of the pages as they are now stay: the cache never outgrows the site."""
    if SearchCache.seen:
        SearchCache.kept = {key: SearchCache.kept[key] for key in SearchCache.seen if key in SearchCache.kept}
        SearchCache.seen = set()

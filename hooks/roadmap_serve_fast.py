"""Adapter of hooks/roadmap.py: under `mkdocs serve`, a save shows in the browser sooner.

MkDocs polls the watched files and rebuilds the whole site after every save. `mkdocs build` is left
exactly as it was; under `mkdocs serve` (hooks/roadmap.py calls these only then):

- the watched files (content/, hooks/ and mkdocs.yml: about a hundred) are polled every 0.1 s, not
  0.5 s (a poll is one directory listing and a stat per file);
- the theme's Jinja templates compile once, not on every rebuild (Jinja's bytecode cache is keyed
  by each template's checksum, so it is never stale);
- Material's search plugin parses a page again only when the page changed: its index of this
  rebuild takes the entries it made for the same page last time, keyed by everything it reads
  (address, title, metadata and the full HTML), so the index is the same as a full one. MkDocs' own
  search plugin (another theme) keeps its entries private: its index is left alone, and says so.

Not a hook itself: hooks/roadmap.py keeps the one SearchCache, which lasts across rebuilds.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jinja2 import Environment
from material.plugins.search.plugin import SearchIndex as MaterialSearchIndex
from watchdog.observers.polling import PollingObserver

from roadmapkit.render import bytecode_cache

if TYPE_CHECKING:  # MkDocs' and watchdog's types, for the annotations only
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page
    from watchdog.observers.api import ObservedWatch

log = logging.getLogger("mkdocs.hooks.roadmap")
SEARCH_PLUGINS = ("material/search", "search")
POLL_SECONDS = 0.1  # MkDocs' own interval is 0.5 s


def cache_templates(env: Environment) -> None:
    """The theme's templates compiled once per process, not once per rebuild."""
    if env.bytecode_cache is None:
        env.bytecode_cache = bytecode_cache()  # None without a writable private temp directory


def poll_faster(server: LiveReloadServer) -> None:
    """Poll every POLL_SECONDS. watchdog's PollingObserver takes its interval when made, and MkDocs
    makes the server's with 0.5 s: the server gets one made with POLL_SECONDS, and each path watched
    so far is unwatched and watched again through the server (as often as it was), so it lands on
    the new observer, as every path watched after this event does."""
    old = server.observer
    again: list[tuple[str, bool]] = []
    for watch in [emitter.watch for emitter in old.emitters]:
        while any(emitter.watch == watch for emitter in old.emitters):
            server.unwatch(_watched(watch))
            again.append((_watched(watch), watch.is_recursive))
    server.observer = PollingObserver(timeout=POLL_SECONDS)
    for path, recursive in again:
        server.watch(path, recursive=recursive)


def _watched(watch: ObservedWatch) -> str:
    """The path the server was asked to watch (watchdog keeps a file's folder as `path`)."""
    return getattr(watch, "raw_path", watch.path)


@dataclass
class SearchCache:
    """Search entries per page, for the pages of the latest build."""

    kept: dict[bytes, list[dict[str, Any]]] = field(default_factory=dict)  # page key -> its entries
    seen: set[bytes] = field(default_factory=set)  # keys of this build's pages
    hits: int = 0  # pages whose kept entries were used (read by the tests)
    declined: str = ""  # the search plugin whose index cannot take the entries, once said

    def attach(self, plugins: Mapping[str, object]) -> bool:
        """Give this rebuild's search index (a new one each time) the kept entries, when it is
        Material's, whose entries are a public list; say once that MkDocs' own is left alone."""
        for name in SEARCH_PLUGINS:
            index = getattr(plugins.get(name), "search_index", None)
            if isinstance(index, MaterialSearchIndex):
                index.add_entry_from_context = self._cached(index.add_entry_from_context, index.entries)
                return True
            if index is not None and self.declined != name:
                self.declined = name
                log.info("Search plugin %r: every rebuild indexes every page again (its entries are private)", name)
        return False

    def _cached(self, add: Callable[[Page], None], entries: list[dict[str, Any]]) -> Callable[[Page], None]:
        def add_entry_from_context(page: Page) -> None:
            key = page_key(page)
            self.seen.add(key)
            kept = self.kept.get(key)
            if kept is not None:
                self.hits += 1
                entries.extend(dict(e) for e in kept)
                return
            first = len(entries)
            add(page)
            self.kept[key] = [dict(e) for e in entries[first:]]

        return add_entry_from_context

    def prune(self) -> None:
        """Only the entries of the pages as they are now stay: the cache never outgrows the site."""
        if self.seen:
            self.kept = {key: self.kept[key] for key in self.seen if key in self.kept}
            self.seen = set()


def page_key(page: Page) -> bytes:
    """Everything the search index reads from a page."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (page.url, str(page.title), repr(page.meta), page.content or ""):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return digest.digest()

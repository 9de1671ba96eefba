"""Helpers for the browser tests: finding Chromium, a quiet file server, waiting for paint."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path() -> str | None:
    """CHROMIUM env var, then chromium on PATH, then Debian's path; None when there is none."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def find_chromium() -> str:
    """The Chromium to test with, or a failure that says how to get one."""
    path = chromium_path()
    if path:
        return path
    pytest.fail(
        "No Chromium found. Install Debian's 'chromium' package (sudo apt-get install chromium) "
        "or set CHROMIUM=/path/to/chromium, then run the tests again."
    )


class QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging. Browsers may keep what it serves but must ask again each time
    (`no-cache`), and a file rebuilt in place gets a new ETag (modification time in nanoseconds and
    size), so a browser context kept from test to test never shows a stale file and still saves
    loading what did not change."""

    _etag: str | None = None

    def send_head(self):  # type: ignore[no-untyped-def]
        self._etag = None
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?")[0].endswith("/"):
            path = os.path.join(path, "index.html")
        try:
            info = os.stat(path)
        except OSError:
            return super().send_head()
        if stat.S_ISREG(info.st_mode):
            self._etag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
            if self.headers.get("If-None-Match") == self._etag:
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self.end_headers()
                return None
        del self.headers["If-Modified-Since"]  # a second's precision is not enough here
        return super().send_head()

    def end_headers(self) -> None:
        if self._etag is not None:
            self.send_header("ETag", self._etag)
            self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def ready(page: Page) -> None:
    """Wait until the roadmap script has painted stored state."""
    page.wait_for_function("document.documentElement.hasAttribute('data-rm-ready')")


@contextmanager
def instant_navigation(page: Page) -> Iterator[None]:
    """Around a page load: returns once Material has the page's sitemap.xml. Material's instant
    navigation takes over a link only when the sitemap lists it; a click before it has arrived (on
    a loaded machine, the test is quicker) is a full load, which a test of instant navigation must
    not take for one."""
    with page.expect_event("requestfinished", lambda request: request.url.endswith("/sitemap.xml")):
        yield


def open_page(page: Page, url: str) -> Page:
    """Go to a page and wait until stored progress is painted."""
    page.goto(url)
    ready(page)
    return page


def item_row(page: Page, key: str) -> Locator:
    """The row (an <li>) of a phase or track page that holds the checkbox stored under key."""
    return page.locator(f'li.rm-row:has(> .rm-check > input[data-roadmap-id="{key}"])').first


def unfold(page: Page, key: str) -> None:
    """Open the folded part of a long track that holds the entry, as a learner does: click its summary."""
    closed = page.locator(f'details.rm-part:not([open]):has(input[data-roadmap-id="{key}"]) > summary')
    if closed.count():
        closed.first.click()


def open_note(page: Page, key: str) -> None:
    """Open the note editor of an item the way a mouse does: point at its row, click its note button."""
    unfold(page, key)
    item_row(page, key).hover()
    item_row(page, key).locator(f'> [data-rm-note="{key}"]').click()


def stored(page: Page) -> dict:
    """The progress this site keeps in the browser, as saved (empty when nothing is)."""
    raw = page.evaluate("localStorage.getItem(window.roadmapKit.key)")
    return json.loads(raw) if raw else {}


class QuietServer(ThreadingHTTPServer):
    """Chromium drops connections it no longer needs; that is not a test failure."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


# Records each layout shift not caused by input: its score and the outer HTML of what moved (null
# for a browser control's own insides); add it with page.add_init_script before the page loads.
LAYOUT_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    if (e.hadRecentInput) return;
    window.__shifts.push([e.value, e.sources.map(function (s) {
      return s.node && s.node.outerHTML && s.node.outerHTML.slice(0, 60);
    })]);
  });
}).observe({type: "layout-shift", buffered: true});
"""


def layout_shifts(page: Page) -> list:
    """[score, [what moved]] for each shift on the open page so far (LAYOUT_SHIFTS must be
    installed); entries come a frame after the shift, so this waits two."""
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return page.evaluate("window.__shifts")

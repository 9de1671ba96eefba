"""Helpers for the browser tests: finding Chromium, a quiet file server, waiting for paint."""

from __future__ import annotations

import os
import shutil
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Page

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


def find_chromium() -> str:
    """CHROMIUM env var, then chromium on PATH, then Debian's path."""
    for candidate in (
        os.environ.get("CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).is_file():
            return candidate
    pytest.fail(
        "No Chromium found. Install Debian's 'chromium' package (sudo apt-get install chromium) "
        "or set CHROMIUM=/path/to/chromium, then run the tests again."
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def ready(page: Page) -> None:
    """Wait until the roadmap script has painted stored state."""
    page.wait_for_function("document.documentElement.classList.contains('rm-ready')")


class QuietServer(ThreadingHTTPServer):
    """Chromium drops connections it no longer needs; that is not a test failure."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass

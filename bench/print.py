"""Pages per track and phase when printed: Chromium's page.pdf on A4, as a learner's "Print" does.
Prints figures, asserts nothing.

Run: python3 bench/print.py [--site DIR] [--blank]
Builds the site (unless --site names a built one), serves it on 127.0.0.1 and prints every track
page and the largest phase page to A4 PDF, counting the pages (--blank: the blank-checklist choice on).
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHROME = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT / "hooks")}
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def pdf_pages(pdf: bytes) -> int:
    """Pages in a PDF Chromium wrote (each page object has /Type /Page)."""
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def targets(site: Path) -> list[str]:
    tracks = sorted(p.parent.name for p in (site / "tracks").glob("*/index.html"))
    phase = max((site / "phases").glob("*/index.html"), key=lambda p: p.stat().st_size).parent.name
    return [f"tracks/{t}/" for t in tracks] + [f"phases/{phase}/"]


def measure(site: Path, blank: bool) -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
        page = browser.new_page()
        for path in targets(site):
            page.emulate_media(media="screen")
            page.goto(base + path)
            page.wait_for_function("document.documentElement.hasAttribute('data-rm-ready')")
            if blank and page.locator(".rm-blank").count():
                page.locator(".rm-blank").check()
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4", print_background=True)
            print(f"{path:32} {pdf_pages(pdf):4} pages A4")
        browser.close()
    httpd.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", type=Path)
    parser.add_argument("--blank", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            build(site)
        measure(site, args.blank)


if __name__ == "__main__":
    main()

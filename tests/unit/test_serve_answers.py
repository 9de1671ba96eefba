"""`mkdocs serve` answers every request at any moment: a request that lands while a rebuild runs
never stops that rebuild, and a rebuild that fails leaves no request waiting (MkDocs #2557)."""

from __future__ import annotations

import http.client
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from sitebuild import FIXTURES, copy_project, mkdocs_serve

BROKEN_CONTENT = "id: p2\ntitle: P2\nmodules:\n  - id: m2\n    titel: M2\n"
GOOD_PAGE = "# Changed\n\nA page saved while the site is open.\n"
BROKEN_PAGE = "# Broken\n\nA link to [a page that is not there](missing.md).\n"
ENDED = ("Reloading browsers", "The rebuild failed", "Aborted", "error happened during the rebuild")


def _ask(origin: str, path: str) -> tuple[int, bytes]:
    """One GET that neither follows a redirect nor waits longer than two seconds."""
    parts = urlsplit(origin)
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=2)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _edit(project: Path, edit: str) -> None:
    if edit == "good":
        (project / "content" / "pages" / "about.md").write_text(GOOD_PAGE, "utf-8")
    elif edit == "broken content":
        (project / "content" / "phases" / "02-broken.yml").write_text(BROKEN_CONTENT, "utf-8")
    else:  # a hand-written page with a warning that strict mode stops the build for
        (project / "content" / "pages" / "about.md").write_text(BROKEN_PAGE, "utf-8")


@pytest.mark.parametrize("edit", ["good", "broken content", "broken page"])
def test_requests_during_a_rebuild_neither_stop_it_nor_wait(edit: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    log: list[str] = []
    # A site published under a path (/roadmap/, as GitHub Pages serves a project site): `mkdocs
    # serve` mounts it there, and "/" and "/no-such-page/" are outside it, answered at once.
    with mkdocs_serve(project, log=log, SITE_URL="https://example.org/roadmap/") as url:
        parts = urlsplit(url)
        origin, mount = f"{parts.scheme}://{parts.netloc}", parts.path
        assert mount == "/roadmap/"
        deadline, during = time.monotonic() + 90, 0  # during: requests answered while the rebuild ran
        while not during:  # until a request has landed inside a rebuild (almost always the first)
            first = len(log)
            _edit(project, edit)
            while not any(end in line for line in log[first:] for end in ENDED):
                assert time.monotonic() < deadline, "no rebuild ended:\n" + "".join(log)
                building = any("Building documentation" in line for line in log[first:])
                assert _ask(origin, "/")[0] == 302  # the server's root: a redirect to the site's path
                assert _ask(origin, "/no-such-page/")[0] == 404
                during += building and not any(end in line for line in log[first:] for end in ENDED)
        assert not any("Aborted" in line or "error happened" in line for line in log), "".join(log)
        status, body = _ask(origin, mount)
        assert status == 200
        assert _ask(origin, f"{mount}no-such-page/")[0] in (200, 404)
    text = body.decode("utf-8")
    if edit == "good":
        assert "rm-content-problems" not in text
    elif edit == "broken content":
        assert "content/phases/02-broken.yml" in text and "rm-content-problems" in text
    else:
        assert "missing.md" in text and "rm-content-problems" in text

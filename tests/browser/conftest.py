"""Browser fixtures: the built site served on a free local port, a real Chromium through
Playwright, a fresh context per test, and a failure on any console error."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from browserkit import CHROMIUM_FLAGS, QuietHandler, QuietServer, find_chromium
from pagepool import Pool, Slot
from roadmapkit import load_roadmap
from roadmapkit.model import Roadmap, Track
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build


@pytest.fixture(scope="session")
def www(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The web root the test server serves."""
    return tmp_path_factory.mktemp("www")


@pytest.fixture(scope="session")
def server(www: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(www))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


FEATURES = FIXTURES / "features"  # what the browser tests exercise, for a roadmap without it


def lacks(roadmap: Roadmap) -> list[str]:
    """What the browser tests exercise that the roadmap does not have (any valid roadmap may lack it)."""
    first = roadmap.phases[0]
    dated = [t for t in roadmap.tracks if sum(b.weeks or 0 for b in t.blocks) >= 2]
    wanted = {
        "a first phase of two modules, the first with two items or more": len(first.modules) > 1
        and len(first.modules[0].items) > 1,
        "a track whose blocks last two weeks or more (weeks:)": bool(dated),
        "a repeated task (repeat: occurrence) in a dated block": any(
            e.repeat == "occurrence" and b.weeks for t in roadmap.tracks for b in t.blocks for e in b.entries
        ),
        "a track with a choice of blocks": any(b.choice for t in roadmap.tracks for b in t.blocks),
        "an item with a prerequisite": any(item.requires for item in roadmap.items),
    }
    return [name for name, present in wanted.items() if not present]


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project the browser tests build: this one, or, when its roadmap lacks something they
    exercise, a copy whose content/ has tests/fixtures/features added (a phase before the first,
    a track before the others). Every test runs, on any valid roadmap."""
    if not lacks(load_roadmap(ROOT / "content", ROOT)):
        return ROOT
    content = tmp_path_factory.mktemp("features") / "content"
    shutil.copytree(ROOT / "content", content)
    for folder in ("phases", "tracks"):
        for file in (FEATURES / folder).glob("*.yml"):
            shutil.copy(file, content / folder / file.name)
    return copy_project(content.parent / "project", content=content)


@pytest.fixture(scope="session")
def site(server: str, www: Path, project: Path) -> str:
    """The real site built for the test server's address (Material's instant navigation needs
    site_url to match), at /ml/, plus a copy at /other/: two project sites on one origin."""
    url = f"{server}/ml/"
    result = mkdocs_build(project, www / "ml", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    shutil.copytree(www / "ml", www / "other")
    return url


@pytest.fixture(scope="session")
def roadmap(project: Path) -> Roadmap:
    """The roadmap the test site is built from."""
    return load_roadmap(project / "content", project)


@pytest.fixture(scope="session")
def planned_track(roadmap: Roadmap) -> Track:
    """The track the plan tests follow: the shortest with a weekly plan of at least two weeks."""
    planned = [t for t in roadmap.tracks if sum(b.weeks or 0 for b in t.blocks) >= 2]
    assert planned, "the roadmap needs a track whose blocks last two weeks or more"
    return min(planned, key=lambda t: sum(b.weeks or 0 for b in t.blocks))


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_FLAGS)
        yield instance
        instance.close()


class Console:
    """Collects console errors, page errors and requests that tried to leave the machine."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.external: list[str] = []

    def watch(self, page: Page) -> Page:
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        return page


@pytest.fixture
def console() -> Console:
    return Console()


class Relay:
    """Hands the messages of kept pages to the current test's Console (none between tests)."""

    def __init__(self) -> None:
        self.console: Console | None = None

    def watch(self, page: Page) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.errors(msg.text))
        page.on("pageerror", lambda exc: self.errors(str(exc)))

    def errors(self, text: str) -> None:
        if self.console is not None:
            self.console.errors.append(text)

    def external(self, url: str) -> None:
        if self.console is not None:
            self.console.external.append(url)


@pytest.fixture(scope="session")
def relay() -> Relay:
    return Relay()


@pytest.fixture(scope="session")
def pool(browser: Browser, server: str) -> Iterator[Pool]:
    """Contexts and pages handed from test to test, reset in between (tests/pagepool.py)."""
    kept = Pool(browser, server)
    yield kept
    kept.close()


@pytest.fixture
def new_context(
    browser: Browser, console: Console, server: str, pool: Pool, relay: Relay
) -> Iterator[Callable[..., BrowserContext]]:
    """Make browser contexts (time zone, viewport...) that only reach the test server and fail
    the test on any console error. Each is fresh to the test: no stored state, nothing another test
    added (see tests/pagepool.py)."""
    taken: list[Slot] = []

    def create(options: dict[str, object]) -> BrowserContext:
        ctx = browser.new_context(accept_downloads=True, **options)

        def route(route_obj, request) -> None:
            if request.url.startswith((server, "data:", "blob:")):
                route_obj.continue_()
            else:
                relay.external(request.url)
                route_obj.abort()

        ctx.route("**/*", route)
        ctx.on("page", relay.watch)
        return ctx

    def make(**options: object) -> BrowserContext:
        slot = pool.take(options, create)
        taken.append(slot)
        return slot.context

    relay.console = console
    try:
        yield make
    finally:
        relay.console = None
        for slot in taken:
            pool.give_back(slot)
    assert console.errors == [], f"console errors: {console.errors}"
    assert console.external == [], f"requests outside the site: {console.external}"


@pytest.fixture
def context(new_context: Callable[..., BrowserContext]) -> BrowserContext:
    return new_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()

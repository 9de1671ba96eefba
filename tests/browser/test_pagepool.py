"""The kept pages of tests/pagepool.py hand nothing from one test to the next: no stored state, no
viewport, media, route or fake clock, and never a stale file from the test server."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, BrowserContext

from pagepool import Pool


def make(browser: Browser) -> object:
    return lambda options: browser.new_context(**options)


def test_a_kept_page_comes_back_as_new(browser: Browser, server: str, www: Path) -> None:
    (www / "pool").mkdir(exist_ok=True)
    (www / "pool" / "index.html").write_text("<!doctype html><title>kept</title><p>page</p>", "utf-8")
    pool = Pool(browser, server)
    try:
        slot = pool.take({}, make(browser))
        page = slot.context.new_page()
        page.goto(f"{server}/pool/")
        page.evaluate("localStorage.setItem('left', '1'); sessionStorage.setItem('left', '1')")
        page.context.add_cookies([{"name": "left", "value": "1", "url": server}])
        page.set_viewport_size({"width": 375, "height": 600})
        page.emulate_media(media="print", color_scheme="dark", reduced_motion="reduce")
        page.route("**/pool/", lambda route: route.fulfill(body="<title>routed</title>", content_type="text/html"))
        extra = slot.context.new_page()
        pool.give_back(slot)

        again = pool.take({}, make(browser))
        assert again is slot, "an untainted slot is handed on"
        assert extra.is_closed(), "a test's extra pages are closed"
        kept = again.context.new_page()
        assert kept is page
        assert kept.url == "about:blank"
        kept.goto(f"{server}/pool/")
        assert kept.title() == "kept", "the route is gone"
        assert kept.evaluate("[localStorage.length, sessionStorage.length, document.cookie]") == [0, 0, ""]
        assert kept.viewport_size == {"width": 1280, "height": 720}
        assert kept.evaluate(
            "['print', '(prefers-color-scheme: dark)', '(prefers-reduced-motion: reduce)']"
            ".map(q => matchMedia(q).matches)"
        ) == [False, False, False]
        assert again.context.new_page() is not kept, "a second page in the same test is a new one"
    finally:
        pool.close()


def test_what_cannot_be_undone_is_not_handed_on(browser: Browser, server: str) -> None:
    pool = Pool(browser, server)
    try:
        for taint in (
            lambda ctx: ctx.new_page().add_init_script("window.left = 1"),
            lambda ctx: ctx.add_init_script("window.left = 1"),
            lambda ctx: ctx.new_page().clock.set_fixed_time("2030-01-01"),
            lambda ctx: ctx.new_page().on("dialog", lambda dialog: dialog.dismiss()),
            lambda ctx: ctx.set_offline(True),
            lambda ctx: ctx.route("**/*", lambda route: route.abort()),
            lambda ctx: ctx.new_page().close(),
        ):
            slot = pool.take({}, make(browser))
            context: BrowserContext = slot.context
            taint(context)
            pool.give_back(slot)
            assert pool.free == [], "a tainted slot is closed, not kept"
            assert context.pages == []
    finally:
        pool.close()


def test_a_file_rebuilt_in_place_is_never_served_stale(browser: Browser, server: str, www: Path) -> None:
    """The same second, the same size: only the file's contents changed."""
    folder = www / "rebuilt"
    folder.mkdir(exist_ok=True)
    pool = Pool(browser, server)
    try:
        slot = pool.take({}, make(browser))
        page = slot.context.new_page()
        for text in ("first", "again"):
            (folder / "index.html").write_text(f"<!doctype html><title>{text}</title>", "utf-8")
            page.goto(f"{server}/rebuilt/")
            assert page.title() == text
            pool.give_back(slot)
            slot = pool.take({}, make(browser))
            page = slot.context.new_page()
    finally:
        pool.close()

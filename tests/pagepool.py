"""Browser contexts and pages kept from one test to the next, reset in between.

Opening a page costs Chromium and Playwright about 1.1 CPU-seconds more than loading another
document into a page already open (`python bench/suite.py` counts it; 0.6 s for the page, 0.5 s
for its first document), and a browser test opens one or more. So a test gets a context (and, from
its first `new_page()`, a page) that an earlier test with the same context options left, after:

- every kind of storage of the test server's origin is cleared (local storage, cookies, caches...);
- the page is back on about:blank with the context's own viewport, media and timeouts.

What cannot be undone is never handed on: a test that adds an init script, a route, an event
listener, a fake clock, an exposed function, offline mode, permissions or extra headers to a page
or context "taints" it, and it is closed at the end of that test, as every context was before.
Extra pages a test opens are closed at its end. The HTTP cache stays (the test server answers with
an ETag and `no-cache`, so a file rebuilt in place is never served stale).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from playwright.sync_api._generated import Clock

# Free contexts kept between tests, least recently used closed first; PAGE_POOL_KEEP=0 turns the
# pool off (each context closed after its test, as before), to compare with `python bench/suite.py`.
KEEP = int(os.environ.get("PAGE_POOL_KEEP", "4"))
TIMEOUT = 10_000

# Methods whose effect outlives the test and has no undo in Playwright.
_TAINTING = (
    "add_init_script",
    "expose_binding",
    "expose_function",
    "route",
    "route_from_har",
    "route_web_socket",
    "on",
    "once",
    "add_locator_handler",
    "set_extra_http_headers",
    "set_offline",
    "grant_permissions",
    "set_geolocation",
)


def _tainting(name: str) -> Callable[..., Any]:
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        self._rm_slot.tainted = True
        return getattr(super(type(self), self), name)(*args, **kwargs)

    method.__name__ = name
    return method


class PooledPage(Page):
    """A Page that tells its slot when a test changes it for good. Still a Page (`expect` needs one)."""

    _rm_slot: Slot

    @property
    def clock(self) -> Clock:
        self._rm_slot.tainted = True
        return super().clock

    def route(self, *args: Any, **kwargs: Any) -> Any:
        self._rm_slot.routed = True  # undone by unroute_all()
        return super().route(*args, **kwargs)


class PooledContext(BrowserContext):
    """A BrowserContext whose first `new_page()` of each test is the kept page."""

    _rm_slot: Slot

    @property
    def clock(self) -> Clock:
        self._rm_slot.tainted = True
        return super().clock

    def new_page(self) -> Page:
        return self._rm_slot.take_page()

    def close(self, reason: str | None = None) -> None:
        self._rm_slot.tainted = True  # the test closed it: its slot is done
        super().close(reason=reason)


for _name in _TAINTING:
    if _name != "route":
        setattr(PooledPage, _name, _tainting(_name))
    if hasattr(BrowserContext, _name):
        setattr(PooledContext, _name, _tainting(_name))


class Slot:
    """One kept context, its kept page, and what the current test did to them."""

    def __init__(self, context: BrowserContext, options: dict[str, Any]) -> None:
        self.context = context
        self.options = options
        self.page: Page | None = None
        self.page_taken = False
        self.extra: list[Page] = []
        self.tainted = False
        self.routed = False
        context.__class__ = PooledContext
        context._rm_slot = self  # type: ignore[attr-defined]
        context.set_default_timeout(TIMEOUT)

    def take_page(self) -> Page:
        if self.page is not None and not self.page_taken and not self.page.is_closed():
            self.page_taken = True
            return self.page
        page = BrowserContext.new_page(self.context)
        page.__class__ = PooledPage
        page._rm_slot = self  # type: ignore[attr-defined]
        if self.page is None or self.page.is_closed():
            self.page, self.page_taken = page, True
        else:
            self.extra.append(page)
        return page

    def reset(self, origin: str) -> bool:
        """Ready for the next test; False when this slot cannot be handed on."""
        for extra in self.extra:
            if not extra.is_closed():
                extra.close()
        self.extra.clear()
        page = self.page
        if self.tainted or page is None or page.is_closed():
            return False
        self.page_taken = False
        if self.routed:
            page.unroute_all(behavior="ignoreErrors")
            self.routed = False
        page.goto("about:blank")
        cdp = self.context.new_cdp_session(page)
        try:
            cdp.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        finally:
            cdp.detach()
        page.set_viewport_size(self.options.get("viewport") or ViewportSize(width=1280, height=720))
        page.emulate_media(
            media="null",
            color_scheme=self.options.get("color_scheme", "light"),
            reduced_motion=self.options.get("reduced_motion", "no-preference"),
            forced_colors=self.options.get("forced_colors", "none"),
            contrast=self.options.get("contrast", "no-preference"),
        )
        page.mouse.move(-1, -1)  # hover nothing
        page.set_default_timeout(TIMEOUT)
        page.set_default_navigation_timeout(TIMEOUT)
        self.context.set_default_timeout(TIMEOUT)
        self.context.set_default_navigation_timeout(TIMEOUT)
        return True

    def close(self) -> None:
        BrowserContext.close(self.context)


class Pool:
    """Free slots by context options, reused by later tests of the same worker."""

    def __init__(self, browser: Browser, origin: str) -> None:
        self.browser = browser
        self.origin = origin
        self.free: list[tuple[str, Slot]] = []

    def take(self, options: dict[str, Any], make: Callable[[dict[str, Any]], BrowserContext]) -> Slot:
        """A free slot made with these options, or a new one from `make` (which must not return a
        context the test could taint before the pool owns it)."""
        key = repr(sorted(options.items()))
        for index, (free_key, slot) in enumerate(self.free):
            if free_key == key:
                del self.free[index]
                return slot
        return Slot(make(options), options)

    def give_back(self, slot: Slot) -> None:
        if not slot.reset(self.origin):
            slot.close()
            return
        self.free.append((repr(sorted(slot.options.items())), slot))
        while len(self.free) > KEEP:
            self.free.pop(0)[1].close()

    def close(self) -> None:
        for _, slot in self.free:
            slot.close()
        self.free.clear()

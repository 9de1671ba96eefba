"""Where a page's content sits does not depend on how much of it has loaded."""

from __future__ import annotations

from playwright.sync_api import Browser

from browserkit import CHROMIUM_FLAGS, find_chromium, open_page


def test_the_content_does_not_move_when_the_page_grows_long_enough_to_scroll(browser: Browser, site: str) -> None:
    """With classic scrollbars (a desktop browser's; Playwright hides them by default), a page that
    becomes taller than the window as it loads gets a scrollbar, and Material's centred layout moved
    sideways by half its width: Lighthouse's desktop run counted it as a layout shift of the whole
    content (0.005-0.036). The root reserves the scrollbar's gutter, so the header and the content of
    a short page and of a long one start at the same place."""
    desktop = browser.browser_type.launch(
        executable_path=find_chromium(), args=CHROMIUM_FLAGS, ignore_default_args=["--hide-scrollbars"]
    )
    try:
        page = desktop.new_page(viewport={"width": 1350, "height": 940})
        scrollbars, places = {}, {}
        for name, url in (("short", f"{site}404.html"), ("long", site)):
            open_page(page, url)
            tall = page.evaluate("document.documentElement.scrollHeight > innerHeight")
            assert tall == (name == "long"), f"{url} should be {name}"
            scrollbars[name] = page.evaluate("document.documentElement.clientWidth < innerWidth")
            places[name] = page.evaluate(
                "['.md-header__inner', '.md-main__inner'].map(s => document.querySelector(s).getBoundingClientRect().x)"
            )
        assert scrollbars == {"short": False, "long": True}, "classic scrollbars, as a desktop browser shows"
        assert places["short"] == places["long"], places
    finally:
        desktop.close()

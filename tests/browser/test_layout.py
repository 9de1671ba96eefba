"""Where a page's content sits does not depend on how much of it has loaded."""

from __future__ import annotations

from playwright.sync_api import Browser

from browserkit import CHROMIUM_FLAGS, find_chromium, open_page


def test_the_content_does_not_move_when_the_page_grows_long_enough_to_scroll(browser: Browser, site: str) -> None:
    """With classic scrollbars (a desktop browser's; Playwright hides them by default), a page that
    becomes taller than the window as it loads gets a scrollbar, and Material's centred layout moved
    sideways by half its width: Lighthouse's desktop run counted it as a layout shift of the whole
    content (0.005-0.036). The root always shows its scrollbar, so the header and the content of a
    short page and of a long one start at the same place, and the header reaches the scrollbar on
    both (a reserved but empty gutter left a blank strip beside a short page's header)."""
    desktop = browser.browser_type.launch(
        executable_path=find_chromium(), args=CHROMIUM_FLAGS, ignore_default_args=["--hide-scrollbars"]
    )
    try:
        page = desktop.new_page(viewport={"width": 1350, "height": 940})
        places, strips = {}, {}
        for name, url in (("short", f"{site}404.html"), ("long", site)):
            open_page(page, url)
            tall = page.evaluate("document.documentElement.scrollHeight > innerHeight")
            assert tall == (name == "long"), f"{url} should be {name}"
            width = page.evaluate("document.documentElement.clientWidth")
            if name == "long":
                assert width < 1350, "classic scrollbars, as a desktop browser shows"
            places[name] = page.evaluate(
                "['.md-header__inner', '.md-main__inner'].map(s => document.querySelector(s).getBoundingClientRect().x)"
            )
            strips[name] = width - page.evaluate("document.querySelector('.md-header').getBoundingClientRect().right")
        assert places["short"] == places["long"], places
        assert strips == {"short": 0, "long": 0}, f"blank strip beside the header (px): {strips}"
    finally:
        desktop.close()

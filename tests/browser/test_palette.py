"""The light/dark toggle (overrides/partials/palette.html and partials/javascripts/palette.html).

It replaces Material's palette component, which restyled the whole page three times on every
load. These tests hold it to what Material's did (follow the system on a first visit, switch,
remember, Enter on the toggle, the theme-color and color-scheme metas, instant navigation) and to
what it is for: a load marks nothing as switching, and the palette and the stylesheets' addresses
are settled before the page's content is parsed, so nothing already styled is restyled.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from browserkit import LAYOUT_SHIFTS, instant_navigation, layout_shifts, open_page, ready

# Records, from before any of the page's own scripts run, each change to the body's attributes
# and to the stylesheet links' addresses, with how far the parser had got when it happened.
WATCH = """
window.__rmWatch = {body: [], sheets: [], metas: []};
new MutationObserver(function (records) {
  records.forEach(function (r) {
    var w = window.__rmWatch, t = r.target;
    var at = document.querySelector(".md-main") ? "content parsed" : document.body ? "header" : "head";
    if (t === document.body) w.body.push([r.attributeName, at]);
    else if (t.matches("link[rel=stylesheet]")) w.sheets.push(at);
    else if (t.matches("meta[name=color-scheme], meta[name=theme-color]")) w.metas.push([t.name, at]);
  });
}).observe(document, {subtree: true, attributes: true});
"""


def shown_toggle(page: Page) -> str:
    """The title of the one toggle label a learner can see."""
    labels = page.locator("form[data-rm-palette] label")
    shown = [labels.nth(i).get_attribute("title") for i in range(labels.count()) if labels.nth(i).is_visible()]
    assert len(shown) == 1, shown
    return shown[0]


def metas(page: Page) -> dict[str, list[str]]:
    return page.evaluate(
        """() => Object.fromEntries(["color-scheme", "theme-color"].map(n =>
             [n, [...document.querySelectorAll(`meta[name="${n}"]`)].map(m => m.content)]))"""
    )


def header_colour(page: Page) -> str:
    rgb = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
    return "#" + "".join(f"{int(v):02x}" for v in rgb[rgb.index("(") + 1 : -1].split(",")[:3])


@pytest.mark.parametrize(
    ("system", "scheme", "toggle"),
    [("light", "default", "Switch to dark mode"), ("dark", "slate", "Switch to light mode")],
)
def test_a_first_visit_follows_the_system_and_restyles_nothing(
    page: Page, site: str, system: str, scheme: str, toggle: str
) -> None:
    page.emulate_media(color_scheme=system)
    page.add_init_script(WATCH)
    open_page(page, site)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == scheme
    assert shown_toggle(page) == toggle
    assert metas(page) == {"color-scheme": [system], "theme-color": [header_colour(page)]}
    watch = page.evaluate("window.__rmWatch")
    # Material's component set data-md-color-switching on every load, and made the stylesheet
    # links absolute after the page was styled: each restyled every element.
    assert "data-md-color-switching" not in [name for name, _ in watch["body"]]
    assert all(at != "content parsed" for _, at in watch["body"]), watch["body"]
    assert all(at != "content parsed" for _, at in watch["metas"]), watch["metas"]
    assert watch["sheets"] and set(watch["sheets"]) == {"head"}, watch["sheets"]
    # ...and Material's instant navigation finds them absolute and leaves them alone.
    hrefs = page.evaluate("[...document.querySelectorAll('link[rel=stylesheet]')].map(l => l.getAttribute('href'))")
    assert all(h.startswith(site) for h in hrefs), hrefs


def test_the_toggle_switches_is_remembered_and_survives_instant_navigation(page: Page, site: str) -> None:
    page.emulate_media(color_scheme="light")
    with instant_navigation(page):
        open_page(page, site)
    page.evaluate("window.__marker = 1")  # survives only if navigation is instant (no full reload)
    page.get_by_title("Switch to dark mode").click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert shown_toggle(page) == "Switch to light mode"
    assert metas(page) == {"color-scheme": ["dark"], "theme-color": [header_colour(page)]}
    assert page.evaluate("__md_get('__palette').index") == 1
    # Transitions are off only while switching, as with Material's component.
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")

    page.locator(".md-nav--primary a.md-nav__link[href$='map/']").first.click()
    page.wait_for_url("**/map/")
    page.locator(".md-content [data-rm-map], .md-content h1").first.wait_for()
    assert page.evaluate("window.__marker") == 1
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert metas(page) == {"color-scheme": ["dark"], "theme-color": [header_colour(page)]}
    page.get_by_title("Switch to light mode").click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"

    page.add_init_script(WATCH)
    page.get_by_title("Switch to dark mode").click()
    page.reload()
    ready(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert shown_toggle(page) == "Switch to light mode"
    watch = page.evaluate("window.__rmWatch")
    assert "data-md-color-switching" not in [name for name, _ in watch["body"]]


def test_enter_on_the_toggle_switches_the_palette(page: Page, site: str) -> None:
    page.emulate_media(color_scheme="dark")
    open_page(page, site)
    page.focus("#__palette_1")
    page.keyboard.press("Enter")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert page.evaluate("document.activeElement.id") == "__palette_0"
    assert shown_toggle(page) == "Switch to dark mode"


@pytest.mark.parametrize("width", [375, 1280])
def test_until_the_learner_chooses_the_palette_follows_the_system(page: Page, site: str, width: int) -> None:
    """Issue #25: a visit stores nothing, so the system's scheme picks the palette as it changes and
    on the next visit (Material stored the first palette it applied, and the system no longer counted)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme="light")
    open_page(page, site)
    assert page.evaluate("__md_get('__palette')") is None
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
    assert metas(page)["color-scheme"] == ["dark"]
    page.reload()
    ready(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.emulate_media(color_scheme="light")
    page.reload()
    ready(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert page.evaluate("__md_get('__palette')") is None


@pytest.mark.parametrize("width", [375, 1280])
def test_a_chosen_palette_outlasts_a_change_of_the_system_scheme(page: Page, site: str, width: int) -> None:
    """Once the learner switches, their choice holds whatever the system's scheme does."""
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme="dark")
    open_page(page, site)
    page.get_by_title("Switch to light mode").click()
    assert page.evaluate("__md_get('__palette')")["chosen"] is True
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    page.reload()
    ready(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert metas(page)["color-scheme"] == ["light"]


def test_a_palette_stored_without_a_choice_is_not_taken_for_one(page: Page, site: str) -> None:
    """What Material (and this script before issue #25) stored on a first visit, {index, color} without
    the mark of a choice, no longer pins the palette: a returning visitor follows the system again."""
    page.emulate_media(color_scheme="light")
    open_page(page, site)
    page.evaluate("__md_set('__palette', {index: 0, color: {scheme: 'default'}})")
    page.emulate_media(color_scheme="dark")
    page.reload()
    ready(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"


@pytest.mark.parametrize(
    "stored",
    [
        '{"index": 7, "chosen": true}',
        '{"index": -3, "chosen": true}',
        '{"index": 0.5, "chosen": true}',
        '{"index": "1", "chosen": true}',
        "[]",
        "null",
        "{not json",
    ],
)
def test_a_damaged_stored_palette_is_ignored(page: Page, site: str, stored: str) -> None:
    """The stored choice is whatever the browser holds: anything but one of the toggles' indexes
    is ignored (the system's scheme picks, as on a first visit), and the toggle still works."""
    page.emulate_media(color_scheme="light")
    open_page(page, site)
    page.evaluate("s => localStorage.setItem(__md_scope.pathname + '.__palette', s)", stored)
    page.reload()
    ready(page)
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "default"
    assert shown_toggle(page) == "Switch to dark mode"
    page.get_by_title("Switch to dark mode").click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.evaluate("__md_get('__palette').index") == 1


@pytest.mark.parametrize("width", [412, 1280])
def test_nothing_moves_as_the_page_starts(page: Page, site: str, width: int) -> None:
    """The toggle is ready before Material's script runs, but shows with Material's search button:
    shown earlier, that button's arrival moved it (a layout shift on every page)."""
    page.set_viewport_size({"width": width, "height": 800})
    page.add_init_script(LAYOUT_SHIFTS)
    for url in (site, f"{site}progress/", f"{site}about/"):
        open_page(page, url)
        assert layout_shifts(page) == [], url

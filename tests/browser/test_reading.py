"""Pages that read well on any screen: nothing scrolls sideways on a 320 px phone, tables keep
their names whole, an item's `#` link never takes a line of its own, and a title has no gap."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from browserkit import open_page
from roadmapkit.model import Roadmap
from sitebuild import FIXTURES, copy_project, mkdocs_build

# Each word of an element's text laid out over two lines other than after a hyphen (a mid-word break).
BROKEN_WORDS = """el => {
  const text = [...el.childNodes].filter(n => n.nodeType === 3);
  const broken = [];
  for (const node of text) {
    let top = null, word = "";
    for (let i = 0; i < node.length; i++) {
      const ch = node.data[i];
      if (/\\s/.test(ch)) { top = null; word = ""; continue; }
      const range = document.createRange();
      range.setStart(node, i); range.setEnd(node, i + 1);
      const rect = range.getClientRects()[0];
      word += ch;
      if (!rect) continue;
      if (top !== null && rect.top > top + 2 && !/-$/.test(word.slice(0, -1))) broken.push(word);
      top = rect.top;
    }
  }
  return broken;
}"""

# How many more lines an element's box holds than its own text takes (a line taken by a hidden child).
EXTRA_LINES = """el => {
  const tops = new Set([...el.childNodes].filter(n => n.nodeType === 3).flatMap(n => {
    const r = document.createRange(); r.selectNodeContents(n);
    return [...r.getClientRects()].map(rect => Math.round(rect.top));
  }));
  const style = getComputedStyle(el);
  const inner = el.getBoundingClientRect().height - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return Math.round(inner / parseFloat(style.lineHeight)) - tops.size;
}"""


def site_pages(www: Path, site: str) -> list[str]:
    """Every page of the built site, whatever the roadmap."""
    root = www / "ml"
    pages = sorted(p.parent.relative_to(root).as_posix() for p in root.rglob("index.html"))
    return [site + ("" if p == "." else f"{p}/") for p in pages if not p.startswith("assets")]


def test_no_page_scrolls_sideways_on_a_320_px_phone_light_or_dark(page: Page, site: str, www: Path) -> None:
    """Every page, read light, then dark after a tap on the header's palette toggle (no reload)."""
    page.set_viewport_size({"width": 320, "height": 700})
    page.emulate_media(color_scheme="light")
    wide = []
    for url in site_pages(www, site):
        open_page(page, url)
        for scheme, palette in (("light", "default"), ("dark", "slate")):
            if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != palette:
                page.locator("form[data-rm-palette] label:visible").first.click()
            page.wait_for_function("p => document.body.getAttribute('data-md-color-scheme') === p", arg=palette)
            width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            if width[0] > width[1]:
                wide.append((url, scheme, width))
    assert wide == []


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_tracks_table_keeps_every_name_whole(page: Page, site: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    open_page(page, f"{site}tracks/")
    names = page.locator(".rm-table a")
    assert names.count() > 0
    for i in range(names.count()):
        assert names.nth(i).evaluate(BROKEN_WORDS) == [], names.nth(i).inner_text()


LONG_TITLE = "A structured university programme with electives, studio labs and a final project"
LONG_AUDIENCE = "Students who finished a first year of general studies and want a supervised path. " * 3


@pytest.fixture(scope="module")
def long_titles_site(server: str, www: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A roadmap whose tracks have long titles and long "Suits" texts, as a curriculum's do."""
    content = tmp_path_factory.mktemp("long-titles") / "content"
    shutil.copytree(FIXTURES / "mini", content)
    track = content / "tracks" / "fast.yml"
    text = track.read_text("utf-8").replace("title: Fast track", f"title: {LONG_TITLE}")
    track.write_text(text.replace("\nblocks:", f"\naudience: {LONG_AUDIENCE}\nblocks:", 1), "utf-8")
    project = copy_project(content.parent / "project", content=content)
    url = f"{server}/long-titles/"
    result = mkdocs_build(project, www / "long-titles", SITE_URL=url)
    assert result.returncode == 0, result.stderr
    return url


def test_a_long_track_title_keeps_readable_lines_in_the_tracks_table(page: Page, long_titles_site: str) -> None:
    """Issue #24: long track titles beside long "Suits" texts were squeezed to a few words a line at 1280 px."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, f"{long_titles_site}tracks/")
    cell = page.locator(".rm-table--glance td:first-child").first
    expect(cell).to_contain_text(LONG_TITLE)
    ems = cell.evaluate("td => td.getBoundingClientRect().width / parseFloat(getComputedStyle(td).fontSize)")
    assert ems >= 12, ems


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_an_items_link_shares_the_first_line_of_its_row(page: Page, site: str, www: Path, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    phases = [u for u in site_pages(www, site) if "/phases/" in u]
    open_page(page, phases[0])
    rows = page.locator("li.rm-item:has(> .rm-anchor)")
    assert rows.count() > 0
    for i in range(min(rows.count(), 40)):
        label = rows.nth(i).locator("> .rm-check").bounding_box()
        anchor = rows.nth(i).locator("> .rm-anchor").bounding_box()
        assert anchor["y"] < label["y"] + label["height"] / 2 + 12, rows.nth(i).inner_text()


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_the_home_title_is_as_tall_as_its_text(page: Page, site: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    open_page(page, site)
    assert page.locator("h1").first.evaluate(EXTRA_LINES) == 0


def test_every_figure_of_a_count_agrees_once_the_script_has_counted(page: Page, site: str) -> None:
    open_page(page, site)
    total = page.locator(".rm-total").inner_text()
    assert page.locator(".rm-progress[data-rm-sum] .rm-progress__text").first.inner_text() == f"0 / {total}"
    open_page(page, f"{site}tracks/")
    rows = page.locator(".rm-table--glance tbody tr")
    for i in range(rows.count()):
        items = rows.nth(i).locator("td").nth(-2).inner_text()
        assert rows.nth(i).locator(".rm-progress__text").inner_text() == f"0 / {items}"


def test_home_answers_which_track_suits_you_near_the_top(page: Page, site: str, roadmap: Roadmap) -> None:
    """Each track's length, hours and audience (estimates labelled): the first row above the fold of a
    laptop, the first five tracks within two screens of a phone."""
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, site)
    cards = page.locator(".rm-cards--tracks > li")
    assert cards.count() == len(roadmap.tracks)
    first = cards.first.bounding_box()
    assert first["y"] + first["height"] <= 800
    for track, i in zip(roadmap.tracks, range(cards.count()), strict=True):
        text = cards.nth(i).inner_text()
        assert track.title in text and track.duration in text
        assert (track.hours_per_week or "") in text
        labels = cards.nth(i).locator(".rm-estimate").count()
        assert labels == sum(track.estimate(f) for f in ("duration", "hours_per_week", "audience") if getattr(track, f))
    page.set_viewport_size({"width": 375, "height": 667})
    open_page(page, site)
    last = cards.nth(min(cards.count(), 5) - 1).bounding_box()
    assert last["y"] + last["height"] <= 2 * 667


def test_what_next_chooses_no_track_for_a_visitor_who_chose_none(page: Page, site: str, roadmap: Roadmap) -> None:
    open_page(page, site)
    picker = page.locator("[data-rm-next-track]")
    assert picker.input_value() == ""
    assert page.locator("[data-rm-next-list] li").count() == 0
    assert page.locator("[data-rm-next-empty]").is_visible()
    picker.select_option(roadmap.tracks[-1].id)
    assert page.locator("[data-rm-next-list] li").count() > 0


# The contrast of an unticked box's border against the page behind it (WCAG's formula, alpha blended).
BOX_CONTRAST = """box => {
  const rgba = c => c.match(/[\\d.]+/g).map(Number);
  const [r, g, b, a = 1] = rgba(getComputedStyle(box).borderTopColor);
  const bg = rgba(getComputedStyle(document.body).backgroundColor);
  const mix = [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
  const lum = c => c.map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const [hi, lo] = [lum(mix), lum(bg.slice(0, 3))].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}"""


def test_unticked_boxes_are_clearly_visible_in_dark_mode(page: Page, site: str, roadmap: Roadmap) -> None:
    page.emulate_media(color_scheme="dark")
    open_page(page, f"{site}phases/{roadmap.phases[0].id}/")
    box = page.locator(".rm-check input[data-roadmap-id]").first
    assert box.evaluate("b => getComputedStyle(b).borderTopWidth") != "0px"
    assert box.evaluate(BOX_CONTRAST) >= 3


@pytest.mark.parametrize("width", [320, 375])
def test_a_phone_reads_the_map_as_a_list_of_whole_titles(page: Page, site: str, roadmap: Roadmap, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 700})
    open_page(page, f"{site}map/")
    assert not page.locator("svg.rm-map").is_visible()
    listed = page.locator(".rm-map-list ol")
    assert listed.is_visible()
    text = listed.inner_text()
    assert all(m.title in text for p in roadmap.phases for m in p.modules)
    sizes = listed.locator("a").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) >= 12


def test_the_map_fits_a_laptop_with_labels_of_12_px(page: Page, site: str, roadmap: Roadmap) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    open_page(page, f"{site}map/")
    svg = page.locator("svg.rm-map")
    scale = svg.evaluate("s => s.getBoundingClientRect().width / s.viewBox.baseVal.width")
    sizes = svg.locator("text").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert min(sizes) * scale >= 12
    modules = sum(len(p.modules) for p in roadmap.phases)
    height = svg.bounding_box()["height"]
    assert height <= 20 * modules + 120 * len(roadmap.phases), height  # four to a row (two to a row: 2.5 times)

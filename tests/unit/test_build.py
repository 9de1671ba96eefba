"""The real `mkdocs build --strict` on the real content, and on broken content."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib

from roadmapkit import load_roadmap
from roadmapkit.site import edit_uri
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build, site_digest


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_build_is_strict_clean_and_has_every_page(built_site: Path) -> None:
    roadmap = load_roadmap(ROOT / "content", ROOT)
    for phase in roadmap.phases:
        assert (built_site / "phases" / phase.id / "index.html").is_file()
    for track in roadmap.tracks:
        assert (built_site / "tracks" / track.id / "index.html").is_file()
    for page in ("index.html", "progress/index.html", "resources/index.html", "tracks/index.html", "about/index.html"):
        assert (built_site / page).is_file(), page


# An entry's row on a phase or track page: from its <li> to its description, prerequisites, resources or end.
ROW = re.compile(
    r'<li class="rm-item[^"]*"[^>]*>(.*?)(?=<div class="rm-desc|<p class="rm-requires|<ul class="rm-resources|</li>)',
    re.S,
)


def test_pages_stay_light(built_site: Path) -> None:
    """Issue #15: home carries no bulk data (the plan data is assets/roadmap-plan.js), and phase and
    track pages spend 4 elements per checkbox: its row is li, label, input and one link, plus the
    tags that apply (spans). The note button is the page's one, moved into the row in use by
    roadmap.js. A track page adds 13 elements or fewer a block (heading, meta line, two skip links, list) and a
    few for the page; the collapsed resource lists of each block are content and are not counted."""
    assert (built_site / "index.html").stat().st_size <= 60_000
    assert "window.roadmapPlanData=" in (built_site / "assets" / "roadmap-plan.js").read_text("utf-8")
    for page in [*(built_site / "phases").glob("*/index.html"), *(built_site / "tracks").glob("*/index.html")]:
        html = page.read_text("utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        article = re.sub(r"<script[^>]*>.*?</script>", "", article, flags=re.S)  # overrides/main.html's note painter
        boxes = article.count("data-roadmap-id=")
        rows = ROW.findall(article)
        assert len(rows) == boxes and "data-rm-note" not in article, page.parent.name
        for row in rows:  # li, then label, input and link
            assert len(re.findall(r"<(?!span)[a-zA-Z]", row)) == 3, row
        if page.parent.parent.name == "tracks":
            article = re.sub(r'<details class="rm-block-resources".*?</details>', "", article, flags=re.S)
            spans = sum(len(re.findall(r"<span", row)) for row in rows)
            blocks = article.count('<div class="rm-block">')
            assert len(re.findall(r"<[a-zA-Z]", article)) <= 4 * boxes + spans + 13 * blocks + 60, page.parent.name


def test_stylesheets_are_in_the_head_before_the_script_that_makes_them_absolute(built_site: Path) -> None:
    """Issue #15. Every stylesheet, roadmap-tools.css included (home, progress and map only), is
    linked in <head>, before the inline script that makes the links absolute: Material's instant
    navigation would otherwise make them absolute once the page is styled, and restyle all of it."""
    tools = {"index.html", "progress/index.html", "map/index.html"}
    for page in sorted(built_site.rglob("*.html")):
        rel = page.relative_to(built_site).as_posix()
        doc = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
        head, body = doc.find("head"), doc.find("body")
        assert [e for e in body.iter("link") if e.get("rel") == "stylesheet"] == [], rel
        kids = list(head)
        sheets = [n for n, e in enumerate(kids) if e.tag == "link" and e.get("rel") == "stylesheet"]
        fixer = [n for n, e in enumerate(kids) if e.tag == "script" and "l.href=l.href" in (e.text or "")]
        assert len(fixer) == 1 and sheets and max(sheets) < fixer[0], rel
        hrefs = [kids[n].get("href") for n in sheets]
        assert any(h.endswith("assets/roadmap-tools.css") for h in hrefs) == (rel in tools), rel


def test_every_item_is_a_labelled_checkbox_with_an_anchor(built_site: Path) -> None:
    roadmap = load_roadmap(ROOT / "content", ROOT)
    for phase in roadmap.phases:
        html = (built_site / "phases" / phase.id / "index.html").read_text("utf-8")
        for item in phase.items:
            pattern = (
                rf'<li class="rm-item[^"]*" id="{item.id}"><label class="rm-check">'
                rf'<input type="checkbox" data-roadmap-id="{item.id}">'
            )
            assert re.search(pattern, html), f"{item.id} on {phase.id}"


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = _pages(built_site)
    ids = {path: set(re.findall(r' id="([^"]+)"', html)) for path, html in pages.items()}
    for path, html in pages.items():
        for href in re.findall(r'<a [^>]*href="([^"#:]*)#([^"]+)"', html):
            target = _normalise(f"{Path(path).parent.as_posix()}/{href[0]}/index.html") if href[0] else path
            assert target in ids, f"{path} links to missing page {href[0]}"
            assert href[1] in ids[target], f"{path} links to {target}#{href[1]}"


def _normalise(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def test_roadmap_json_is_published(built_site: Path) -> None:
    data = json.loads((built_site / "roadmap.json").read_text("utf-8"))
    assert data["version"] == 1 and data["phases"] and data["tracks"]


def test_edit_link_of_a_generated_page_points_at_its_yaml(built_site: Path) -> None:
    roadmap = load_roadmap(ROOT / "content", ROOT)
    phase = roadmap.phases[0]
    html = (built_site / "phases" / phase.id / "index.html").read_text("utf-8")
    edit = re.search(r'href="([^"]+)" title="Edit this page"', html)
    who = roadmap.identity  # content/roadmap.yml's repository gives the edit links (none without one)
    if edit_uri(who.repository, who.branch) is None:
        assert edit is None
    else:
        assert edit and edit.group(1) == f"{who.repository.rstrip('/')}/{edit_uri(who.repository, who.branch)}".replace(
            "content/pages/", phase.source
        )


def test_no_request_leaves_the_site_at_build_time(built_site: Path) -> None:
    for path, html in _pages(built_site).items():
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        loads = r'<script[^>]+src="(https?://[^"]+)"|<link[^>]+rel="(?:stylesheet|preconnect|preload|icon)"[^>]+href="(https?://[^"]+)"'
        for src in re.findall(loads, html):
            raise AssertionError(f"{path} loads {src}")


def test_broken_content_stops_the_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = site_digest(site)
    broken = project / "content" / "phases" / "02-broken.yml"
    broken.write_text("id: p2\ntitle: P2\ngoal: g\nduration: 1 week\nmodules:\n  - id: m2\n    titel: M2\n")
    result = mkdocs_build(project, site)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert (
        "content/phases/02-broken.yml:7: modules[0].titel: unknown key 'titel'; did you mean 'title'?" in result.stderr
    )
    assert site_digest(site) == before

"""The roadmap's identity lives in content/roadmap.yml; the engine names no subject."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from roadmapkit import ContentError, load_roadmap
from roadmapkit.export import rendered_config
from roadmapkit.model import Identity, Roadmap
from roadmapkit.site import pages_address, repository_name, site_identity
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build

# Words of the canonical roadmap's subject that must not appear in the engine.
SUBJECT = re.compile(r"machine[ -]learning|\bml[ -]engineer|\bmlroadmap\b|\bml-roadmap\b", re.IGNORECASE)


@pytest.mark.parametrize("folder", ["hooks", "overrides"])
def test_the_engine_names_no_subject(folder: str) -> None:
    for path in sorted((ROOT / folder).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".html", ".js", ".css", ".json", ".yml", ".md"):
            found = SUBJECT.search(path.read_text("utf-8"))
            assert found is None, f"{path.relative_to(ROOT)} names the subject: {found.group()!r}"


def build_site(tmp_path: Path, content: Path) -> Path:
    """The project with `content`, built strictly into tmp_path/site."""
    project = copy_project(tmp_path / "project", content=content)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_identity_names_the_site_escaped_everywhere(tmp_path: Path) -> None:
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    (content / "roadmap.yml").write_text(
        'title: "Knots & <Ropes>"\ndescription: "Tie \\"every\\" knot."\nstorage_key: knots\n', "utf-8"
    )
    site = build_site(tmp_path, content)
    home = (site / "index.html").read_text("utf-8")
    assert "<title>Knots &amp; &lt;Ropes&gt;</title>" in home
    assert '<meta name="description" content="Tie &#34;every&#34; knot.">' in home
    assert 'data-rm-key="knots"' in home
    phase = (site / "phases" / "basics" / "index.html").read_text("utf-8")
    assert " - Knots &amp; &lt;Ropes&gt;</title>" in phase


def test_a_broken_identity_file_is_reported_with_the_rest(mini_content: Path) -> None:
    (mini_content / "roadmap.yml").write_text("title: T\ndescriptoin: d\nstorage_key: Not A Key\n", "utf-8")
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content.parent)
    text = str(caught.value)
    assert "content/roadmap.yml:2: descriptoin: unknown key 'descriptoin'; did you mean 'description'?" in text


def test_former_storage_keys_reach_the_page_and_cannot_name_the_current_key(mini_content: Path) -> None:
    """Issue #22, point 13: storage_key_aliases lists the keys a site had before, for the browser to move
    progress from; the current key among them (the record would move onto itself) is refused."""
    identity = mini_content / "roadmap.yml"
    identity.write_text(identity.read_text("utf-8") + "storage_key_aliases: [tiny, small]\n", "utf-8")
    roadmap = load_roadmap(mini_content, mini_content.parent)
    assert roadmap.identity.storage_key_aliases == ["tiny", "small"]
    identity.write_text(identity.read_text("utf-8").replace("[tiny, small]", "[tiny, mini]"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content.parent)
    assert [(p.path, p.line, p.key) for p in caught.value.problems] == [
        ("content/roadmap.yml", 7, "storage_key_aliases")
    ]
    identity.write_text(identity.read_text("utf-8").replace("[tiny, mini]", "[Not A Key]"), "utf-8")
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content.parent)
    assert [(p.line, p.key) for p in caught.value.problems] == [(7, "storage_key_aliases[0]")]


@pytest.mark.parametrize(
    ("repository", "branch", "site_url", "expected"),
    [
        (
            "https://github.com/knotty/knots/",
            "main",
            None,
            ("knotty/knots", "edit/main/content/pages/", "https://knotty.github.io/knots/"),
        ),
        (
            "https://github.com/Knotty/knotty.github.io",
            "trunk",
            None,
            ("Knotty/knotty.github.io", "edit/trunk/content/pages/", "https://knotty.github.io/"),
        ),
        (
            "https://gitlab.com/knotty/knots",
            "main",
            "https://knots.example/",
            ("knotty/knots", "-/edit/main/content/pages/", "https://knots.example/"),
        ),
        ("https://git.example/knots", "main", None, ("knots", None, None)),
        (None, "main", "https://knots.example/", (None, None, "https://knots.example/")),
    ],
)
def test_the_repository_gives_the_header_the_edit_links_and_the_canonical_address(
    repository: str | None, branch: str, site_url: str | None, expected: tuple
) -> None:
    who = Identity(title="Knots", description="Tie them.", repository=repository, branch=branch, site_url=site_url)
    given = site_identity(who)
    assert (given["repo_name"], given["edit_uri"], given["site_url"]) == expected
    assert given["repo_url"] == (repository.rstrip("/") if repository else None)
    assert site_identity(who, "http://127.0.0.1:8000/")["site_url"] == "http://127.0.0.1:8000/"  # the build's own


def test_the_rendered_folder_takes_the_identity_of_roadmap_yml() -> None:
    who = Identity(title="Knots & Co", description="Tie.", repository="https://github.com/knotty/knots", source="x")
    config = rendered_config({"site_name": "Roadmap", "theme": {"name": "material"}}, Roadmap([], [], who))
    assert config["site_name"] == "Knots &amp; Co" and config["repo_name"] == "knotty/knots"
    assert config["site_url"] == "https://knotty.github.io/knots/" and config["edit_uri"] == ""


def test_a_fork_site_carries_its_own_identity_and_nothing_of_this_roadmap(tmp_path: Path) -> None:
    """Issue #24: with content/roadmap.yml rewritten, no page of the fork's site names this project's
    roadmap (its title, repository, address or storage key): mkdocs.yml holds none of them."""
    ours = load_roadmap(ROOT / "content", ROOT).identity
    content = tmp_path / "knots"
    shutil.copytree(FIXTURES / "mini", content)
    (content / "pages").mkdir()
    (content / "pages" / "about.md").write_text("# About\n\nKnots, tied by hand.\n", "utf-8")
    (content / "roadmap.yml").write_text(
        "title: Knot Atlas\ndescription: Every knot, tied.\nstorage_key: knot-atlas\n"
        "repository: https://github.com/knotty/atlas\nbranch: trunk\n",
        "utf-8",
    )
    site = build_site(tmp_path, content)
    home = (site / "index.html").read_text("utf-8")
    assert '<link rel="canonical" href="https://knotty.github.io/atlas/">' in home
    assert '<a href="https://github.com/knotty/atlas" title="Go to repository" class="md-source">' in home
    assert re.search(r'md-source__repository">\s*knotty/atlas\s*<', home)
    phase = (site / "phases" / "basics" / "index.html").read_text("utf-8")
    assert 'href="https://github.com/knotty/atlas/edit/trunk/content/phases/01-basics.yml"' in phase
    assert "<loc>https://knotty.github.io/atlas/about/</loc>" in (site / "sitemap.xml").read_text("utf-8")
    traces = [ours.title, ours.description, *(t for t in (ours.repository, ours.site_url) if t)]
    if ours.repository:
        traces += [repository_name(ours.repository), pages_address(ours.repository) or ours.repository]
    if ours.storage_key:
        traces.append(f'"{ours.storage_key}"')
    names = re.compile("|".join(rf"(?<!\w){re.escape(t)}(?!\w)" for t in traces if t and t != "Knot Atlas"))
    for path in sorted(site.rglob("*")):  # pages, sitemap, search index, roadmap.json, the plan script
        if path.suffix in (".html", ".xml", ".json") or path.name == "roadmap-plan.js":
            found = names.findall(path.read_text("utf-8", errors="replace"))
            assert found == [], f"{path.relative_to(site)} names this project's roadmap: {found}"


def test_quotes_in_a_title_are_escaped_once_in_headings_and_the_table_of_contents(tmp_path: Path) -> None:
    """Issue #24: a track title with an apostrophe showed as `&#39;` in the compare page's contents."""
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    track = content / "tracks" / "fast.yml"
    track.write_text(track.read_text("utf-8").replace("title: Fast track", 'title: "Jo\'s \\"fast\\" <b>track</b>"'))
    site = build_site(tmp_path, content)
    for page in ("tracks/index.html", "tracks/fast/index.html"):
        html = (site / page).read_text("utf-8")
        assert "&amp;#39;" not in html and "&amp;#34;" not in html and "&amp;lt;" not in html, page
        assert (
            html.count('Jo\'s "fast" &lt;b&gt;track&lt;/b&gt;') + html.count("Jo&#39;s &#34;fast&#34; &lt;b&gt;") >= 2
        )


def test_no_engine_text_assumes_the_tracks_came_from_other_roadmaps() -> None:
    wording = re.compile(r"original (roadmap|plan)|merged from|the seeds?\b", re.IGNORECASE)
    for path in [*sorted((ROOT / "hooks" / "roadmapkit" / "templates").iterdir()), ROOT / "overrides" / "main.html"]:
        found = wording.search(path.read_text("utf-8"))
        assert found is None, f"{path.relative_to(ROOT)}: {found.group()!r}"

"""Hand-written pages' metadata is read as MkDocs reads it, and only allowed keys of checked types
reach the theme: in validation, in the build's hook, and in what `roadmap-render` writes (issue 22).

Invalid pages are data files: tests/invalid/pages/NAME.md with NAME.expected.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import html5lib
import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.meta import get_data

from hostile import payload
from htmlcheck import injected_in_site
from roadmapkit import ContentError, load_roadmap
from roadmapkit.cli import render_main
from roadmapkit.pagemeta import page_source
from roadmapkit.pages import check_page, check_pages
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build, site_digest

INVALID_PAGES = ROOT / "tests" / "invalid" / "pages"
CASES = sorted(p.stem for p in INVALID_PAGES.glob("*.md"))


@pytest.mark.parametrize("name", CASES)
def test_invalid_page_reports_file_line_and_key(name: str, mini_content: Path) -> None:
    (mini_content / "pages").mkdir()
    shutil.copy(INVALID_PAGES / f"{name}.md", mini_content / "pages" / f"{name}.md")
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content)
    expected = (INVALID_PAGES / f"{name}.expected").read_text("utf-8").splitlines()
    assert [str(p) for p in caught.value.problems] == expected


# The same page as different bytes on disk: MkDocs drops a leading byte order mark and reads
# line ends as newlines, so its metadata is found, and refused, wherever MkDocs finds it.
ENCODINGS = {  # what comes first, and the line end
    "byte order mark": ("\ufeff", "\n"),
    "CRLF line ends": ("", "\r\n"),
    "CR line ends": ("", "\r"),
    "both": ("\ufeff", "\r\n"),
}
FRONT = "---\ntitle: ok\ntemplate: redirect.html\n---\n\n# A page\n"
FENCELESS = "title: ok\ntemplate: redirect.html\n\n# A page\n"


@pytest.mark.parametrize("source, keys", [(FRONT, ["3: template"]), (FENCELESS, ["1: title", "2: template"])])
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_metadata_is_found_as_mkdocs_reads_the_file(
    source: str, keys: list[str], encoding: str, tmp_path: Path
) -> None:
    first, end = ENCODINGS[encoding]
    (tmp_path / "page.md").write_bytes((first + source.replace("\n", end)).encode("utf-8"))
    problems = [str(p).split(": ", 2)[:2] for p in check_pages(tmp_path, "pages")]
    assert [": ".join(p) for p in problems] == [f"pages/page.md:{key}" for key in keys]


@pytest.mark.parametrize(
    "text", ["\ntemplate: redirect.html\n\n# A\n", "# A\ntemplate: redirect.html\n", "A sentence: with a colon.\n"]
)
def test_text_after_a_blank_line_or_heading_is_text_not_metadata(text: str) -> None:
    assert check_page(text, "pages/a.md") == []
    assert get_data(text)[1] == {}, "MkDocs reads no metadata there either"


# ---- what validates builds; what does not stops validate and build alike, and keeps the site ----

STOPPED = {
    "fenceless-metadata": "content/pages/about.md:1: status: ",  # point 1: status and author printed raw
    "front-matter-impossible-date": "content/pages/about.md:2: hide: ",  # point 2: rendered as Markdown
    "front-matter-hide-number": "content/pages/about.md:2: hide: ",  # point 11: a traceback in the build
    "fenceless-search": "content/pages/about.md:1: search: ",  # point 11: a traceback in the build
}


def _validate(content: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    cmd = [sys.executable, "-m", "roadmapkit.cli", str(content)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=content.parent, check=False)


@pytest.mark.parametrize("name", STOPPED)
def test_page_metadata_the_theme_cannot_take_stops_validate_and_build(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = site_digest(site)
    shutil.copy(INVALID_PAGES / f"{name}.md", project / "content" / "pages" / "about.md")
    check, build = _validate(project / "content"), mkdocs_build(project, site)
    assert check.returncode == 1 and build.returncode != 0
    for out in (check.stderr, build.stderr):
        assert "Traceback" not in out and STOPPED[name] in out, out
    assert site_digest(site) == before


# ---- the hook: whatever reaches a build, only allowed keys of checked types reach the theme ----


@pytest.fixture(scope="module")
def site_config() -> MkDocsConfig:
    """The site's configuration, its hook loaded as MkDocs loads it: events run through MkDocs."""
    return load_config(config_file=str(ROOT / "mkdocs.yml"))


def _page_markdown(config: MkDocsConfig, markdown: str, page: SimpleNamespace) -> str:
    return config.plugins.on_page_markdown(markdown, page=page, config=config, files=None)


def test_the_build_keeps_only_allowed_metadata_with_its_text_escaped(
    caplog: pytest.LogCaptureFixture, site_config: MkDocsConfig
) -> None:
    meta = {
        "title": '<img src=x onerror="alert(1)">',
        "description": 'x" http-equiv="refresh',
        "hide": ["toc"],
        "status": 'x" onfocus="alert(2)',
        "template": "redirect.html",
        "author": "<script>alert(3)</script>",
        "search": "exclude",
    }
    page = SimpleNamespace(meta=meta, file=SimpleNamespace(src_uri="about.md"))
    with caplog.at_level(logging.WARNING):
        assert _page_markdown(site_config, "# A\n", page) == "# A\n"
    assert page.meta == {
        "title": "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;",
        "description": "x&#34; http-equiv=&#34;refresh",
        "hide": ["toc"],
    }
    assert len(caplog.records) == 4  # each dropped key is a warning: it fails a --strict build


@pytest.mark.parametrize("meta", [{"hide": 5}, {"hide": "toc"}, {"hide": [["toc"]]}, {"title": 5}, {"title": None}])
def test_the_build_drops_a_value_of_the_wrong_type(meta: dict, site_config: MkDocsConfig) -> None:
    page = SimpleNamespace(meta=dict(meta), file=SimpleNamespace(src_uri="about.md"))
    _page_markdown(site_config, "", page)
    assert page.meta == {}


# ---- roadmap-render: the folder builds safely with no hooks at all ----


def test_rendered_pages_keep_only_allowed_metadata_escaped_in_plain_yaml() -> None:
    source = "\ufeff---\r\ntitle: A & <b>\r\nhide: [toc]\r\n---\r\n\r\n# A\r\n"
    out = page_source(source)
    assert out == '---\n"title": "A &amp; &lt;b&gt;"\n"hide":\n- "toc"\n---\n\n# A\n'
    assert yaml.safe_load(out.split("---\n")[1]) == {"title": "A &amp; &lt;b&gt;", "hide": ["toc"]}
    assert page_source("# A\n\nText.\n") == "# A\n\nText.\n"


def test_rendered_folder_built_with_plain_mkdocs_shows_page_metadata_as_text(tmp_path: Path) -> None:
    """Point 3: the hook-free folder printed front-matter title and description raw."""
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    title, description = payload(1), payload(2).replace("<style>.pwn{}</style>", "") + ' x" http-equiv="refresh'
    front = yaml.safe_dump({"title": title, "description": description}, width=10_000)
    about = project / "content" / "pages" / "about.md"
    about.write_text(f"---\n{front}---\n\n{about.read_text('utf-8')}", "utf-8")
    out = tmp_path / "out"
    assert render_main(["-f", str(project / "mkdocs.yml"), str(out)]) == 0
    for folder, site in ((out, tmp_path / "plain"), (project, tmp_path / "hooked")):
        result = mkdocs_build(folder, site)
        assert result.returncode == 0, result.stderr
        assert injected_in_site(site) == {}, folder
        doc = html5lib.parse((site / "about" / "index.html").read_text("utf-8"), namespaceHTMLElements=False)
        metas = {m.get("name"): m.get("content") for m in doc.iter("meta")}
        assert metas["description"] == description and not any(m.get("http-equiv") for m in doc.iter("meta"))
        assert "".join(doc.find(".//title").itertext()).startswith(title)


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("{boost: 2}", True),
        ("{boost: 0.5}", True),
        ("{boost: 99}", False),
        ("{boost: .nan}", False),
        ("{boost: '<b>'}", False),
        ("{boost: 2, exclude: true}", False),
        ("{exclude: true}", False),
        ("exclude", False),
    ],
)
def test_search_boost_is_the_one_search_setting_a_page_may_give(value: str, kept: bool) -> None:
    """Generated pages rank by `search: {boost: N}`; anything else under `search` is refused."""
    problems = check_page(f"---\nsearch: {value}\n---\n# A page\n", "content/pages/a.md")
    assert (problems == []) is kept, problems
    assert all(p.key.startswith("search") and p.line == 2 for p in problems), problems

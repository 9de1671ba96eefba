"""Content is data: a hostile pull request can add no script, leak no file, crash no build.

Each test here stands for one thing an attacker tried (GitHub issue #12).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import payload
from htmlcheck import injected, injected_in_site
from roadmapkit import ContentError, load_roadmap
from roadmapkit.load import SCHEMA_DIR
from roadmapkit.pages import check_page
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build, run_python, site_digest

PHASE = "id: p2\ntitle: P2\ngoal: g\nduration: 1 week\nmodules:\n  - id: m2\n    title: M2\n    topics:\n"


def _problems(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_roadmap(content, content.parent)
    return [str(p) for p in caught.value.problems]


def _validate(content: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "hooks")}
    cmd = [sys.executable, "-m", "roadmapkit.cli", str(content)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=content.parent, check=False)


# ---- 1. text is text, everywhere ----


def test_hostile_text_in_every_field_stays_text_in_every_page(hostile_site: Path) -> None:
    assert sorted(p.relative_to(hostile_site).as_posix() for p in hostile_site.rglob("*.html"))  # built
    assert injected_in_site(hostile_site) == {}
    phase = (hostile_site / "phases" / "basics" / "index.html").read_text("utf-8")
    assert "<title>f1&lt;/title&gt;" in phase, "the page title shows the text, escaped once"


def test_the_injection_detector_finds_a_closed_title() -> None:
    assert injected("<title>f1</title><script>__pwned=1</script><x-pwn></x-pwn>") != []
    assert injected("<p>f1</p><style>.pwn{}</style>") == ["a style sheet with the payload"]


def test_search_index_and_roadmap_json_keep_text_as_data(hostile_site: Path) -> None:
    index = json.loads((hostile_site / "search" / "search_index.json").read_text("utf-8"))
    titles = [doc["title"] for doc in index["docs"]]
    assert any("x-pwn" in t for t in titles), "hostile titles are indexed as text"
    for title in titles:  # Material's search shows titles as HTML: they must be escaped there
        assert injected(f"<p>{title}</p>") == [], title
    data = json.loads((hostile_site / "roadmap.json").read_text("utf-8"))
    assert data["phases"][0]["title"].startswith("f1</title>"), "roadmap.json holds the plain text"


def test_our_partials_print_mkdocs_yml_values_as_text(tmp_path: Path) -> None:
    """mkdocs.yml is the site owner's, not content (it can name hooks, which run Python), but our
    partials that replaced Material's print its palette toggle names, scope and repository name,
    and overrides/main.html prints the storage key (mkdocs.yml's when content/roadmap.yml has none)
    into an attribute and into the note painter's script: they escape them, where Material's
    printed them raw. (Material's own templates still print the palette colours and repository
    address raw in the body tag and edit links.)"""
    project = copy_project(tmp_path / "project", FIXTURES / "mini")
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "Switch to dark mode" in text and "\nextra:\n" in text
    text = text.replace("Switch to dark mode", json.dumps(payload(1)), 1)  # a YAML double-quoted string
    scope = '/"</script><x-pwn data-pwn></x-pwn>'
    text = text.replace("\nextra:\n", f"\nextra:\n  scope: {json.dumps(scope)}\n", 1)
    # Leaves a JavaScript string (either quote), the script element, and an attribute.
    key = "k'\"</script><x-pwn data-pwn></x-pwn><img src=x onerror=alert(4)>"
    text = text.replace("\nextra:\n", f"\nextra:\n  storage_key: {json.dumps(key)}\n", 1)
    text += f"repo_url: https://example.org/repo\nrepo_name: {json.dumps(payload(3))}\n"  # no roadmap.yml repository
    config.write_text(text, "utf-8")
    identity = project / "content" / "roadmap.yml"
    identity.write_text(re.sub(r"(?m)^storage_key:.*\n", "", identity.read_text("utf-8")), "utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    home = (tmp_path / "site" / "index.html").read_text("utf-8")
    assert 'title="f1&lt;/title&gt;' in home and "f3&lt;/title&gt;" in home, "names are shown, as text"
    phase = next((tmp_path / "site" / "phases").glob("*/index.html")).read_text("utf-8")
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", phase, re.S)
    painter = next(s for s in scripts if "rm-usernote" in s)
    waiter = next(s for s in scripts if "#rm-notes" in s)  # in <head>: the first frame waits for the painter
    for script in (painter, waiter):
        assert '"k\\u0027\\"\\u003c/script\\u003e\\u003cx-pwn' in script, "the key, as a JavaScript string"
    assert injected_in_site(tmp_path / "site") == {}


# ---- 2. rules in code, whatever content/schema says ----


def test_editing_the_schema_does_not_allow_a_javascript_url(mini_content: Path) -> None:
    schema = mini_content / "schema"
    shutil.copytree(SCHEMA_DIR, schema)
    common = json.loads((schema / "common.schema.json").read_text("utf-8"))
    common["$defs"]["url"] = {"type": "string"}
    (schema / "common.schema.json").write_text(json.dumps(common), "utf-8")
    (mini_content / "phases" / "02-x.yml").write_text(
        PHASE + "      - id: t2\n        title: T2\n        resources:\n"
        '          - {title: R, kind: docs, cost: free, url: "javascript:alert(1)"}\n'
    )
    assert any("url" in p and "javascript:alert(1)" in p for p in _problems(mini_content))


def test_the_editor_schema_agrees_with_the_engine() -> None:
    for shipped in sorted(SCHEMA_DIR.glob("*.json")):
        copy = ROOT / "content" / "schema" / shipped.name
        assert json.loads(copy.read_text("utf-8")) == json.loads(shipped.read_text("utf-8")), shipped.name


def test_a_validated_url_is_absolute_http_after_normalising(mini_content: Path) -> None:
    urls = [
        "  https://x.org",
        "HTTPS://x.org/a b",
        "java\tscript:alert(1)",
        "https:/x.org",
        "//x.org",
        'https://x.org/"><x',
    ]
    resources = "".join(
        f"          - {{title: R{n}, kind: docs, cost: free, url: {json.dumps(u)}}}\n" for n, u in enumerate(urls)
    )
    (mini_content / "phases" / "02-x.yml").write_text(
        PHASE + "      - id: t2\n        title: T2\n        resources:\n" + resources
    )
    problems = "\n".join(_problems(mini_content))
    for n in range(len(urls)):
        assert f"resources[{n}].url: " in problems, urls[n]


def test_prototype_and_page_ids_are_reserved(mini_content: Path) -> None:
    (mini_content / "phases" / "02-x.yml").write_text(
        PHASE + "      - {id: constructor, title: C}\n      - {id: rm-plan-data, title: D}\n"
    )
    (mini_content / "tracks" / "index.yml").write_text(
        "id: index\ntitle: T\nduration: 1 week\nblocks:\n  - {title: W, items: [python-syntax]}\n"
    )
    problems = "\n".join(_problems(mini_content))
    for ident in ("constructor", "rm-plan-data", "index"):
        assert f"'{ident}' is reserved" in problems


# ---- 3. hand-written pages ----


def test_raw_html_in_a_hand_written_page_is_refused_with_its_line() -> None:
    text = (
        '# About\n\nfine\n\n<script>alert(1)</script>\n\n`<b>in code</b>`\n\n# T {: onclick="x" }\n[a](javascript:x)\n'
    )
    problems = [str(p) for p in check_page(text, "content/pages/about.md")]
    assert problems[0].startswith("content/pages/about.md:5: ") and "raw HTML" in problems[0]
    assert any(p.startswith("content/pages/about.md:9: ") for p in problems)
    assert any(p.startswith("content/pages/about.md:10: ") and "javascript" in p for p in problems)
    assert len(problems) == 3


def test_a_script_appended_to_about_stops_the_build_and_keeps_the_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    before = site_digest(site)
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text("utf-8") + "\n<script>alert(1)</script>\n")
    (project / "content" / "pages" / "x.html").write_text("<script>alert(2)</script>")
    result = mkdocs_build(project, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "content/pages/about.md:" in result.stderr and "raw HTML '<script'" in result.stderr
    assert "content/pages/x.html:1: " in result.stderr
    assert site_digest(site) == before


# ---- 4. symlinks ----


def test_symlinks_are_refused_by_path_and_never_read(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    secret = tmp_path / "secret.txt"
    secret.write_text("TOKEN=ghp_secret_value\nline two\n")
    content = project / "content"
    (content / "pages" / "leak.txt").symlink_to(secret)
    (content / "phases" / "02-link.yml").symlink_to(secret)
    (content / "tracks" / "dangling.yml").symlink_to(tmp_path / "missing.yml")
    (content / "phases" / "folder.yml").mkdir()
    (project / "overrides" / "leak.js").symlink_to(secret)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for path in (
        "content/pages/leak.txt",
        "content/phases/02-link.yml",
        "content/tracks/dangling.yml",
        "overrides/leak.js",
    ):
        assert f"{path}:1: (file): is a symbolic link" in result.stderr, path
    assert "content/phases/folder.yml:1: (file): is a folder" in result.stderr
    assert "ghp_secret_value" not in result.stderr + result.stdout and not site.exists()
    check = _validate(content)
    assert check.returncode == 1 and "ghp_secret_value" not in check.stderr and "Traceback" not in check.stderr


def test_stray_files_in_content_folders_are_refused(mini_content: Path) -> None:
    (mini_content / "phases" / "02-x.YML").write_text("x")
    (mini_content / "tracks" / "fast.yml.txt").write_text("x")
    problems = _problems(mini_content)
    assert any(p.startswith("content/phases/02-x.YML:1: (file): stray file") for p in problems)
    assert any(p.startswith("content/tracks/fast.yml.txt:1: (file): stray file") for p in problems)


# ---- 5. render during validation, no input of any shape gives a traceback ----


@pytest.mark.parametrize(
    "name",
    ["markdown-too-deep", "markdown-too-many-brackets", "deep-nesting", "huge-number", "unknown-key-escape"],
)
def test_validate_and_build_agree_and_never_show_a_traceback(name: str, tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    shutil.copy(ROOT / "tests" / "invalid" / f"{name}.yml", project / "content" / "phases" / f"{name}.yml")
    expected = (ROOT / "tests" / "invalid" / f"{name}.expected").read_text("utf-8").splitlines()
    check = _validate(project / "content")
    build = mkdocs_build(project, tmp_path / "site")
    assert check.returncode == 1 and build.returncode != 0
    for out in (check.stderr, build.stderr):
        assert "Traceback" not in out and "\x1b" not in out
        for line in expected:
            assert line.replace("phases/", "content/phases/", 1) in out


# ---- found by an attacker's review ----

SNEAKY_PAGES = {
    "escaped-backticks.md": "# P\n\n\\`<img src=x onerror=alert(3)>\\`\n",
    "indented-front-matter.md": ' ---\ntitle: "<img src=x onerror=alert(8)>"\n---\n',
    "link-over-two-lines.md": "# P\n\n[multi\nline](javascript:alert(1))\n",
    "reference-on-next-line.md": "# P\n\n[click][r]\n\n[r]:\n  javascript:alert(2)\n",
    "entity-in-scheme.md": "# P\n\n[x](jav&#x61;script:alert(5)) [y](javascript&colon;alert(6))\n",
    "heading-with-our-id.md": "# P\n\n## x {#rm-aliases}\n",
    # A browser reads a backslash in an http(s) url as '/': '/\\host' is '//host', another site.
    "image-host-after-backslash.md": "# P\n\n![a](/\\evil.example/x.png)\n",
    "image-host-after-backslashes.md": "# P\n\n![a](\\\\\\\\evil.example/x.png)\n",  # Markdown: \\\\ is \\
    "image-host-after-entity-backslash.md": "# P\n\n![a](/&#92;evil.example/x.png)\n",
}


@pytest.mark.parametrize("name", SNEAKY_PAGES)
def test_markdown_tricks_in_hand_written_pages_are_refused(name: str, mini_content: Path) -> None:
    (mini_content / "pages").mkdir(exist_ok=True)
    (mini_content / "pages" / name).write_text(SNEAKY_PAGES[name])
    assert any(p.startswith(f"content/pages/{name}:") for p in _problems(mini_content))


@pytest.mark.parametrize(
    "folder, name",
    [
        ("phases", 'c" onfocus="alert(1)" x=".yml'),
        ("tracks", "T.yml"),
        ("pages", 'p" autofocus x=".md'),
        ("pages", "\x1b[2Jfake.md"),
    ],
)
def test_file_names_that_could_break_out_of_a_link_are_refused(folder: str, name: str, mini_content: Path) -> None:
    (mini_content / folder).mkdir(exist_ok=True)
    (mini_content / folder / name).write_text("# x\n")
    problems = _problems(mini_content)
    assert any("file names may hold only" in p for p in problems), problems
    assert not any("\x1b" in p for p in problems)


def test_headings_never_take_the_ids_of_the_sites_own_elements(tmp_path: Path) -> None:
    content = tmp_path / "mini"
    shutil.copytree(FIXTURES / "mini", content)
    phase = content / "phases" / "01-basics.yml"
    phase.write_text(phase.read_text("utf-8").replace("title: Basics & <b>bold</b>", "title: RM aliases"))
    (content / "roadmap.yml").write_text("title: __config\ndescription: d\n")
    project = copy_project(tmp_path / "project", content=content)
    about = project / "content" / "pages" / "about.md"
    about.write_text(about.read_text("utf-8") + "\n## RM tools js\n")
    site = tmp_path / "site"
    assert mkdocs_build(project, site).returncode == 0
    for page in ("phases/basics/index.html", "index.html", "about/index.html"):
        html = (site / page).read_text("utf-8")
        ids = re.findall(r' id="([^"]+)"', html)
        assert ids.count("rm-aliases") <= 1 and "__config" in ids, page  # only our script and Material's
        assert 'id="h-rm-' in html or 'id="h-config' in html, page


def test_a_docs_dir_outside_content_pages_is_refused_by_build_and_render(tmp_path: Path) -> None:
    """mkdocs.yml is in a pull request's reach too: pointing docs_dir at another folder would publish
    pages that validation never read."""
    project = copy_project(tmp_path / "project", content=FIXTURES / "mini")
    (project / "docs").mkdir()
    (project / "docs" / "index.md").write_text('<img src=x onerror="alert(1)">\n', "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("docs_dir: content/pages", "docs_dir: docs"), "utf-8")
    line = next(n for n, text in enumerate(config.read_text("utf-8").splitlines(), 1) if text.startswith("docs_dir"))
    build = mkdocs_build(project, tmp_path / "site")
    assert build.returncode != 0 and f"mkdocs.yml:{line}: docs_dir: is not content/pages" in build.stderr
    assert "Traceback" not in build.stderr and not (tmp_path / "site").exists()
    render = run_python(project, "from roadmapkit.cli import render_main; raise SystemExit(render_main(['out']))")
    assert render.returncode != 0 and f"mkdocs.yml:{line}: docs_dir: is not content/pages" in render.stderr
    assert not (project / "out" / "docs" / "index.md").exists()

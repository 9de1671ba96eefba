"""The roadmap's identity lives in content/roadmap.yml; the engine names no subject."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from roadmapkit import ContentError, load_roadmap
from sitebuild import FIXTURES, ROOT, copy_project, mkdocs_build

# Words of the canonical roadmap's subject that must not appear in the engine.
SUBJECT = re.compile(r"machine[ -]learning|\bml[ -]engineer|\bmlroadmap\b|\bml-roadmap\b", re.IGNORECASE)


@pytest.mark.parametrize("folder", ["hooks", "overrides"])
def test_the_engine_names_no_subject(folder: str) -> None:
    for path in sorted((ROOT / folder).rglob("*")):
        if path.is_file() and path.suffix in (".py", ".j2", ".html", ".js", ".css", ".json", ".yml", ".md"):
            found = SUBJECT.search(path.read_text("utf-8"))
            assert found is None, f"{path.relative_to(ROOT)} names the subject: {found.group()!r}"


def test_identity_names_the_site_escaped_everywhere(tmp_path: Path) -> None:
    content = tmp_path / "mini"
    import shutil

    shutil.copytree(FIXTURES / "mini", content)
    (content / "roadmap.yml").write_text(
        'title: "Knots & <Ropes>"\ndescription: "Tie \\"every\\" knot."\nstorage_key: knots\n', "utf-8"
    )
    project = copy_project(tmp_path / "project", content=content)
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
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

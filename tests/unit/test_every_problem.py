"""Every problem in one run: a file that fails its schema does not hide the others' problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from roadmapkit import ContentError, load_roadmap
from sitebuild import FIXTURES, copy_project, mkdocs_build

HEAD = "title: P\ngoal: g\nduration: 1 week\nmodules:\n"
BROKEN = "id: p2\n" + HEAD + "  - id: m2\n    titel: M2\n    topics:\n      - {id: t2, title: T2}\n"
DANGLING = (
    "id: p3\n" + HEAD + "  - id: m3\n    title: M3\n    topics:\n      - {id: t3, title: T3, requires: [t2, nope]}\n"
)


def test_reference_checks_run_beside_a_file_that_failed_its_schema(mini_content: Path) -> None:
    (mini_content / "phases" / "02-broken.yml").write_text(BROKEN)
    (mini_content / "phases" / "03-dangling.yml").write_text(DANGLING)
    (mini_content / "tracks" / "other.yml").write_text(
        "id: other\ntitle: O\nduration: 1 week\nblocks:\n  - {title: W, items: [t2, missing-item]}\n"
    )
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content.parent)
    found = [str(p) for p in caught.value.problems]
    assert any("02-broken.yml:7: modules[0].titel: unknown key 'titel'" in p for p in found)
    assert any("03-dangling.yml:9: t3.requires: unknown item id 'nope'" in p for p in found)
    assert any("tracks/other.yml:5: blocks[0].items[1]: unknown item id 'missing-item'" in p for p in found)
    assert not any("'t2'" in p for p in found), "t2 is declared in the broken file: not 'unknown'"


def test_references_to_a_file_that_is_not_yaml_are_counted_under_its_problem(mini_content: Path) -> None:
    slipped = "id: p2\n" + HEAD + "  - id: m2\n    title: M2\n    topics:\n"
    slipped += "".join(f"      - {{id: t{n}, title: T{n}}}\n" for n in range(5))
    slipped += "     - {id: t5, title: T5}\n"  # one space short: not YAML any more
    (mini_content / "phases" / "02-slipped.yml").write_text(slipped)
    requires = ", ".join(f"t{n}" for n in range(5))
    topics = f"    topics:\n      - {{id: u, title: U, requires: [{requires}]}}\n"
    (mini_content / "phases" / "03-after.yml").write_text("id: p3\n" + HEAD + "  - id: m3\n    title: M3\n" + topics)
    (mini_content / "tracks" / "other.yml").write_text(
        "id: other\ntitle: O\nduration: 1 week\nblocks:\n  - {title: W, items: [t1, t5, missing-item]}\n"
    )
    with pytest.raises(ContentError) as caught:
        load_roadmap(mini_content, mini_content.parent)
    found = [str(p) for p in caught.value.problems]
    assert len(found) == 2, found
    assert found[0].startswith("content/phases/02-slipped.yml:")
    assert found[0].endswith("; …and 7 references in other files to items of this file, which did not load")
    assert found[1].startswith("content/tracks/other.yml:5: blocks[0].items[2]: unknown item id 'missing-item'")


def test_a_prerequisite_in_a_later_phase_is_a_note_not_a_failure(tmp_path: Path) -> None:
    content = tmp_path / "mini"
    import shutil

    shutil.copytree(FIXTURES / "mini", content)
    (content / "phases" / "02-later.yml").write_text(
        "id: later\n" + HEAD + "  - id: m9\n    title: M9\n    topics:\n      - {id: t9, title: T9}\n"
    )
    phase = (content / "phases" / "01-basics.yml").read_text()
    (content / "phases" / "01-basics.yml").write_text(
        phase.replace("requires: [python-syntax]", "requires: [python-syntax, t9]")
    )
    roadmap = load_roadmap(content, tmp_path)
    assert [str(w) for w in roadmap.warnings] == [
        "mini/phases/01-basics.yml:21: python-oop.requires: 't9' is taught in a later phase, 'later' "
        "(expected prerequisites from the same or an earlier phase)"
    ]
    project = copy_project(tmp_path / "project", content=content)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert (
        "note: content/phases/01-basics.yml:21: python-oop.requires: 't9' is taught in a later phase" in result.stderr
    )

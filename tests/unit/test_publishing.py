"""The GitHub workflow, contributor files and reproducible builds."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sitebuild import ROOT, mkdocs_build

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text("utf-8"))


def test_workflow_is_valid_against_the_github_workflow_schema() -> None:
    cmd = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_runs_on_every_pull_request_and_push(workflow: dict) -> None:
    triggers = workflow[True]  # PyYAML reads the key `on` as True
    assert "pull_request" in triggers and "push" in triggers


def test_build_job_tests_builds_strictly_and_uploads_the_site(workflow: dict) -> None:
    steps = workflow["jobs"]["build"]["steps"]
    runs = " ".join(s.get("run", "") for s in steps)
    uses = [s.get("uses", "") for s in steps]
    assert "bash scripts/test" in runs and "mkdocs build --strict" in runs and "chromium" in runs
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)


def test_only_the_deploy_job_may_write_pages_and_only_on_the_default_branch(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "github.event.repository.default_branch" in deploy["if"] and "push" in deploy["if"]
    assert deploy["needs"] == "build"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    others = [name for name, job in workflow["jobs"].items() if name != "deploy"]
    assert all("permissions" not in workflow["jobs"][name] for name in others)


def test_site_and_repo_urls_come_from_the_environment() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    for key, var in (("site_url", "SITE_URL"), ("repo_url", "REPO_URL"), ("edit_uri", "EDIT_URI")):
        assert f"{key}: !ENV [{var}," in config


def test_contributor_files_exist() -> None:
    for name in (
        "CONTRIBUTING.md",
        ".github/pull_request_template.md",
        ".pre-commit-config.yaml",
        ".github/ISSUE_TEMPLATE/content-correction.yml",
        ".github/ISSUE_TEMPLATE/new-resource.yml",
    ):
        assert (ROOT / name).is_file(), name


def test_pre_commit_schema_check_catches_a_broken_track(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text("id: x\ntitle: X\nduration: 1 week\nblocks: []\n")
    cmd = [
        sys.executable,
        "-m",
        "check_jsonschema",
        "--schemafile",
        str(ROOT / "content" / "schema" / "track.schema.json"),
        str(bad),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "blocks" in result.stdout


def test_two_builds_of_the_same_commit_are_identical(tmp_path: Path) -> None:
    digests = []
    for n in (1, 2):
        site = tmp_path / f"site{n}"
        assert mkdocs_build(ROOT, site, SOURCE_DATE_EPOCH="1700000000").returncode == 0
        digests.append(
            {
                p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site.rglob("*"))
                if p.is_file()
            }
        )
    assert digests[0] == digests[1]
    assert "2023-11-14" in (tmp_path / "site1" / "sitemap.xml").read_text("utf-8")

"""The GitHub workflow, contributor files and reproducible builds."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from roadmapkit import load_roadmap
from sitebuild import ROOT, mkdocs_build

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
DEFAULT_BRANCH_PUSH = "github.event_name == 'push' && github.ref_name == github.event.repository.default_branch"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


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
    assert workflow["permissions"] == {}, "nothing by default: each job declares what it needs"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["if"] == DEFAULT_BRANCH_PUSH
    assert deploy["needs"] == "build"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in deploy["steps"])
    for name, job in workflow["jobs"].items():
        if name == "deploy":
            continue
        assert "permissions" in job, f"job {name} must declare its permissions"
        assert "write" not in job["permissions"].values(), f"job {name} may not write anything"
        assert job["permissions"].get("contents") == "read", name


def _steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(name, step) for name, job in workflow["jobs"].items() for step in job.get("steps", [])]


def test_every_action_is_pinned_to_a_commit_sha_with_its_version_in_a_comment(workflow: dict) -> None:
    lines = [line.strip() for line in WORKFLOW.read_text("utf-8").splitlines()]
    uses = [line.split("uses:", 1)[1].strip() for line in lines if re.match(r"^(- )?uses:", line)]
    assert len(uses) == len([s for _, s in _steps(workflow) if "uses" in s]) >= 6
    unpinned = [u for u in uses if not PINNED.match(u)]
    assert not unpinned, f"pin by full commit SHA, version in a trailing comment: {unpinned}"


def test_checkout_keeps_no_credentials(workflow: dict) -> None:
    checkouts = [s for _, s in _steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    assert all(s.get("with", {}).get("persist-credentials") is False for s in checkouts)


def test_the_site_is_uploaded_only_where_it_is_deployed(workflow: dict) -> None:
    uploads = [
        (job, s) for job, s in _steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@")
    ]
    assert [job for job, _ in uploads] == ["build"]
    assert uploads[0][1].get("if") == workflow["jobs"]["deploy"]["if"] == DEFAULT_BRANCH_PUSH


def _zizmor(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("zizmor", path=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    assert exe, "zizmor is in the test lock: bash scripts/test installs it"
    cmd = [exe, "--offline", "--format", "json", "--quiet", *args]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)


def test_zizmor_reports_no_findings_offline() -> None:
    result = _zizmor(str(WORKFLOW), str(ROOT / ".pre-commit-config.yaml"))
    findings = json.loads(result.stdout or "[]")
    report = [(f["ident"], f["determinations"]["severity"]) for f in findings]
    assert result.returncode == 0 and report == [], (report, result.stderr)


def test_zizmor_would_catch_an_unpinned_action_and_kept_credentials(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\npermissions: {}\njobs:\n  b:\n    runs-on: ubuntu-latest\n"
        "    permissions:\n      contents: read\n    steps:\n      - uses: actions/checkout@v4\n"
        "      - uses: actions/upload-artifact@v4\n        with:\n          path: .\n"
    )
    result = _zizmor(str(bad))
    idents = {f["ident"] for f in json.loads(result.stdout)}
    assert {"unpinned-uses", "artipacked"} <= idents and result.returncode != 0


def test_zizmor_runs_in_ci_in_the_test_script_and_before_commits(workflow: dict) -> None:
    runs = " ".join(s.get("run", "") for _, s in _steps(workflow))
    assert "zizmor --offline" in runs
    assert "zizmor --offline" in (ROOT / "scripts" / "test").read_text("utf-8")
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    entries = [h["entry"] for repo in hooks["repos"] for h in repo["hooks"]]
    assert "zizmor --offline" in entries


def test_mkdocs_yml_names_no_roadmap_and_takes_the_address_from_the_environment() -> None:
    """content/roadmap.yml names the site and its repository; CI's SITE_URL gives where it is
    published. mkdocs.yml states neither, so a fork edits nothing there."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text("utf-8"), Loader=_EnvLoader)
    assert config["site_url"] == "!ENV SITE_URL"
    assert not {"repo_url", "repo_name", "edit_uri", "site_description"} & set(config)
    assert config["site_name"] == "Roadmap"


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml's `!ENV` tags as their text."""


_EnvLoader.add_constructor("!ENV", lambda loader, node: f"!ENV {node.value}")


def test_contributor_files_exist() -> None:
    for name in (
        "SECURITY.md",
        "CONTRIBUTING.md",
        ".github/pull_request_template.md",
        ".pre-commit-config.yaml",
        ".github/ISSUE_TEMPLATE/content-correction.yml",
        ".github/ISSUE_TEMPLATE/new-resource.yml",
    ):
        assert (ROOT / name).is_file(), name
    for name in ("README.md", "CONTRIBUTING.md"):
        assert "](SECURITY.md)" in (ROOT / name).read_text("utf-8"), name


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
        built = mkdocs_build(ROOT, site, SOURCE_DATE_EPOCH="1700000000", SITE_URL="https://example.org/roadmap/")
        assert built.returncode == 0, built.stderr  # a site_url: the sitemap's entries and dates
        digests.append(
            {
                p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                for p in sorted(site.rglob("*"))
                if p.is_file()
            }
        )
    assert digests[0] == digests[1]
    assert "2023-11-14" in (tmp_path / "site1" / "sitemap.xml").read_text("utf-8")


def test_every_job_that_installs_python_packages_installs_a_lock(workflow: dict) -> None:
    for name, job in workflow["jobs"].items():
        runs = " ".join(s.get("run", "") for s in job.get("steps", []))
        assert "pip install" not in runs, f"job {name}: install through scripts/venv.sh, from a lock"
        if name == "deploy":
            continue
        assert "scripts/test" in runs or "roadmap_venv requirements/test.txt" in runs, name
        for step in job["steps"]:
            if step.get("uses", "").startswith("actions/setup-python@") and "cache" in step["with"]:
                assert step["with"]["cache-dependency-path"] == "requirements/test.txt", name


def test_the_ranges_are_tested_lowest_always_and_newest_weekly(workflow: dict) -> None:
    lowest, newest = workflow["jobs"]["lowest"], workflow["jobs"]["newest"]
    assert [s["env"]["ROADMAP_LOCK"] for s in lowest["steps"] if "env" in s] == ["requirements/lowest.txt"]
    assert [s["env"]["ROADMAP_LOCK"] for s in newest["steps"] if "env" in s] == ["newest"]
    assert "if" not in lowest and "schedule" in newest["if"]
    assert workflow[True]["schedule"][0]["cron"]
    assert any(s.get("with", {}).get("python-version") == "3.11" for s in lowest["steps"])


def test_the_engine_suite_runs_on_a_second_a_minimal_and_a_large_roadmap(workflow: dict) -> None:
    fork = workflow["jobs"]["fork"]
    assert fork["strategy"]["matrix"]["content"] == ["second", "minimal", "large"]
    runs = "\n".join(s.get("run", "") for s in fork["steps"])
    assert 'bash scripts/test --content "tests/fixtures/$CONTENT"' in runs
    assert 'python3 tests/largeroadmap.py "$RUNNER_TEMP/large"' in runs
    for name in ("second", "minimal"):
        assert (ROOT / "tests" / "fixtures" / name / "phases").is_dir()


def test_the_generated_large_roadmap_is_valid_and_large(tmp_path: Path) -> None:
    from largeroadmap import write

    roadmap = load_roadmap(write(tmp_path / "content"), tmp_path)
    assert len(roadmap.items) > 500 and len(roadmap.tracks) >= 4 and not roadmap.warnings
    assert any(t.folds for t in roadmap.tracks) and any(b.choice for t in roadmap.tracks for b in t.blocks)
    assert any(e.repeat == "occurrence" for t in roadmap.tracks for b in t.blocks for e in b.entries)
    assert any(all(b.weeks is None and b.duration is None for b in t.blocks) for t in roadmap.tracks)  # undated


def test_dependabot_proposes_pip_npm_and_action_updates_weekly_grouped() -> None:
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(updates) == {"pip", "npm", "github-actions"}
    assert set(updates["npm"]["directories"]) == {"/tests/browser", "/bench"}
    for update in updates.values():
        assert update["schedule"]["interval"] == "weekly" and update["groups"], update

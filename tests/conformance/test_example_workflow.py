"""The GitHub Actions recipe in examples/: valid, and its run step works against real servers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.mutations import BY_NAME
from tests.support.paths import REPO
from tests.support.servers import start_server

WORKFLOW = REPO / "examples" / "github-actions-conformance.yml"
SECRET = "Bearer wf-s3cret-abcdef123456"


def _steps() -> dict[str, dict[str, Any]]:
    workflow = yaml.safe_load(WORKFLOW.read_text())
    return {step.get("name", ""): step for step in workflow["jobs"]["conformance"]["steps"]}


def _run_step(tmp_path: Path, gateway: str, registry: str) -> tuple[str, str, Path]:
    """Execute the workflow's own 'Run conformance' script with bash, as a runner would."""
    script = _steps()["Run conformance"]["run"]
    output = tmp_path / "github_output"
    output.touch()
    env = {
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GATEWAY_URL": gateway,
        "REGISTRY_URL": registry,
        "AUTH_HEADER": f"Authorization: {SECRET}",
        "GITHUB_OUTPUT": str(output),
    }
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    return output.read_text(), done.stdout, tmp_path / "conformance.xml"


def test_workflow_is_a_valid_github_workflow() -> None:
    checker = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    assert checker is not None
    subprocess.run(
        [checker, "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    steps = _steps()
    assert steps["Fail on findings (1), usage errors (2) or an unreachable target (3)"]["if"] == (
        "steps.conformance.outputs.exit-code != '0'"
    )
    assert "secrets.HELICONE_AUTH_HEADER" in steps["Run conformance"]["env"]["AUTH_HEADER"]


@pytest.mark.parametrize(("mutation", "expected"), [(None, "0"), (BY_NAME["total-wrong"], "1")])
def test_run_step_records_the_exit_code_and_writes_the_report(
    tmp_path: Path, mutation: Any, expected: str
) -> None:
    with start_server(mutation) as server:
        outputs, stdout, report = _run_step(tmp_path, server.url, server.url)
    assert outputs == f"exit-code={expected}\n"
    assert report.is_file()
    assert SECRET.split()[1] not in stdout + report.read_text()
    if expected == "1":
        assert "::error title=registry.total-mismatch::registry " in stdout


def test_run_step_refuses_to_run_without_any_url(tmp_path: Path) -> None:
    outputs, stdout, report = _run_step(tmp_path, "", "")
    assert outputs == "exit-code=2\n"
    assert stdout.startswith("::error::set HELICONE_GATEWAY_URL")
    assert not report.exists()

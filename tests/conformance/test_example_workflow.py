"""The GitHub Actions recipe in examples/: valid, its run step works against real servers, each
secret reaches only its own host, and it installs only what the tool needs at run time."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conformance.server import ReferenceApp, Request, Response
from tests.support.mutations import BY_NAME
from tests.support.paths import REPO
from tests.support.servers import start_server

WORKFLOW = REPO / "examples" / "github-actions-conformance.yml"
GATEWAY_SECRET = "Bearer wf-gateway-s3cret-abcdef123456"
REGISTRY_SECRET = "Bearer wf-registry-s3cret-abcdef654321"
FAIL_STEP = "Fail on findings (1), usage errors (2), an unreachable target (3), a tool failure (4)"


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
        "GATEWAY_AUTH_HEADER": f"Authorization: {GATEWAY_SECRET}",
        "REGISTRY_AUTH_HEADER": f"Authorization: {REGISTRY_SECRET}",
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
    assert steps[FAIL_STEP]["if"] == "steps.conformance.outputs.exit-code != '0'"
    env = steps["Run conformance"]["env"]
    assert env["GATEWAY_AUTH_HEADER"] == "${{ secrets.HELICONE_GATEWAY_AUTH_HEADER }}"
    assert env["REGISTRY_AUTH_HEADER"] == "${{ secrets.HELICONE_REGISTRY_AUTH_HEADER }}"


def _runtime_closure() -> set[str]:
    """Every distribution the installed tool needs at run time (its extras left out)."""
    needed: set[str] = set()
    todo = ["helicone-contract"]
    while todo:
        name = canonicalize_name(todo.pop())
        if name in needed:
            continue
        needed.add(name)
        for raw in metadata.requires(name) or []:
            requirement = Requirement(raw)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(requirement.name)
    return needed - {"helicone-contract"}


def test_the_install_step_pins_the_runtime_dependencies_only() -> None:
    script = _steps()["Install helicone-contract (runtime dependencies, pinned)"]["run"]
    command = " ".join(script.replace("\\\n", " ").split())
    # A constraint pins without installing: only what the package requires is installed.
    assert command == (
        "python -m pip install --disable-pip-version-check "
        "--constraint helicone-contract/requirements.lock ./helicone-contract"
    )
    locked = {
        canonicalize_name(line.split("==")[0])
        for line in (REPO / "requirements.lock").read_text().splitlines()
        if re.match(r"^[A-Za-z0-9]", line)
    }
    runtime = _runtime_closure()
    assert runtime - locked == set()  # every runtime dependency is pinned by the lock
    assert {"mypy", "ruff", "check-jsonschema", "datamodel-code-generator"} & runtime == set()


class Recording(ReferenceApp):
    """Remembers the Authorization header of every request."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: set[str] = set()
        self._lock = threading.Lock()

    def respond(self, request: Request) -> Response:
        with self._lock:
            self.seen.add(request.headers.get("Authorization", ""))
        return super().respond(request)


def test_each_secret_reaches_only_its_own_host(tmp_path: Path) -> None:
    gateway, registry = Recording(), Recording()
    with start_server(app=gateway) as gateway_server, start_server(app=registry) as registry_server:
        outputs, stdout, _ = _run_step(tmp_path, gateway_server.url, registry_server.url)
    assert outputs == "exit-code=0\n"
    assert (gateway.seen, registry.seen) == ({GATEWAY_SECRET}, {REGISTRY_SECRET})
    assert "s3cret" not in stdout


@pytest.mark.parametrize(("mutation", "expected"), [(None, "0"), (BY_NAME["total-wrong"], "1")])
def test_run_step_records_the_exit_code_and_writes_the_report(
    tmp_path: Path, mutation: Any, expected: str
) -> None:
    with start_server(mutation) as server:
        outputs, stdout, report = _run_step(tmp_path, server.url, server.url)
    assert outputs == f"exit-code={expected}\n"
    assert report.is_file()
    assert "s3cret" not in stdout + report.read_text()
    if expected == "1":
        assert "::error title=registry.total-mismatch::registry " in stdout


def test_run_step_refuses_to_run_without_any_url(tmp_path: Path) -> None:
    outputs, stdout, report = _run_step(tmp_path, "", "")
    assert outputs == "exit-code=2\n"
    assert stdout.startswith("::error::set HELICONE_GATEWAY_URL")
    assert not report.exists()

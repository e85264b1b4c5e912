"""The GitHub Action (action.yml) and the workflow examples: valid for GitHub, their run steps
executed with bash as a runner would (GitHub's variables set) against real loopback servers:
the job summary, the outputs, the annotations, the masks, and each secret only at its host."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conformance.integrations.github_action import REPORTS, SUMMARY_LIMIT, fit_summary
from conformance.server import ReferenceApp, Request, Response
from tests.support.mutations import BY_NAME, Mutation
from tests.support.paths import REPO, SPECS
from tests.support.servers import start_server

ACTION = REPO / "action.yml"
CONFORMANCE_EXAMPLE = REPO / "examples" / "github-actions-conformance.yml"
DIFF_EXAMPLE = REPO / "examples" / "github-actions-spec-diff.yml"
GATEWAY_SECRET = "Bearer wf-gateway-s3cret-abcdef123456"
REGISTRY_SECRET = "Bearer wf-registry-s3cret-abcdef654321"
BIN = Path(sys.executable).parent
_EXPRESSION = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def _load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def _action_step(name: str) -> dict[str, Any]:
    return next(step for step in _load(ACTION)["runs"]["steps"] if step.get("name") == name)


def _example_steps(path: Path, job: str) -> dict[str, dict[str, Any]]:
    return {step.get("name", ""): step for step in _load(path)["jobs"][job]["steps"]}


def _resolve(value: str, context: dict[str, str]) -> str:
    """A GitHub expression of one context value (``${{ inputs.x }}``), as the runner does."""
    return _EXPRESSION.sub(lambda match: context[match.group(1)], value)


@dataclass
class StepRun:
    code: int
    stdout: str
    outputs: dict[str, str]
    summary: str
    folder: Path


def _run(script: str, env: dict[str, str], cwd: Path) -> StepRun:
    """A ``run:`` step as GitHub runs it with ``shell: bash``, the step files in ``cwd``."""
    output, summary = cwd / "github_output", cwd / "step_summary"
    output.touch()
    summary.touch()
    base = {"PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "HOME": str(cwd)}
    github = {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        cwd=cwd, env={**base, **github, **env}, capture_output=True, text=True, timeout=180,
        check=False,
    )  # fmt: skip
    assert done.stderr.count("Traceback") == 0, done.stderr
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    return StepRun(done.returncode, done.stdout, outputs, summary.read_text(), cwd)


def _run_action(tmp_path: Path, **given: str) -> StepRun:
    """The action's 'Run conformance' step, its inputs given as by the conformance example."""
    inputs = {name: spec.get("default", "") for name, spec in _load(ACTION)["inputs"].items()}
    uses = _example_steps(CONFORMANCE_EXAMPLE, "conformance")["Run conformance"]
    context = {
        "vars.HELICONE_GATEWAY_URL": given.get("gateway", ""),
        "vars.HELICONE_REGISTRY_URL": given.get("registry", ""),
        "secrets.HELICONE_GATEWAY_AUTH_HEADER": f"Authorization: {GATEWAY_SECRET}",
        "secrets.HELICONE_REGISTRY_AUTH_HEADER": f"Authorization: {REGISTRY_SECRET}",
    }
    inputs |= {name: _resolve(value, context) for name, value in uses["with"].items()}
    inputs |= {name.removeprefix("input-"): value for name, value in given.items() if "-" in name}
    step = _action_step("Run conformance")
    env = {name: _resolve(value, {f"inputs.{k}": v for k, v in inputs.items()})
           for name, value in step["env"].items()}  # fmt: skip
    return _run(step["run"], env, tmp_path)


def test_the_action_and_the_examples_are_valid_for_github() -> None:
    checker = shutil.which("check-jsonschema", path=str(BIN))
    assert checker is not None
    for schema, path in [("vendor.github-actions", ACTION),
                         ("vendor.github-workflows", CONFORMANCE_EXAMPLE),
                         ("vendor.github-workflows", DIFF_EXAMPLE)]:  # fmt: skip
        done = subprocess.run(
            [checker, "--builtin-schema", schema, str(path)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout


def test_the_example_gives_each_secret_to_its_own_input_and_uses_declared_names() -> None:
    action = _load(ACTION)
    steps = _example_steps(CONFORMANCE_EXAMPLE, "conformance")
    with_ = steps["Run conformance"]["with"]
    assert with_["gateway-header"] == "${{ secrets.HELICONE_GATEWAY_AUTH_HEADER }}"
    assert with_["registry-header"] == "${{ secrets.HELICONE_REGISTRY_AUTH_HEADER }}"
    assert set(with_) <= set(action["inputs"])
    used = set(
        re.findall(r"steps\.conformance\.outputs\.([\w-]+)", CONFORMANCE_EXAMPLE.read_text())
    )
    assert used <= set(action["outputs"])
    assert set(REPORTS) | {"exit-code"} == set(action["outputs"])
    # every input reaches the script, by the name the script reads it under
    env = _action_step("Run conformance")["env"]
    expected = {f"INPUT_{n.upper().replace('-', '_')}": f"${{{{ inputs.{n} }}}}"
                for n in action["inputs"] if n != "python-version"}  # fmt: skip
    assert env == expected


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
    script = _action_step("Install helicone-contract (runtime dependencies, pinned)")["run"]
    command = " ".join(script.replace("\\\n", " ").split())
    # A constraint pins without installing: only what the package requires is installed.
    assert (
        '"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check '
        '--constraint "$ACTION_PATH/requirements.lock" "$ACTION_PATH"'
    ) in command
    locked = {
        canonicalize_name(line.split("==")[0])
        for line in (REPO / "requirements.lock").read_text().splitlines()
        if re.match(r"^[A-Za-z0-9]", line)
    }
    runtime = _runtime_closure()
    assert runtime - locked == set()  # every runtime dependency is pinned by the lock
    assert {"mypy", "ruff", "check-jsonschema", "pre-commit"} & runtime == set()


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


def _everything_written(run: StepRun) -> str:
    files = [p for p in run.folder.rglob("*") if p.is_file() and p.name != "github_output"]
    return run.stdout + "".join(p.read_text() for p in files)


def test_each_secret_reaches_only_its_own_host_and_is_masked_first(tmp_path: Path) -> None:
    gateway, registry = Recording(), Recording()
    with start_server(app=gateway) as gateway_server, start_server(app=registry) as registry_server:
        run = _run_action(
            tmp_path, gateway=gateway_server.url, registry=registry_server.url,
            **{"input-max-examples": "3"},
        )  # fmt: skip
    assert (run.code, run.outputs["exit-code"]) == (0, "0")
    assert (gateway.seen, registry.seen) == ({GATEWAY_SECRET}, {REGISTRY_SECRET})
    masks = run.stdout.splitlines()[:4]
    assert masks == [
        f"::add-mask::Authorization: {GATEWAY_SECRET}", f"::add-mask::{GATEWAY_SECRET}",
        f"::add-mask::Authorization: {REGISTRY_SECRET}", f"::add-mask::{REGISTRY_SECRET}",
    ]  # fmt: skip
    rest = _everything_written(run).replace("\n".join(masks), "")
    assert "s3cret" not in rest


@pytest.mark.parametrize("mutation", [None, BY_NAME["total-wrong"]], ids=["conforms", "breaks"])
def test_the_step_writes_annotations_reports_summary_and_outputs(
    tmp_path: Path, mutation: Mutation | None
) -> None:
    with start_server(mutation) as server:
        run = _run_action(
            tmp_path, gateway=server.url, registry=server.url,
            **{"input-seed": "7", "input-max-examples": "3"},
        )  # fmt: skip
    expected = 0 if mutation is None else 1
    assert (run.code, run.outputs["exit-code"]) == (expected, str(expected))
    folder = tmp_path / "helicone-contract-reports"
    assert {name: run.outputs[name] for name in REPORTS} == {
        name: str(Path("helicone-contract-reports") / file) for name, file in REPORTS.items()
    }
    for file in REPORTS.values():
        assert (folder / file).is_file()
    assert run.summary == (folder / REPORTS["markdown"]).read_text()
    assert run.summary.startswith("### helicone-contract conformance: `gateway`, `registry`")
    rows = [line for line in run.summary.splitlines() if line.startswith("| registry |")]
    assert rows[0].startswith("| registry | transport | ✅ passed |")
    assert any(row.startswith("| registry | contract | ✅ passed |") for row in rows)
    assert "seed 7" in run.summary
    if mutation is None:
        assert "| severity | check | count |" not in run.summary
        assert "::error" not in run.stdout
    else:
        assert "| registry | semantic | ❌ failed | 0/3 |" in rows
        assert "| error | `registry.total-mismatch` | 1 |" in run.summary
        assert "::error title=registry.total-mismatch::registry " in run.stdout


def test_the_checks_input_runs_only_those_families_and_says_what_did_not_run(
    tmp_path: Path,
) -> None:
    with start_server(BY_NAME["total-wrong"]) as server:  # a semantic fault, not selected
        run = _run_action(
            tmp_path, gateway=server.url, registry=server.url,
            **{"input-seed": "7", "input-max-examples": "2", "input-checks": "schema"},
        )  # fmt: skip
    assert (run.code, run.outputs["exit-code"]) == (0, "0")
    rows = [line for line in run.summary.splitlines() if line.startswith("| registry |")]
    assert "| registry | schema | ✅ passed | 2/2 |" in rows
    assert "| registry | semantic | ⚪ not run | not selected by --checks |" in rows
    assert "registry.total-mismatch" not in run.summary


def test_without_any_url_the_step_refuses_to_test_the_embedded_server(tmp_path: Path) -> None:
    run = _run_action(tmp_path)
    assert (run.code, run.outputs) == (2, {"exit-code": "2"})
    assert run.stdout.splitlines()[-1] == "::error::set the gateway-url and/or registry-url input"
    assert run.summary == ""


def test_an_unusable_input_is_exit_2_and_every_report_says_why(tmp_path: Path) -> None:
    run = _run_action(tmp_path, registry="http://127.0.0.1:1", **{"input-max-examples": "0"})
    assert (run.code, run.outputs["exit-code"]) == (2, "2")
    reason = "argument --max-examples: expected a positive integer, got '0'"
    assert reason in run.summary
    assert reason in (tmp_path / run.outputs["junit-xml"]).read_text()
    assert (
        f"::error title=could not run (exit 2%3A usage error or unusable input)::error: {reason}"
        in run.stdout
    )


def test_an_unreachable_target_is_exit_3_and_the_summary_says_why(tmp_path: Path) -> None:
    with start_server() as server:
        closed = server.url
    run = _run_action(tmp_path, registry=closed)
    reason = f"unreachable: registry API at {closed}: connection refused"
    assert (run.code, run.outputs["exit-code"]) == (3, "3")
    assert run.summary.strip().endswith(f"**exit 3: a target was unreachable**: {reason}")


def test_a_summary_too_large_is_cut_at_a_line_within_the_limit() -> None:
    row = "| error | `schema` | `$.data.models[1]` | " + "x" * 200 + " |\n"
    details = "<details><summary>more</summary>\n\n" + row * 5000 + "\n</details>\n"
    markdown = "### title\n\n" + row * 1000 + details
    assert len(markdown.encode()) > 2 * SUMMARY_LIMIT
    cut = fit_summary(markdown)
    assert len(cut.encode()) <= SUMMARY_LIMIT
    body, note = cut.rsplit("\n\n", 1)
    assert note.startswith("**The summary was cut here to stay within GitHub's size limit")
    assert body.endswith("</details>")
    assert all(line == row.rstrip("\n") for line in body.splitlines() if line.startswith("|"))
    assert fit_summary("### small\n") == "### small\n"


# -- the pull-request diff example ---------------------------------------------------------------
def _git(repo: Path, *arguments: str) -> str:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "PATH": os.environ["PATH"], "HOME": str(repo)}  # fmt: skip
    done = subprocess.run(["git", *arguments], cwd=repo, env=env, capture_output=True,
                          text=True, check=True, timeout=60)  # fmt: skip
    return done.stdout.strip()


def _pull_request(tmp_path: Path, edit: dict[str, str | None]) -> StepRun:
    """A repository whose base holds the project's specs; ``edit`` changes, adds (a text) or
    removes (None) files in the pull request's head; then the example's compare step runs."""
    repo = tmp_path / "repo"
    (repo / "specs").mkdir(parents=True)
    for document in SPECS.glob("*.openapi.yaml"):
        shutil.copy(document, repo / "specs" / document.name)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "base")
    base = _git(repo, "rev-parse", "HEAD")
    for name, text in edit.items():
        if text is None:
            (repo / name).unlink()
        else:
            (repo / name).write_text(text)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "head")
    step = _example_steps(DIFF_EXAMPLE, "diff")["Compare the changed documents with the base"]
    return _run(step["run"], {"BASE_SHA": base}, repo)


def test_the_diff_example_comments_what_breaks_and_fails(tmp_path: Path) -> None:
    name = "specs/ai-gateway.openapi.yaml"
    text = (SPECS / "ai-gateway.openapi.yaml").read_text()
    assert "owned_by" in text
    run = _pull_request(tmp_path, {name: text.replace("- owned_by", "- owner", 1)})
    comment = (run.folder / "spec-diff.md").read_text()
    assert (run.code, run.outputs["exit-code"]) == (0, "1")
    assert comment.startswith(f"### helicone-contract diff: `base/{name}` → `{name}`\n")
    assert "breaking" in comment
    assert run.summary == comment


def test_the_diff_example_passes_harmless_changes_and_new_documents(tmp_path: Path) -> None:
    name = "specs/model-registry.openapi.yaml"
    text = (SPECS / "model-registry.openapi.yaml").read_text()
    changed = text.replace("description:", "description: Reworded.", 1)
    assert changed != text
    run = _pull_request(tmp_path, {name: changed, "specs/new.openapi.yaml": "openapi: 3.0.3\n"})
    comment = (run.folder / "spec-diff.md").read_text()
    assert (run.code, run.outputs["exit-code"]) == (0, "0")
    assert "### `specs/new.openapi.yaml` is new: nothing to compare" in comment
    assert "0 breaking" in comment

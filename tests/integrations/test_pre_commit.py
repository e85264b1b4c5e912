"""The pre-commit hooks (.pre-commit-hooks.yaml): installed by pre-commit itself from a snapshot
of this checkout (``pre-commit try-repo``, once for the module: it builds a virtualenv and pip
installs the package, as a user's first commit does), then each hook on a scratch repository:
a good file passes, a bad one fails and the output names its place. The hooks' entries are also
run directly on each file alone, for their exit codes."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.support.paths import REPO, SPECS

pytestmark = pytest.mark.timeout(900)  # pre-commit pip installs the package: minutes when busy
BIN = Path(sys.executable).parent
MANIFEST = REPO / ".pre-commit-hooks.yaml"
GOOD_REGISTRY = REPO / "src" / "conformance" / "server" / "default_registry.json"
BAD_REGISTRY = REPO / "tests" / "validate" / "data" / "small-registry-broken.json"
GATEWAY_SPEC = (SPECS / "ai-gateway.openapi.yaml").read_text()
HOOK_LINE = re.compile(r"^helicone-contract (\w+)\.+(?:\([^)]*\))?(Passed|Failed|Skipped)$")


def _harmless(text: str) -> str:
    return text.replace("Get Models", "List the models", 1)


def _broken(text: str) -> str:
    """``owned_by`` no longer required (breaking for clients), and an example whose ``created``
    is not an integer (a lint error at its line)."""
    example = (
        "            application/json:\n              example:\n                object: list\n"
        "                data: [{id: a, object: model, created: soon, owned_by: o}]\n"
        "              schema:"
    )
    indent = " " * 24
    broken = text.replace(f"{indent}- owned_by\n", f"{indent}- owner\n", 1)
    return broken.replace("            application/json:\n              schema:", example, 1)


SCRATCH = {
    "registry/good.json": GOOD_REGISTRY.read_text(),
    "registry/bad.json": BAD_REGISTRY.read_text(),
    "specs/ai-gateway.openapi.yaml": _harmless(GATEWAY_SPEC),
    "specs/v2/ai-gateway.openapi.yaml": _broken(GATEWAY_SPEC),
}


def _environment(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(home / "pre-commit"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
    }  # fmt: skip


def _git(folder: Path, *arguments: str) -> None:
    subprocess.run(["git", *arguments], cwd=folder, env=_environment(folder), check=True,
                   capture_output=True, timeout=120)  # fmt: skip


def _repository(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "snapshot")
    return folder


def _snapshot(folder: Path) -> Path:
    """This checkout as it is now (uncommitted and new files included), as a git repository:
    what pre-commit clones and installs."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=REPO, capture_output=True, check=False, timeout=60,
    )  # fmt: skip
    if listed.returncode != 0:
        pytest.skip("not a git checkout: pre-commit installs hooks from a git repository")
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (REPO / name).is_file():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, folder / name)
    return _repository(folder, {})


@dataclass(frozen=True)
class HookResult:
    status: str
    output: str


@pytest.fixture(scope="module")
def try_repo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HookResult]:
    """``pre-commit try-repo <this checkout> --all-files`` on a scratch repository holding a good
    and a bad file for each hook: hook name -> its status and output."""
    snapshot = _snapshot(tmp_path_factory.mktemp("helicone-contract"))
    scratch = _repository(tmp_path_factory.mktemp("scratch"), SCRATCH)
    done = subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(snapshot), "--all-files", "--color", "never"],
        cwd=scratch, env=_environment(scratch), capture_output=True, text=True, timeout=900,
        check=False,
    )  # fmt: skip
    results: dict[str, HookResult] = {}
    current: list[str] = []
    for line in done.stdout.splitlines():
        match = HOOK_LINE.match(line)
        if match:
            current = []
            results[match.group(1)] = HookResult(match.group(2), "")
            name = match.group(1)
        elif results:
            current.append(line)
            results[name] = HookResult(results[name].status, "\n".join(current))
    assert set(results) == {"validate", "lint", "diff"}, done.stdout + done.stderr
    return results


def test_validate_hook_passes_a_good_registry_and_names_each_bad_place(
    try_repo: dict[str, HookResult],
) -> None:
    result = try_repo["validate"]
    assert result.status == "Failed"
    assert "== registry/good.json [model registry response ({data, error}), detected]: valid" in (
        result.output
    )
    assert "registry/bad.json:15:15: error[registry.price-invalid] " in result.output
    assert "registry/bad.json:71:5: error[registry.total-mismatch] $.data.total: " in result.output


def test_lint_hook_passes_a_good_document_and_names_the_bad_example(
    try_repo: dict[str, HookResult],
) -> None:
    result = try_repo["lint"]
    assert result.status == "Failed"
    assert "== specs/ai-gateway.openapi.yaml [OpenAPI document]: valid" in result.output
    assert (
        "specs/v2/ai-gateway.openapi.yaml:23:47: error[schema] /paths/~1v1~1models/get/responses"
        "/200/content/application~1json/example $.data[0].created: 'soon' is not of type "
        "'integer'"
    ) in result.output


def test_diff_hook_passes_a_harmless_change_and_names_the_breaking_one(
    try_repo: dict[str, HookResult],
) -> None:
    result = try_repo["diff"]
    assert result.status == "Failed"
    assert (
        "== changes [embedded ai-gateway.openapi.yaml → specs/ai-gateway.openapi.yaml]: "
        "0 breaking, 0 warnings, 1 info"
    ) in result.output
    assert (
        "changes: breaking[diff.property-made-optional] /paths/~1v1~1models/get/responses/200/"
        "content/application~1json/schema/properties/data/items/properties/owned_by: "
    ) in result.output


def _hooks() -> dict[str, dict[str, Any]]:
    return {hook["id"].removeprefix("helicone-contract-"): hook
            for hook in yaml.safe_load(MANIFEST.read_text())}  # fmt: skip


@pytest.mark.parametrize(
    ("hook", "good", "bad", "place"),
    [
        ("validate", "registry/good.json", "registry/bad.json", "registry/bad.json:15:15: "),
        ("lint", "specs/ai-gateway.openapi.yaml", "specs/v2/ai-gateway.openapi.yaml",
         "specs/v2/ai-gateway.openapi.yaml:23:47: "),
        ("diff", "specs/ai-gateway.openapi.yaml", "specs/v2/ai-gateway.openapi.yaml",
         "breaking[diff.property-made-optional] /paths/~1v1~1models/"),
    ],
)  # fmt: skip
def test_each_entry_alone_passes_the_good_file_and_fails_the_bad_one(
    tmp_path: Path, hook: str, good: str, bad: str, place: str
) -> None:
    scratch = _repository(tmp_path, SCRATCH)
    entry = shlex.split(_hooks()[hook]["entry"])
    for file, code in ((good, 0), (bad, 1)):
        done = subprocess.run([*entry, file], cwd=scratch, env=_environment(scratch),
                              capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
        assert (done.returncode, done.stderr) == (code, ""), done.stdout
        assert (place in done.stdout) == (code == 1)
    assert re.search(_hooks()[hook].get("files", ""), bad)


def test_diff_hook_against_the_last_commit(tmp_path: Path) -> None:
    scratch = _repository(tmp_path, {"specs/api.openapi.yaml": GATEWAY_SPEC})
    (scratch / "specs" / "api.openapi.yaml").write_text(_broken(GATEWAY_SPEC))
    (scratch / "specs" / "new.openapi.yaml").write_text(GATEWAY_SPEC)
    command = [str(BIN / "python"), "-m", "conformance.integrations.hooks", "--against", "previous"]
    done = subprocess.run(
        [*command, "specs/api.openapi.yaml", "specs/new.openapi.yaml"],
        cwd=scratch, env=_environment(scratch), capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "specs/api.openapi.yaml: against the last commit's copy (OLD, read from stdin)"
    )
    assert "== changes [<stdin> → specs/api.openapi.yaml]: 2 breaking, 0 warnings, 1 info" in lines
    assert lines[-1] == (
        "specs/new.openapi.yaml: not in the last commit: a new document, nothing to compare"
    )


def _readme_config() -> str:
    readme = (REPO / "README.md").read_text()
    block = re.search(r"<!-- pre-commit-config -->\n```yaml\n(.*?)```", readme, re.DOTALL)
    assert block is not None, "README.md shows the .pre-commit-config.yaml to paste"
    return block.group(1)


def test_the_readme_config_is_valid_and_names_the_hooks(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(_readme_config())
    for command, path in (("validate-config", config), ("validate-manifest", MANIFEST)):
        done = subprocess.run([str(BIN / "pre-commit"), command, str(path)], capture_output=True,
                              text=True, timeout=60, check=False)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    hooks = yaml.safe_load(config.read_text())["repos"][0]["hooks"]
    assert [hook["id"] for hook in hooks] == [f"helicone-contract-{name}" for name in _hooks()]
    assert all(hook["language"] == "python" for hook in _hooks().values())

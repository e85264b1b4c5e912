"""The Python API as the README shows it: its validate and conformance examples run as\nwritten."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

import conformance
from conformance import ConformanceOptions, TargetUnreachable, UsageError
from tests.checks.own import DEFAULT_REGISTRY
from tests.support.mutations import BY_NAME
from tests.support.servers import start_server

README = Path(__file__).resolve().parents[2] / "README.md"
_EXAMPLE = re.compile(r"<!-- example: ([a-z-]+) -->\n```python\n(.*?)```", re.DOTALL)


def readme_example(name: str) -> str:
    examples = dict(_EXAMPLE.findall(README.read_text(encoding="utf-8")))
    return examples[name]


def test_the_readme_conformance_example_runs() -> None:
    namespace: dict[str, Any] = {}
    exec(compile(readme_example("conformance-from-pytest"), "README.md", "exec"), namespace)
    namespace["test_the_server_conforms"]()


def test_the_readme_validate_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = json.loads(DEFAULT_REGISTRY.read_text(encoding="utf-8"))
    (tmp_path / "build").mkdir()
    published = tmp_path / "build" / "registry.json"
    published.write_text(json.dumps(registry, indent=2), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code = compile(readme_example("validate-before-publishing"), "README.md", "exec")
    exec(code, {})
    assert capsys.readouterr().out == ""
    registry["data"]["total"] += 1
    published.write_text(json.dumps(registry, indent=2), encoding="utf-8")
    with pytest.raises(SystemExit, match="registry not published"):
        exec(code, {})
    (line,) = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"\d+:\d+ registry\.total-mismatch total is \d+ but .*", line)


def test_a_broken_server_gives_a_report_that_is_not_ok() -> None:
    with start_server(BY_NAME["total-wrong"]) as server:
        report = conformance.run_conformance(
            ConformanceOptions(registry_url=server.url, seed=1, max_examples=2)
        )
    assert not report.ok
    assert {f.check for f in report.findings} == {"registry.total-mismatch"}
    states = {(s.target, s.family): s.state for s in report.families}
    assert states[("registry", "semantic")] == "failed"
    assert states[("registry", "schema")] == "passed"
    assert states[("cross", "cross")] == "not run"


def test_progress_is_told_each_request() -> None:
    seen: list[str] = []
    with start_server() as server:
        conformance.run_conformance(
            ConformanceOptions(gateway_url=server.url, seed=1, max_examples=2), progress=seen.append
        )
    assert seen[0].startswith(f"1/{len(seen)} requests: gateway GET /v1/models")


def test_bad_options_and_unreachable_targets_are_exceptions() -> None:
    with pytest.raises(UsageError, match="--gateway-url"):
        conformance.run_conformance(ConformanceOptions(gateway_url="ftp://x"))
    with pytest.raises(UsageError, match="--checks 'nonsense'"):
        conformance.run_conformance(ConformanceOptions(checks=("nonsense",)))
    with start_server() as server:
        closed = server.url
    with pytest.raises(TargetUnreachable, match="connection refused"):
        conformance.run_conformance(ConformanceOptions(gateway_url=closed, timeout=2))

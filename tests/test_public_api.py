"""The public surface is small and deliberate: what ``__all__`` names, nothing more."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import conformance


def test_all_is_exactly_the_public_api() -> None:
    assert sorted(conformance.__all__) == [
        "ContractError",
        "ExitCode",
        "Finding",
        "InputError",
        "MalformedJSON",
        "Severity",
        "SpecLoadError",
        "TargetUnreachable",
        "UsageError",
        "ValidateOptions",
        "__version__",
        "run_validate",
    ]
    for name in conformance.__all__:
        assert getattr(conformance, name) is not None


def test_version_is_written_once_and_read_by_the_package_metadata() -> None:
    from importlib.metadata import version

    assert conformance.__version__ == version("helicone-contract")


def test_exception_tree() -> None:
    # Every input that cannot be used, whoever refused it, is one class to catch.
    assert issubclass(conformance.MalformedJSON, conformance.SpecLoadError)
    assert issubclass(conformance.InputError, conformance.SpecLoadError)
    for error in (conformance.UsageError, conformance.InputError, conformance.TargetUnreachable):
        assert issubclass(error, conformance.ContractError)


def test_run_validate_is_validate_as_a_function(tmp_path: Path) -> None:
    from tests.checks import own

    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(own.gateway()))
    broken = own.gateway()
    broken["data"][0]["created"] = "yesterday"
    bad.write_text(json.dumps(broken))
    report = conformance.run_validate(conformance.ValidateOptions(paths=[str(good), str(bad)]))
    assert [group.kind for group in report.groups] == ["models", "models"]
    assert not report.groups[0].findings
    (found,) = report.groups[1].findings
    assert (found.location, found.line) == (("data", 0, "created"), 1)
    with pytest.raises(conformance.SpecLoadError, match=r"absent\.json: no such file"):
        conformance.run_validate(conformance.ValidateOptions(paths=[str(tmp_path / "absent.json")]))
    refused: list[conformance.SpecLoadError] = []
    options = conformance.ValidateOptions(paths=[str(tmp_path / "absent.json"), str(good)])
    assert len(conformance.run_validate(options, refused.append).groups) == 1
    assert len(refused) == 1


def test_import_conformance_stays_light() -> None:
    import subprocess
    import sys

    heavy = {"yaml", "openapi_spec_validator", "pydantic", "schemathesis", "conformance.validation"}
    code = f"import sys, conformance; print(sorted(set(sys.modules) & {heavy!r}))"
    result = subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, text=True
    )
    assert (result.returncode, result.stdout.strip()) == (0, "[]")

"""The public surface is small and deliberate: what ``__all__`` names, nothing more."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import conformance


def test_all_is_exactly_the_public_api() -> None:
    assert sorted(conformance.__all__) == [
        "ConformanceOptions",
        "ContractError",
        "DiffOptions",
        "ExitCode",
        "Finding",
        "InputError",
        "MalformedJSON",
        "Report",
        "Severity",
        "SpecLoadError",
        "TargetUnreachable",
        "UsageError",
        "ValidateOptions",
        "__version__",
        "run_conformance",
        "run_diff",
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


def test_run_diff_compares_two_documents_from_python() -> None:
    from conformance.diff import diff_exit_code
    from tests.support.paths import SPECS

    spec = str(SPECS / "model-registry.openapi.yaml")
    options = conformance.DiffOptions(old=spec, new=spec)
    report = conformance.run_diff(options)
    assert report.command == "diff"
    assert report.findings == []
    assert diff_exit_code(report, options) == conformance.ExitCode.OK


def test_importing_the_package_loads_no_engine() -> None:
    """``import conformance`` stays cheap: the engines load on first use of their names."""
    code = (
        "import sys, conformance\n"
        "heavy = ('schemathesis', 'hypothesis', 'conformance.harness')\n"
        "assert not [m for m in heavy if m in sys.modules], sys.modules.keys()\n"
        "conformance.ConformanceOptions\n"
        "assert 'conformance.harness' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'run_everything'"):
        conformance.run_everything  # noqa: B018


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


def test_run_validate_strict_is_the_reports_verdict(tmp_path: Path) -> None:
    from tests.checks import own

    registry = own.registry()
    registry["data"]["filters"]["capabilities"].reverse()  # a warning, nothing else
    unsorted = tmp_path / "unsorted.json"
    unsorted.write_text(json.dumps(registry))
    lenient = conformance.run_validate(conformance.ValidateOptions(paths=[str(unsorted)]))
    assert [f.check for f in lenient.findings] == ["registry.capabilities-unsorted"]
    assert lenient.ok
    strict = conformance.ValidateOptions(paths=[str(unsorted)], strict=True)
    assert not conformance.run_validate(strict).ok


def test_run_validate_refuses_one_str_for_paths(tmp_path: Path) -> None:
    with pytest.raises(conformance.UsageError, match="a list of paths"):
        conformance.run_validate(conformance.ValidateOptions(paths="registry.json"))

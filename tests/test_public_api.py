"""The public surface is small and deliberate: what ``__all__`` names, nothing more."""

from __future__ import annotations

import subprocess
import sys

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
        "TargetUnreachable",
        "UsageError",
        "__version__",
        "run_conformance",
        "run_diff",
    ]
    for name in conformance.__all__:
        assert getattr(conformance, name) is not None


def test_version_is_written_once_and_read_by_the_package_metadata() -> None:
    from importlib.metadata import version

    assert conformance.__version__ == version("helicone-contract")


def test_exception_tree() -> None:
    assert issubclass(conformance.MalformedJSON, conformance.InputError)
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

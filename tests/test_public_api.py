"""The public surface is small and deliberate: what ``__all__`` names, nothing more."""

from __future__ import annotations

import conformance


def test_all_is_exactly_the_public_api() -> None:
    assert sorted(conformance.__all__) == [
        "ContractError",
        "DiffOptions",
        "ExitCode",
        "Finding",
        "InputError",
        "MalformedJSON",
        "Severity",
        "TargetUnreachable",
        "UsageError",
        "__version__",
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

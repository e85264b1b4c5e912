"""The public surface is small and deliberate: what ``__all__`` names, nothing more."""

from __future__ import annotations

import conformance


def test_all_is_exactly_the_public_api() -> None:
    assert sorted(conformance.__all__) == [
        "ContractError",
        "ExitCode",
        "Finding",
        "InputError",
        "MalformedJSON",
        "Severity",
        "TargetUnreachable",
        "UsageError",
        "__version__",
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

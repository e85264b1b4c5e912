"""helicone-contract: contract validation for Helicone's model-listing APIs.

The public API is what ``__all__`` names; every other module is private to the CLI.
``__version__`` is the one place the version is written (the package metadata reads it).
The engines and their options are imported on first use: ``import conformance`` stays cheap
(no schemathesis, no hypothesis).
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from conformance.errors import (
    ContractError,
    InputError,
    MalformedJSON,
    SpecLoadError,
    TargetUnreachable,
    UsageError,
)
from conformance.exit_codes import ExitCode
from conformance.findings import Finding, Severity

if TYPE_CHECKING:
    from conformance.diff import DiffOptions, run_diff
    from conformance.harness import ConformanceOptions, run_conformance
    from conformance.reporting import Report
    from conformance.validation import ValidateOptions, run_validate

_LAZY = {
    "DiffOptions": "conformance.diff",
    "run_diff": "conformance.diff",
    "ValidateOptions": "conformance.validation",
    "run_validate": "conformance.validation",
    "ConformanceOptions": "conformance.harness",
    "run_conformance": "conformance.harness",
    "Report": "conformance.reporting",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'conformance' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)


__all__ = [
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

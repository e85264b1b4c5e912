"""helicone-contract: contract validation for Helicone's model-listing APIs.

The public API is what ``__all__`` names; every other module is private to the CLI.
``__version__`` is the one place the version is written (the package metadata reads it).
"""

__version__ = "0.1.0"

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

__all__ = [
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

_LAZY = {"ValidateOptions": "conformance.validation", "run_validate": "conformance.validation"}
"""Imported on first use, so that ``import conformance`` stays light."""


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'conformance' has no attribute {name!r}")

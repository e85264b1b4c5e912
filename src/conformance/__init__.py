"""helicone-contract: contract validation for Helicone's model-listing APIs.

The public API is what ``__all__`` names; every other module is private to the CLI.
``__version__`` is the one place the version is written (the package metadata reads it).
"""

__version__ = "0.1.0"

from conformance.errors import (
    ContractError,
    InputError,
    MalformedJSON,
    TargetUnreachable,
    UsageError,
)
from conformance.exit_codes import ExitCode
from conformance.findings import Finding, Severity

__all__ = [
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

_LAZY = {"DiffOptions": "conformance.diff", "run_diff": "conformance.diff"}
"""Public names whose modules are imported on first use: the CLI stays quick to start."""


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'conformance' has no attribute {name!r}")

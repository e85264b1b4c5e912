"""helicone-contract: contract validation for Helicone's model-listing APIs.

The public API is what ``__all__`` names; every other module is private to the CLI.
"""

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
    "ExitCode",
    "Finding",
    "InputError",
    "MalformedJSON",
    "Severity",
    "TargetUnreachable",
    "UsageError",
]

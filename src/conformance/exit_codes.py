"""Exit codes, decided in one place from the findings and never anywhere else."""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from conformance.findings import Finding


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    UNREACHABLE = 3


def exit_code_for(findings: Iterable[Finding], *, strict: bool = False) -> ExitCode:
    """0 when nothing failed; 1 when an (unacknowledged) error, or with ``strict`` a warning."""
    for finding in findings:
        if finding.acknowledged:
            continue
        if finding.severity == "error" or strict:
            return ExitCode.FINDINGS
    return ExitCode.OK

"""The unit every reporter takes: a named group of findings (a file, or a conformance target)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from conformance.findings import Finding


@dataclass(frozen=True, slots=True)
class Group:
    name: str
    """What the findings are about: a file name as the user gave it, or a target such as gateway."""
    kind: str
    """What the group was checked as: a document kind (registry-response, ...) or an API."""
    findings: list[Finding] = field(default_factory=list)
    file: str | None = None
    """The file annotations point at (GitHub), when the group is a file."""


@dataclass(frozen=True, slots=True)
class Counts:
    errors: int
    warnings: int
    acknowledged: int

    def describe(self) -> str:
        parts = [_plural(self.errors, "error"), _plural(self.warnings, "warning")]
        if self.acknowledged:
            parts.append(f"{self.acknowledged} acknowledged")
        return ", ".join(parts)


def count(findings: Iterable[Finding]) -> Counts:
    errors = warnings = acknowledged = 0
    for finding in findings:
        if finding.acknowledged:
            acknowledged += 1
        elif finding.severity == "error":
            errors += 1
        else:
            warnings += 1
    return Counts(errors, warnings, acknowledged)


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"

"""The report model every reporter takes: groups of findings, what was not run, and metadata.

A command collects findings (checks), builds a ``Report``, asks ``exit_codes`` for the exit
code, and hands both to ``reporting.emit``. Reporters are pure functions of (report, code)
that know nothing about where the findings came from.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from conformance.catalog import Command
from conformance.findings import EVERYONE, FAILING, Breaks, Finding


@dataclass(frozen=True, slots=True)
class Group:
    """Findings about one thing: a file (validate, lint) or a target (conformance)."""

    name: str
    """A file name as the user gave it, or a target such as ``gateway``."""
    kind: str
    """What it was checked as: a document kind (``registry-response``, ...) or an API."""
    findings: Sequence[Finding] = ()
    file: str | None = None
    """The file that line and column refer to (annotations point at it), when there is one."""
    description: str | None = None
    """The kind in words, shown wherever the kind is: the user sees what the input was taken for."""
    changes: bool = False
    """Its findings are changes between two inputs (``diff``): breaking, warning or info."""
    hidden: Mapping[str, int] = field(default_factory=dict)
    """``{check: findings not printed}`` after a per-check limit (set by ``shown``)."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A check family that did not run, and why (printed as "not run: <reason>")."""

    family: str
    target: str | None
    reason: str


FamilyOutcome = Literal["passed", "failed", "not run"]


@dataclass(frozen=True, slots=True)
class FamilyState:
    """What one check family did on one target: passed, failed, or not run (and why).

    ``ran`` and ``passed`` count what it ran on (answers, requests or the cross-API pair)."""

    target: str
    family: str
    state: FamilyOutcome
    reason: str | None = None
    """Why it did not run; None when it ran."""
    ran: int = 0
    passed: int = 0


@dataclass(frozen=True, slots=True)
class Report:
    command: Command
    groups: Sequence[Group]
    layout: Literal["files", "findings", "changes"] = "files"
    """JSON shape: findings inside ``files`` (validate, lint), one flat ``findings`` list
    (conformance), or ``changes`` beside the ``inputs`` they were found between (diff)."""
    skipped: Sequence[Skipped] = ()
    per_check_limit: int | None = None
    """Print at most this many findings of one check; the rest are counted in ``truncated``."""
    noun: str = "file"
    """What a group is, in the summary line ("2 files checked", "3 targets checked")."""
    header: str | None = None
    """A first line for text and GitHub output (conformance: the targets and the seed)."""
    stats: str | None = None
    """Appended to the summary line (conformance: requests and time)."""
    overview: Sequence[str] = ()
    """Lines before the summary in text and GitHub output: what was checked (conformance: the
    check families that ran on each API, on how many answers, and how many passed)."""
    extra: Mapping[str, Any] = field(default_factory=dict)
    """More top-level JSON fields (conformance: ``seed``)."""
    families: Sequence[FamilyState] = ()
    """Per target, every check family's state (conformance); its "not run" ones are also in
    ``skipped``. Reporters show the third state as itself, never as passing."""
    strict: bool = False
    """``--strict``: warnings fail the run, and every format shows them as failures."""
    breaking_for: tuple[Breaks, ...] = EVERYONE
    """``diff --fail-on-breaks``: a change fails the run only when it breaks one of these."""

    @property
    def findings(self) -> list[Finding]:
        return [finding for group in self.groups for finding in group.findings]

    def fails(self, finding: Finding) -> bool:
        """This finding fails the run: one that always does, or under ``strict`` a warning;
        a change only when it breaks one of ``breaking_for``."""
        return finding.fails_run(strict=self.strict, breaking_for=self.breaking_for)

    @property
    def ok(self) -> bool:
        """No finding fails the run (the exit code is 0)."""
        return not any(self.fails(finding) for finding in self.findings)

    def families_of(self, target: str) -> list[FamilyState]:
        return [state for state in self.families if state.target == target]


@dataclass(frozen=True, slots=True)
class Counts:
    errors: int
    warnings: int
    acknowledged: int
    other: int = 0
    """Findings that never fail (``info`` changes of ``diff``)."""
    breaking: int = 0

    def describe(self, *, changes: bool = False) -> str:
        """``1 error, 0 warnings``; of changes ``1 breaking, 0 warnings, 2 info``."""
        if changes:
            parts = [f"{self.breaking} breaking", plural(self.warnings, "warning")]
            parts.append(f"{self.other} info")
            parts += [plural(self.errors, "error")] if self.errors else []
        else:
            parts = [plural(self.errors, "error"), plural(self.warnings, "warning")]
            parts += [f"{self.breaking} breaking"] if self.breaking else []
            parts += [f"{self.other} info"] if self.other else []
        if self.acknowledged:
            parts.append(f"{self.acknowledged} acknowledged")
        return ", ".join(parts)


def count(findings: Iterable[Finding]) -> Counts:
    """Counts by severity: every finding, whatever a reporter prints."""
    errors = warnings = acknowledged = other = breaking = 0
    for finding in findings:
        if finding.acknowledged:
            acknowledged += 1
        elif finding.severity == "breaking":
            breaking += 1
        elif finding.severity in FAILING:
            errors += 1
        elif finding.severity == "warning":
            warnings += 1
        else:
            other += 1
    return Counts(errors, warnings, acknowledged, other, breaking)


def shown(report: Report) -> tuple[list[Group], dict[str, int]]:
    """The groups as reporters print them (each with what its per-check limit left out, in
    ``hidden``), and ``{check: findings not printed}`` over all groups."""
    limit = report.per_check_limit
    if limit is None:
        return list(report.groups), {}
    truncated: dict[str, int] = {}
    groups = []
    for group in report.groups:
        printed: dict[str, int] = {}
        hidden: dict[str, int] = {}
        kept = []
        for finding in group.findings:
            printed[finding.check] = printed.get(finding.check, 0) + 1
            if printed[finding.check] <= limit:
                kept.append(finding)
            else:
                hidden[finding.check] = hidden.get(finding.check, 0) + 1
                truncated[finding.check] = truncated.get(finding.check, 0) + 1
        groups.append(dataclasses.replace(group, findings=kept, hidden=hidden))
    return groups, truncated


def hidden_after(group: Group, index: int) -> int:
    """How many findings of its check the limit left out, when the finding at ``index`` ends
    its check's block (where the truncation note goes); 0 otherwise."""
    check = group.findings[index].check
    following = group.findings[index + 1] if index + 1 < len(group.findings) else None
    if following is not None and following.check == check:
        return 0
    return group.hidden.get(check, 0)


def a_or_an(number: int) -> str:
    """The article before a number said in words: ``an 82-byte body``, ``an 11-byte``,
    ``a 7-byte``: "an" when the spoken number starts with a vowel (eight, eleven, eighteen)."""
    digits = str(abs(number))
    lead = digits[: len(digits) % 3 or 3]  # the group said first: "11" of 11,000
    return "an" if digits[0] == "8" or lead in ("11", "18") else "a"


def plural(number: int, noun: str) -> str:
    """``1 model``, ``2 models``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"

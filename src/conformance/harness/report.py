"""Findings -> what people and CI read: pure functions of an already redacted RunResult.

Text, GitHub annotations and JUnit are the shared reporters of ``conformance.reporting`` over
one group per target (gateway, registry, cross), so conformance and validate read alike. The
JSON document is conformance's own documented interface (docs/harness.md):
``{"ok", "seed", "findings": [{"check", "severity", "target", "path", "message", "reproduce"}]}``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from typing import Any

from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.harness.session import RunResult
from conformance.harness.targets import Target
from conformance.reporting import Group, count, render_github, render_junit
from conformance.reporting.text import finding_line

_KINDS = {"gateway": "AI Gateway API", "registry": "model registry API", "cross": "cross-API"}


def as_reported(findings: Sequence[Finding], *, strict: bool) -> list[Finding]:
    """Under ``--strict`` a warning is an error in every output, not only in the exit code."""
    if not strict:
        return list(findings)
    return [dataclasses.replace(f, severity="error") for f in findings]


def groups(targets: Sequence[Target], findings: Sequence[Finding]) -> list[Group]:
    names = [target.name for target in targets] + (["cross"] if len(targets) == 2 else [])
    return [
        Group(name, _KINDS[name], [finding for finding in findings if finding.target == name])
        for name in names
    ]


def json_report(result: RunResult, findings: Sequence[Finding], code: ExitCode) -> str:
    document = {
        "ok": code == ExitCode.OK,
        "seed": result.seed,
        "findings": [finding_record(finding) for finding in findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "check": finding.check,
        "severity": finding.severity,
        "target": finding.target,
        "path": finding.path,
        "message": finding.message,
        "reproduce": finding.reproduce,
    }


def text_report(result: RunResult, findings: Sequence[Finding], code: ExitCode) -> str:
    lines = [
        finding_line(group, finding)
        for group in groups(result.targets, findings)
        for finding in group.findings
    ]
    return "".join(line + "\n" for line in [*lines, summary_line(result, findings, code)])


def github_report(result: RunResult, findings: Sequence[Finding], code: ExitCode) -> str:
    annotations = render_github(groups(result.targets, findings))
    return f"{header_line(result.targets, result.seed)}\n{annotations}" + (
        summary_line(result, findings, code) + "\n"
    )


def junit_report(result: RunResult, findings: Sequence[Finding]) -> str:
    suite = "helicone-contract conformance"
    return render_junit(groups(result.targets, findings), suite_name=suite)


def header_line(targets: Sequence[Target], seed: int) -> str:
    where = ", ".join(f"{target.name} {target.base_url}" for target in targets)
    return f"helicone-contract conformance: {where} (seed {seed})"


def summary_line(result: RunResult, findings: Sequence[Finding], code: ExitCode) -> str:
    verdict = "exit 0: conforms" if code == ExitCode.OK else "exit 1: does not conform"
    stats = f"{result.requests} requests in {result.seconds:.1f}s, seed {result.seed}"
    return f"{verdict} ({count(findings).describe()}; {stats})"

"""Findings -> what people and CI read. Pure functions of an already redacted RunResult.

The JSON document is a documented interface (docs/harness.md):
``{"ok", "seed", "findings": [{"check", "severity", "target", "path", "message", "reproduce"}]}``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.harness.session import RunResult
from conformance.harness.targets import Target


def finding_record(finding: Finding) -> dict[str, Any]:
    return {
        "check": finding.check,
        "severity": finding.severity,
        "target": finding.target,
        "path": finding.path,
        "message": finding.message,
        "reproduce": finding.reproduce,
    }


def json_report(result: RunResult, code: ExitCode) -> str:
    document = {
        "ok": code == ExitCode.OK,
        "seed": result.seed,
        "findings": [finding_record(finding) for finding in result.findings],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def header_line(targets: Sequence[Target], seed: int) -> str:
    where = ", ".join(f"{target.name} {target.base_url}" for target in targets)
    return f"helicone-contract conformance: {where} (seed {seed})"


def summary_line(result: RunResult, code: ExitCode, *, strict: bool) -> str:
    errors = sum(1 for finding in result.findings if finding.severity == "error")
    warnings = len(result.findings) - errors
    counts = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
    stats = f"{result.requests} requests in {result.seconds:.1f}s, seed {result.seed}"
    if code == ExitCode.OK:
        verdict = "exit 0: conforms"
    elif strict and not errors:
        verdict = "exit 1: warnings fail the run under --strict"
    else:
        verdict = "exit 1: does not conform"
    return f"{verdict} ({counts}; {stats})"


def text_report(result: RunResult, code: ExitCode, *, strict: bool) -> str:
    lines = []
    for finding in result.findings:
        where = f" at {finding.path}" if finding.path else ""
        lines.append(
            f"{finding.severity:<7} {finding.check} [{finding.target}]{where}: {finding.message}"
        )
        if finding.reproduce:
            lines.append(f"        reproduce: {finding.reproduce}")
    lines.append(summary_line(result, code, strict=strict))
    return "\n".join(lines) + "\n"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"

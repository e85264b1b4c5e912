"""GitHub Actions workflow commands: one annotation per finding, escaped as GitHub requires."""

from __future__ import annotations

from conformance.exit_codes import ExitCode
from conformance.harness.report import header_line, summary_line
from conformance.harness.session import RunResult


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_report(result: RunResult, code: ExitCode, *, strict: bool) -> str:
    lines = [header_line(result.targets, result.seed)]
    for finding in result.findings:
        level = "error" if finding.severity == "error" or strict else "warning"
        title = _property(f"{finding.check} ({finding.target})")
        body = finding.message
        if finding.path:
            body = f"{finding.path}: {body}"
        if finding.reproduce:
            body += f"\nreproduce: {finding.reproduce}"
        lines.append(f"::{level} title={title}::{_data(body)}")
    lines.append(summary_line(result, code, strict=strict))
    return "\n".join(lines) + "\n"

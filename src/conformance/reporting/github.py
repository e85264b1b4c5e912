"""GitHub Actions workflow commands: one annotation per finding, plain lines for the rest.

Errors become ``::error``, warnings ``::warning``, and acknowledged or never-failing findings
``::notice`` (seen in the log, not failing the check run). What was not run is a notice too.
Escaping follows the runner's rules: ``%``, CR and LF in the message; additionally ``:`` and
``,`` in property values.
"""

from __future__ import annotations

from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.reporting.model import Group, Report, shown
from conformance.reporting.text import group_heading
from conformance.reporting.wording import message, not_run, place, summary, truncated_line


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _level(finding: Finding) -> str:
    if finding.acknowledged or finding.severity not in ("error", "warning", "breaking"):
        return "notice"
    return "error" if finding.severity == "breaking" else finding.severity


def annotation(group: Group, finding: Finding) -> str:
    properties = []
    if group.file is not None:
        properties.append(f"file={_escape_property(group.file)}")
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_property(finding.check)}")
    at = " ".join(part for part in (None if group.file else group.name, place(finding)) if part)
    text = f"{at}: {message(finding)}" if at else message(finding)
    if finding.reproduce:
        text += f"\nreproduce: {finding.reproduce}"
    return f"::{_level(finding)} {','.join(properties)}::{_escape_data(text)}"


def render_github(report: Report, code: ExitCode) -> str:
    groups, truncated = shown(report)
    lines = [report.header] if report.header else []
    for group, full in zip(groups, report.groups, strict=True):
        lines.append(group_heading(full))
        lines += [annotation(group, finding) for finding in group.findings]
    lines += [f"::notice title=not run::{_escape_data(not_run(s))}" for s in report.skipped]
    lines += report.overview
    lines += [truncated_line(check, hidden) for check, hidden in truncated.items()]
    lines.append(summary(report, code))
    return "".join(line + "\n" for line in lines)

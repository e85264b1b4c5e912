"""GitHub Actions workflow commands: one annotation per finding, plain lines for the rest.

Errors become ``::error``, warnings ``::warning`` (``::error`` under ``--strict``, where they
fail the run), and acknowledged or never-failing findings ``::notice`` (seen in the log, not
failing the check run). What was not run is a notice too; a run that could not happen is one
``::error`` saying why.
Escaping follows the runner's rules: ``%``, CR and LF in the message; additionally ``:`` and
``,`` in property values.
"""

from __future__ import annotations

from conformance.exit_codes import ExitCode, describe_exit
from conformance.findings import Finding
from conformance.reporting.model import Group, Report, Skipped, hidden_after, shown
from conformance.reporting.text import group_heading, loose_skipped
from conformance.reporting.wording import message, not_run, place, summary, truncated_line


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _level(finding: Finding, *, fails: bool) -> str:
    """``error`` exactly for what fails the run (a breaking change none of the groups of
    ``--fail-on-breaks`` cares about is a ``warning``)."""
    if fails:
        return "error"
    if finding.acknowledged or finding.severity not in ("error", "warning", "breaking"):
        return "notice"
    return "warning"


def annotation(group: Group, finding: Finding, *, strict: bool = False, fails: bool) -> str:
    properties = []
    if group.file is not None:
        properties.append(f"file={_escape_property(group.file)}")
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_property(finding.check)}")
    at = " ".join(part for part in (None if group.file else group.name, place(finding)) if part)
    said = message(finding, strict=strict)
    text = f"{at}: {said}" if at else said
    for command in (finding.reproduce or "").splitlines():
        text += f"\nreproduce: {command}"
    return f"::{_level(finding, fails=fails)} {','.join(properties)}::{_escape_data(text)}"


def _not_run_notice(skipped: Skipped) -> str:
    return f"::notice title=not run::{_escape_data(not_run(skipped))}"


def failure_annotation(code: ExitCode, reason: str) -> str:
    """The one annotation of a run that could not happen (exit 2 or 3): the job says why."""
    title = _escape_property(f"could not run ({describe_exit(code)})")
    return f"::error title={title}::{_escape_data(reason)}\n"


def render_github(report: Report, code: ExitCode) -> str:
    groups, _ = shown(report)
    lines = [report.header] if report.header else []
    for group, full in zip(groups, report.groups, strict=True):
        lines.append(group_heading(full, report))
        for index, finding in enumerate(group.findings):
            fails = report.fails(finding)
            lines.append(annotation(group, finding, strict=report.strict, fails=fails))
            if hidden := hidden_after(group, index):
                lines.append(truncated_line(finding.check, hidden))
        lines += [_not_run_notice(s) for s in report.skipped if s.target == group.name]
    lines += [_not_run_notice(skipped) for skipped in loose_skipped(report)]
    lines += report.overview
    lines.append(summary(report, code))
    return "".join(line + "\n" for line in lines)

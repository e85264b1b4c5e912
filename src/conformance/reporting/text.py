"""Human text: one line per finding, ``file:line:column:`` first so terminals make it a link.

    == registry.json [registry data object (no {data, error} wrapper)]: 1 error, 0 warnings
    registry.json:1:345: error[schema] $.models[0].inputModalities[2]: 'pdf' is not one of ...
    1 file checked: 1 error, 0 warnings. exit 1: failing findings

Colour only when writing to a terminal and NO_COLOR is unset (https://no-color.org).
"""

from __future__ import annotations

import os
from typing import TextIO

from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.reporting.model import Group, Report, count, shown
from conformance.reporting.wording import message, not_run, place, summary, truncated_line

_RESET = "\033[0m"
_STYLES = {"error": "\033[31m", "warning": "\033[33m", "quiet": "\033[2m", "head": "\033[1m"}


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if colour and style in _STYLES else text


def _where(group: Group, finding: Finding) -> str:
    name = group.file or group.name
    if finding.line is None:
        return f"{name}:"
    return f"{name}:{finding.line}:{finding.column}:"


def finding_line(group: Group, finding: Finding, colour: bool = False) -> str:
    """``where: severity[check] place: message (notes)``, and the curl reproduction below."""
    label = f"{finding.severity}[{finding.check}]"
    style = "quiet" if finding.acknowledged else finding.severity
    at = place(finding)
    line = f"{_where(group, finding)} {_paint(label, style, colour)}"
    line += f" {at}: {message(finding)}" if at else f" {message(finding)}"
    if finding.reproduce:
        line += f"\n    reproduce: {finding.reproduce}"
    return line


def group_heading(group: Group) -> str:
    if not group.findings:
        verdict = "no changes" if group.changes else "valid"
    else:
        verdict = count(group.findings).describe(changes=group.changes)
    return f"== {group.name} [{group.description or group.kind}]: {verdict}"


def render_text(report: Report, code: ExitCode, *, colour: bool = False) -> str:
    groups, truncated = shown(report)
    lines = [report.header] if report.header else []
    for group, full in zip(groups, report.groups, strict=True):
        lines.append(_paint(group_heading(full), "head", colour))
        lines += [finding_line(group, finding, colour) for finding in group.findings]
    lines += [_paint(not_run(skipped), "quiet", colour) for skipped in report.skipped]
    lines += report.overview
    lines += [truncated_line(check, hidden) for check, hidden in truncated.items()]
    lines.append(summary(report, code))
    return "\n".join(lines) + "\n"

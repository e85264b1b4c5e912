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
from conformance.reporting.model import Group, Report, Skipped, count, hidden_after, shown
from conformance.reporting.wording import (
    family_verdict,
    message,
    not_run,
    place,
    summary,
    truncated_line,
)

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


def finding_line(
    group: Group, finding: Finding, colour: bool = False, *, strict: bool = False
) -> str:
    """``where: severity[check] place: message (notes)``, and the curl reproduction below (a
    cross-API finding has two: one request to each API)."""
    label = f"{finding.severity}[{finding.check}]"
    style = "quiet" if finding.acknowledged else finding.severity
    if strict and finding.severity == "warning" and not finding.acknowledged:
        style = "error"
    at = place(finding)
    line = f"{_where(group, finding)} {_paint(label, style, colour)}"
    text = message(finding, strict=strict)
    line += f" {at}: {text}" if at else f" {text}"
    for command in (finding.reproduce or "").splitlines():
        line += f"\n    reproduce: {command}"
    return line


def group_heading(group: Group, report: Report | None = None) -> str:
    if group.findings:
        verdict = count(group.findings).describe(changes=group.changes)
    elif group.changes:
        verdict = "no changes"
    else:
        verdict = (family_verdict(report, group) if report else None) or "valid"
    return f"== {group.name} [{group.description or group.kind}]: {verdict}"


def block(report: Report, group: Group, full: Group, colour: bool = False) -> list[str]:
    """A group as text: heading, findings check by check, each check's truncation note at the
    end of its own block, then the families that did not run on it."""
    lines = [_paint(group_heading(full, report), "head", colour)]
    for index, finding in enumerate(group.findings):
        lines.append(finding_line(group, finding, colour, strict=report.strict))
        if hidden := hidden_after(group, index):
            lines.append(truncated_line(finding.check, hidden))
    lines += [
        _paint(not_run(skipped), "quiet", colour)
        for skipped in report.skipped
        if skipped.target == group.name
    ]
    return lines


def loose_skipped(report: Report) -> list[Skipped]:
    """What did not run and belongs to no group (shown after them)."""
    names = {group.name for group in report.groups}
    return [skipped for skipped in report.skipped if skipped.target not in names]


def render_text(report: Report, code: ExitCode, *, colour: bool = False) -> str:
    groups, _ = shown(report)
    lines = [report.header] if report.header else []
    for group, full in zip(groups, report.groups, strict=True):
        lines += block(report, group, full, colour)
    lines += [_paint(not_run(skipped), "quiet", colour) for skipped in loose_skipped(report)]
    lines += report.overview
    lines.append(summary(report, code))
    return "\n".join(lines) + "\n"

"""Human text: one line per finding, ``file:line:column:`` first so terminals make it a link.

    == registry.json (registry-response): 1 error, 0 warnings
    registry.json:1:345: error[schema] $.data.models[0].inputModalities[2]: 'pdf' is not ...

Colour only when writing to a terminal and NO_COLOR is unset (https://no-color.org).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TextIO

from conformance.findings import Finding
from conformance.reporting.groups import Group, count

_RESET = "\033[0m"
_STYLES = {"error": "\033[31m", "warning": "\033[33m", "acknowledged": "\033[2m", "head": "\033[1m"}


def use_colour(stream: TextIO) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ


def _paint(text: str, style: str, colour: bool) -> str:
    return f"{_STYLES[style]}{text}{_RESET}" if colour else text


def _where(group: Group, finding: Finding) -> str:
    name = group.file or group.name
    if finding.line is None:
        return f"{name}:"
    return f"{name}:{finding.line}:{finding.column}:"


def finding_line(group: Group, finding: Finding, colour: bool = False) -> str:
    label = f"{finding.severity}[{finding.check}]"
    style = "acknowledged" if finding.acknowledged else finding.severity
    at = " ".join(part for part in (finding.pointer, finding.path) if part)
    line = f"{_where(group, finding)} {_paint(label, style, colour)}"
    message = finding.message.replace("\n", "\\n")  # one line per finding, always
    line += f" {at}: {message}" if at else f" {message}"
    if finding.acknowledged:
        line += _paint(" (acknowledged)", "acknowledged", colour)
    if finding.reproduce:
        line += f"\n    reproduce: {finding.reproduce}"
    return line


def render_text(groups: Sequence[Group], *, colour: bool = False, noun: str = "file") -> str:
    """The report; ``noun`` names what a group is in the summary line (file, target)."""
    lines: list[str] = []
    for group in groups:
        counts = count(group.findings)
        verdict = counts.describe() if group.findings else "valid"
        lines.append(_paint(f"== {group.name} ({group.kind}): {verdict}", "head", colour))
        lines += [finding_line(group, finding, colour) for finding in group.findings]
    total = count(finding for group in groups for finding in group.findings)
    plural = noun if len(groups) == 1 else f"{noun}s"
    lines.append(f"{len(groups)} {plural} checked: {total.describe()}")
    return "\n".join(lines) + "\n"

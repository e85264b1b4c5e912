"""GitHub Actions workflow commands: one annotation per finding.

Errors become ``::error``, warnings ``::warning`` and acknowledged findings ``::notice`` (seen in
the log, not failing the check run). Escaping follows the runner's rules: ``%``, CR and LF in
the message; additionally ``:`` and ``,`` in property values.
"""

from __future__ import annotations

from collections.abc import Sequence

from conformance.findings import Finding
from conformance.reporting.groups import Group


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(group: Group, finding: Finding) -> str:
    level = "notice" if finding.acknowledged else finding.severity
    properties = []
    if group.file is not None:
        properties.append(f"file={_escape_property(group.file)}")
        if finding.line is not None:
            properties.append(f"line={finding.line}")
        if finding.column is not None:
            properties.append(f"col={finding.column}")
    properties.append(f"title={_escape_property(finding.check)}")
    at = " ".join(
        part
        for part in (group.name if group.file is None else None, finding.pointer, finding.path)
        if part
    )
    message = f"{at}: {finding.message}" if at else finding.message
    if finding.acknowledged:
        message += " (acknowledged)"
    return f"::{level} {','.join(properties)}::{_escape_data(message)}"


def render_github(groups: Sequence[Group]) -> str:
    lines = [annotation(group, finding) for group in groups for finding in group.findings]
    return "".join(line + "\n" for line in lines)

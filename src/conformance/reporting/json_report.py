"""The documented JSON report.

    {"ok": bool, "files": [{"file": str, "kind": str, "findings": [{"check": str,
      "severity": "error"|"warning", "path": str|null, "line": int|null, "column": int|null,
      "message": str}]}]}

A finding also carries ``pointer``, ``target`` or ``reproduce`` when it has one, and
``"acknowledged": true`` when a baseline acknowledged it. Other commands rename the group list
and its name key (``targets``/``target``) and add top-level fields (``seed``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from conformance.findings import Finding
from conformance.reporting.groups import Group

_OPTIONAL = ("pointer", "target", "reproduce")


def finding_dict(finding: Finding) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "check": finding.check,
        "severity": finding.severity,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
    }
    for name in _OPTIONAL:
        value = getattr(finding, name)
        if value is not None:
            entry[name] = value
    if finding.acknowledged:
        entry["acknowledged"] = True
    return entry


def render_json(
    groups: Sequence[Group],
    *,
    ok: bool,
    groups_key: str = "files",
    name_key: str = "file",
    extra: Mapping[str, Any] | None = None,
) -> str:
    report: dict[str, Any] = {"ok": ok, **(extra or {})}
    report[groups_key] = [
        {
            name_key: group.name,
            "kind": group.kind,
            "findings": [finding_dict(f) for f in group.findings],
        }
        for group in groups
    ]
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"

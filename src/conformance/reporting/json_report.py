"""The documented JSON report: one complete document on stdout, whatever happened.

validate and lint (``layout="files"``)::

    {"ok": bool, "files": [{"file": str, "kind": str, "findings": [{"check": str,
      "severity": "error"|"warning", "path": str|null, "line": int|null, "column": int|null,
      "message": str}]}]}

conformance (``layout="findings"``)::

    {"ok": bool, "seed": int, "findings": [{"check", "severity", "target", "path", "message",
      "reproduce"}], "skipped": [{"family", "target", "reason"}]}

diff (``layout="changes"``)::

    {"ok": bool, "kind": str, "changes": [{"check": str, "severity":
      "breaking"|"warning"|"info", "breaks": [str], "pointer": str|null, "path": str|null,
      "message": str}], "inputs": [{"file", "kind", "description", "findings": [...]}]}

``pointer`` (JSON Pointer) places a change in an OpenAPI document, ``path`` (JSONPath) in data,
in NEW, or in OLD for what was removed; ``inputs`` are OLD then NEW, each with the findings of
its own validation, and ``skipped`` says when the diff was not run (an input was invalid).

Beside the documented fields: top-level ``tool``, ``version``, ``command``, and ``truncated``
(``{check: findings not listed}``) when a limit shortened the list; conformance's ``families``
(``[{target, family, state: "passed"|"failed"|"not run", reason, ran, passed}]``) and
``strict`` (true under ``--strict``); a file's ``description``
(its kind in words); a finding's ``pointer``, ``target``, ``reproduce``, ``seen_in``
(``{"answers", "of"}``), ``maybe_consequence`` and ``acknowledged`` when it has them.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from conformance import __version__
from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.reporting.model import Group, Report, shown
from conformance.reporting.wording import path_of, pointer_of


def finding_dict(finding: Finding, *, flat: bool = False) -> dict[str, Any]:
    """One finding; ``flat`` is conformance's shape (every documented field, null if absent)."""
    entry: dict[str, Any] = {"check": finding.check, "severity": finding.severity}
    if flat:
        entry |= {"target": finding.target, "path": path_of(finding)}
        entry |= {"message": finding.message, "reproduce": finding.reproduce}
    else:
        entry |= {"path": path_of(finding), "line": finding.line, "column": finding.column}
        entry["message"] = finding.message
    optional = {
        "pointer": pointer_of(finding),
        "target": None if flat else finding.target,
        "reproduce": None if flat else finding.reproduce,
        "line": finding.line if flat else None,
        "column": finding.column if flat else None,
    }
    entry |= {name: value for name, value in optional.items() if value is not None}
    if finding.seen_in is not None:
        entry["seen_in"] = {"answers": finding.seen_in[0], "of": finding.seen_in[1]}
        if finding.variants > 1:
            entry["seen_in"]["different_values"] = finding.variants
    if finding.maybe_consequence:
        entry["maybe_consequence"] = True
    if finding.acknowledged:
        entry["acknowledged"] = True
    return entry


def change_dict(change: Finding) -> dict[str, Any]:
    """One change of ``diff``: every documented field, null where it has none."""
    return {
        "check": change.check,
        "severity": change.severity,
        "breaks": list(change.breaks),
        "pointer": pointer_of(change),
        "path": path_of(change),
        "message": change.message,
    }


def _file_dict(group: Group) -> dict[str, Any]:
    return {
        "file": group.name,
        "kind": group.kind,
        **({"description": group.description} if group.description else {}),
        "findings": [finding_dict(finding) for finding in group.findings],
    }


def report_dict(report: Report, code: ExitCode) -> dict[str, Any]:
    groups, truncated = shown(report)
    document: dict[str, Any] = {"ok": code == ExitCode.OK, **report.extra}
    if report.layout == "changes":
        document["changes"] = [change_dict(f) for g in groups if g.changes for f in g.findings]
        document["inputs"] = [_file_dict(group) for group in groups if not group.changes]
    elif report.layout == "findings":
        flat = [finding_dict(f, flat=True) for group in groups for f in group.findings]
        document["findings"] = flat
    else:
        document["files"] = [_file_dict(group) for group in groups]
    if report.skipped or report.layout == "findings":
        document["skipped"] = [
            {"family": s.family, "target": s.target, "reason": s.reason} for s in report.skipped
        ]
    if report.families:
        document["families"] = [dataclasses.asdict(state) for state in report.families]
    if report.strict:
        document["strict"] = True
    if truncated:
        document["truncated"] = truncated
    document |= {"tool": "helicone-contract", "version": __version__, "command": report.command}
    return document


def render_json(report: Report, code: ExitCode) -> str:
    return json.dumps(report_dict(report, code), indent=2, ensure_ascii=False) + "\n"


def error_document(command: str | None, code: ExitCode, error: str) -> str:
    """What stdout holds when the run itself failed: still one complete JSON document."""
    document = {"ok": False, "error": error, "exit_code": int(code)}
    document |= {"tool": "helicone-contract", "version": __version__, "command": command}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

"""SARIF 2.1.0 (``--sarif PATH``): what GitHub code scanning and other SARIF viewers read.

One run; the rules are the catalog's rows for the command, so a viewer shows each check's
description and default level. A result points at its file, line and column when it has them,
and always names its place as a logical location (the JSONPath, with its target or JSON
Pointer). A result's level is its severity's, except that under ``--strict`` a warning that
fails the run is an ``error``. Acknowledged findings are results with an external suppression;
check families that did not run are tool execution notifications (and every family's state an
invocation property); ``truncated`` is a run property. A run that could not happen is a failed
invocation with an error notification.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from conformance import __version__
from conformance.catalog import CHECKS, checks_for
from conformance.exit_codes import ExitCode
from conformance.findings import Finding
from conformance.reporting.model import Group, Report, shown
from conformance.reporting.wording import message, not_run, place

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "breaking": "error", "warning": "warning", "info": "note"}


def _uri(file: str) -> str:
    path = Path(file)
    return path.resolve().as_uri() if path.is_absolute() else quote(path.as_posix())


def _rules(report: Report) -> list[dict[str, Any]]:
    ids = [check.id for check in checks_for(report.command)]
    ids += sorted({f.check for f in report.findings} - set(ids))
    return [
        {
            "id": check_id,
            "shortDescription": {"text": CHECKS[check_id].description},
            "defaultConfiguration": {"level": _LEVELS[CHECKS[check_id].severity]},
            "properties": {"family": CHECKS[check_id].family},
        }
        for check_id in ids
    ]


def _location(group: Group, finding: Finding) -> dict[str, Any]:
    location: dict[str, Any] = {}
    if group.file is not None:
        physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(group.file)}}
        if finding.line is not None:
            physical["region"] = {"startLine": finding.line, "startColumn": finding.column or 1}
        location["physicalLocation"] = physical
    name = place(finding) or "$"
    qualified = name if group.file is not None else f"{group.name}: {name}"
    location["logicalLocations"] = [{"name": name, "fullyQualifiedName": qualified}]
    return location


def _result(
    report: Report, group: Group, finding: Finding, index: dict[str, int]
) -> dict[str, Any]:
    level = "error" if report.fails(finding) else _LEVELS[finding.severity]
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": index[finding.check],
        "level": level,
        "message": {"text": message(finding, strict=report.strict)},
        "locations": [_location(group, finding)],
    }
    properties = {
        "target": finding.target,
        "reproduce": finding.reproduce,
        "seenIn": None if finding.seen_in is None else list(finding.seen_in),
        "maybeConsequence": finding.maybe_consequence or None,
    }
    if any(value is not None for value in properties.values()):
        result["properties"] = {k: v for k, v in properties.items() if v is not None}
    if finding.acknowledged:
        result["suppressions"] = [{"kind": "external", "justification": "acknowledged"}]
    return result


def render_sarif(report: Report, code: ExitCode) -> str:
    groups, truncated = shown(report)
    rules = _rules(report)
    index = {rule["id"]: position for position, rule in enumerate(rules)}
    invocation: dict[str, Any] = {
        "executionSuccessful": code in (ExitCode.OK, ExitCode.FINDINGS),
        "exitCode": int(code),
    }
    if report.skipped:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "note",
                "message": {"text": not_run(skipped)},
                "descriptor": {"id": f"not-run.{skipped.family}"},
                "properties": {"target": skipped.target, "family": skipped.family},
            }
            for skipped in report.skipped
        ]
    if report.families:
        invocation["properties"] = {
            "families": [dataclasses.asdict(state) for state in report.families]
        }
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "helicone-contract", "version": __version__, "rules": rules}},
        "invocations": [invocation],
        "results": [_result(report, g, f, index) for g in groups for f in g.findings],
        "properties": {"command": report.command},
    }
    artifacts = [
        {"location": {"uri": _uri(g.file)}, "description": {"text": g.description}}
        for g in report.groups
        if g.file is not None and g.description
    ]
    if artifacts:
        run["artifacts"] = artifacts
    if truncated:
        run["properties"]["truncated"] = truncated
    return _serialise(run)


def sarif_failure(command: str, code: ExitCode, reason: str) -> str:
    """The SARIF file of a run that could not happen: no results, a failed invocation whose
    error notification says why."""
    invocation = {
        "executionSuccessful": False,
        "exitCode": int(code),
        "toolExecutionNotifications": [{"level": "error", "message": {"text": reason}}],
    }
    driver = {"name": "helicone-contract", "version": __version__, "rules": []}
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "results": [],
        "properties": {"command": command},
    }
    return _serialise(run)


def _serialise(run: dict[str, Any]) -> str:
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

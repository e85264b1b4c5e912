"""One JSON payload, whoever reads it (``validate``, ``diff``, ``serve --registry``): read
within a limit, parsed as strict JSON, its kind told (unless given), checked by
``check_document``, and each finding placed at its line and column in the text.

``read_payload`` / ``check_payload`` are the one way a payload becomes a value and findings;
what cannot be used at all is a ``SpecLoadError`` (one line, exit 2).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import specload
from conformance.checks import check_document
from conformance.errors import InputError
from conformance.findings import Finding
from conformance.reporting import Group
from conformance.validation.kinds import KIND_DESCRIPTIONS, detect_kind

_UNPARSED: Any = object()


@dataclass(frozen=True, slots=True)
class Payload:
    """A payload after ``check_payload``: its value, its bytes, and its report group."""

    value: Any
    raw: bytes
    group: Group
    """Its name, kind (as given or detected) and its findings, placed and in text order."""


def read_payload(
    source: str,
    kind: str | None = None,
    max_bytes: int = specload.DEFAULT_LIMITS.max_payload_bytes,
) -> Payload:
    """Read (``-`` is stdin) and check one payload."""
    raw = specload.read_source(source, max_bytes)
    file = None if source == "-" else source
    return check_payload(raw, specload.display_name(source), kind, file=file)


def check_payload(
    raw: bytes,
    name: str,
    kind: str | None = None,
    *,
    file: str | None = None,
    value: Any = _UNPARSED,
) -> Payload:
    """Parse (unless ``value`` is given, parsed from ``raw``), tell the kind (unless given),
    check and place the findings of one payload."""
    if value is _UNPARSED:
        value = specload.parse_json(raw, name)
    chosen = kind or detect_kind(value)
    if chosen is None:
        raise InputError(
            f"{name}: cannot tell what this document is (not a registry response, a registry "
            "data object or a /v1/models list); pass --kind"
        )
    findings = with_positions(check_document(value, chosen), raw, value)
    group = Group(name, chosen, findings, file=file, description=describe(chosen, given=bool(kind)))
    return Payload(value, raw, group)


def describe(kind: str, *, given: bool) -> str:
    """The kind in words, and whether it was detected: the user sees what was assumed."""
    if given:
        return KIND_DESCRIPTIONS[kind]
    if kind == "registry":  # a live answer lacking its wrapper would pass as one
        return f"{KIND_DESCRIPTIONS[kind]}, detected; an HTTP answer? --kind registry-response"
    return f"{KIND_DESCRIPTIONS[kind]}, detected"


def with_positions(findings: list[Finding], raw: bytes, document: Any) -> list[Finding]:
    """Fill line and column from the raw text, and order the findings as they appear in it."""
    if not findings:
        return findings
    text = raw.decode("utf-8-sig")
    wanted = [f.location for f in findings if f.location is not None]
    positions = specload.locate(text, wanted, document)
    located = []
    for finding in findings:
        where = positions.get(finding.location) if finding.location is not None else None
        located.append(_at(finding, where))
    return sorted(located, key=_position)


def _at(finding: Finding, where: tuple[int, int] | None) -> Finding:
    if where is None:
        return finding
    return dataclasses.replace(finding, line=where[0], column=where[1])


def _position(finding: Finding) -> tuple[int, int]:
    if finding.line is None or finding.column is None:
        return (2**62, 0)
    return (finding.line, finding.column)

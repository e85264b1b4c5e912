"""``validate`` of one input: read, parse, tell the kind, check, then locate each finding."""

from __future__ import annotations

import dataclasses
from typing import Any

from conformance.checks import check_document
from conformance.errors import InputError
from conformance.findings import Finding
from conformance.jsonload import DEFAULT_MAX_BYTES, STDIN, parse_json, read_source
from conformance.locate import locate
from conformance.reporting import Group
from conformance.validation.kinds import KIND_DESCRIPTIONS, detect_kind


def display_name(source: str) -> str:
    return STDIN if source == "-" else source


def validate_source(
    source: str, kind: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Group:
    """All findings of one file (``-`` is stdin); an unusable input raises InputError."""
    name = display_name(source)
    raw = read_source(source, max_bytes)
    document = parse_json(raw, name)
    chosen = kind or detect_kind(document)
    if chosen is None:
        raise InputError(
            f"{name}: cannot tell what this document is (not a registry response, a registry "
            "data object or a /v1/models list); pass --kind"
        )
    findings = with_positions(check_document(document, chosen), raw, document)
    file = None if source == "-" else source
    return Group(name, chosen, findings, file=file, description=describe(chosen, given=bool(kind)))


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
    positions = locate(text, wanted, document)
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

"""Example payload files beside the specs (``specs/examples/``), declared in ``manifest.json``.

See ``specs/examples/README.md`` for the manifest format. Each declared file is checked against
the response it exemplifies, like an example embedded in the document; its findings carry the
JSON pointer of that response's media type in the document.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import specload
from conformance.catalog import finding
from conformance.checks import check_document
from conformance.errors import InputError
from conformance.findings import Finding
from conformance.reporting import Group
from conformance.validation.files import with_positions
from conformance.validation.kinds import KIND_DESCRIPTIONS
from generated.schemas import RESPONSE_KINDS
from specload import DEFAULT_LIMITS, parse_json, read_source

MANIFEST = "manifest.json"
_FIELDS = ("file", "document", "operation", "status")


@dataclass(frozen=True, slots=True)
class Declared:
    file: str
    document: str
    operation: str
    status: str
    media_type: str = "application/json"


def read_manifest(directory: Path) -> list[Declared]:
    source = str(directory / MANIFEST)
    manifest = parse_json(read_source(source, DEFAULT_LIMITS.max_payload_bytes), source)
    entries = manifest.get("examples") if isinstance(manifest, dict) else None
    if not isinstance(entries, list):
        raise InputError(f'{source}: expected {{"examples": [...]}}')
    declared = []
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in _FIELDS):
            raise InputError(
                f"{source}: examples[{index}] needs string fields {', '.join(_FIELDS)}"
            )
        file, document, operation, status = (entry[key] for key in _FIELDS)
        media_type = str(entry.get("mediaType", "application/json"))
        declared.append(Declared(file, document, operation, status, media_type))
    return declared


def lint_example_files(directory: Path, documents: dict[str, specload.Checked]) -> list[Group]:
    """Groups for the declared files of the documents linted (by file name), and strays."""
    declared = read_manifest(directory)
    groups = [
        _lint_one(directory, entry, documents[entry.document])
        for entry in declared
        if entry.document in documents
    ]
    known = {entry.file for entry in declared} | {MANIFEST}
    for stray in sorted(directory.glob("*.json")):
        if stray.name not in known:
            message = f"not declared in {directory / MANIFEST}: which response does it exemplify?"
            groups.append(
                Group(
                    str(stray),
                    "example",
                    [finding("lint.example-undeclared", message, None)],
                    file=str(stray),
                )
            )
    return groups


def _lint_one(directory: Path, entry: Declared, document: specload.Checked) -> Group:
    source = str(directory / entry.file)
    method, _, path = entry.operation.partition(" ")
    media_at = (
        "paths",
        path,
        method.lower(),
        "responses",
        entry.status,
        "content",
        entry.media_type,
    )
    media = _get(document.value, media_at)
    target = f"{entry.media_type} response {entry.status} of {entry.operation}"
    message = None
    if not isinstance(media, dict):
        message = f"{entry.document} has no {target}"
    elif not (directory / entry.file).is_file():
        message = f"the manifest declares it as the {target}, but there is no such file"
    if message is not None:
        return Group(
            source, "example", [finding("lint.example-target", message, None)], file=source
        )
    raw = read_source(source, DEFAULT_LIMITS.max_payload_bytes)
    value = parse_json(raw, source)
    kind = RESPONSE_KINDS.get((method.upper(), path), {}).get(entry.status)
    findings: list[Finding] = []
    if kind is not None:
        findings = check_document(value, kind)
    elif isinstance(media.get("schema"), dict):
        from conformance.checks.openapi_schema import schema_problems

        problems = schema_problems(document.value, (*media_at, "schema"), value)
        findings = [finding("schema", message, at) for at, message in problems]
    findings = [dataclasses.replace(f, pointer=media_at) for f in findings]
    described = KIND_DESCRIPTIONS[kind] if kind else f"example of the {target}"
    return Group(source, kind or "example", with_positions(findings, raw, value), source, described)


def _get(value: Any, location: tuple[str, ...]) -> Any:
    for step in location:
        value = value.get(step) if isinstance(value, dict) else None
    return value

"""``lint`` of one OpenAPI document: the document itself, then every example inside it."""

from __future__ import annotations

import dataclasses
from typing import Any

from conformance.catalog import finding
from conformance.checks import check_document
from conformance.checks.openapi_schema import schema_problems
from conformance.findings import Finding, Location
from conformance.reporting import Group
from conformance.validation.examples import Example, find_examples
from conformance.validation.yamldoc import YamlDocument, load_yaml


def lint_document(text: str, name: str, file: str | None = None) -> tuple[Group, YamlDocument]:
    """All findings of one document (InputError when it is not YAML at all)."""
    document = load_yaml(text, name)
    findings = openapi_findings(document)
    if isinstance(document.value, dict):
        for example in find_examples(document.value):
            findings += example_findings(document, example)
    return Group(name, "openapi", findings, file, "OpenAPI document"), document


def openapi_findings(document: YamlDocument) -> list[Finding]:
    """openapi-spec-validator's verdict on the document, each error at its location."""
    from openapi_spec_validator import OpenAPIV30SpecValidator

    if not isinstance(document.value, dict):
        found = finding("openapi", "not an OpenAPI document (not a mapping)", None)
        return [_placed(document, found, ())]
    findings = []
    for error in OpenAPIV30SpecValidator(document.value).iter_errors():
        location = _as_in(document.value, tuple(getattr(error, "path", ())))
        message = str(error.message).splitlines()[0]
        findings.append(_placed(document, finding("openapi", message, None), location))
    return findings


def example_findings(document: YamlDocument, example: Example) -> list[Finding]:
    """The example's findings: ``location`` inside the example, ``pointer`` to it in the
    document, line and column where the value sits in the document."""
    if example.kind is not None:
        found = check_document(example.value, example.kind)
    elif example.schema_at is not None and isinstance(document.value, dict):
        problems = schema_problems(document.value, example.schema_at, example.value)
        found = [finding("schema", message, at) for at, message in problems]
    else:
        return []
    return [
        _placed(document, f, (*example.location, *(f.location or ())), example.location)
        for f in found
    ]


def _placed(
    document: YamlDocument, found: Finding, at: Location, pointer: Location | None = None
) -> Finding:
    """With the line and column of ``at`` in the document and ``pointer`` (by default ``at``
    itself: a finding about the document, not inside an example)."""
    line, column = document.position(at) or (None, None)
    return dataclasses.replace(
        found, pointer=at if pointer is None else pointer, line=line, column=column
    )


def _as_in(value: Any, location: tuple[Any, ...]) -> tuple[str | int, ...]:
    """The validator's path with steps typed as the document has them ('200' vs 200)."""
    steps: list[str | int] = []
    for step in location:
        if isinstance(value, list) and isinstance(step, int):
            steps.append(step)
            value = value[step] if step < len(value) else None
        else:
            key = str(step)
            steps.append(key)
            value = value.get(key) if isinstance(value, dict) else None
    return tuple(steps)

"""``lint`` of one OpenAPI document: the document itself, then every example inside it."""

from __future__ import annotations

import dataclasses
from typing import Any

from conformance.checks.catalog import finding
from conformance.checks.openapi_schema import schema_problems
from conformance.checks.schema import check_document
from conformance.findings import Finding
from conformance.jsonpath import Location, to_jsonpath, to_pointer
from conformance.locate import parse_jsonpath
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
    return Group(name, "openapi", findings, file=file), document


def openapi_findings(document: YamlDocument) -> list[Finding]:
    """openapi-spec-validator's verdict on the document, each error at its location."""
    from openapi_spec_validator import OpenAPIV30SpecValidator

    if not isinstance(document.value, dict):
        return [
            _at(
                document,
                finding("openapi", "not an OpenAPI document (not a mapping)", None, pointer=""),
                (),
            )
        ]
    findings = []
    for error in OpenAPIV30SpecValidator(document.value).iter_errors():
        location = _as_in(document.value, tuple(getattr(error, "path", ())))
        message = str(error.message).splitlines()[0]
        findings.append(
            _at(document, finding("openapi", message, None, pointer=to_pointer(location)), location)
        )
    return findings


def example_findings(document: YamlDocument, example: Example) -> list[Finding]:
    pointer = to_pointer(example.location)
    if example.kind is not None:
        found = check_document(example.value, example.kind)
    elif example.schema_at is not None and isinstance(document.value, dict):
        problems = schema_problems(document.value, example.schema_at, example.value)
        found = [
            finding("schema", message, to_jsonpath(location)) for location, message in problems
        ]
    else:
        return []
    return [
        _at(
            document,
            dataclasses.replace(f, pointer=pointer),
            (*example.location, *parse_jsonpath(f.path or "$")),
        )
        for f in found
    ]


def _at(document: YamlDocument, found: Finding, location: Location) -> Finding:
    where = document.position(location)
    if where is None:
        return found
    return dataclasses.replace(found, line=where[0], column=where[1])


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

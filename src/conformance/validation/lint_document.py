"""``lint`` of one OpenAPI document: the document itself, then every example inside it.

The document is read and checked by ``specload`` (the one safe loader: nothing is fetched,
no file outside the document's folder is opened, YAML is bounded); its problems become
findings of the same ids. Examples are then found in the value ``specload`` made
self-contained, so checking one against a schema of the document can follow no reference out.
"""

from __future__ import annotations

import dataclasses

import specload
from conformance.catalog import finding
from conformance.checks import check_document
from conformance.checks.openapi_schema import schema_problems
from conformance.findings import Finding, Location
from conformance.reporting import Group
from conformance.validation.examples import Example, find_examples

KIND = "openapi"
DESCRIPTION = "OpenAPI document"


def lint_document(
    document: specload.Document,
    *,
    allow_file_refs: bool = False,
    limits: specload.Limits = specload.DEFAULT_LIMITS,
    file: str | None = None,
    description: str = DESCRIPTION,
) -> tuple[Group, specload.Checked]:
    """All findings of one document; ``specload.ValidatorFailed`` when the validator fails."""
    checked = specload.check(document, allow_file_refs=allow_file_refs, limits=limits)
    findings = [problem_finding(problem) for problem in checked.problems]
    if isinstance(checked.value, dict):
        for example in find_examples(checked.value):
            findings += example_findings(checked, example)
    group = Group(document.name, KIND, findings, file=file, description=description)
    return group, checked


def problem_finding(problem: specload.Problem) -> Finding:
    found = finding(problem.check, problem.message, pointer=problem.pointer)
    return dataclasses.replace(found, line=problem.line, column=problem.column)


def example_findings(checked: specload.Checked, example: Example) -> list[Finding]:
    """The example's findings: ``location`` inside the example, ``pointer`` to it. A failure
    of the validator on it is ``specload.ValidatorFailed``: the document and the example."""
    try:
        return _example_findings(checked, example)
    except Exception as exc:  # noqa: BLE001  # a hostile schema must not end in a traceback
        line, column = checked.position(example.location)
        where = specload.pointer_text(example.location)
        message = f"{where}: checking this example failed ({type(exc).__name__})"
        raise specload.ValidatorFailed(checked.document.name, message, line, column) from None


def _example_findings(checked: specload.Checked, example: Example) -> list[Finding]:
    if example.kind is not None:
        found = check_document(example.value, example.kind)
    elif example.schema_at is not None and isinstance(checked.value, dict):
        problems = schema_problems(checked.value, example.schema_at, example.value)
        found = [finding("schema", message, at) for at, message in problems]
    else:
        return []
    return [_placed(checked, f, example.location) for f in found]


def _placed(checked: specload.Checked, found: Finding, example_at: Location) -> Finding:
    """With the line and column of the finding's place in the document."""
    inside = found.location if found.location is not None else ()
    line, column = checked.position((*example_at, *inside))
    return dataclasses.replace(found, pointer=example_at, line=line, column=column)

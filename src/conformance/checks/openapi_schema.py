"""An example against a schema of the OpenAPI document itself (any schema, not only the known
response schemas): the reference validator for OpenAPI 3.0 schemas, errors worded like ours.

For anyOf/oneOf the branch that came closest (``schema_errors.closest_branch``) is followed
down and its own errors are reported, each at its own location.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from conformance.checks.schema_errors import (
    Problem,
    closest_branch,
    dedupe,
    enum_message,
    required_message,
    type_message,
    unexpected_message,
)
from conformance.findings import Location
from conformance.jsonpath import to_pointer

_BRANCHING = ("anyOf", "oneOf")


def schema_problems(document: dict[str, Any], schema_at: Location, instance: Any) -> list[Problem]:
    """Problems of ``instance`` against the schema at ``schema_at`` inside ``document``."""
    from openapi_schema_validator import OAS30Validator

    # Draft-4 semantics: a $ref replaces its siblings, so the document becomes the resolution
    # root of every #/components/... reference while only the wanted schema is applied.
    root = {**document, "$ref": "#" + to_pointer(schema_at)}
    return dedupe(_worded(OAS30Validator(root).iter_errors(instance)))


def _worded(errors: Iterable[Any]) -> list[tuple[Location, str, str]]:
    problems: list[tuple[Location, str, str]] = []
    for error in errors:
        location: Location = tuple(error.absolute_path)
        if error.validator in _BRANCHING and error.context:
            problems += _worded(_closest_branch(error.context))
        elif error.validator == "enum":
            problems.append((location, "enum", enum_message(error.instance, error.validator_value)))
        elif error.validator == "type":
            types = (
                [error.validator_value]
                if isinstance(error.validator_value, str)
                else error.validator_value
            )
            problems.append((location, "type", type_message(error.instance, types)))
        elif error.validator == "required" and isinstance(error.instance, dict):
            missing = [name for name in error.validator_value if name not in error.instance]
            problems += [(location, "required", required_message(name)) for name in missing]
        elif error.validator == "additionalProperties" and isinstance(error.instance, dict):
            known = error.schema.get("properties", {})
            extra = [name for name in error.instance if name not in known]
            problems += [
                ((*location, name), "additional", unexpected_message(name)) for name in extra
            ]
        else:
            problems.append((location, str(error.validator), error.message))
    return problems


def _closest_branch(context: Iterable[Any]) -> list[Any]:
    by_branch: dict[Any, list[Any]] = defaultdict(list)
    for error in context:
        by_branch[error.relative_schema_path[0]].append(error)
    errors = list(by_branch.values())
    return closest_branch(errors, lambda branch: [tuple(e.absolute_path) for e in branch])

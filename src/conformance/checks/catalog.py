"""Every check id with its severity and a one-line description: the one place they are defined.

A check module never writes a severity itself; it calls ``finding(check_id, ...)``, so the
table in ``docs/checks-validate.md`` (``python -m conformance.checks.catalog``) cannot drift
from what the tool does.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from conformance.findings import Finding, Severity


@dataclass(frozen=True, slots=True)
class CheckInfo:
    id: str
    severity: Severity
    scope: str
    """Which command or document kind runs it: registry, models, any, lint."""
    description: str


_ALL = (
    CheckInfo(
        "schema",
        "error",
        "any",
        "The value does not match the OpenAPI schema (and the generated strict types).",
    ),
    CheckInfo(
        "schema.wrapper-missing",
        "error",
        "registry-response",
        "A registry response lacks its `{data, error}` wrapper: the bare `data` object was given.",
    ),
    CheckInfo(
        "registry.total-mismatch", "error", "registry", "`total` differs from the number of models."
    ),
    CheckInfo("registry.duplicate-model-id", "error", "registry", "Two models share an id."),
    CheckInfo(
        "registry.providers-mismatch",
        "error",
        "registry",
        "`filters.providers` is not exactly the set of `endpoints[].provider` values.",
    ),
    CheckInfo(
        "registry.providers-unsorted",
        "error",
        "registry",
        "`filters.providers` is not sorted by name.",
    ),
    CheckInfo(
        "registry.provider-display-name",
        "error",
        "registry",
        "A provider filter has an empty `displayName`.",
    ),
    CheckInfo(
        "registry.authors-mismatch",
        "error",
        "registry",
        "`filters.authors` is not exactly the set of model authors.",
    ),
    CheckInfo("registry.authors-unsorted", "error", "registry", "`filters.authors` is not sorted."),
    CheckInfo(
        "registry.filters-duplicate",
        "error",
        "registry",
        "A provider, author or capability is listed twice in `filters`.",
    ),
    CheckInfo(
        "registry.capability-unsupported",
        "error",
        "registry",
        "A capability in `filters` no endpoint pricing supports (`reasoning` is never produced).",
    ),
    CheckInfo(
        "registry.capability-not-listed",
        "warning",
        "registry",
        "Endpoint pricing implies a capability that `filters.capabilities` lacks.",
    ),
    CheckInfo(
        "registry.capabilities-unsorted",
        "warning",
        "registry",
        "`filters.capabilities` is not sorted.",
    ),
    CheckInfo(
        "registry.price-invalid",
        "error",
        "registry",
        "A price is negative (NaN, Infinity and overflowing numbers are refused by the parser).",
    ),
    CheckInfo(
        "registry.duplicate-parameter",
        "error",
        "registry",
        "A model's `supportedParameters` (a union) names a parameter twice.",
    ),
    CheckInfo(
        "registry.parameters-incomplete",
        "error",
        "registry",
        "A model's `supportedParameters` lacks a parameter one of its endpoints supports.",
    ),
    CheckInfo(
        "registry.training-date-format",
        "warning",
        "registry",
        "`trainingDate` is not an ISO 8601 date-time.",
    ),
    CheckInfo(
        "models.duplicate-id", "error", "models", "Two models in a `/v1/models` list share an id."
    ),
    CheckInfo(
        "models.created-milliseconds",
        "error",
        "models",
        "`created` is far too large for Unix seconds (milliseconds?).",
    ),
    CheckInfo(
        "openapi",
        "error",
        "lint",
        "The document is not a valid OpenAPI 3.0 document (openapi-spec-validator).",
    ),
    CheckInfo(
        "lint.example-undeclared",
        "error",
        "lint",
        "A JSON file in `specs/examples/` that the manifest does not declare.",
    ),
    CheckInfo(
        "lint.example-target",
        "error",
        "lint",
        "The manifest names a document, operation or status that does not exist.",
    ),
    CheckInfo(
        "lint.baseline-stale",
        "warning",
        "lint",
        "A baseline entry that matched no finding: the upstream defect may be fixed.",
    ),
)

CHECKS: dict[str, CheckInfo] = {check.id: check for check in _ALL}


def finding(
    check_id: str, message: str, path: str | None, *, pointer: str | None = None
) -> Finding:
    """A Finding of a catalogued check; an unknown id is a programming error (KeyError)."""
    info = CHECKS[check_id]
    return Finding(info.id, info.severity, message, path=path, pointer=pointer)


def markdown_table() -> str:
    rows = ["| check | severity | applies to | what it means |", "|---|---|---|---|"]
    rows += [f"| `{c.id}` | {c.severity} | {c.scope} | {c.description} |" for c in _ALL]
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())

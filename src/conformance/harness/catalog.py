"""The checks only ``conformance`` runs, in the same form as ``conformance.checks.catalog``.

The schema and semantic checks are ``validate``'s own (same ids, same wording), run on live
answers; everything about the HTTP exchange is defined here. ``python -m
conformance.harness.catalog`` prints the table of docs/checks-conformance.md.
"""

from __future__ import annotations

import sys

from conformance.checks.catalog import CHECKS as DOCUMENT_CHECKS
from conformance.checks.catalog import CheckInfo
from conformance.findings import Finding, Target

_HARNESS = (
    CheckInfo("contract.status", "error", "contract",
              "A status code the operation does not document (5xx: see `contract.server-error`)."),
    CheckInfo("contract.server-error", "error", "contract",
              "A 5xx answer, documented or not (a flaky one is also `transport.inconsistent`)."),
    CheckInfo("contract.media-type", "error", "contract",
              "`Content-Type` missing or not the documented media type (`application/json`)."),
    CheckInfo("contract.json", "error", "contract",
              "The body is not strict RFC 8259 JSON: NaN, trailing garbage, bad UTF-8, empty."),
    CheckInfo("semantic.error-status", "error", "semantic",
              "A registry `{data: null, error}` envelope sent with a status other than 500."),
    CheckInfo("cross.models", "error", "cross",
              "The gateway does not list exactly the registry's model ids."),
    CheckInfo("cross.order", "error", "cross",
              "The gateway lists the registry's models in another order."),
    CheckInfo("cross.owned-by", "error", "cross",
              "A gateway model's `owned_by` differs from the registry model's `author`."),
    CheckInfo("cross.created", "error", "cross",
              "`created` is not the registry `trainingDate` in Unix seconds (absent: 2024-01-01)."),
    CheckInfo("transport.timeout", "error", "transport",
              "No complete answer within `--timeout` (the connection was accepted)."),
    CheckInfo("transport.connection", "error", "transport",
              "Connection refused, reset or closed without an answer after the run started."),
    CheckInfo("transport.inconsistent", "error", "transport",
              "Identical requests got different answers (status or JSON value)."),
    CheckInfo("hygiene.method", "warning", "hygiene",
              "An undeclared method (POST, PUT, PATCH, DELETE, TRACE) not answered 405."),
    CheckInfo("hygiene.allow", "warning", "hygiene",
              "A 405 answer without an `Allow` header listing the declared methods."),
    CheckInfo("hygiene.charset", "warning", "hygiene",
              "A JSON answer whose `Content-Type` has no `charset=utf-8` (or another charset)."),
)  # fmt: skip
HARNESS_CHECKS: dict[str, CheckInfo] = {check.id: check for check in _HARNESS}

# validate's checks that conformance also runs on every answer body.
_DOCUMENT_SCOPES = ("any", "registry-response", "registry", "models")


def conformance_checks() -> list[CheckInfo]:
    reused = [c for c in DOCUMENT_CHECKS.values() if c.scope in _DOCUMENT_SCOPES]
    return [*_HARNESS, *reused]


def finding(
    check_id: str,
    message: str,
    target: Target,
    *,
    path: str | None = None,
    reproduce: str | None = None,
) -> Finding:
    info = HARNESS_CHECKS[check_id]
    return Finding(info.id, info.severity, message, path=path, target=target, reproduce=reproduce)


def markdown_table() -> str:
    rows = ["| check | severity | kind | what it means |", "|---|---|---|---|"]
    for check in conformance_checks():
        kind = check.scope if check.id in HARNESS_CHECKS else f"document ({check.scope})"
        rows.append(f"| `{check.id}` | {check.severity} | {kind} | {check.description} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(markdown_table())

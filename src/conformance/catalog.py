"""Every check id the tool can report, in one table, and the one way to make a finding.

Each row says what a check is about (its category), how bad it is (its severity), which
commands can emit it and, in one line, what it means. Nothing else writes a severity or a
description: checks call ``finding(check_id, ...)``, and the tables in ``docs/`` and README.md
are rendered from here: each sits between ``<!-- checks: NAME -->`` and ``<!-- /checks -->``,
``python -m conformance.catalog write FILE...`` renders them, and a test fails when they drift.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from conformance.findings import Finding, Location, Severity, Target

Category = Literal[
    "document", "semantic", "cross", "contract", "transport", "hygiene", "lint", "diff"
]
Command = Literal["validate", "lint", "serve", "conformance", "diff"]
COMMANDS: tuple[Command, ...] = ("validate", "lint", "serve", "conformance", "diff")

_DOCUMENT: tuple[Command, ...] = ("validate", "lint", "serve", "conformance", "diff")
_CONFORMANCE: tuple[Command, ...] = ("conformance",)
_LINT: tuple[Command, ...] = ("lint",)


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    category: Category
    severity: Severity
    commands: tuple[Command, ...]
    description: str


_ROWS = (
    # Documents: what validate checks in a file, lint in an example, conformance in an answer.
    Check("schema", "document", "error", _DOCUMENT,
          "The value does not match the OpenAPI schema (and the generated strict types)."),
    Check("schema.wrapper-missing", "document", "error", _DOCUMENT,
          "A registry response lacks its `{data, error}` wrapper: the bare `data` object was given."),  # noqa: E501
    Check("registry.total-mismatch", "semantic", "error", _DOCUMENT,
          "`total` differs from the number of models."),
    Check("registry.duplicate-model-id", "semantic", "error", _DOCUMENT,
          "Two models share an id."),
    Check("registry.providers-mismatch", "semantic", "error", _DOCUMENT,
          "`filters.providers` is not exactly the set of `endpoints[].provider` values."),
    Check("registry.providers-unsorted", "semantic", "error", _DOCUMENT,
          "`filters.providers` is not sorted by name."),
    Check("registry.provider-display-name", "semantic", "error", _DOCUMENT,
          "A provider filter has an empty `displayName`."),
    Check("registry.authors-mismatch", "semantic", "error", _DOCUMENT,
          "`filters.authors` is not exactly the set of model authors."),
    Check("registry.authors-unsorted", "semantic", "error", _DOCUMENT,
          "`filters.authors` is not sorted."),
    Check("registry.filters-duplicate", "semantic", "error", _DOCUMENT,
          "A provider, author or capability is listed twice in `filters`."),
    Check("registry.capability-unsupported", "semantic", "error", _DOCUMENT,
          "A capability in `filters` that no endpoint pricing supports (`reasoning` never is)."),
    Check("registry.capability-not-listed", "semantic", "warning", _DOCUMENT,
          "Endpoint pricing implies a capability that `filters.capabilities` lacks."),
    Check("registry.capabilities-unsorted", "semantic", "warning", _DOCUMENT,
          "`filters.capabilities` is not sorted."),
    Check("registry.price-invalid", "semantic", "error", _DOCUMENT,
          "A price is negative (NaN, Infinity and overflowing numbers are refused by the parser)."),
    Check("registry.duplicate-parameter", "semantic", "error", _DOCUMENT,
          "A model's `supportedParameters` (a union) names a parameter twice."),
    Check("registry.parameters-incomplete", "semantic", "error", _DOCUMENT,
          "A model's `supportedParameters` lacks a parameter one of its endpoints supports."),
    Check("registry.training-date-format", "semantic", "warning", _DOCUMENT,
          "`trainingDate` is not an ISO 8601 date-time."),
    Check("models.duplicate-id", "semantic", "error", _DOCUMENT,
          "Two models in a `/v1/models` list share an id."),
    Check("models.created-milliseconds", "semantic", "error", _DOCUMENT,
          "`created` is far too large for Unix seconds (milliseconds?)."),
    # Live answers only.
    Check("semantic.error-status", "semantic", "error", _CONFORMANCE,
          "A registry `{data: null, error}` envelope sent with a status other than 500."),
    Check("contract.status", "contract", "error", _CONFORMANCE,
          "A status code the operation does not document (5xx: see `contract.server-error`)."),
    Check("contract.server-error", "contract", "error", _CONFORMANCE,
          "A 5xx answer, documented or not (a flaky one is also `transport.inconsistent`)."),
    Check("contract.media-type", "contract", "error", _CONFORMANCE,
          "`Content-Type` missing or not the documented media type (`application/json`)."),
    Check("contract.json", "contract", "error", _CONFORMANCE,
          "The body is not strict RFC 8259 JSON: NaN, trailing garbage, bad UTF-8, empty."),
    Check("cross.models", "cross", "error", _CONFORMANCE,
          "The gateway does not list exactly the registry's model ids."),
    Check("cross.order", "cross", "error", _CONFORMANCE,
          "The gateway lists the registry's models in another order."),
    Check("cross.owned-by", "cross", "error", _CONFORMANCE,
          "A gateway model's `owned_by` differs from the registry model's `author`."),
    Check("cross.created", "cross", "error", _CONFORMANCE,
          "`created` is not the registry `trainingDate` in Unix seconds (absent: 2024-01-01)."),
    Check("transport.timeout", "transport", "error", _CONFORMANCE,
          "No complete answer within `--timeout` (the connection was accepted)."),
    Check("transport.connection", "transport", "error", _CONFORMANCE,
          "Connection refused, reset or closed without an answer after the run started."),
    Check("transport.inconsistent", "transport", "error", _CONFORMANCE,
          "Identical requests got different answers (status, media type or JSON value)."),
    Check("hygiene.method", "hygiene", "warning", _CONFORMANCE,
          "An undeclared method (POST, PUT, PATCH, DELETE, TRACE) not answered 405."),
    Check("hygiene.allow", "hygiene", "warning", _CONFORMANCE,
          "A 405 answer without an `Allow` header listing the declared methods."),
    Check("hygiene.charset", "hygiene", "warning", _CONFORMANCE,
          "A JSON answer whose `Content-Type` names a charset other than UTF-8."),
    Check("hygiene.head", "hygiene", "warning", _CONFORMANCE,
          "HEAD on a GET operation not answered with GET's status and headers and no body."),
    # OpenAPI documents and their examples.
    Check("openapi", "lint", "error", _LINT,
          "The document is not a valid OpenAPI 3.0 document (openapi-spec-validator)."),
    Check("lint.example-undeclared", "lint", "error", _LINT,
          "A JSON file in `specs/examples/` that the manifest does not declare."),
    Check("lint.example-target", "lint", "error", _LINT,
          "The manifest names a document, operation or status that does not exist."),
    Check("lint.baseline-stale", "lint", "warning", _LINT,
          "A baseline entry that matched no finding: the upstream defect may be fixed."),
)  # fmt: skip

CHECKS: dict[str, Check] = {check.id: check for check in _ROWS}


def finding(
    check_id: str,
    message: str,
    location: Location | None = None,
    *,
    target: Target | None = None,
    pointer: Location | None = None,
    reproduce: str | None = None,
) -> Finding:
    """A finding of a catalogued check; an unknown id is a programming error (KeyError)."""
    check = CHECKS[check_id]
    return Finding(
        check.id,
        check.severity,
        message,
        location=location,
        target=target,
        pointer=pointer,
        reproduce=reproduce,
    )


def checks_for(command: Command, categories: Iterable[Category] | None = None) -> list[Check]:
    """The checks ``command`` can emit, in catalog order, optionally of some categories only."""
    wanted = None if categories is None else set(categories)
    return [
        check
        for check in _ROWS
        if command in check.commands and (wanted is None or check.category in wanted)
    ]


def markdown_table(checks: Iterable[Check], *, with_category: bool = False) -> str:
    """The Markdown table of ``checks``: what README.md and docs/ show."""
    head = ["check", "severity", *(["category"] if with_category else []), "what it means"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for check in checks:
        cells = [f"`{check.id}`", check.severity]
        cells += [check.category] if with_category else []
        rows.append("| " + " | ".join([*cells, check.description]) + " |")
    return "\n".join(rows) + "\n"


_REGION = re.compile(r"(<!-- checks: ([a-z+-]+) -->\n)(.*?)(<!-- /checks -->)", re.DOTALL)


def named_table(name: str) -> str:
    """The table a document names: ``COMMAND`` (every check it can emit), ``COMMAND-only``
    (without those ``validate`` runs too), either with ``+category`` for a category column."""
    spec, _, extra = name.partition("+")
    command, _, only = spec.partition("-")
    if command not in COMMANDS or only not in ("", "only") or extra not in ("", "category"):
        raise ValueError(f"unknown table name {name!r}")
    checks = [check for check in _ROWS if command in check.commands]
    if only:
        checks = [check for check in checks if "validate" not in check.commands]
    return markdown_table(checks, with_category=bool(extra))


def render_tables(text: str) -> str:
    """``text`` with every marked table rendered from the catalog."""
    return _REGION.sub(lambda m: m[1] + named_table(m[2]) + m[4], text)


def _main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] in ("write", "check"):
        drifted = []
        for name in argv[1:]:
            with open(name, encoding="utf-8") as handle:
                text = handle.read()
            if render_tables(text) != text:
                drifted.append(name)
                if argv[0] == "write":
                    with open(name, "w", encoding="utf-8") as handle:
                        handle.write(render_tables(text))
        verdict = "rewritten" if argv[0] == "write" else "differ from the catalog"
        for name in drifted:
            sys.stderr.write(f"{name}: check tables {verdict}\n")
        return 1 if drifted and argv[0] == "check" else 0
    return _print_table(argv)


def _print_table(argv: list[str]) -> int:
    commands: dict[str, Command] = {c: c for c in COMMANDS}
    if len(argv) != 1 or argv[0] not in commands:
        usage = f"{{{'|'.join(commands)}}} | {{write|check}} FILE..."
        sys.stderr.write(f"usage: python -m conformance.catalog {usage}\n")
        return 2
    sys.stdout.write(markdown_table(checks_for(commands[argv[0]]), with_category=True))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

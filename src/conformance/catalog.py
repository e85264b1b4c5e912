"""Every check id the tool can report, in one table, and the one way to make a finding.

Each row says what a check is about (its family), how bad it is (its severity: ``error`` or
``warning``), which commands can emit it and, in one line, what it means. A change found by
``diff`` is a row of its own kind (``ChangeCheck``): what it does to what the document allows
and on which side, from which one rule derives whom it breaks (``whom_it_breaks``), and from
that its severity (``breaking``, ``warning`` or ``info``: ``change_severity``). Nothing else
writes a severity or a description: checks call ``finding(check_id, ...)``, and the tables in
``docs/`` and README.md are rendered from here: each sits between ``<!-- checks: NAME -->`` and
``<!-- /checks -->``, ``python -m conformance.catalog write FILE...`` renders them, and a test
fails when they drift.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from conformance.findings import (
    Breaks,
    ChangeSeverity,
    CheckSeverity,
    Finding,
    Location,
    TargetName,
)

Family = Literal["transport", "contract", "schema", "semantic", "cross", "hygiene", "lint", "diff"]
FAMILY_ORDER: tuple[Family, ...] = (
    "transport",
    "contract",
    "schema",
    "semantic",
    "cross",
    "hygiene",
    "lint",
    "diff",
)
"""What explains the rest comes first: reports group a target's findings in this order (an
answer that never arrived or broke the contract explains its schema errors, and so on)."""
CONFORMANCE_FAMILIES: tuple[Family, ...] = (
    "transport",
    "contract",
    "schema",
    "semantic",
    "cross",
    "hygiene",
)
Command = Literal["validate", "lint", "serve", "conformance", "diff"]
COMMANDS: tuple[Command, ...] = ("validate", "lint", "serve", "conformance", "diff")

_DOCUMENT: tuple[Command, ...] = ("validate", "lint", "serve", "conformance", "diff")
_CONFORMANCE: tuple[Command, ...] = ("conformance",)
_LINT: tuple[Command, ...] = ("lint",)
_DIFF: tuple[Command, ...] = ("diff",)


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    family: Family
    severity: CheckSeverity
    commands: tuple[Command, ...]
    description: str


Effect = Literal["narrows", "widens-values", "widens-shape"]
"""What a change does to what a document allows: ``narrows`` (something it allowed is refused),
``widens-values`` (new values of the same shape: an enum value, a key), ``widens-shape``
(another type, shape, presence, status or media type)."""
Side = Literal["response", "request"]
"""Who sends what changed: the server (a response, registry data) or the client (a request)."""


def whom_it_breaks(effects: Iterable[Effect], side: Side) -> tuple[Breaks, ...]:
    """The one rule of ``breaks``, the same for every change.

    In a response (the server sends, clients read): narrowing breaks ``implementations`` (what
    the old document let them send is refused); any widening breaks ``strict-clients`` (a
    value outside the old schema); widening the shape breaks ``tolerant-clients`` too (reader
    models keep new enum values and keys, nothing else). In a request (clients send, the server
    reads): narrowing breaks both kinds of clients (a request the old document accepted is
    refused); widening breaks ``implementations`` (they must accept what they could refuse).
    """
    found = set(effects)
    whom: set[Breaks] = set()
    widens = bool(found - {"narrows"})
    if side == "response":
        whom |= {"implementations"} if "narrows" in found else set()
        whom |= {"strict-clients"} if widens else set()
        whom |= {"tolerant-clients"} if "widens-shape" in found else set()
    else:
        whom |= {"strict-clients", "tolerant-clients"} if "narrows" in found else set()
        whom |= {"implementations"} if widens else set()
    return tuple(sorted(whom))


def change_severity(breaks: Iterable[Breaks]) -> ChangeSeverity:
    """A change is ``breaking`` when it breaks implementations or tolerant clients, a
    ``warning`` when it breaks strict clients only (an added enum value is routine upstream,
    and the reader models exist for it), ``info`` otherwise."""
    whom = set(breaks)
    if whom & {"implementations", "tolerant-clients"}:
        return "breaking"
    return "warning" if whom else "info"


@dataclass(frozen=True, slots=True)
class ChangeCheck:
    """A check of ``diff``: a kind of change, what it does (``effects``) on which ``side``, and
    so whom it breaks (``whom_it_breaks``) and its severity (``change_severity``)."""

    id: str
    effects: frozenset[Effect]
    side: Side
    description: str
    severity: ChangeSeverity
    family: Literal["diff"] = "diff"
    commands: tuple[Command, ...] = ("diff",)

    @property
    def breaks(self) -> tuple[Breaks, ...]:
        return whom_it_breaks(self.effects, self.side)


_NARROWS: tuple[Effect, ...] = ("narrows",)
_VALUES: tuple[Effect, ...] = ("widens-values",)
_SHAPE: tuple[Effect, ...] = ("widens-shape",)
_REPLACES: tuple[Effect, ...] = ("narrows", "widens-shape")


def _change(
    check_id: str,
    effects: tuple[Effect, ...],
    description: str,
    *,
    side: Side = "response",
    severity: ChangeSeverity | None = None,
) -> ChangeCheck:
    """A ``diff`` row; its severity follows from whom it breaks unless a data change that
    breaks nobody still deserves attention (a price jump)."""
    chosen = change_severity(whom_it_breaks(effects, side)) if severity is None else severity
    return ChangeCheck(check_id, frozenset(effects), side, description, chosen)


_ROWS: tuple[Check | ChangeCheck, ...] = (
    # Documents: what validate checks in a file, lint in an example, conformance in an answer.
    Check("schema", "schema", "error", _DOCUMENT,
          "The value does not match the OpenAPI schema (and the generated strict types)."),
    Check("schema.wrapper-missing", "schema", "error", _DOCUMENT,
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
    Check("openapi", "lint", "error", ("lint", "diff"),
          "The document is not a valid OpenAPI 3.0 document (openapi-spec-validator)."),
    Check("openapi.external-ref", "lint", "error", ("lint", "diff"),
          "A `$ref` to a URL (any scheme) or to a file that may not be read: never followed."),
    Check("openapi.ref-unresolved", "lint", "error", ("lint", "diff"),
          "A `$ref` naming nothing: no such place in the document, or no such file."),
    Check("openapi.ref-cycle", "lint", "error", ("lint", "diff"),
          "`$ref`s that lead to each other without ever reaching a schema."),
    Check("lint.example-undeclared", "lint", "error", _LINT,
          "A JSON file in `specs/examples/` that the manifest does not declare."),
    Check("lint.example-target", "lint", "error", _LINT,
          "The manifest names a document, operation or status that does not exist."),
    Check("lint.baseline-stale", "lint", "warning", _LINT,
          "A baseline entry that matched no finding: the upstream defect may be fixed."),
    # Changes between two OpenAPI documents (diff): operations and requests, then responses.
    _change("diff.operation-removed", _NARROWS,
            "An operation removed: requests to it are refused.", side="request"),
    _change("diff.operation-added", (), "An operation added."),
    _change("diff.parameter-added", _NARROWS,
            "A required parameter (or request body) added: old requests lack it.", side="request"),
    _change("diff.optional-parameter-added", (),
            "An optional parameter (or request body) added.", side="request"),
    _change("diff.parameter-removed", _NARROWS,
            "A parameter (or request body) removed: requests sending it may be refused.",
            side="request"),
    _change("diff.parameter-made-required", _NARROWS,
            "A parameter (or request body) made required.", side="request"),
    _change("diff.parameter-made-optional", _SHAPE,
            "A parameter (or request body) made optional: servers must do without it.",
            side="request"),
    _change("diff.parameter-moved", _REPLACES,
            "A parameter moved (`in`: query, path, header, cookie).", side="request"),
    _change("diff.request-narrowed", _NARROWS,
            "A parameter or request body accepts less (a type narrowed, an enum value removed, "
            "a bound, a media type removed).", side="request"),
    _change("diff.request-widened", _SHAPE,
            "A parameter or request body accepts more (a type or enum widened, a bound, "
            "a media type added).", side="request"),
    _change("diff.request-changed", _REPLACES,
            "A parameter or request body accepts something else (a type, `pattern` or "
            "`format` replaced).", side="request"),
    _change("diff.security-added", _NARROWS,
            "A security requirement added where there was none: anonymous requests are "
            "refused.", side="request"),
    _change("diff.security-removed", _SHAPE,
            "A security requirement removed: servers must accept anonymous requests.",
            side="request"),
    _change("diff.security-changed", _REPLACES,
            "Security requirements replaced (other schemes or scopes).", side="request"),
    _change("diff.status-removed", _NARROWS,
            "A response status removed: a server still sending it no longer conforms."),
    _change("diff.status-added", _SHAPE,
            "A response status added: clients may get a status they do not expect."),
    _change("diff.media-type-removed", _NARROWS,
            "A response media type removed: a server still sending it no longer conforms."),
    _change("diff.media-type-added", _SHAPE,
            "A response media type added: clients may get a body they cannot read."),
    _change("diff.type-widened", _SHAPE,
            "A schema's `type` accepts more (`integer` to `number`, a type added)."),
    _change("diff.type-narrowed", _NARROWS,
            "A schema's `type` accepts less (`number` to `integer`, a type removed)."),
    _change("diff.type-changed", _REPLACES, "A schema's `type` replaced."),
    _change("diff.enum-value-added", _VALUES,
            "A string enum allows a new value (or any value): readers keep it, strict models reject it."),  # noqa: E501
    _change("diff.enum-value-removed", _NARROWS,
            "An enum value removed: a server still sending it no longer conforms."),
    _change("diff.property-added", _VALUES,
            "An optional property added to an object with `additionalProperties: false`."),
    _change("diff.property-added-open", (),
            "An optional property added to an object that allows extra keys."),
    _change("diff.required-property-added", ("narrows", "widens-values"),
            "A required property added."),
    _change("diff.property-made-required", _NARROWS,
            "An optional property made required: a server omitting it no longer conforms."),
    _change("diff.property-made-optional", _SHAPE,
            "A required property made optional: clients relying on it may not get it."),
    _change("diff.property-removed", _SHAPE,
            "A property removed: clients relying on it no longer get it."),
    _change("diff.extra-keys-allowed", _VALUES,
            "`additionalProperties: false` lifted: extra keys may come, strict models reject them."),  # noqa: E501
    _change("diff.constraint-tightened", _NARROWS,
            "A schema accepts less (a bound, `format`, `nullable`, `anyOf` branch, ...)."),
    _change("diff.constraint-loosened", _SHAPE,
            "A schema accepts more (`null`, a wider bound, a new `anyOf` branch, ...)."),
    _change("diff.constraint-changed", _REPLACES,
            "A schema accepts something else (a `pattern` or `format` replaced, an unknown keyword)."),  # noqa: E501
    _change("diff.component-renamed", (),
            "A schema component renamed, its schema unchanged (generated class names change)."),
    _change("diff.component-added", (), "A schema component added."),
    _change("diff.component-removed", (), "A schema component removed."),
    _change("diff.description-changed", (), "A description, summary or title changed."),
    _change("diff.example-changed", (), "An example changed."),
    _change("diff.annotation-changed", (),
            "Another annotation changed (`deprecated`, `default`, `operationId`, `x-*`, ...)."),
    # Changes between two registries or two /v1/models lists (diff): what the server sends.
    _change("diff.schema-drift", _VALUES,
            "NEW data outside the strict schema that the reader models still read (an unknown "
            "enum value, an extra key): strict models reject it."),
    _change("diff.model-removed", _SHAPE,
            "A model id removed: clients using it break."),
    _change("diff.model-renamed", _SHAPE,
            "A model's id changed (same model under a new id): clients using the old id break."),
    _change("diff.model-added", (), "A model added."),
    _change("diff.model-changed", (),
            "A model's name, author, description, dates, `owned_by` or `created` changed."),
    _change("diff.endpoint-removed", (), "A model lost the endpoint of a provider."),
    _change("diff.endpoint-added", (), "A model gained the endpoint of a provider."),
    _change("diff.price-changed", (),
            "A price changed, appeared or went (old, new, ratio), the endpoint record's included."),
    _change("diff.price-jump", (),
            "A price changed by 10x or more either way: how a per-token vs per-million slip looks.",
            severity="warning"),
    _change("diff.limit-changed", (),
            "A limit changed: a model's `contextLength` or `maxOutput`, an endpoint record's "
            "context length, completion tokens or rate limits."),
    _change("diff.capabilities-changed", (),
            "Capabilities (implied by endpoint pricing) gained or lost."),
    _change("diff.modalities-changed", (), "Input or output modalities gained or lost."),
    _change("diff.parameters-changed", (), "Supported parameters gained or lost."),
)  # fmt: skip

CHECKS: dict[str, Check | ChangeCheck] = {check.id: check for check in _ROWS}


def finding(
    check_id: str,
    message: str,
    location: Location | None = None,
    *,
    target: TargetName | None = None,
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
        breaks=check.breaks if isinstance(check, ChangeCheck) else (),
    )


def checks_for(
    command: Command, families: Iterable[Family] | None = None
) -> list[Check | ChangeCheck]:
    """The checks ``command`` can emit, in catalog order, optionally of some families only."""
    wanted = None if families is None else set(families)
    return [
        check
        for check in _ROWS
        if command in check.commands and (wanted is None or check.family in wanted)
    ]


def markdown_table(checks: Iterable[Check | ChangeCheck], *, with_family: bool = False) -> str:
    """The Markdown table of ``checks``: what README.md and docs/ show; changes (``diff``)
    get a column saying whom they break."""
    checks = list(checks)
    with_breaks = any(isinstance(check, ChangeCheck) for check in checks)
    head = ["check", "severity", *(["family"] if with_family else [])]
    head += [*(["breaks"] if with_breaks else []), "what it means"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for check in checks:
        cells = [f"`{check.id}`", check.severity]
        cells += [check.family] if with_family else []
        if with_breaks:
            whom = check.breaks if isinstance(check, ChangeCheck) else None
            cells.append("-" if whom is None else ", ".join(whom) or "none")
        rows.append("| " + " | ".join([*cells, check.description]) + " |")
    return "\n".join(rows) + "\n"


_REGION = re.compile(r"(<!-- checks: ([a-z+-]+) -->\n)(.*?)(<!-- /checks -->)", re.DOTALL)


def named_table(name: str) -> str:
    """The table a document names: ``COMMAND`` (every check it can emit), ``COMMAND-only``
    (without those ``validate`` runs too), either with ``+family`` for a family column."""
    spec, _, extra = name.partition("+")
    command, _, only = spec.partition("-")
    if command not in COMMANDS or only not in ("", "only") or extra not in ("", "family"):
        raise ValueError(f"unknown table name {name!r}")
    checks = [check for check in _ROWS if command in check.commands]
    if only:
        checks = [check for check in checks if "validate" not in check.commands]
    return markdown_table(checks, with_family=bool(extra))


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
    sys.stdout.write(markdown_table(checks_for(commands[argv[0]]), with_family=True))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))

"""Step 1, plan: schemathesis turns the OpenAPI documents into the requests to send.

Only its documented Python API is used: ``schemathesis.openapi.from_dict`` with an explicit
``Config`` (so a stray ``schemathesis.toml`` in the working directory cannot change a CI run),
``APIOperation.as_strategy()`` under a seeded, database-less Hypothesis run, and
``Case.as_transport_kwargs`` for serialisation. Generation happens before any request is sent,
so network time never meets Hypothesis deadlines or health checks, and the seed alone fixes the
plan. Sending and judging are the harness's own (docs/harness.md says why).

Per operation the plan holds ``--max-examples`` requests (the generated cases, cycled: a
parameterless operation is called that many times identically, which is how an inconsistent
server is caught), a HEAD for each GET (RFC 9110 section 9.1: general-purpose servers support
both), and one request per undeclared method.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal
from urllib.parse import urlencode

from conformance.harness.options import Target
from specload import OPERATION_METHODS

PROBED_METHODS = ("POST", "PUT", "PATCH", "DELETE", "TRACE")
"""Undeclared methods a client might plausibly send. OPTIONS is left out (proxies answer it on
behalf of any route: CORS preflight); HEAD has a check of its own."""

RequestKind = Literal["declared", "head", "undeclared"]


@dataclass(frozen=True, slots=True)
class Operation:
    """One operation of a document: ``GET /v1/models``."""

    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path}"


@dataclass(frozen=True, slots=True)
class PlannedRequest:
    """One HTTP request, fully serialised; equal requests must get equal answers."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes | None = None
    kind: RequestKind = "declared"


@dataclass(frozen=True, slots=True)
class DocumentedResponse:
    status: str
    """``200``, ``500``, ``5XX`` or ``default``, as the document spells it."""
    media_types: tuple[str, ...]
    kind: str | None
    """The document kind of its JSON body (``generated.schemas.RESPONSE_KINDS``), if any."""


@dataclass(frozen=True, slots=True)
class OperationPlan:
    target: Target
    operation: Operation
    responses: tuple[DocumentedResponse, ...]
    requests: tuple[PlannedRequest, ...]
    """The generated cases, repeated up to --max-examples."""
    probes: tuple[PlannedRequest, ...] = ()
    """HEAD (for a GET) and the undeclared methods: hygiene only."""

    def documented(self, status: int) -> DocumentedResponse | None:
        """The response the document declares for ``status``: exact, then NXX, then default."""
        by_code = {response.status.upper(): response for response in self.responses}
        code = str(status)
        return by_code.get(code) or by_code.get(f"{code[0]}XX") or by_code.get("DEFAULT")

    @property
    def documented_statuses(self) -> str:
        return ", ".join(response.status for response in self.responses)

    @property
    def all_requests(self) -> tuple[PlannedRequest, ...]:
        return (*self.requests, *self.probes)


def load_document(name: str) -> dict[str, Any]:
    """The embedded OpenAPI document ``name``, parsed: a fresh dict at every call (schemathesis
    may annotate the one it is given). The one place the plan parses a document: through
    ``specload``, as every reader of a document."""
    import specload
    from generated._documents import DOCUMENTS

    document: dict[str, Any] = specload.load_text(DOCUMENTS[name], name).value
    return document


@cache
def _schema(name: str) -> Any:
    """The schemathesis view of one document, built once per process (it is never mutated)."""
    import schemathesis

    return schemathesis.openapi.from_dict(load_document(name), config=schemathesis.Config())


@cache
def _document(name: str) -> dict[str, Any]:
    return load_document(name)


def plan_target(target: Target, *, seed: int, max_examples: int) -> list[OperationPlan]:
    from generated.schemas import RESPONSE_KINDS

    document = _document(target.document)
    plans = []
    for result in _schema(target.document).get_all_operations():
        api_operation = result.ok()
        operation = Operation(api_operation.method.upper(), api_operation.path)
        cases = list(
            dict.fromkeys(
                _serialise(case, target) for case in _generate(api_operation, seed, max_examples)
            )
        )
        repeated = tuple(cases[index % len(cases)] for index in range(max(max_examples, 1)))
        path_item = document["paths"][operation.path]
        declared = {method.upper() for method in path_item if method in OPERATION_METHODS}
        first = cases[0]
        head = (
            (PlannedRequest("HEAD", first.url, first.headers, None, "head"),)
            if operation.method == "GET" and "HEAD" not in declared
            else ()
        )
        undeclared = tuple(
            PlannedRequest(method, first.url, first.headers, None, "undeclared")
            for method in PROBED_METHODS
            if method not in declared
        )
        kinds = RESPONSE_KINDS.get((operation.method, operation.path), {})
        responses = _responses(path_item[operation.method.lower()], kinds)
        plans.append(OperationPlan(target, operation, responses, repeated, head + undeclared))
    return plans


def _responses(operation: dict[str, Any], kinds: dict[str, str]) -> tuple[DocumentedResponse, ...]:
    return tuple(
        DocumentedResponse(
            str(status), tuple((response or {}).get("content") or {}), kinds.get(str(status))
        )
        for status, response in (operation.get("responses") or {}).items()
    )


def _generate(operation: Any, seed: int, max_examples: int) -> list[Any]:
    import hypothesis
    from hypothesis import HealthCheck, Phase, Verbosity

    cases: list[Any] = []

    @hypothesis.seed(seed)
    @hypothesis.settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        derandomize=False,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
        print_blob=False,
    )
    @hypothesis.given(operation.as_strategy())
    def collect(case: Any) -> None:
        cases.append(case)

    collect()
    return cases


def _serialise(case: Any, target: Target) -> PlannedRequest:
    kwargs = case.as_transport_kwargs(base_url=target.base_url)
    url = kwargs["url"]
    if kwargs.get("params"):
        url += "?" + urlencode(kwargs["params"], doseq=True)
    # Only what the schema made schemathesis generate: its own User-Agent and test-case id
    # would make identical requests differ, and the user's headers are added at send time.
    generated = {name.lower() for name in (case.headers or {})}
    headers = tuple(
        (name, str(value)) for name, value in kwargs["headers"].items() if name.lower() in generated
    )
    body: bytes | None = None
    if "json" in kwargs:
        body = json.dumps(kwargs["json"]).encode()
        headers += (("Content-Type", "application/json"),)
    elif isinstance(kwargs.get("data"), bytes | str):
        data = kwargs["data"]
        body = data.encode() if isinstance(data, str) else data
    return PlannedRequest(kwargs["method"].upper(), url, headers, body)

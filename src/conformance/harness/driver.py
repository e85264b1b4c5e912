"""Schemathesis turns the OpenAPI documents into the request plan.

Only its documented Python API is used: ``schemathesis.openapi.from_dict`` with an explicit
``Config`` (so a stray ``schemathesis.toml`` in the working directory cannot change a CI run),
``APIOperation.as_strategy()`` under a seeded, database-less Hypothesis run, and
``Case.as_transport_kwargs`` for serialisation. Generation happens before any request is sent,
so network time never meets Hypothesis deadlines or health checks, and the seed alone fixes the
plan. Sending, timing and checking are the harness's own (see docs/harness.md for why).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlencode

import hypothesis
import schemathesis
import yaml
from hypothesis import HealthCheck, Phase, Verbosity

from conformance.harness.plan import DocumentedResponse, OperationPlan, PlannedRequest
from conformance.harness.targets import Target
from generated._documents import DOCUMENTS

# Methods a client might plausibly send; HEAD and OPTIONS are left out because servers and
# proxies answer them on behalf of any GET route (RFC 9110 section 9.3.2, CORS preflight).
PROBED_METHODS = ("POST", "PUT", "PATCH", "DELETE", "TRACE")
_HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


@cache
def load_document(name: str) -> dict[str, Any]:
    return _parse(name)


def _parse(name: str) -> dict[str, Any]:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document: dict[str, Any] = yaml.load(DOCUMENTS[name], Loader=loader)  # noqa: S506 (safe)
    return document


@cache
def load_schema(name: str) -> Any:
    """The schemathesis view of one document (loaded once per process; it is never mutated)."""
    # Its own copy: schemathesis may annotate the dict it is given.
    return schemathesis.openapi.from_dict(_parse(name), config=schemathesis.Config())


def plan_target(target: Target, *, seed: int, max_examples: int) -> list[OperationPlan]:
    document = load_document(target.document)
    schema = load_schema(target.document)
    plans = []
    for result in schema.get_all_operations():
        operation = result.ok()
        cases = _distinct(
            [_serialise(case, target) for case in _generate(operation, seed, max_examples)]
        )
        # A parameterless operation has exactly one case: repeating it is the point, since
        # identical requests must get identical answers (the consistency check).
        repeated = tuple(cases[index % len(cases)] for index in range(max(max_examples, 1)))
        path_item = document["paths"][operation.path]
        declared = {method.upper() for method in path_item if method in _HTTP_METHODS}
        undeclared = tuple(
            PlannedRequest(method, cases[0].url, cases[0].headers, None, "undeclared")
            for method in PROBED_METHODS
            if method not in declared
        )
        plans.append(
            OperationPlan(
                target=target,
                label=f"{operation.method.upper()} {operation.path}",
                responses=_responses(path_item[operation.method.lower()]),
                requests=repeated,
                undeclared=undeclared,
            )
        )
    return plans


def _generate(operation: Any, seed: int, max_examples: int) -> list[Any]:
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


def _distinct(requests: list[PlannedRequest]) -> list[PlannedRequest]:
    return list(dict.fromkeys(requests))


def _responses(operation: dict[str, Any]) -> tuple[DocumentedResponse, ...]:
    return tuple(
        DocumentedResponse(str(status), tuple((response or {}).get("content") or {}))
        for status, response in (operation.get("responses") or {}).items()
    )

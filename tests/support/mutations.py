"""Every check of the catalog, and the smallest break of the project's own data that triggers it.

One table drives everything that proves a check: ``tests/checks/test_every_check.py`` applies a
row's ``change`` to the document (the default registry, or the gateway list it gives) and calls
``check_document``; ``tests/conformance/test_every_check.py`` starts a real loopback server
serving the row's break (``tests.support.servers.start_server(row)``) and runs conformance;
``tests/server/test_mutations.py`` proves over HTTP that the server breaks that one API only.

A row breaks the answers of one API (``serves``): its served document (``change``, located at
``location``), or its answers on the wire (``rewrite``: a factory of a per-server function
``(app, request, response) -> response``, called for that API's path only).
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from conformance.catalog import CHECKS
from conformance.findings import Location
from conformance.server import ReferenceApp, Request, Response
from conformance.server.jsonbytes import encode_json

Api = Literal["registry", "gateway"]
Change = Callable[[Any], object]
"""Changes a document in place (the registry response, or the gateway list)."""
Rewrite = Callable[[ReferenceApp, Request, Response], Response]


@dataclass(frozen=True)
class Mutation:
    name: str
    check: str
    """The catalog check the break triggers, alone (with ``also``)."""
    serves: Api
    change: Change | None = None
    location: Location | None = None
    """Where the finding is, inside the served document."""
    rewrite: Callable[[], Rewrite] | None = None
    also: tuple[str, ...] = ()
    """Checks the same break triggers too (a flaky 503 is also an inconsistent answer)."""
    arguments: tuple[str, ...] = ()
    """Conformance options the break needs to show (a short --timeout)."""

    @property
    def is_cross(self) -> bool:
        return CHECKS[self.check].family == "cross"

    @property
    def targets(self) -> tuple[Api, ...]:
        """The APIs a conformance run must test to see the break."""
        return ("gateway", "registry") if self.is_cross else (self.serves,)

    @property
    def expected(self) -> set[tuple[str, str]]:
        """(check, target) of every finding conformance must report, and of no other."""
        target = "cross" if self.is_cross else self.serves
        return {(check, target) for check in (self.check, *self.also)}

    @property
    def exit_code(self) -> int:
        failing = any(CHECKS[check].severity == "error" for check in (self.check, *self.also))
        return 1 if failing else 0


def _set(path: Location, value: Any) -> Change:
    def change(document: Any) -> None:
        node = document
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return change


def _copy(source: Location, to: Location) -> Change:
    def change(document: Any) -> None:
        node = document
        for step in source:
            node = node[step]
        _set(to, node)(document)

    return change


def _registry(change: Callable[[dict[str, Any]], object]) -> Change:
    """A change of the registry's ``data`` object."""
    return lambda document: change(document["data"])


def _unwrapped(document: dict[str, Any]) -> None:
    data = document.pop("data")
    document.pop("error")
    document.update(data)


def _error_envelope(document: dict[str, Any]) -> None:
    document.clear()
    document.update({"data": None, "error": "registry unavailable"})


def _swap_providers(data: dict[str, Any]) -> None:
    providers = data["filters"]["providers"]
    providers[0], providers[1] = providers[1], providers[0]


def _swap_entries(document: dict[str, Any]) -> None:
    entries = document["data"]
    entries[3], entries[4] = entries[4], entries[3]


# -- wire rewrites -------------------------------------------------------------------------------
def _declared_only(edit: Rewrite) -> Rewrite:
    """``edit`` on the answers to GET and HEAD; undeclared methods keep their 405."""

    def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
        return edit(app, request, response) if request.method in ("GET", "HEAD") else response

    return rewrite


def answer_with(**changes: Any) -> Callable[[], Rewrite]:
    """The API's answers with some fields replaced (status, body, content_type, headers)."""
    return lambda: _declared_only(
        lambda app, request, response: dataclasses.replace(response, **changes)
    )


def body_with(edit: Callable[[bytes], bytes]) -> Callable[[], Rewrite]:
    def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
        return dataclasses.replace(response, body=edit(response.body))

    return lambda: _declared_only(rewrite)


def _nan_total(body: bytes) -> bytes:
    edited, count = re.subn(rb'("total"\s*:\s*)\d+', rb"\1NaN", body, count=1)
    assert count == 1, "the registry has no total to break"
    return edited


def _bad_utf8(body: bytes) -> bytes:
    match = re.search(rb'"description"\s*:\s*"', body)
    assert match is not None, "the registry has no description to corrupt"
    return body[: match.end()] + b"\xff" + body[match.end() :]


def _undeclared_only(edit: Rewrite) -> Callable[[], Rewrite]:
    def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
        return edit(app, request, response) if request.method not in ("GET", "HEAD") else response

    return lambda: rewrite


def _answered_like_get(app: ReferenceApp, request: Request, response: Response) -> Response:
    return app.route(dataclasses.replace(request, method="GET"))


def _like_express(app: ReferenceApp, request: Request, response: Response) -> Response:
    """TRACE answered 404 (as Express does), other undeclared methods 501 (RFC 9110 allows it)."""
    status = 404 if request.method == "TRACE" else 501
    body = encode_json({"error": {"message": "unsupported", "type": "unsupported"}})
    return Response(status, body, "application/json; charset=utf-8")


def _without_allow(app: ReferenceApp, request: Request, response: Response) -> Response:
    return dataclasses.replace(response, headers=())


def _head_only(edit: Rewrite) -> Callable[[], Rewrite]:
    def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
        return edit(app, request, response) if request.method == "HEAD" else response

    return lambda: rewrite


def _not_allowed(app: ReferenceApp, request: Request, response: Response) -> Response:
    """405 with ``Allow: GET``, as the LiteLLM proxy answers HEAD."""
    body = encode_json({"detail": "Method Not Allowed"})
    return Response(405, body, "application/json", (("Allow", "GET"),))


def every_nth_fails(every: int = 2) -> Callable[[], Rewrite]:
    """Every ``every``-th identical request (same method and target) answers 503."""

    def make() -> Rewrite:
        seen: dict[tuple[str, str], int] = {}
        lock = threading.Lock()

        def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
            with lock:
                key = (request.method, request.target)
                seen[key] = count = seen.get(key, 0) + 1
            if count % every:
                return response
            error = {"error": {"message": "Service Unavailable", "type": "unavailable"}}
            return Response(503, encode_json(error), "application/json")

        return _declared_only(rewrite)

    return make


def alternating_description() -> Rewrite:
    """Every other answer edits one model's description: both answers are valid, so only the
    consistency check can tell."""
    turns = itertools.count()
    lock = threading.Lock()

    def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
        with lock:
            turn = next(turns)
        if turn % 2 == 0 or response.status != 200:
            return response
        document = json.loads(response.body)
        document["data"]["models"][0]["description"] += " (edited)"
        return dataclasses.replace(response, body=encode_json(document))

    return rewrite


def dies_after(requests: int = 2) -> Callable[[], Rewrite]:
    """Answers ``requests`` requests, then refuses new connections; requests still arriving on
    connections opened before get no answer (the connection closes)."""

    def make() -> Rewrite:
        counter = itertools.count(1)
        lock = threading.Lock()

        def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
            with lock:
                count = next(counter)
            if count > requests:
                return Response(0, drop=True)
            if count == requests:
                return dataclasses.replace(response, close=True, stop_listening=True)
            return response

        return rewrite

    return make


def slow(delay: float = 30.0) -> Callable[[], Rewrite]:
    """Every answer waits ``delay`` seconds (never longer; stopping the server ends the wait)."""

    def rewrite(app: ReferenceApp, request: Request, response: Response) -> Response:
        app.pause(delay)
        return response

    return lambda: rewrite


_HTML = "text/html; charset=utf-8"
_GATEWAY_500 = encode_json(
    {"error": {"message": "Internal server error", "type": "internal_error"}}
)
_FOUND = encode_json({"error": {"message": "Found", "type": "redirect"}})

MUTATIONS: tuple[Mutation, ...] = (
    # -- documents: what validate checks in a file, conformance in every answer ------------------
    Mutation("invalid-input-modality", "schema", "registry",
             _registry(lambda d: d["models"][2]["inputModalities"].append("pdf")),
             ("data", "models", 2, "inputModalities", 2)),
    Mutation("bare-data-object", "schema.wrapper-missing", "registry", _unwrapped, ()),
    Mutation("total-wrong", "registry.total-mismatch", "registry",
             _set(("data", "total"), 150), ("data", "total")),
    Mutation("duplicate-model-id", "registry.duplicate-model-id", "registry",
             _copy(("data", "models", 1, "id"), ("data", "models", 7, "id")),
             ("data", "models", 7, "id")),
    Mutation("provider-unused", "registry.providers-mismatch", "registry",
             _registry(lambda d: d["filters"]["providers"].append({"name": "zz",
                                                                   "displayName": "Z"})),
             ("data", "filters", "providers", 9)),
    Mutation("providers-unsorted", "registry.providers-unsorted", "registry",
             _registry(_swap_providers), ("data", "filters", "providers")),
    Mutation("provider-display-name-blank", "registry.provider-display-name", "registry",
             _set(("data", "filters", "providers", 3, "displayName"), " "),
             ("data", "filters", "providers", 3, "displayName")),
    Mutation("author-missing", "registry.authors-mismatch", "registry",
             _registry(lambda d: d["filters"]["authors"].remove("deepseek")),
             ("data", "filters", "authors")),
    Mutation("authors-unsorted", "registry.authors-unsorted", "registry",
             _registry(lambda d: d["filters"]["authors"].reverse()),
             ("data", "filters", "authors")),
    Mutation("author-twice", "registry.filters-duplicate", "registry",
             _registry(lambda d: d["filters"]["authors"].insert(1, "anthropic")),
             ("data", "filters", "authors", 1)),
    Mutation("capability-unbacked", "registry.capability-unsupported", "registry",
             _registry(lambda d: d["filters"]["capabilities"].insert(3, "reasoning")),
             ("data", "filters", "capabilities", 3)),
    Mutation("capability-not-listed", "registry.capability-not-listed", "registry",
             _set(("data", "models", 0, "endpoints", 0, "pricing", "thinking"), 3.5),
             ("data", "filters", "capabilities")),
    Mutation("capabilities-unsorted", "registry.capabilities-unsorted", "registry",
             _registry(lambda d: d["filters"]["capabilities"].reverse()),
             ("data", "filters", "capabilities")),
    Mutation("negative-price", "registry.price-invalid", "registry",
             _set(("data", "models", 4, "endpoints", 0, "pricing", "completion"), -0.5),
             ("data", "models", 4, "endpoints", 0, "pricing", "completion")),
    Mutation("parameter-twice", "registry.duplicate-parameter", "registry",
             _registry(lambda d: d["models"][5]["supportedParameters"].append("max_tokens")),
             ("data", "models", 5, "supportedParameters", 2)),
    Mutation("parameter-missing", "registry.parameters-incomplete", "registry",
             _registry(lambda d: d["models"][5]["supportedParameters"].remove("max_tokens")),
             ("data", "models", 5, "supportedParameters")),
    Mutation("training-date-only", "registry.training-date-format", "registry",
             _set(("data", "models", 9, "trainingDate"), "2025-08-05"),
             ("data", "models", 9, "trainingDate")),
    Mutation("gateway-duplicate-id", "models.duplicate-id", "gateway",
             _copy(("data", 1, "id"), ("data", 2, "id")), ("data", 2, "id")),
    Mutation("created-in-milliseconds", "models.created-milliseconds", "gateway",
             _set(("data", 1, "created"), 1715558400000), ("data", 1, "created")),
    # -- live answers -------------------------------------------------------------------------
    Mutation("error-envelope-with-200", "semantic.error-status", "registry", _error_envelope,
             ("error",)),
    Mutation("gateway-missing-model", "cross.models", "gateway",
             lambda d: d["data"].pop(), ("data",)),
    Mutation("gateway-order-differs", "cross.order", "gateway", _swap_entries, ("data", 3, "id")),
    Mutation("gateway-owner-differs", "cross.owned-by", "gateway",
             _set(("data", 3, "owned_by"), "helicone"), ("data", 3, "owned_by")),
    Mutation("gateway-created-differs", "cross.created", "gateway",
             _set(("data", 3, "created"), 1721260800 + 86_400), ("data", 3, "created")),
    Mutation("undocumented-status", "contract.status", "registry", rewrite=answer_with(status=418)),
    Mutation("redirect", "contract.status", "gateway", rewrite=answer_with(
        status=302, body=_FOUND, headers=(("Location", "/v1/models-have-moved"),))),
    Mutation("gateway-server-error", "contract.server-error", "gateway",
             rewrite=answer_with(status=500, body=_GATEWAY_500)),
    Mutation("html-content-type", "contract.media-type", "registry",
             rewrite=answer_with(content_type=_HTML)),
    Mutation("missing-content-type", "contract.media-type", "gateway",
             rewrite=answer_with(content_type=None)),
    Mutation("nan-token", "contract.json", "registry", rewrite=body_with(_nan_total)),
    Mutation("trailing-garbage", "contract.json", "gateway", rewrite=body_with(lambda b: b + b"}")),
    Mutation("invalid-utf8", "contract.json", "registry", rewrite=body_with(_bad_utf8)),
    Mutation("slow", "transport.timeout", "registry", rewrite=slow(),
             arguments=("--timeout", "0.3")),
    Mutation("dies-after", "transport.connection", "registry", rewrite=dies_after()),
    Mutation("alternating-description", "transport.inconsistent", "registry",
             rewrite=alternating_description),
    Mutation("flaky", "contract.server-error", "registry", rewrite=every_nth_fails(),
             also=("transport.inconsistent",)),
    Mutation("any-method-answered", "hygiene.method", "registry",
             rewrite=_undeclared_only(_answered_like_get)),
    # 501, and Express's 404 to TRACE, are hygiene: the contract is not broken.
    Mutation("unknown-methods-like-express", "hygiene.method", "registry",
             rewrite=_undeclared_only(_like_express)),
    Mutation("no-allow-header", "hygiene.allow", "registry",
             rewrite=_undeclared_only(_without_allow)),
    Mutation("head-not-allowed", "hygiene.head", "registry", rewrite=_head_only(_not_allowed)),
    Mutation("latin-1-charset", "hygiene.charset", "registry",
             rewrite=answer_with(content_type="application/json; charset=iso-8859-1")),
)  # fmt: skip

BY_NAME: dict[str, Mutation] = {mutation.name: mutation for mutation in MUTATIONS}

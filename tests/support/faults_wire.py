"""Fault variants that serve the right data the wrong WAY: media type, JSON syntax, status,
transport (slow, flaky, dying) and HTTP hygiene."""

from __future__ import annotations

import copy
import dataclasses
import json
import re
import threading
from typing import Any

from conformance.server import GATEWAY_PATH, REGISTRY_PATH, Request, Response
from conformance.server.jsonbytes import encode_json
from tests.support.faults_data import FaultVariant


# -- media type --------------------------------------------------------------------------------
class HtmlContentType(FaultVariant):
    """The registry is labelled text/html (the body is still the right JSON)."""

    name, breaks = "html-content-type", "media-type"
    registry_content_type = "text/html; charset=utf-8"


class MissingContentType(FaultVariant):
    """The gateway list comes with no Content-Type header at all."""

    name, breaks = "missing-content-type", "media-type"
    gateway_content_type = None


# -- JSON syntax (RFC 8259) --------------------------------------------------------------------
class NaNToken(FaultVariant):
    """The registry's ``total`` is the bare token NaN, which JSON does not have."""

    name, breaks, path = "nan-token", "json-syntax", "$.data.total"

    def registry_body(self) -> bytes:
        document = copy.copy(self.registry_document)
        document["data"] = {**document["data"], "total": float("nan")}
        return json.dumps(document, separators=(",", ":"), allow_nan=True).encode()


class TrailingGarbage(FaultVariant):
    """The gateway list is followed by a stray ``}`` after the JSON text."""

    name, breaks = "trailing-garbage", "json-syntax"

    def gateway_body(self) -> bytes:
        return super().gateway_body() + b"}"


class InvalidUtf8(FaultVariant):
    """A byte 0xFF (never valid UTF-8) sits inside the first model's description."""

    name, breaks = "invalid-utf8", "json-syntax"

    def registry_body(self) -> bytes:
        body = super().registry_body()
        match = re.search(rb'"description"\s*:\s*"', body)
        assert match is not None, "the registry has no description to corrupt"
        return body[: match.end()] + b"\xff" + body[match.end() :]


# -- status ------------------------------------------------------------------------------------
class UndocumentedStatus(FaultVariant):
    """The registry answers 418 (with its normal body): a status the spec does not document."""

    name, breaks = "undocumented-status", "status"

    def registry_response(self) -> Response:
        return Response(418, self.registry_body(), self.registry_content_type)


class Redirect(FaultVariant):
    """The gateway answers 302 to a path that does not exist (undocumented status)."""

    name, breaks = "redirect", "status"

    def gateway_response(self) -> Response:
        body = encode_json({"error": {"message": "Found", "type": "redirect"}})
        location = (("Location", "/v1/models-have-moved"),)
        return Response(302, body, self.gateway_content_type, location)


class GatewayServerError(FaultVariant):
    """The gateway answers its documented 500 error body: a server error, schema-valid."""

    name, breaks = "gateway-server-error", "status"

    def gateway_response(self) -> Response:
        error = {"error": {"message": "Internal server error", "type": "internal_error"}}
        return Response(500, encode_json(error), self.gateway_content_type)


# -- transport ---------------------------------------------------------------------------------
class Slow(FaultVariant):
    """Every answer waits ``delay`` seconds first (set it above the client's timeout).

    Bounded: it never waits longer than ``delay``, and stopping the server ends the wait.
    """

    name, breaks = "slow", "transport"

    def __init__(self, delay: float = 2.0, **kwargs: Any) -> None:
        self.delay = delay
        super().__init__(**kwargs)

    def respond(self, request: Request) -> Response:
        self.pause(self.delay)
        return super().respond(request)


class Flaky(FaultVariant):
    """Every ``every``-th identical request (same method and target) answers 503."""

    name, breaks = "flaky", "transport"

    def __init__(self, every: int = 2, **kwargs: Any) -> None:
        self.every = every
        self._seen: dict[tuple[str, str], int] = {}
        self._lock = threading.Lock()
        super().__init__(**kwargs)

    def respond(self, request: Request) -> Response:
        key = (request.method, request.target)
        with self._lock:
            self._seen[key] = count = self._seen.get(key, 0) + 1
        if count % self.every == 0:
            error = {"error": {"message": "Service Unavailable", "type": "unavailable"}}
            return Response(503, encode_json(error), "application/json")
        return super().respond(request)


class DiesAfter(FaultVariant):
    """Answers ``requests`` requests, then stops accepting connections (refused from then on).

    Requests still arriving on connections opened before get no answer: the connection closes.
    """

    name, breaks = "dies-after", "transport"

    def __init__(self, requests: int = 3, **kwargs: Any) -> None:
        self.limit = requests
        self.requests_seen = 0
        self._lock = threading.Lock()
        super().__init__(**kwargs)

    def respond(self, request: Request) -> Response:
        with self._lock:
            self.requests_seen += 1
            count = self.requests_seen
        if count > self.limit:
            return Response(0, drop=True)
        response = super().respond(request)
        if count == self.limit:
            return dataclasses.replace(response, close=True, stop_listening=True)
        return response


# -- HTTP hygiene (not in the spec) ------------------------------------------------------------
class AnyMethodAnswered(FaultVariant):
    """POST, PUT, DELETE... on both paths answer 200 with the GET body instead of 405."""

    name, breaks = "any-method-answered", "hygiene"

    def route(self, request: Request) -> Response:
        if request.path == REGISTRY_PATH:
            return self.registry_response()
        if request.path == GATEWAY_PATH:
            return self.gateway_response()
        return self.not_found(request)


class RegistryWithoutCharset(FaultVariant):
    """The registry says ``application/json`` without the ``charset=utf-8`` the real one sends."""

    name, breaks = "registry-without-charset", "hygiene"
    registry_content_type = "application/json"


class GatewayWithoutCharset(FaultVariant):
    """The gateway says bare ``application/json``, exactly as the real AI Gateway does."""

    name, breaks = "gateway-without-charset", "hygiene"
    gateway_content_type = "application/json"


class NoAllowHeader(FaultVariant):
    """405 answers carry no ``Allow`` header (RFC 9110 requires one)."""

    name, breaks = "no-allow-header", "hygiene"

    def method_not_allowed(self, request: Request) -> Response:
        return dataclasses.replace(super().method_not_allowed(request), headers=())

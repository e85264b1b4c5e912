"""Test-only server variants for checks no shared fault variant breaks alone.

Each is a ReferenceApp subclass (a real server on 127.0.0.1 via ``start_server``) changing one
behaviour, like those in ``tests.support.faults``.
"""

from __future__ import annotations

import itertools
import json
import threading
from typing import Any

from conformance.server import GATEWAY_PATH, REGISTRY_PATH, ReferenceApp, Request, Response
from conformance.server.jsonbytes import encode_json


class AlternatingDescription(ReferenceApp):
    """Every other registry answer changes one model's description: both answers are valid,
    so only the consistency check can tell."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        changed = json.loads(super().registry_body())
        changed["data"]["models"][0]["description"] += " (edited)"
        self._bodies = itertools.cycle([super().registry_body(), encode_json(changed)])
        self._lock = threading.Lock()

    def registry_body(self) -> bytes:
        with self._lock:
            return next(self._bodies)


class ErrorEnvelopeWith200(ReferenceApp):
    """The registry reports a failure in its error envelope, but with 200 instead of 500."""

    def registry_response(self) -> Response:
        body = encode_json({"data": None, "error": "registry unavailable"})
        return Response(200, body, self.registry_content_type)


class UnknownMethodsLikeExpress(ReferenceApp):
    """TRACE answered 404 (as Express does), other undeclared methods 501 (RFC 9110 allows it)."""

    def method_not_allowed(self, request: Request) -> Response:
        status = 404 if request.method == "TRACE" else 501
        body = encode_json({"error": {"message": "unsupported", "type": "unsupported"}})
        return Response(status, body, "application/json; charset=utf-8")


class EchoesCredentials(ReferenceApp):
    """Echoes the Authorization header into wrong answers, so findings would quote it."""

    def respond(self, request: Request) -> Response:
        secret = request.headers.get("Authorization", "")
        if request.path == GATEWAY_PATH and request.method == "GET":
            body = encode_json({"object": secret, "data": []})
            return Response(200, body, self.gateway_content_type)
        if request.path == REGISTRY_PATH and request.method == "GET":
            body = encode_json({"data": None, "error": f"token {secret} rejected"})
            return Response(200, body, self.registry_content_type)
        return super().respond(request)


class SlowGatewayOnly(ReferenceApp):
    """The gateway waits ``delay`` seconds before answering; the registry is prompt."""

    def __init__(self, delay: float = 30.0, **kwargs: Any) -> None:
        self.delay = delay
        super().__init__(**kwargs)

    def respond(self, request: Request) -> Response:
        if request.path == GATEWAY_PATH:
            self.pause(self.delay)
        return super().respond(request)

"""The reference implementation of both APIs, as plain request -> response logic.

``ReferenceApp`` knows nothing about sockets: the HTTP layer (``transport``) turns each request
into a :class:`Request`, asks :meth:`ReferenceApp.respond` for a :class:`Response` and writes it.
Every behaviour is a small overridable method, so that a server breaking one thing (the tests'
fault-injected servers) changes one method:

- ``transform_registry(document)`` / ``transform_gateway(document)``: change the served data
  (called once, at construction; the gateway list is derived from the registry as given);
- ``registry_body()`` / ``gateway_body()``: change the exact bytes;
- ``registry_response()`` / ``gateway_response()``: change status or headers;
- ``respond(request)``: change anything per request (delays, flakiness, dying).

An app serves one server once: stopping the server sets ``stopping`` for good.
"""

from __future__ import annotations

import copy
import threading
from dataclasses import dataclass, field
from email.message import Message
from typing import Any

from conformance.server.gateway_list import derive_gateway_list
from conformance.server.jsonbytes import encode_json
from conformance.server.registry_source import LoadedRegistry, default_registry

REGISTRY_PATH = "/v1/public/model-registry/models"
GATEWAY_PATH = "/v1/models"
ALLOWED_METHODS = ("GET", "HEAD")

# What production sends (the real data's README): Express names the charset, the gateway sends
# bare application/json, which RFC 8259 section 11 makes just as right.
REGISTRY_CONTENT_TYPE = "application/json; charset=utf-8"
GATEWAY_CONTENT_TYPE = "application/json"


@dataclass(frozen=True)
class Request:
    method: str
    path: str  # without the query string
    target: str  # the request target as sent
    headers: Message = field(default_factory=Message, compare=False)


@dataclass(frozen=True)
class Response:
    status: int
    body: bytes = b""
    content_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    close: bool = False  # close the connection after this response
    drop: bool = False  # close the connection without answering at all
    stop_listening: bool = False  # refuse new connections from now on (a dying server)


class ReferenceApp:
    """Both APIs served from one validated registry (the shipped default when none is given)."""

    registry_content_type: str | None = REGISTRY_CONTENT_TYPE
    gateway_content_type: str | None = GATEWAY_CONTENT_TYPE

    def __init__(self, registry: LoadedRegistry | None = None) -> None:
        self.registry = registry if registry is not None else default_registry()
        # Set when the server stops: anything that waits must wait on this, never sleep blindly.
        self.stopping = threading.Event()
        original = self.registry.document
        document = self.transform_registry(copy.deepcopy(original))
        self.registry_document = document
        self._registry_bytes = self.registry.body if document == original else encode_json(document)
        self.gateway_document = self.transform_gateway(derive_gateway_list(original))
        self._gateway_bytes = encode_json(self.gateway_document)

    # -- data hooks --------------------------------------------------------------------------
    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        return document

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        return document

    def registry_body(self) -> bytes:
        return self._registry_bytes

    def gateway_body(self) -> bytes:
        return self._gateway_bytes

    # -- responses ---------------------------------------------------------------------------
    def registry_response(self) -> Response:
        return Response(200, self.registry_body(), self.registry_content_type)

    def gateway_response(self) -> Response:
        return Response(200, self.gateway_body(), self.gateway_content_type)

    def method_not_allowed(self, request: Request) -> Response:
        message = f"Method {request.method} not allowed; use GET or HEAD"
        allow = (("Allow", ", ".join(ALLOWED_METHODS)),)
        if request.path == REGISTRY_PATH:
            body = encode_json({"data": None, "error": message})
            return Response(405, body, self.registry_content_type, allow)
        body = encode_json({"error": {"message": message, "type": "method_not_allowed"}})
        return Response(405, body, self.gateway_content_type, allow)

    def not_found(self, request: Request) -> Response:
        del request
        body = encode_json({"error": {"message": "Not Found", "type": "not_found"}})
        return Response(404, body, REGISTRY_CONTENT_TYPE)

    def route(self, request: Request) -> Response:
        handlers = {REGISTRY_PATH: self.registry_response, GATEWAY_PATH: self.gateway_response}
        handler = handlers.get(request.path)
        if handler is None:
            return self.not_found(request)
        if request.method not in ALLOWED_METHODS:
            return self.method_not_allowed(request)
        return handler()

    def respond(self, request: Request) -> Response:
        """The one entry point the HTTP layer calls, from a worker thread per connection."""
        return self.route(request)

    def pause(self, seconds: float) -> None:
        """Wait ``seconds`` or until the server stops, whichever comes first."""
        self.stopping.wait(seconds)

"""Reference servers that misbehave in ways the mutation table does not: several at once, or
differently on every request."""

from __future__ import annotations

import json
import threading

from conformance.server import ReferenceApp, Request, Response
from conformance.server.jsonbytes import encode_json


class ChangingTotal(ReferenceApp):
    """The registry's ``total`` is wrong, and different in every answer."""

    def __init__(self) -> None:
        self.served = 0
        self.lock = threading.Lock()
        super().__init__()

    def registry_response(self) -> Response:
        with self.lock:
            self.served += 1
            turn = self.served
        document = json.loads(self.registry_body())
        document["data"]["total"] = 1000 + turn
        return Response(200, encode_json(document), self.registry_content_type)


class ChangingTotalLikeExpress(ChangingTotal):
    """A changing, wrong ``total``, and undeclared methods answered 501 (as Express does):
    errors, warnings that ``--strict`` makes fail, and cross-API checks with no consistent
    answer to run on, in one run."""

    def method_not_allowed(self, request: Request) -> Response:
        body = encode_json({"error": {"message": "unsupported", "type": "unsupported"}})
        return Response(501, body, "application/json; charset=utf-8")

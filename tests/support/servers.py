"""Start real servers on 127.0.0.1 for tests: the reference server, or one breaking one thing.

    from tests.support.servers import start_server
    from tests.support.mutations import BY_NAME

    with start_server() as server:                        # the reference server, default data
        ... server.url ...                                # base URL of BOTH APIs
    with start_server(BY_NAME["total-wrong"]) as server:  # a row of the mutation table
        ...
    with start_server(registry=real_registry()) as server:  # the reference server, real data

``server`` is a ``conformance.server.RunningServer``: ``.url``, ``.port``, ``.app``, ``.stop()``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from conformance.server import (
    GATEWAY_PATH,
    REGISTRY_PATH,
    LoadedRegistry,
    ReferenceApp,
    Request,
    Response,
    RunningServer,
    registry_from_file,
)
from conformance.server.running import serving
from tests.support.mutations import Mutation
from tests.support.paths import REAL_REGISTRY

PATHS = {"registry": REGISTRY_PATH, "gateway": GATEWAY_PATH}


@cache
def real_registry() -> LoadedRegistry:
    """The real registry response (read from shared/data, never copied), checked once."""
    return registry_from_file(REAL_REGISTRY)


class MutatedApp(ReferenceApp):
    """The reference server with one mutation: its document change, or its answer rewrite on
    the API it serves. Everything else is the reference server's, byte for byte."""

    def __init__(self, mutation: Mutation, registry: LoadedRegistry | None = None) -> None:
        self.mutation = mutation
        self._rewrite = mutation.rewrite() if mutation.rewrite is not None else None
        super().__init__(registry)

    def transform_registry(self, document: dict[str, Any]) -> dict[str, Any]:
        return self._changed(document, "registry")

    def transform_gateway(self, document: dict[str, Any]) -> dict[str, Any]:
        return self._changed(document, "gateway")

    def _changed(self, document: dict[str, Any], api: str) -> dict[str, Any]:
        if self.mutation.serves == api and self.mutation.change is not None:
            document = copy.deepcopy(document)
            self.mutation.change(document)
        return document

    def respond(self, request: Request) -> Response:
        response = super().respond(request)
        if self._rewrite is not None and request.path == PATHS[self.mutation.serves]:
            return self._rewrite(self, request, response)
        return response


@contextmanager
def start_server(
    mutation: Mutation | None = None,
    *,
    registry: LoadedRegistry | None = None,
    app: ReferenceApp | None = None,
) -> Iterator[RunningServer]:
    """Run the reference app (or ``mutation`` of it, or ``app``) on a free loopback port."""
    if app is None:
        app = ReferenceApp(registry) if mutation is None else MutatedApp(mutation, registry)
    with serving(app) as server:
        yield server

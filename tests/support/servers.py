"""Start real servers on 127.0.0.1 for tests: the reference server or any fault variant.

    from tests.support.servers import start_server
    from tests.support import faults

    with start_server() as server:                       # the reference server, default data
        ... server.url ...                               # base URL of BOTH APIs
    with start_server(faults.TotalWrong) as server:      # a variant breaking one thing
        ...
    with start_server(faults.Slow, delay=2.0) as server:  # variant keyword arguments
        ...
    with start_server(registry=real_registry()) as server:  # the reference server, real data

``server`` is a ``conformance.server.RunningServer``: ``.url``, ``.port``, ``.app`` (the app
instance, e.g. ``server.app.requests_seen`` on counting variants) and ``.stop()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

from conformance.server import LoadedRegistry, ReferenceApp, RunningServer, registry_from_file
from conformance.server.running import serving
from tests.support.paths import REAL_REGISTRY


@cache
def real_registry() -> LoadedRegistry:
    """The real registry response (read from shared/data, never copied), validated once."""
    return registry_from_file(REAL_REGISTRY)


@contextmanager
def start_server(
    variant: type[ReferenceApp] = ReferenceApp,
    *,
    registry: LoadedRegistry | None = None,
    **options: Any,
) -> Iterator[RunningServer]:
    """Run ``variant`` (default: the reference app) on a free loopback port until the block ends."""
    app = variant(registry=registry, **options)
    with serving(app) as server:
        yield server

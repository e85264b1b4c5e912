"""Fail loudly, not skip, when the real data that CI keeps beside the checkout is missing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.server import RunningServer
from tests.support.paths import REAL_REGISTRY
from tests.support.servers import real_registry, start_server


def pytest_sessionstart(session: pytest.Session) -> None:
    if not REAL_REGISTRY.is_file():
        raise pytest.UsageError(f"real data missing: {REAL_REGISTRY} (shared/ beside the checkout)")


@pytest.fixture(scope="session")
def reference_server() -> Iterator[RunningServer]:
    """The reference server (shipped default registry) on a free 127.0.0.1 port, shared."""
    with start_server() as server:
        yield server


@pytest.fixture(scope="session")
def real_data_server() -> Iterator[RunningServer]:
    """The reference server fed the real registry from shared/data (read, never copied)."""
    with start_server(registry=real_registry()) as server:
        yield server

"""Session-wide fixtures: the reference server, and (where it exists) the real data's server.

The real captured responses live beside the checkout (``../shared/data``), never inside it; a
fresh clone has none, so tests that need them skip with a visible reason
(``tests.support.paths.needs_real_data``) and everything else runs on the project's own data.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.server import RunningServer
from tests.support.paths import REAL_DATA_MISSING, REAL_REGISTRY
from tests.support.servers import real_registry, start_server


@pytest.fixture(scope="session")
def reference_server() -> Iterator[RunningServer]:
    """The reference server (shipped default registry) on a free 127.0.0.1 port, shared."""
    with start_server() as server:
        yield server


@pytest.fixture(scope="session")
def real_data_server() -> Iterator[RunningServer]:
    """The reference server fed the real registry from shared/data (read, never copied);
    tests using it are skipped, with the reason, where the real data is absent."""
    if not REAL_REGISTRY.is_file():
        pytest.skip(REAL_DATA_MISSING)
    with start_server(registry=real_registry()) as server:
        yield server

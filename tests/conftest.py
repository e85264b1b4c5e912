"""Session-wide fixtures: the reference server, and (where it exists) the real data's server;
and the Hypothesis profiles.

The real captured responses live beside the checkout (``../shared/data``), never inside it; a
fresh clone has none, so tests that need them skip with a visible reason
(``tests.support.paths.needs_real_data``) and everything else runs on the project's own data.

Hypothesis runs the profile named by ``HYPOTHESIS_PROFILE``: ``dev`` (the default: few examples,
for a person waiting at a terminal) or ``ci`` (thorough: what ``.ci/run`` selects). A property
test states no example count of its own unless it needs a bound the profiles cannot give.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from conformance.server import RunningServer
from tests.support.paths import REAL_DATA_MISSING, REAL_REGISTRY
from tests.support.servers import real_registry, start_server

# No deadline: the machine a suite runs on is shared and loaded, and a slow example is not a
# failure; a test's own timeout (pytest-timeout) bounds a hang.
settings.register_profile(
    "dev", max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "ci", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


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

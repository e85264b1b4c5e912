"""Fail loudly, not skip, when the real data that CI keeps beside the checkout is missing."""

from __future__ import annotations

import pytest

from tests.support.paths import REAL_REGISTRY


def pytest_sessionstart(session: pytest.Session) -> None:
    if not REAL_REGISTRY.is_file():
        raise pytest.UsageError(f"real data missing: {REAL_REGISTRY} (shared/ beside the checkout)")

"""Where the tests find the repository and the real data (beside the checkout, never inside)."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "specs"
REAL_DATA = REPO.parent / "shared" / "data" / "helicone-67df07b8"
REAL_REGISTRY = REAL_DATA / "registry-response.json"
REAL_GATEWAY = REAL_DATA / "gateway-models.json"

REAL_DATA_MISSING = f"real data missing: {REAL_DATA} (the shared/ folder beside the checkout)"
needs_real_data = pytest.mark.skipif(not REAL_REGISTRY.is_file(), reason=REAL_DATA_MISSING)
"""Marks a test (or, as ``pytestmark``, a module) that reads the real captured responses: it
runs where they are (CI) and is skipped with this reason elsewhere (``pytest -rs`` shows it)."""

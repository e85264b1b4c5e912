"""Where the tests find the repository and the real data (beside the checkout, never inside)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPECS = REPO / "specs"
REAL_DATA = REPO.parent / "shared" / "data" / "helicone-67df07b8"
REAL_REGISTRY = REAL_DATA / "registry-response.json"
REAL_GATEWAY = REAL_DATA / "gateway-models.json"

"""Prices are not negative: asked of jsonschema_rs in the same pass as the schema.

The verdict validator of a registry document is compiled from the published schema with
``minimum: 0`` added to every number of the pricing definitions (``with_price_minimums``), so a
valid document costs one pass for both questions, and a negative price is reported, at its own
location, among the errors of the branch being explained. The published schema has no
``minimum`` of its own (checked when the schema is built), so every ``Minimum`` error at a
pricing definition is ours. Non-finite prices cannot reach here: ``parse_json`` refuses NaN and
Infinity, and an overflowing number fails its ``type: number``.
"""

from __future__ import annotations

import copy
from typing import Any

from conformance.catalog import finding
from conformance.findings import Finding, Location

PRICE_DEFINITIONS = frozenset(
    {"SimplifiedPricing", "SimplifiedModalityPricing", "ModelPricing", "ModalityPricing"}
    | {"CacheMultipliers"}
)
"""The registry definitions whose numbers are all prices (or price multipliers)."""


def with_price_minimums(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``schema`` where every number of a pricing definition has ``minimum: 0``."""
    widened = copy.deepcopy(schema)
    for name, definition in widened.get("definitions", {}).items():
        if name not in PRICE_DEFINITIONS:
            continue
        for prop in definition.get("properties", {}).values():
            if prop.get("type") == "number":
                if "minimum" in prop:  # ours would then be indistinguishable from the spec's
                    raise ValueError(f"{name} already has a minimum: revisit prices.py")
                prop["minimum"] = 0
    return widened


def is_price_error(error: Any) -> bool:
    """A jsonschema_rs error raised by one of the minimums added above."""
    path = tuple(error.schema_path)
    return (
        type(error.kind).__name__ == "Minimum"
        and len(path) >= 2
        and any(step in PRICE_DEFINITIONS for step in path)
    )


def price_finding(location: Location, value: Any) -> Finding:
    return finding("registry.price-invalid", f"price {value} is negative", location)

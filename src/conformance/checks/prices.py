"""Prices are not negative: checked in Rust first, located in Python only when one is.

Walking every pricing object of a 5,000-model registry in Python costs half a second; the same
question asked of jsonschema_rs (a schema reaching only the prices, each ``minimum: 0``) costs
a tenth of that, so the walk runs only when it says no. Non-finite prices cannot come from a
file: ``parse_json`` refuses NaN, Infinity and overflowing numbers (jsonschema_rs would not see
them: it lets them through ``minimum``), so the data must come from ``parse_json``.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

import jsonschema_rs

from conformance.catalog import finding
from conformance.findings import Finding, Location
from generated.schemas import REGISTRY_SCHEMA

_PRICE_CONTAINERS = ("pricing", "pricingTiers")
_PRICE_DEFINITIONS = (
    "SimplifiedPricing",
    "SimplifiedModalityPricing",
    "ModelPricing",
    "ModalityPricing",
    "CacheMultipliers",
)


def _not_negative(definition: str) -> dict[str, Any]:
    """Only the prices of a pricing definition, each with ``minimum: 0``; nothing else."""
    properties: dict[str, Any] = {}
    for name, prop in REGISTRY_SCHEMA["definitions"][definition]["properties"].items():
        if prop.get("type") == "number":
            properties[name] = {"minimum": 0}
        elif prop.get("$ref", "").rsplit("/", 1)[-1] in _PRICE_DEFINITIONS:
            properties[name] = _not_negative(prop["$ref"].rsplit("/", 1)[-1])
    return {"properties": properties}


@cache
def _price_validator() -> Any:
    # Only the paths that lead to prices: jsonschema_rs visits nothing else, which makes this
    # pass a fraction of a full schema validation.
    simplified = _not_negative("SimplifiedPricing")
    internal = {"items": _not_negative("ModelPricing")}
    config = {"properties": {"pricing": internal}}
    record = {
        "properties": {
            "pricing": internal,
            "modelConfig": {
                "properties": {
                    "pricing": internal,
                    "endpointConfigs": {"additionalProperties": config},
                }
            },
        }
    }
    endpoint = {
        "properties": {
            "pricing": simplified,
            "pricingTiers": {"items": simplified},
            "endpoint": record,
        }
    }
    model = {"properties": {"endpoints": {"items": endpoint}}}
    return jsonschema_rs.Draft4Validator({"properties": {"models": {"items": model}}})


def prices_plausible(data: Any) -> bool:
    """True when no price is negative: nothing to walk."""
    return bool(_price_validator().is_valid(data))


def invalid_prices(endpoints: Any, location: Location) -> list[Finding]:
    """Every price must be finite and not negative: only pricing containers are visited."""
    findings: list[Finding] = []
    for e_index, endpoint in enumerate(endpoints if isinstance(endpoints, list) else []):
        for where, container in _pricing_containers(endpoint, (*location, e_index)):
            for at, number in _bad_numbers(container, where):
                message = f"price {number} is {'negative' if number < 0 else 'not finite'}"
                findings.append(finding("registry.price-invalid", message, at))
    return findings


Located = tuple[Location, Any]


def _pricing_containers(endpoint: Any, location: Location) -> list[Located]:
    """Where prices live: the endpoint's own pricing and tiers, and the internal records'."""
    if not isinstance(endpoint, dict):
        return []
    found = [((*location, key), endpoint.get(key)) for key in _PRICE_CONTAINERS]
    record = endpoint.get("endpoint")
    if isinstance(record, dict):
        found.append(((*location, "endpoint", "pricing"), record.get("pricing")))
        config = record.get("modelConfig")
        if isinstance(config, dict):
            at = (*location, "endpoint", "modelConfig")
            found.append(((*at, "pricing"), config.get("pricing")))
            configs = config.get("endpointConfigs")
            for key, value in configs.items() if isinstance(configs, dict) else ():
                if isinstance(value, dict):
                    found.append(((*at, "endpointConfigs", key, "pricing"), value.get("pricing")))
    return found


def _bad_numbers(value: Any, location: Location) -> list[Located]:
    if isinstance(value, dict):
        return [bad for key, item in value.items() for bad in _bad_numbers(item, (*location, key))]
    if isinstance(value, list):
        return [bad for i, item in enumerate(value) for bad in _bad_numbers(item, (*location, i))]
    if _is_number(value) and not 0 <= value < math.inf:
        return [(location, value)]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

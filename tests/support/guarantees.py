"""The real implementation's guarantees (shared/data/.../README.md), restated for the tests.

Deliberately independent of ``conformance.checks`` and of the server's code: the server tests
use it to prove that the shipped registry keeps every guarantee and that each break of the
mutation table breaks exactly the one it names. Each function returns the names of the
guarantees that do not hold.
"""

from __future__ import annotations

import calendar
import re
import time
from typing import Any

_FULL_TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_MODALITIES = ("audio", "video", "image")


def unix_seconds(training_date: str | None) -> int:
    """The gateway's ``created`` for a full ISO timestamp (UTC), 2024-01-01 when absent."""
    if training_date is None:
        return 1_704_067_200
    moment = time.strptime(training_date[:19], "%Y-%m-%dT%H:%M:%S")
    return calendar.timegm(moment)


def capabilities_from_pricing(models: list[dict[str, Any]]) -> list[str]:
    """What the real implementation derives from each endpoint's base ``pricing``."""
    found: set[str] = set()
    for model in models:
        for endpoint in model["endpoints"]:
            pricing = endpoint["pricing"]
            for modality in _MODALITIES:
                if any(rate > 0 for rate in pricing.get(modality, {}).values()):
                    found.add(modality)
            for key in ("thinking", "web_search"):
                if pricing.get(key, 0) > 0:
                    found.add(key)
            if pricing.get("cacheRead", 0) > 0 or pricing.get("cacheWrite", 0) > 0:
                found.add("caching")
    return sorted(found)


def _prices(pricing: dict[str, Any]) -> list[float]:
    values: list[float] = []
    for key, value in pricing.items():
        if isinstance(value, dict):
            values.extend(value.values())
        elif key != "threshold":
            values.append(value)
    return values


def _has_null(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(item) for item in value.values())
    if isinstance(value, list):
        return any(_has_null(item) for item in value)
    return False


def broken_registry_guarantees(response: dict[str, Any]) -> set[str]:
    data = response["data"]
    models = data["models"]
    filters = data["filters"]
    endpoints = [endpoint for model in models for endpoint in model["endpoints"]]
    providers = sorted({endpoint["provider"] for endpoint in endpoints})
    broken: set[str] = set()
    if response.get("error", "absent") is not None:
        broken.add("wrapped")
    if data["total"] != len(models) or not isinstance(data["total"], int):
        broken.add("total")
    if len({model["id"] for model in models}) != len(models):
        broken.add("unique-ids")
    if [item["name"] for item in filters["providers"]] != providers or not all(
        item["displayName"].strip() for item in filters["providers"]
    ):
        broken.add("filters-providers")
    if filters["authors"] != sorted({model["author"] for model in models}):
        broken.add("filters-authors")
    if filters["capabilities"] != capabilities_from_pricing(models):
        broken.add("filters-capabilities")
    tiers = [tier for endpoint in endpoints for tier in endpoint.get("pricingTiers", [])]
    if any(price < 0 for p in [e["pricing"] for e in endpoints] + tiers for price in _prices(p)):
        broken.add("non-negative-prices")
    if not all(_FULL_TIMESTAMP.match(model.get("trainingDate", "")) for model in models):
        broken.add("training-date-timestamp")
    for model in models:
        union = {
            p
            for e in model["endpoints"]
            for p in e.get("endpoint", {}).get("supportedParameters", [])
        }
        listed = model["supportedParameters"]
        if len(set(listed)) != len(listed) or not union <= set(listed):
            broken.add("parameters-union")
    if not all("endpoint" in endpoint for endpoint in endpoints):
        broken.add("endpoint-record")
    if _has_null(data):
        broken.add("no-nulls")
    return broken


def broken_cross_guarantees(registry: dict[str, Any], gateway: dict[str, Any]) -> set[str]:
    models = registry["data"]["models"]
    listed = gateway["data"]
    broken: set[str] = set()
    if [item["id"] for item in listed] != [model["id"] for model in models]:
        broken.add("same-ids-in-order")
    # Pair entries by position when the ids line up (ids may repeat), else by first id.
    if not broken:
        pairs = list(zip(listed, models, strict=True))
    else:
        by_id: dict[str, dict[str, Any]] = {}
        for model in models:
            by_id.setdefault(model["id"], model)
        pairs = [(item, by_id[item["id"]]) for item in listed if item["id"] in by_id]
    for item, model in pairs:
        if item["owned_by"] != model["author"]:
            broken.add("owned-by-author")
        if item["created"] != unix_seconds(model.get("trainingDate")):
            broken.add("created-training-date")
    return broken

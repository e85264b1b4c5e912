"""For every validate check id: the smallest change to the real data that must trigger it.

Each breaker returns (document, kind, path of the expected finding). tests/checks runs all of
them, and test_catalog proves that every catalogued validate check has one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.checks import real

Broken = tuple[Any, str, str]


def _schema() -> Broken:
    doc = real.registry()
    doc["data"]["models"][2]["inputModalities"].append("pdf")
    return doc, "registry-response", "$.data.models[2].inputModalities[2]"


def _wrapper_missing() -> Broken:
    return real.registry()["data"], "registry-response", "$"


def _total() -> Broken:
    doc = real.registry()
    doc["data"]["total"] = 150
    return doc, "registry-response", "$.data.total"


def _duplicate_id() -> Broken:
    doc = real.registry()
    doc["data"]["models"][7]["id"] = doc["data"]["models"][1]["id"]
    return doc, "registry-response", "$.data.models[7].id"


def _providers_mismatch() -> Broken:
    doc = real.registry()
    doc["data"]["filters"]["providers"].append({"name": "zz-unused", "displayName": "Unused"})
    return doc, "registry-response", "$.data.filters.providers[21]"


def _providers_unsorted() -> Broken:
    doc = real.registry()
    providers = doc["data"]["filters"]["providers"]
    providers[0], providers[1] = providers[1], providers[0]
    return doc, "registry-response", "$.data.filters.providers"


def _display_name() -> Broken:
    doc = real.registry()
    doc["data"]["filters"]["providers"][3]["displayName"] = " "
    return doc, "registry-response", "$.data.filters.providers[3].displayName"


def _authors_mismatch() -> Broken:
    doc = real.registry()
    doc["data"]["filters"]["authors"].remove("xai")
    return doc, "registry-response", "$.data.filters.authors"


def _authors_unsorted() -> Broken:
    data = real.registry()["data"]  # the bare data object, checked as such
    data["filters"]["authors"].reverse()
    return data, "registry", "$.filters.authors"


def _filters_duplicate() -> Broken:
    doc = real.registry()
    doc["data"]["filters"]["authors"].insert(1, "alibaba")
    return doc, "registry-response", "$.data.filters.authors[1]"


def _capability_unsupported() -> Broken:
    doc = real.registry()
    doc["data"]["filters"]["capabilities"].insert(3, "reasoning")  # still sorted
    return doc, "registry-response", "$.data.filters.capabilities[3]"


def _capability_not_listed() -> Broken:
    doc = real.registry()
    doc["data"]["models"][0]["endpoints"][0]["pricing"]["thinking"] = 3.5
    return doc, "registry-response", "$.data.filters.capabilities"


def _capabilities_unsorted() -> Broken:
    doc = real.registry()
    doc["data"]["filters"]["capabilities"].reverse()
    return doc, "registry-response", "$.data.filters.capabilities"


def _price_invalid() -> Broken:
    doc = real.registry()
    doc["data"]["models"][4]["endpoints"][0]["pricing"]["completion"] = -0.5
    return doc, "registry-response", "$.data.models[4].endpoints[0].pricing.completion"


def _duplicate_parameter() -> Broken:
    doc = real.registry()
    params = doc["data"]["models"][0]["supportedParameters"]
    params.append(params[0])
    return doc, "registry-response", f"$.data.models[0].supportedParameters[{len(params) - 1}]"


def _parameters_incomplete() -> Broken:
    doc = real.registry()
    model = doc["data"]["models"][0]
    model["supportedParameters"].remove(model["endpoints"][0]["endpoint"]["supportedParameters"][0])
    return doc, "registry-response", "$.data.models[0].supportedParameters"


def _training_date() -> Broken:
    doc = real.registry()
    doc["data"]["models"][9]["trainingDate"] = "2025-08-05"
    return doc, "registry-response", "$.data.models[9].trainingDate"


def _models_duplicate() -> Broken:
    doc = real.gateway()
    doc["data"][5]["id"] = doc["data"][0]["id"]
    return doc, "models", "$.data[5].id"


def _created_milliseconds() -> Broken:
    doc = real.gateway()
    doc["data"][3]["created"] *= 1000
    return doc, "models", "$.data[3].created"


BREAKERS: dict[str, Callable[[], Broken]] = {
    "schema": _schema,
    "schema.wrapper-missing": _wrapper_missing,
    "registry.total-mismatch": _total,
    "registry.duplicate-model-id": _duplicate_id,
    "registry.providers-mismatch": _providers_mismatch,
    "registry.providers-unsorted": _providers_unsorted,
    "registry.provider-display-name": _display_name,
    "registry.authors-mismatch": _authors_mismatch,
    "registry.authors-unsorted": _authors_unsorted,
    "registry.filters-duplicate": _filters_duplicate,
    "registry.capability-unsupported": _capability_unsupported,
    "registry.capability-not-listed": _capability_not_listed,
    "registry.capabilities-unsorted": _capabilities_unsorted,
    "registry.price-invalid": _price_invalid,
    "registry.duplicate-parameter": _duplicate_parameter,
    "registry.parameters-incomplete": _parameters_incomplete,
    "registry.training-date-format": _training_date,
    "models.duplicate-id": _models_duplicate,
    "models.created-milliseconds": _created_milliseconds,
}

"""The registry the project ships: strict-valid, keeps every guarantee, internally consistent."""

from __future__ import annotations

import math
from importlib import resources
from typing import Any

import pytest

from conformance.checks.registry import check_registry
from conformance.server import default_registry
from conformance.server.gateway_list import derive_gateway_list
from generated.gateway import ModelList
from generated.registry import ModelRegistrySuccess
from tests.checks import own
from tests.support.guarantees import broken_cross_guarantees, broken_registry_guarantees

M = 1_000_000


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return default_registry().document


def _endpoints(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [e for model in document["data"]["models"] for e in model["endpoints"]]


def test_ships_as_package_data_and_is_served_unchanged() -> None:
    shipped = resources.files("conformance.server").joinpath("default_registry.json")
    assert default_registry().body == shipped.read_bytes()


def test_validates_against_the_strict_generated_models() -> None:
    ModelRegistrySuccess.model_validate_json(default_registry().body, strict=True)


def test_keeps_every_guarantee_of_the_real_implementation(document: dict[str, Any]) -> None:
    assert broken_registry_guarantees(document) == set()
    assert check_registry(document["data"]) == []  # not even a warning


def test_derived_gateway_list_is_the_one_written_by_hand(document: dict[str, Any]) -> None:
    gateway = derive_gateway_list(document)
    assert gateway == own.served_gateway()
    ModelList.model_validate(gateway, strict=True)
    assert broken_cross_guarantees(document, gateway) == set()


def test_is_small_and_realistic(document: dict[str, Any]) -> None:
    data = document["data"]
    endpoints = _endpoints(document)
    assert 6 <= len(data["models"]) <= 10
    assert len(data["filters"]["authors"]) >= 3
    assert any(e["provider"] != e["providerSlug"] for e in endpoints)
    assert any("pricingTiers" in e for e in endpoints)
    for key in ("cacheRead", "cacheWrite", "web_search"):
        assert any(key in e["pricing"] for e in endpoints), key
    assert all("endpoint" in e for e in endpoints)
    assert all(m["trainingDate"].endswith("T00:00:00.000Z") for m in data["models"])


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _simplified(tier: dict[str, Any]) -> dict[str, Any]:
    """The real implementation's SimplifiedPricing of one internal pricing tier."""
    result: dict[str, Any] = {"prompt": tier["input"] * M, "completion": tier["output"] * M}
    for modality in ("audio", "image", "video"):
        if modality in tier:
            rates = tier[modality]
            result[modality] = {k: rates[k] * M for k in ("input", "output") if k in rates}
            if "cachedInputMultiplier" in rates:
                result[modality]["cachedInput"] = (
                    rates["input"] * rates["cachedInputMultiplier"] * M
                )
    if "web_search" in tier:
        result["web_search"] = tier["web_search"] * M
    multipliers = tier.get("cacheMultipliers", {})
    if "cachedInput" in multipliers:
        result["cacheRead"] = tier["input"] * multipliers["cachedInput"] * M
    if "write5m" in multipliers:
        result["cacheWrite"] = tier["input"] * multipliers["write5m"] * M
    return result


def _assert_same_prices(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    assert actual.keys() == expected.keys()
    for key, value in expected.items():
        if isinstance(value, dict):
            _assert_same_prices(actual[key], value)
        else:
            assert _close(actual[key], value), (key, actual[key], value)


def test_simplified_pricing_is_derived_from_the_endpoint_record(document: dict[str, Any]) -> None:
    for endpoint in _endpoints(document):
        tiers = endpoint["endpoint"]["pricing"]
        assert endpoint["endpoint"]["modelConfig"]["pricing"] == tiers
        _assert_same_prices(endpoint["pricing"], _simplified(tiers[0]))
        if len(tiers) > 1:
            expected = [{**_simplified(t), "threshold": t["threshold"]} for t in tiers]
            assert len(endpoint["pricingTiers"]) == len(expected)
            for actual, wanted in zip(endpoint["pricingTiers"], expected, strict=True):
                _assert_same_prices(actual, wanted)
        else:
            assert "pricingTiers" not in endpoint


def test_model_parameters_are_the_union_over_its_endpoints(document: dict[str, Any]) -> None:
    for model in document["data"]["models"]:
        union = {p for e in model["endpoints"] for p in e["endpoint"]["supportedParameters"]}
        assert set(model["supportedParameters"]) == union
        assert len(model["supportedParameters"]) == len(union)

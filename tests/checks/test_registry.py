"""Semantic checks of the registry: messages that say what is wrong, and no crash on nonsense."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.checks.registry import check_registry
from tests.checks import real


def _found(data: Any) -> list[tuple[str, str | None, str]]:
    return [(f.check, f.path, f.message) for f in check_registry(data)]


def test_total_mismatch_names_both_numbers() -> None:
    data = real.registry()["data"]
    data["total"] = 150
    assert _found(data) == [
        (
            "registry.total-mismatch",
            "$.data.total",
            "total is 150 but the document holds 111 models",
        )
    ]


def test_total_as_integral_float_is_fine() -> None:
    data = real.registry()["data"]
    data["total"] = 111.0
    assert _found(data) == []


def test_unused_and_unlisted_providers_are_both_reported() -> None:
    data = real.registry()["data"]
    providers = data["filters"]["providers"]
    removed = providers.pop(0)  # anthropic: used by models[0]
    providers.append({"name": "zzz", "displayName": "Z"})
    assert _found(data) == [
        ("registry.providers-mismatch", "$.data.filters.providers[20]",
         "provider 'zzz' is listed but no model uses it"),
        ("registry.providers-mismatch", "$.data.filters.providers",
         f"provider {removed['name']!r} (used by $.data.models[0].endpoints[0]) is not listed"),
    ]  # fmt: skip


def test_negative_prices_are_found_in_the_internal_records_too() -> None:
    data = real.registry()["data"]
    record = data["models"][3]["endpoints"][1]["endpoint"]
    configs = record["modelConfig"]["endpointConfigs"]
    key = next(iter(configs))
    configs[key]["pricing"] = [{"threshold": 0, "input": -1e-6, "output": 0}]
    record["pricing"][0]["cacheMultipliers"] = {"cachedInput": -0.1}
    assert sorted(f.path or "" for f in check_registry(data)) == sorted([
        f"$.data.models[3].endpoints[1].endpoint.modelConfig.endpointConfigs['{key}'].pricing[0].input"
        if not key.isidentifier() else
        f"$.data.models[3].endpoints[1].endpoint.modelConfig.endpointConfigs.{key}.pricing[0].input",
        "$.data.models[3].endpoints[1].endpoint.pricing[0].cacheMultipliers.cachedInput",
    ])  # fmt: skip


def test_capability_with_evidence_only_in_tiers_is_not_unsupported() -> None:
    data = real.registry()["data"]
    endpoint = data["models"][0]["endpoints"][0]
    endpoint["pricingTiers"] = [{"prompt": 1, "completion": 2, "video": {"input": 1}}]
    data["filters"]["capabilities"].insert(3, "video")  # sorted: before web_search
    assert _found(data) == []


def test_zero_priced_capability_is_not_implied() -> None:
    data = real.registry()["data"]
    data["models"][0]["endpoints"][0]["pricing"]["thinking"] = 0
    assert _found(data) == []


def test_parameters_incomplete_lists_every_missing_parameter_once() -> None:
    data = real.registry()["data"]
    model = data["models"][0]
    model["supportedParameters"] = model["supportedParameters"][:2]
    ((check, path, message),) = _found(data)
    assert (check, path) == (
        "registry.parameters-incomplete",
        "$.data.models[0].supportedParameters",
    )
    missing = message.removeprefix("lacks ").split(", supported by")[0].split(", ")
    assert len(missing) == len(set(missing)) == 7


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"models": "x", "total": [], "filters": 3},
        {"models": [1, None, {"id": {}, "endpoints": [None, {"pricing": [], "endpoint": 5}]}]},
        {"models": [{"supportedParameters": [[], {}], "author": ["a"]}], "total": True,
         "filters": {"providers": [{"name": {}}, 5], "authors": [[1]], "capabilities": [{}]}},
    ],
)  # fmt: skip
def test_wrong_shapes_are_left_to_the_schema(data: Any) -> None:
    findings = check_registry(data)
    assert all(f.check.startswith("registry.") for f in findings)
    assert all(f.path is not None and f.path.startswith("$.data") for f in findings)

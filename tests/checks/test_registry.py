"""Semantic checks of the registry: messages that say what is wrong, at the right place, and
no crash on nonsense."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.checks.registry import check_registry
from conformance.findings import Location
from tests.checks import own


def _found(data: Any) -> list[tuple[str, Location | None, str]]:
    return [(f.check, f.location, f.message) for f in check_registry(data, ("data",))]


def test_the_default_registry_is_sound() -> None:
    assert _found(own.registry()["data"]) == []


def test_total_mismatch_names_both_numbers() -> None:
    data = own.registry()["data"]
    data["total"] = 150
    message = "total is 150 but the document holds 10 models"
    assert _found(data) == [("registry.total-mismatch", ("data", "total"), message)]


def test_total_as_integral_float_is_fine() -> None:
    data = own.registry()["data"]
    data["total"] = 10.0
    assert _found(data) == []


def test_unused_and_unlisted_providers_are_both_reported() -> None:
    data = own.registry()["data"]
    providers = data["filters"]["providers"]
    providers.pop(0)  # anthropic: used by models[0].endpoints[0]
    providers.append({"name": "zzz", "displayName": "Z"})
    assert _found(data) == [
        ("registry.providers-mismatch", ("data", "filters", "providers", 8),
         "provider 'zzz' is listed but no model uses it"),
        ("registry.providers-mismatch", ("data", "filters", "providers"),
         "provider 'anthropic' (used by $.data.models[0].endpoints[0]) is not listed"),
    ]  # fmt: skip


def test_locations_keep_their_index_past_items_of_the_wrong_shape() -> None:
    data = own.registry()["data"]
    data["models"].insert(0, "not a model")
    data["models"][3]["id"] = data["models"][1]["id"]
    providers = data["filters"]["providers"]
    providers.insert(0, 7)
    providers[5]["displayName"] = ""
    found = {(check, location) for check, location, _ in _found(data)}
    assert ("registry.duplicate-model-id", ("data", "models", 3, "id")) in found
    assert ("registry.provider-display-name", ("data", "filters", "providers", 5, "displayName")) in found  # fmt: skip  # noqa: E501


def test_capability_with_evidence_only_in_tiers_is_not_unsupported() -> None:
    data = own.registry()["data"]
    endpoint = data["models"][2]["endpoints"][0]
    endpoint["pricingTiers"] = [{"prompt": 1, "completion": 2, "video": {"input": 1}}]
    data["filters"]["capabilities"].insert(3, "video")  # sorted: before web_search
    assert _found(data) == []


def test_zero_priced_capability_is_not_implied() -> None:
    data = own.registry()["data"]
    data["models"][0]["endpoints"][0]["pricing"]["thinking"] = 0
    assert _found(data) == []


def test_parameters_incomplete_lists_every_missing_parameter_once() -> None:
    data = own.registry()["data"]
    model = data["models"][0]
    model["supportedParameters"] = model["supportedParameters"][:2]
    ((check, location, message),) = _found(data)
    assert (check, location) == ("registry.parameters-incomplete", ("data", "models", 0, "supportedParameters"))  # fmt: skip  # noqa: E501
    missing = message.removeprefix("lacks ").split(", supported by")[0].split(", ")
    assert len(missing) == len(set(missing)) == 7


def test_base_prefixes_every_location() -> None:
    data = own.registry()["data"]
    data["total"] = 1
    assert [f.location for f in check_registry(data)] == [("total",)]
    assert [f.location for f in check_registry(data, ("x", 0))] == [("x", 0, "total")]


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"models": "x", "total": [], "filters": 3},
        {"models": [1, None, {"id": {}, "endpoints": [None, {"pricing": [], "endpoint": 5}]}]},
        {"models": [{"supportedParameters": [[], {}], "author": ["a"],
                     "endpoints": [{"endpoint": {"supportedParameters": [{}, [], "x"]}}]}],
         "total": True,
         "filters": {"providers": [{"name": {}}, 5], "authors": [[1]], "capabilities": [{}]}},
    ],
)  # fmt: skip
def test_wrong_shapes_are_left_to_the_schema(data: Any) -> None:
    findings = check_registry(data, ("data",))
    assert all(f.check.startswith("registry.") for f in findings)
    assert all(f.location is not None and f.location[0] == "data" for f in findings)

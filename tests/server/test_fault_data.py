"""Each data fault variant (schema, semantics, cross-API) breaks exactly the one thing it names.

Checked over real HTTP with the strict generated models and ``tests.support.guarantees``: the
named fault is present, and every other layer (the other API, the other guarantee families)
is exactly as correct as the reference server.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from conformance.jsonpath import to_jsonpath
from conformance.server import GATEWAY_PATH, REGISTRY_PATH, RunningServer
from generated.gateway import ModelList
from generated.registry import ModelRegistrySuccess
from tests.support import faults
from tests.support.fetch import fetch
from tests.support.guarantees import broken_cross_guarantees, broken_registry_guarantees
from tests.support.servers import start_server

EXPECTED_GUARANTEE = {
    "total-wrong": "total",
    "duplicate-model-id": "unique-ids",
    "authors-unsorted": "filters-authors",
    "author-missing": "filters-authors",
    "provider-missing": "filters-providers",
    "capability-unbacked": "filters-capabilities",
    "negative-price": "non-negative-prices",
    "training-date-only": "training-date-timestamp",
}
EXPECTED_CROSS = {
    "gateway-missing-model": "same-ids-in-order",
    "gateway-owner-differs": "owned-by-author",
    "gateway-created-differs": "created-training-date",
    "gateway-order-differs": "same-ids-in-order",
}


def _schema_error_paths(model: Any, body: bytes) -> list[str]:
    try:
        model.model_validate_json(body, strict=True)
    except ValidationError as exc:
        return [to_jsonpath(error["loc"]) for error in exc.errors()]
    return []


def _variants(category: str) -> list[type[faults.FaultVariant]]:
    return [v for v in faults.VARIANTS.values() if v.breaks == category]


def _both(url: str) -> tuple[bytes, bytes]:
    registry, gateway = fetch(url + REGISTRY_PATH), fetch(url + GATEWAY_PATH)
    assert registry.status == gateway.status == 200
    return registry.body, gateway.body


@pytest.mark.parametrize("variant", _variants("schema"), ids=lambda v: v.name)
def test_schema_variants_break_only_the_schema_at_their_path(
    variant: type[faults.FaultVariant],
) -> None:
    with start_server(variant) as server:
        registry_body, gateway_body = _both(server.url)
    registry, gateway = json.loads(registry_body), json.loads(gateway_body)
    registry_errors = _schema_error_paths(ModelRegistrySuccess, registry_body)
    gateway_errors = _schema_error_paths(ModelList, gateway_body)
    errors = gateway_errors if variant.name.startswith("gateway-") else registry_errors
    assert errors, "the fault must be a schema error"
    assert variant.path is not None
    assert all(path.startswith(variant.path) for path in errors), errors
    assert not (registry_errors and gateway_errors)
    assert broken_registry_guarantees(registry) == set()
    assert broken_cross_guarantees(registry, gateway) == set()


@pytest.mark.parametrize("variant", _variants("semantics"), ids=lambda v: v.name)
def test_semantic_variants_break_exactly_one_guarantee(
    variant: type[faults.FaultVariant],
) -> None:
    with start_server(variant) as server:
        registry_body, gateway_body = _both(server.url)
    registry, gateway = json.loads(registry_body), json.loads(gateway_body)
    assert _schema_error_paths(ModelRegistrySuccess, registry_body) == []
    assert _schema_error_paths(ModelList, gateway_body) == []
    assert broken_registry_guarantees(registry) == {EXPECTED_GUARANTEE[variant.name]}
    assert broken_cross_guarantees(registry, gateway) == set()


@pytest.mark.parametrize("variant", _variants("cross"), ids=lambda v: v.name)
def test_cross_variants_only_make_the_gateway_disagree(
    variant: type[faults.FaultVariant], reference_server: RunningServer
) -> None:
    with start_server(variant) as server:
        registry_body, gateway_body = _both(server.url)
    assert registry_body == fetch(reference_server.url + REGISTRY_PATH).body
    assert _schema_error_paths(ModelList, gateway_body) == []
    registry, gateway = json.loads(registry_body), json.loads(gateway_body)
    assert broken_cross_guarantees(registry, gateway) == {EXPECTED_CROSS[variant.name]}


def test_every_semantic_and_cross_variant_has_an_expectation() -> None:
    assert {v.name for v in _variants("semantics")} == EXPECTED_GUARANTEE.keys()
    assert {v.name for v in _variants("cross")} == EXPECTED_CROSS.keys()


def test_the_catalogue_is_named_documented_and_covers_every_category() -> None:
    categories = {v.breaks for v in faults.VARIANTS.values()}
    assert categories == {
        "schema",
        "semantics",
        "cross",
        "media-type",
        "json-syntax",
        "status",
        "transport",
        "hygiene",
    }
    for name, variant in faults.VARIANTS.items():
        assert variant.name == name
        assert variant.__doc__, name
        assert name in (faults.__doc__ or ""), f"{name} missing from the faults module docstring"


def test_variants_run_on_the_real_data_too() -> None:
    with start_server(faults.TotalWrong, registry=faults.real_registry()) as server:
        registry = json.loads(fetch(server.url + REGISTRY_PATH).body)
    assert registry["data"]["total"] == 112
    assert broken_registry_guarantees(registry) == {"total"}

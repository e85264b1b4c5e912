"""No check fires on the real captured documents: a check that does is a bug."""

from __future__ import annotations

from conformance.checks import check_document
from conformance.checks.gateway import check_model_list
from conformance.checks.registry import check_registry
from conformance.validation.kinds import detect_kind
from tests.checks import real
from tests.support.paths import needs_real_data

pytestmark = needs_real_data


def test_real_registry_response_has_no_finding_at_all() -> None:
    document = real.registry()
    assert detect_kind(document) == "registry-response"
    assert check_document(document, "registry-response") == []


def test_real_registry_data_object_checked_bare_has_no_finding() -> None:
    data = real.registry()["data"]
    assert detect_kind(data) == "registry"
    assert check_document(data, "registry") == []
    assert check_registry(data) == []


def test_real_gateway_list_has_no_finding_at_all() -> None:
    document = real.gateway()
    assert detect_kind(document) == "models"
    assert check_document(document, "models") == []
    assert check_model_list(document) == []


def test_real_data_exercises_what_the_checks_look_at() -> None:
    # Guards the guard: the silence above means something only if the data holds what the
    # checks inspect (capability pricing, tiers, internal records, ISO dates).
    data = real.registry()["data"]
    endpoints = [e for m in data["models"] for e in m["endpoints"]]
    assert {"audio", "image", "web_search", "cacheRead"} <= {
        k for e in endpoints for k in e["pricing"]
    }
    assert any("pricingTiers" in e for e in endpoints)
    assert all("endpoint" in e for e in endpoints)
    assert data["filters"]["capabilities"] == ["audio", "caching", "image", "web_search"]

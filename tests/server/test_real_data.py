"""Fed the real registry, the reference server answers exactly what the real services answered."""

from __future__ import annotations

from conformance.server import GATEWAY_PATH, REGISTRY_PATH, RunningServer
from tests.support.fetch import fetch
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY


def test_registry_is_the_real_response_byte_for_byte(real_data_server: RunningServer) -> None:
    answer = fetch(real_data_server.url + REGISTRY_PATH)
    assert answer.status == 200
    assert answer.content_type == "application/json; charset=utf-8"
    assert answer.body == REAL_REGISTRY.read_bytes()


def test_derived_gateway_list_is_the_real_gateways_byte_for_byte(
    real_data_server: RunningServer,
) -> None:
    answer = fetch(real_data_server.url + GATEWAY_PATH)
    assert answer.status == 200
    assert answer.content_type == "application/json"  # as the real gateway sends it
    assert answer.body == REAL_GATEWAY.read_bytes()

"""Each row of the mutation table breaks the one API it names, over real HTTP, and only that.

Checked with what does not share code with the checks: the strict generated models, the
guarantees restated in ``tests.support.guarantees``, and the hand-written documents of
``tests.checks.own``. The other API answers byte for byte as the reference server does.
"""

from __future__ import annotations

import http.client
import json
from typing import Any

import pytest
from pydantic import ValidationError

from conformance.jsonpath import to_jsonpath
from conformance.server import GATEWAY_PATH, REGISTRY_PATH, RunningServer
from generated.gateway import ModelList
from generated.registry import ModelRegistrySuccess
from tests.checks import own
from tests.support.fetch import Fetched, fetch
from tests.support.guarantees import broken_cross_guarantees, broken_registry_guarantees
from tests.support.mutations import BY_NAME, MUTATIONS, Mutation
from tests.support.paths import needs_real_data
from tests.support.servers import PATHS, real_registry, start_server

GUARANTEE = {
    "registry.total-mismatch": "total",
    "registry.duplicate-model-id": "unique-ids",
    "registry.providers-mismatch": "filters-providers",
    "registry.providers-unsorted": "filters-providers",
    "registry.provider-display-name": "filters-providers",
    "registry.authors-mismatch": "filters-authors",
    "registry.authors-unsorted": "filters-authors",
    "registry.filters-duplicate": "filters-authors",
    "registry.capability-unsupported": "filters-capabilities",
    "registry.capability-not-listed": "filters-capabilities",
    "registry.capabilities-unsorted": "filters-capabilities",
    "registry.price-invalid": "non-negative-prices",
    "registry.duplicate-parameter": "parameters-union",
    "registry.parameters-incomplete": "parameters-union",
    "registry.training-date-format": "training-date-timestamp",
}
CROSS_GUARANTEES = {
    # A renamed entry no longer pairs with its own model: its owner and date disagree too.
    "models.duplicate-id": {"same-ids-in-order", "owned-by-author", "created-training-date"},
    "models.created-milliseconds": {"created-training-date"},
    "cross.models": {"same-ids-in-order"},
    "cross.order": {"same-ids-in-order"},
    "cross.owned-by": {"owned-by-author"},
    "cross.created": {"created-training-date"},
}
CHANGED = [row for row in MUTATIONS if row.change is not None]


def _same(a: Fetched, b: Fetched) -> tuple[Any, ...]:
    return (a.status, a.content_type, a.body) == (b.status, b.content_type, b.body), a.status


@pytest.mark.parametrize("row", MUTATIONS, ids=lambda row: row.name)
def test_the_other_api_is_untouched(row: Mutation, reference_server: RunningServer) -> None:
    other = PATHS["gateway" if row.serves == "registry" else "registry"]
    with start_server(row) as server:
        answer = fetch(server.url + other)
    assert _same(answer, fetch(reference_server.url + other)) == (True, 200)


@pytest.mark.parametrize("row", CHANGED, ids=lambda row: row.name)
def test_the_served_document_is_the_own_data_changed(row: Mutation) -> None:
    assert row.change is not None
    with start_server(row) as server:
        served = json.loads(fetch(server.url + PATHS[row.serves]).body)
    expected = own.registry() if row.serves == "registry" else own.served_gateway()
    row.change(expected)
    assert served == expected
    if row.check in GUARANTEE:
        assert broken_registry_guarantees(served) == {GUARANTEE[row.check]}
    if row.check in CROSS_GUARANTEES:
        assert broken_cross_guarantees(own.registry(), served) == CROSS_GUARANTEES[row.check]


@pytest.mark.parametrize("row", [BY_NAME["invalid-input-modality"]], ids=lambda row: row.name)
def test_a_schema_break_fails_the_strict_models_at_its_location_only(row: Mutation) -> None:
    with start_server(row) as server:
        body = fetch(server.url + REGISTRY_PATH).body
    with pytest.raises(ValidationError) as caught:
        ModelRegistrySuccess.model_validate_json(body, strict=True)
    paths = {to_jsonpath(error["loc"][:5]) for error in caught.value.errors()}
    assert paths == {to_jsonpath(("data", "models", 2, "inputModalities", 2))}
    assert row.location == ("data", "models", 2, "inputModalities", 2)


def test_every_check_named_by_a_changed_row_has_an_independent_oracle() -> None:
    oracles = set(GUARANTEE) | set(CROSS_GUARANTEES) | {"schema", "schema.wrapper-missing"}
    assert {row.check for row in CHANGED} - oracles == {"semantic.error-status"}


def test_dies_after_refuses_new_connections_and_drops_open_ones() -> None:
    with start_server(BY_NAME["dies-after"]) as server:
        early = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            early.request("GET", REGISTRY_PATH)
            assert early.getresponse().read()  # request 1, connection kept alive
            assert fetch(server.url + REGISTRY_PATH).status == 200  # request 2: the last
            with pytest.raises(ConnectionRefusedError):
                fetch(server.url + GATEWAY_PATH)
            early.request("GET", REGISTRY_PATH)
            with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
                early.getresponse()
        finally:
            early.close()


def test_a_slow_server_stops_without_answering() -> None:
    with start_server(BY_NAME["slow"]) as server, pytest.raises(TimeoutError):
        fetch(server.url + REGISTRY_PATH, timeout=0.3)
    # Leaving the block ended the 30 s wait: the server stopped without answering.


@needs_real_data
def test_rows_apply_to_the_real_data_too() -> None:
    with start_server(BY_NAME["total-wrong"], registry=real_registry()) as server:
        registry = json.loads(fetch(server.url + REGISTRY_PATH).body)
    assert registry["data"]["total"] == 150
    assert broken_registry_guarantees(registry) == {"total"}


def test_the_gateway_list_of_a_changed_registry_is_still_the_reference_one() -> None:
    with start_server(BY_NAME["duplicate-model-id"]) as server:
        gateway = ModelList.model_validate_json(fetch(server.url + GATEWAY_PATH).body, strict=True)
    assert gateway.model_dump(mode="json", exclude_unset=True) == own.served_gateway()

"""The generated models speak exactly the schema's language, on instances drawn from the schema.

Three properties, per response schema: drawn valid instances are accepted by the reference
validator and by the models (from JSON text and from Python objects) and round-trip; mutated
instances are rejected by both; and on any instance the two verdicts agree. Counterexamples found
here are kept in ``corpus/`` (see test_corpus.py).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generated.schemas import GATEWAY_SCHEMA, REGISTRY_SCHEMA
from tests.models.oracle import CASES, json_equal, model_verdict, reference_verdict, round_trip
from tests.models.strategies import SchemaStrategies

STRATEGIES = {
    "registry": SchemaStrategies(REGISTRY_SCHEMA["definitions"]),
    "gateway": SchemaStrategies(GATEWAY_SCHEMA["definitions"]),
}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{name}"}


@pytest.mark.parametrize(("document", "schema_name"), CASES)
@given(data=st.data())
def test_drawn_instances_are_accepted_and_round_trip(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    instance = data.draw(STRATEGIES[document].valid(_ref(schema_name)), label="instance")
    assert reference_verdict(document, schema_name, instance) is True
    assert model_verdict(document, schema_name, instance, from_json=True) is True
    assert model_verdict(document, schema_name, instance, from_json=False) is True
    dumped = round_trip(document, schema_name, json.dumps(instance))
    assert json_equal(dumped, instance), (dumped, instance)


BREAKABLE = [case for case in CASES if case[1] != "ModelRegistryResult"]


@pytest.mark.parametrize(("document", "schema_name"), BREAKABLE)
@given(data=st.data())
def test_mutated_instances_are_rejected_by_both(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    instance, where = data.draw(STRATEGIES[document].mutated(_ref(schema_name)), label="mutant")
    assert reference_verdict(document, schema_name, instance) is False, where
    assert model_verdict(document, schema_name, instance, from_json=True) is False, where
    assert model_verdict(document, schema_name, instance, from_json=False) is False, where


@pytest.mark.parametrize(("document", "schema_name"), CASES)
@given(data=st.data())
def test_verdicts_agree_on_any_mutation(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    strategies = STRATEGIES[document]
    branches = strategies.resolve(_ref(schema_name)).get("anyOf", [_ref(schema_name)])
    branch = data.draw(st.sampled_from(branches), label="branch")
    instance, _ = data.draw(strategies.mutated(branch), label="mutant")
    expected = reference_verdict(document, schema_name, instance)
    assert model_verdict(document, schema_name, instance, from_json=True) is expected
    assert model_verdict(document, schema_name, instance, from_json=False) is expected

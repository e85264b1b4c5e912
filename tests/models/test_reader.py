"""The reader models read what upstream will send next, and still refuse what is not data.

Property tests, per response schema, on instances drawn from the spec's JSON Schema:

- every instance the strict models accept, the reader accepts and dumps back unchanged;
- an instance widened once (a string no enum member spells, a key the schema closes out) is
  rejected by the strict models and accepted and round-tripped by the reader, unknown value or key
  included; so is any instance drawn from the reader's own, widened, JSON Schema;
- every break of structure (a wrong type, ``null`` where none is allowed, a required key missing)
  is rejected by the reader as by the strict models;
- on any mutation at all, the reader models and the reference validator over the reader's JSON
  Schema agree.

Then the same rules on hand-written examples, and on the real registry response and a copy of it
naming a provider, an author, a modality and a parameter this version has never seen.
Counterexamples are kept in ``corpus/`` (see test_corpus.py).
"""

from __future__ import annotations

import copy
import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from generated import registry
from generated.reader import gateway as reader_gateway
from generated.reader import registry as reader_registry
from tests.models.oracle import (
    CASES,
    Models,
    adapter,
    json_equal,
    json_schema,
    round_trip,
    verdicts,
)
from tests.models.strategies import SchemaStrategies
from tests.models.test_exact_language import (
    _DELETE,
    GATEWAY_REJECTED,
    MODEL,
    REJECTED,
    SUCCESS,
    _with,
)
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY, needs_real_data

# Each example draws a whole response (lists of up to two items: empty, one and many, as the
# exhaustive tests below reach every position): the profile's count, capped where it costs most.
PROFILE = settings(max_examples=min(settings.default.max_examples, 60))


@cache
def strategies(document: str, models: Models = "strict") -> SchemaStrategies:
    return SchemaStrategies(json_schema(document, models)["definitions"], max_items=2)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/definitions/{name}"}


def _branch(data: st.DataObject, document: str, schema_name: str) -> dict[str, Any]:
    """The schema itself, or one branch of it when it is an anyOf (a change to one branch may
    satisfy another)."""
    branches = strategies(document).resolve(_ref(schema_name)).get("anyOf", [_ref(schema_name)])
    branch: dict[str, Any] = data.draw(st.sampled_from(branches), label="branch")
    return branch


def _assert_reader_keeps(document: str, schema_name: str, instance: Any) -> None:
    assert verdicts(document, schema_name, instance, "reader") == {True}
    dumped = round_trip(document, schema_name, json.dumps(instance), "reader")
    assert json_equal(dumped, instance), (dumped, instance)


@pytest.mark.parametrize(("document", "schema_name"), CASES)
@PROFILE
@given(data=st.data())
def test_what_the_strict_models_accept_the_reader_accepts_and_round_trips(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    instance = data.draw(strategies(document).valid(_ref(schema_name)), label="instance")
    assert verdicts(document, schema_name, instance, "strict") == {True}
    _assert_reader_keeps(document, schema_name, instance)


# ModelListError is open already (no enum, extra keys allowed): there is nothing to widen.
WIDENABLE = [case for case in CASES if case[1] != "ModelListError"]


def test_the_one_unwidenable_case_is_the_same_language_in_both() -> None:
    assert (
        json_schema("gateway", "reader")["definitions"]["ModelListError"]
        == (json_schema("gateway", "strict")["definitions"]["ModelListError"])
    )


@pytest.mark.parametrize(("document", "schema_name"), WIDENABLE)
@PROFILE
@given(data=st.data())
def test_widened_instances_are_read_and_kept_by_the_reader_and_refused_by_the_strict_models(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    branch = _branch(data, document, schema_name)
    instance, where = data.draw(strategies(document).widened(branch), label="widened")
    assert verdicts(document, schema_name, instance, "strict") == {False}, where
    _assert_reader_keeps(document, schema_name, instance)


@pytest.mark.parametrize(("document", "schema_name"), CASES)
@PROFILE
@given(data=st.data())
def test_instances_of_the_reader_schema_are_read_and_kept(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    drawn = strategies(document, "reader").valid(_ref(schema_name))
    _assert_reader_keeps(document, schema_name, data.draw(drawn, label="instance"))


@pytest.mark.parametrize(("document", "schema_name"), CASES)
@PROFILE
@given(data=st.data())
def test_structural_violations_are_rejected_by_the_reader_too(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    branch = _branch(data, document, schema_name)
    mutant = strategies(document).mutated(branch, structural=True)
    instance, where = data.draw(mutant, label="mutant")
    assert verdicts(document, schema_name, instance, "strict") == {False}, where
    assert verdicts(document, schema_name, instance, "reader") == {False}, where


@pytest.mark.parametrize(("document", "schema_name"), CASES)
@PROFILE
@given(data=st.data())
def test_reader_verdicts_agree_with_the_reader_schema_on_any_mutation(
    document: str, schema_name: str, data: st.DataObject
) -> None:
    branch = _branch(data, document, schema_name)
    instance, where = data.draw(strategies(document).mutated(branch), label="mutant")
    assert len(verdicts(document, schema_name, instance, "reader")) == 1, where


# The same two rules, exhaustively: on an instance that holds every field of every model once,
# every single break of structure and every single widening, at every position.
COMPLETE = [
    (document, schema_name, branch)
    for document, schema_name in CASES
    for branch in strategies(document).resolve(_ref(schema_name)).get("anyOf", [_ref(schema_name)])
]
COMPLETE_IDS = [f"{d}-{n}-{b['$ref'].rsplit('/', 1)[1]}" for d, n, b in COMPLETE]


@pytest.mark.parametrize(("document", "schema_name", "branch"), COMPLETE, ids=COMPLETE_IDS)
def test_every_break_of_structure_anywhere_is_rejected_by_both(
    document: str, schema_name: str, branch: dict[str, Any]
) -> None:
    complete = strategies(document).complete(branch)
    _assert_reader_keeps(document, schema_name, complete)
    breaks = list(strategies(document).structural_breaks(branch, complete))
    assert len(breaks) >= 4
    for instance, what in breaks:
        assert verdicts(document, schema_name, instance, "strict") == {False}, what
        assert verdicts(document, schema_name, instance, "reader") == {False}, what


@pytest.mark.parametrize(("document", "schema_name", "branch"), COMPLETE, ids=COMPLETE_IDS)
def test_every_widening_anywhere_is_kept_by_the_reader_and_refused_by_the_strict_models(
    document: str, schema_name: str, branch: dict[str, Any]
) -> None:
    complete = strategies(document).complete(branch)
    widenings = list(strategies(document).widenings(branch, complete))
    assert bool(widenings) is ((document, schema_name) in WIDENABLE)
    for instance, where in widenings:
        assert verdicts(document, schema_name, instance, "strict") == {False}, where
        _assert_reader_keeps(document, schema_name, instance)


# The strict models' rejections (test_exact_language) that are widenings, not breaks of
# structure: exactly these the reader accepts. A new strict rejection must be sorted here.
READ_BY_THE_READER = {
    "value outside the enum",
    "extra key under additionalProperties: false",
    "extra key at the wrapper",
    "object outside its enum",
}


@pytest.mark.parametrize(
    ("document", "base", "why", "path", "value"),
    [("registry", SUCCESS, *r) for r in REJECTED]
    + [("gateway", {"object": "list", "data": [MODEL]}, *r) for r in GATEWAY_REJECTED],
    ids=[r[0] for r in REJECTED + GATEWAY_REJECTED],
)
def test_each_strict_rejection_is_a_widening_or_still_rejected(
    document: str, base: Any, why: str, path: tuple[str | int, ...], value: Any
) -> None:
    instance = _with(base, path, value)
    schema = "ModelRegistryResult" if document == "registry" else "ModelList"
    assert verdicts(document, schema, instance, "strict") == {False}, why
    if why in READ_BY_THE_READER:
        _assert_reader_keeps(document, schema, instance)
    else:
        assert verdicts(document, schema, instance, "reader") == {False}, why


STILL_REJECTED = [
    ("a number in an open enum", ("data", "models", 0, "inputModalities", 0), 3),
    ("null in an open enum", ("data", "models", 0, "outputModalities", 0), None),
    ("a list for an open enum", ("data", "models", 0, "supportedParameters", 0), ["seed"]),
    ("the success branch's error is still enum [null]", ("error",), "registry unavailable"),
    ("an open enum's list still a list", ("data", "models", 0, "inputModalities"), "text"),
    ("a required key missing where extra keys are kept", ("data", "filters", "authors"), _DELETE),
]


@pytest.mark.parametrize(
    ("why", "path", "value"), STILL_REJECTED, ids=[r[0] for r in STILL_REJECTED]
)
def test_the_reader_still_rejects(why: str, path: tuple[str | int, ...], value: Any) -> None:
    instance = _with(SUCCESS, path, value)
    assert verdicts("registry", "ModelRegistryResult", instance, "reader") == {False}, why


def test_unknown_values_stay_strings_and_known_values_stay_themselves() -> None:
    item = copy.deepcopy(SUCCESS["data"]["models"][0])
    item["inputModalities"] = ["text", "pdf"]
    item["x-launch"] = {"date": "2030-01-01"}
    parsed = reader_registry.ModelRegistryItem.model_validate_json(json.dumps(item))
    assert parsed.inputModalities == ["text", "pdf"]
    assert parsed.model_extra == {"x-launch": {"date": "2030-01-01"}}
    dumped = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert dumped == item
    assert "maxOutput" not in dumped  # absent stays absent, as in the strict models
    with pytest.raises(ValidationError):
        registry.ModelRegistryItem.model_validate_json(json.dumps(item))


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_nan_and_infinity_are_refused_from_python_as_in_the_strict_models(number: float) -> None:
    with pytest.raises(ValidationError):
        reader_registry.SimplifiedPricing.model_validate({"prompt": number, "completion": 1})
    with pytest.raises(ValidationError):  # an extra key holds a JSON value too
        reader_gateway.Model.model_validate({**MODEL, "score": [number]})


@pytest.mark.parametrize("token", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_nan_and_infinity_are_refused_from_json_text_even_in_an_extra_key(token: str) -> None:
    body = json.dumps(MODEL)[:-1] + f', "score": {{"p50": {token}}}}}'
    with pytest.raises(ValidationError):
        reader_gateway.Model.model_validate_json(body)


def test_an_extra_key_holds_json_not_any_python_object() -> None:
    with pytest.raises(ValidationError):
        reader_gateway.Model.model_validate({**MODEL, "released": date(2025, 1, 1)})


def test_the_same_class_names_as_the_strict_models() -> None:
    from generated import gateway

    for strict, reader in ((registry, reader_registry), (gateway, reader_gateway)):
        public = {name for name in vars(strict) if name[0].isupper()}
        assert public == {name for name in vars(reader) if name[0].isupper()}


# --- the real registry, and the registry as it may look next month ---------------------------


def _next_month(real: dict[str, Any]) -> dict[str, Any]:
    """The real response as upstream may send it next: a provider, an author, a modality, a
    parameter, a capability and fields this version has never seen, in the enums' places."""
    changed = copy.deepcopy(real)
    data = changed["data"]
    model = data["models"][0]
    model["author"] = "new-lab"
    model["inputModalities"].append("pdf")
    model["supportedParameters"].append("max_thinking_tokens")
    model["x-release-stage"] = "preview"
    endpoint = model["endpoints"][0]
    endpoint["provider"] = "newcloud"
    endpoint["latencyMs"] = 120
    internal = endpoint["endpoint"]
    internal["provider"] = internal["modelConfig"]["provider"] = "newcloud"
    internal["author"] = internal["modelConfig"]["author"] = "new-lab"
    internal["modelConfig"]["responseFormat"] = "NEWCLOUD"
    internal["pricing"][0]["batchDiscount"] = 0.5
    data["filters"]["capabilities"].append("computer_use")
    data["filters"]["authors"] = sorted({*data["filters"]["authors"], "new-lab"})
    data["filters"]["providers"].append({"name": "newcloud", "displayName": "New Cloud"})
    return changed


@needs_real_data
@pytest.mark.parametrize(
    ("document", "schema", "path"),
    [("registry", "ModelRegistryResult", REAL_REGISTRY), ("gateway", "ModelList", REAL_GATEWAY)],
)
def test_real_responses_are_read_and_round_trip(document: str, schema: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert json_equal(round_trip(document, schema, text, "reader"), json.loads(text))


@needs_real_data
def test_next_months_registry_is_read_and_kept() -> None:
    future = _next_month(json.loads(REAL_REGISTRY.read_text(encoding="utf-8")))
    text = json.dumps(future)
    assert verdicts("registry", "ModelRegistryResult", future, "strict") == {False}
    assert verdicts("registry", "ModelRegistryResult", future, "reader") == {True}
    assert json_equal(round_trip("registry", "ModelRegistryResult", text, "reader"), future)
    parsed = adapter("registry", "ModelRegistryResult", "reader").validate_json(text)
    assert isinstance(parsed, reader_registry.ModelRegistrySuccess)
    model = parsed.data.models[0]
    internal = model.endpoints[0].endpoint
    assert not isinstance(internal, type(reader_registry.MISSING))
    assert (internal.provider, internal.author) == ("newcloud", "new-lab")
    assert model.inputModalities[-1] == "pdf"
    assert model.model_extra == {"x-release-stage": "preview"}

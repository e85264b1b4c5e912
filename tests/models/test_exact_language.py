"""The models' language, one rule at a time, with the reference validator as the second judge."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tests.models.oracle import json_equal, model_verdict, reference_verdict, round_trip
from tests.support.paths import REAL_GATEWAY, REAL_REGISTRY, SPECS, needs_real_data

MODEL = {"id": "gpt-4o", "object": "model", "created": 1715558400, "owned_by": "openai"}
PRICING = {"prompt": 2.5, "completion": 10}
ITEM = {
    "id": "gpt-4o",
    "name": "OpenAI: GPT-4o",
    "author": "openai",
    "contextLength": 128000,
    "endpoints": [{"provider": "openai", "providerSlug": "openai", "pricing": PRICING}],
    "inputModalities": ["text", "image"],
    "outputModalities": ["text"],
    "supportedParameters": ["max_tokens", "temperature"],
}
DATA = {
    "models": [ITEM],
    "total": 1,
    "filters": {
        "providers": [{"name": "openai", "displayName": "OpenAI"}],
        "authors": ["openai"],
        "capabilities": [],
    },
}
SUCCESS = {"data": DATA, "error": None}


def _with(document: Any, path: tuple[str | int, ...], value: Any) -> Any:
    changed = copy.deepcopy(document)
    target = changed
    for step in path[:-1]:
        target = target[step]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return changed


_DELETE = object()

REJECTED = [
    ("number given as a string", ("data", "models", 0, "contextLength"), "128000"),
    ("boolean given as a string", ("data", "models", 0, "endpoints", 0, "supportsPtb"), "true"),
    ("boolean given as a number", ("data", "models", 0, "endpoints", 0, "supportsPtb"), 1),
    ("number given as a boolean", ("data", "total"), True),
    ("null for an optional field", ("data", "models", 0, "maxOutput"), None),
    ("null for a required field", ("data", "models", 0, "id"), None),
    ("null enum member", ("data", "models", 0, "inputModalities", 0), None),
    ("value outside the enum", ("data", "models", 0, "inputModalities", 0), "pdf"),
    ("extra key under additionalProperties: false", ("data", "models", 0, "extra"), 1),
    ("extra key at the wrapper", ("extra",), 1),
    ("required key missing", ("data", "models", 0, "endpoints", 0, "pricing"), _DELETE),
    ("wrapper error must be null", ("error",), 0),
    ("wrapper error must be present", ("error",), _DELETE),
    ("price object of the wrong type", ("data", "models", 0, "endpoints", 0, "pricing"), []),
]


@pytest.mark.parametrize(("why", "path", "value"), REJECTED, ids=[r[0] for r in REJECTED])
def test_registry_rejects(why: str, path: tuple[str | int, ...], value: Any) -> None:
    instance = _with(SUCCESS, path, value)
    for schema in ("ModelRegistrySuccess", "ModelRegistryResult"):
        assert reference_verdict("registry", schema, instance) is False, why
        assert model_verdict("registry", schema, instance, from_json=True) is False, why
        assert model_verdict("registry", schema, instance, from_json=False) is False, why


GATEWAY_REJECTED = [
    ("integer given as a float", ("data", 0, "created"), 1.5),
    ("integer given as a string", ("data", 0, "created"), "1715558400"),
    ("object outside its enum", ("data", 0, "object"), "models"),
    ("required key missing", ("data", 0, "owned_by"), _DELETE),
    ("null id", ("data", 0, "id"), None),
]


@pytest.mark.parametrize(
    ("why", "path", "value"), GATEWAY_REJECTED, ids=[r[0] for r in GATEWAY_REJECTED]
)
def test_gateway_rejects(why: str, path: tuple[str | int, ...], value: Any) -> None:
    instance = _with({"object": "list", "data": [MODEL]}, path, value)
    assert reference_verdict("gateway", "ModelList", instance) is False, why
    assert model_verdict("gateway", "ModelList", instance, from_json=True) is False, why
    assert model_verdict("gateway", "ModelList", instance, from_json=False) is False, why


ACCEPTED = [
    ("registry", "ModelRegistrySuccess", SUCCESS),
    ("registry", "ModelRegistryResult", {"data": None, "error": "registry unavailable"}),
    ("registry", "ModelRegistrySuccess", _with(SUCCESS, ("data", "total"), 1.0)),
    # filters has no additionalProperties: extra keys are JSON Schema's default, kept
    ("registry", "ModelRegistrySuccess", _with(SUCCESS, ("data", "filters", "x-new"), [1])),
    ("gateway", "ModelList", {"object": "list", "data": [{**MODEL, "permission": []}]}),
    ("gateway", "ModelList", {"object": "list", "data": [], "has_more": False}),
    ("gateway", "ModelListError", {"error": {"message": "boom", "type": "internal_error"}}),
    ("gateway", "ModelListError", {}),
]


@pytest.mark.parametrize(("document", "schema", "instance"), ACCEPTED)
def test_accepted_and_kept(document: str, schema: str, instance: Any) -> None:
    assert reference_verdict(document, schema, instance) is True
    assert model_verdict(document, schema, instance, from_json=False) is True
    assert json_equal(round_trip(document, schema, json.dumps(instance)), instance)


@needs_real_data
@pytest.mark.parametrize(
    ("document", "schema", "path"),
    [
        ("registry", "ModelRegistryResult", REAL_REGISTRY),
        ("gateway", "ModelList", REAL_GATEWAY),
    ],
)
def test_real_responses_parse_and_round_trip(document: str, schema: str, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert json_equal(round_trip(document, schema, text), json.loads(text))


def test_upstream_example_1_is_rejected() -> None:
    import yaml

    spec = yaml.safe_load((SPECS / "model-registry.openapi.yaml").read_text(encoding="utf-8"))
    media = spec["paths"]["/v1/public/model-registry/models"]["get"]["responses"]["200"]
    example = media["content"]["application/json"]["examples"]["Example 1"]["value"]
    assert reference_verdict("registry", "ModelRegistryResult", example) is False
    assert model_verdict("registry", "ModelRegistryResult", example, from_json=True) is False
    # Wrapped as the schema wants, it still fails: the null modalities and parameters.
    wrapped = {"data": example, "error": None}
    assert model_verdict("registry", "ModelRegistryResult", wrapped, from_json=True) is False
    fixed = copy.deepcopy(wrapped)
    model = fixed["data"]["models"][0]
    model["inputModalities"] = ["text"]
    model["outputModalities"] = ["text"]
    model["supportedParameters"] = ["max_tokens"]
    assert model_verdict("registry", "ModelRegistryResult", fixed, from_json=True) is True

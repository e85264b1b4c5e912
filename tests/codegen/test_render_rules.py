"""The rules codegen adds to datamodel-code-generator's output, on small documents made for them:
``number`` keeps integers (``with_python_types``), a success/error union is chosen by the field
that is null in one branch only (``null_discriminated_unions``), and the reader names the
vocabulary of a plain string field (``codegen.reader.NAMED_VOCABULARIES``)."""

from __future__ import annotations

import copy
import sys
import types
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter, ValidationError

from codegen.errors import SpecError
from codegen.load import load_spec
from codegen.normalise import normalise
from codegen.reader import NAMED_VOCABULARIES, reader_spec
from codegen.render import NullDiscriminatedUnion, null_discriminated_unions, render_models
from tests.support.paths import SPECS

_NULL_ONLY = {"type": "number", "enum": [None], "nullable": True}
DOCUMENT: dict[str, Any] = {
    "openapi": "3.0.0",
    "info": {"title": "rules", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Payload": {
                "type": "object",
                "additionalProperties": False,
                "required": ["count"],
                "properties": {
                    "count": {"type": "number", "format": "double"},
                    "sizes": {"type": "array", "items": {"type": "number"}},
                    "level": {"type": "number", "enum": [1, 2]},
                },
            },
            "Ok": {
                "type": "object",
                "additionalProperties": False,
                "required": ["data", "error"],
                "properties": {
                    "data": {"$ref": "#/components/schemas/Payload"},
                    "error": _NULL_ONLY,
                },
            },
            "Err": {
                "type": "object",
                "additionalProperties": False,
                "required": ["data", "error"],
                "properties": {"data": _NULL_ONLY, "error": {"type": "string"}},
            },
            "Result": {
                "anyOf": [{"$ref": "#/components/schemas/Ok"}, {"$ref": "#/components/schemas/Err"}]
            },
        }
    },
}
_modules = count()


def _compile(tmp_path: Path, document: dict[str, Any]) -> Any:
    path = tmp_path / f"rules{next(_modules)}.openapi.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    module = types.ModuleType(f"rules_case_{next(_modules)}")
    sys.modules[module.__name__] = module  # pydantic resolves the forward references here
    code = render_models(normalise(load_spec(path)), "test")
    exec(compile(code, module.__name__, "exec"), module.__dict__)
    return module


@pytest.fixture(scope="module")
def module(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _compile(tmp_path_factory.mktemp("rules"), DOCUMENT)


def test_numbers_keep_integers_and_number_enums_stay_literal(module: Any) -> None:
    text = '{"count": 200000, "sizes": [1, 1.5, 3.0], "level": 2}'
    parsed = module.Payload.model_validate_json(text)
    # yaml.safe_dump sorted the properties, so the model dumps them in that order
    assert parsed.model_dump_json() == '{"count":200000,"level":2,"sizes":[1,1.5,3.0]}'
    with pytest.raises(ValidationError):
        module.Payload.model_validate_json('{"count": 1, "level": 3}')  # an enum stays closed
    for not_a_number in ('"1"', "true", "null"):
        with pytest.raises(ValidationError):
            module.Payload.model_validate_json(f'{{"count": {not_a_number}}}')


def test_the_union_is_chosen_by_the_field_null_in_one_branch(module: Any) -> None:
    result = TypeAdapter(module.Result)
    assert isinstance(result.validate_json('{"data": {"count": 1}, "error": null}'), module.Ok)
    assert isinstance(result.validate_json('{"data": null, "error": "x"}'), module.Err)
    with pytest.raises(ValidationError) as refused:
        result.validate_json('{"data": {"count": "1"}, "error": null}')
    assert [e["loc"] for e in refused.value.errors()] == [("Ok", "data", "count")]


def test_only_a_field_null_in_exactly_one_branch_discriminates() -> None:
    schemas = copy.deepcopy(DOCUMENT["components"]["schemas"])
    assert null_discriminated_unions(schemas) == [
        NullDiscriminatedUnion("Result", "data", "Ok", "Err")
    ]
    # Both branches may hold null in data: error (null in Ok only) decides instead.
    schemas["Ok"]["properties"]["data"] = {"$ref": "#/components/schemas/Payload", "nullable": True}
    schemas["Payload"]["nullable"] = True
    assert null_discriminated_unions(schemas) == [
        NullDiscriminatedUnion("Result", "error", "Err", "Ok")
    ]
    # Neither field tells them apart: the union stays datamodel-code-generator's.
    schemas["Err"]["properties"]["error"] = _NULL_ONLY
    assert null_discriminated_unions(schemas) == []


def test_the_registry_document_has_one_such_union_and_the_gateway_none() -> None:
    registry = normalise(load_spec(SPECS / "model-registry.openapi.yaml"))
    gateway = normalise(load_spec(SPECS / "ai-gateway.openapi.yaml"))
    assert null_discriminated_unions(registry.schemas) == [
        NullDiscriminatedUnion(
            "ModelRegistryResult", "data", "ModelRegistrySuccess", "ModelRegistryError"
        )
    ]
    assert null_discriminated_unions(gateway.schemas) == []


def test_a_named_vocabulary_for_a_field_that_is_no_plain_string_stops_codegen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spec = normalise(load_spec(SPECS / "model-registry.openapi.yaml"))
    vocabularies = copy.deepcopy(NAMED_VOCABULARIES)
    vocabularies["model-registry.openapi.yaml"]["ModelEndpoint"] = {"pricing": "ModelProviderName"}
    monkeypatch.setattr("codegen.reader.NAMED_VOCABULARIES", vocabularies)
    with pytest.raises(SpecError, match="ModelEndpoint/properties/pricing: NAMED_VOCABULARIES"):
        reader_spec(spec)

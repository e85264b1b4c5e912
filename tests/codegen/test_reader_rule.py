"""`codegen.reader.widen`, the one rule of the reader models, on schema shapes the specs may grow.

Each case is a small OpenAPI document compiled the way `make generate` compiles the real ones
(load, normalise, widen, render), imported, and judged with pydantic and, over the JSON Schema of
the same document, the reference validator: the reader must accept what the strict models accept,
open only string enums, keep extra keys, and nothing more.
"""

from __future__ import annotations

import sys
import types
from itertools import count
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import ValidationError

from codegen.load import load_spec
from codegen.normalise import normalise
from codegen.reader import reader_spec, widen
from codegen.render import render_models

DOCUMENT = {
    "openapi": "3.0.0",
    "info": {"title": "widen", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "Colour": {"type": "string", "enum": ["red", "blue"], "description": "A colour"},
            "Thing": {
                "type": "object",
                "additionalProperties": False,
                "required": ["colour", "size", "nothing"],
                "properties": {
                    "colour": {"$ref": "#/components/schemas/Colour"},
                    "shade": {"type": "string", "enum": ["dark", "light"], "nullable": True},
                    "size": {"type": "number", "enum": [1, 2]},
                    "nothing": {"type": "number", "enum": [None], "nullable": True},
                    "tags": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            },
        }
    },
}
_modules = count()


def _compile(tmp_path: Path, *, reader: bool) -> Any:
    path = tmp_path / "widen.openapi.yaml"
    path.write_text(yaml.safe_dump(DOCUMENT), encoding="utf-8")
    spec = normalise(load_spec(path))
    if reader:
        spec = reader_spec(spec)
    module = types.ModuleType(f"widen_case_{next(_modules)}")
    sys.modules[module.__name__] = module  # pydantic resolves the forward references here
    exec(compile(render_models(spec, "test"), module.__name__, "exec"), module.__dict__)
    schema = {"$ref": "#/definitions/Thing", **spec.json_schema()}
    return module, jsonschema.Draft4Validator(schema)


THING = {"colour": "red", "size": 1, "nothing": None}
CASES = [
    ("as the contract says", THING, True, True),
    ("a colour no member spells", {**THING, "colour": "green"}, False, True),
    ("a nullable enum: null", {**THING, "shade": None}, True, True),
    ("a nullable enum: a new value", {**THING, "shade": "mid"}, False, True),
    ("a nullable enum: a number", {**THING, "shade": 3}, False, False),
    ("a new key where additionalProperties is false", {**THING, "new": [1]}, False, True),
    ("a map's values keep their type", {**THING, "tags": {"a": 1}}, False, False),
    ("a map with a string value", {**THING, "tags": {"a": "b"}}, True, True),
    ("a number enum stays closed", {**THING, "size": 3}, False, False),
    ("enum [null] stays closed", {**THING, "nothing": 0}, False, False),
    ("an open enum is not nullable", {**THING, "colour": None}, False, False),
    ("an open enum takes strings only", {**THING, "colour": 1}, False, False),
    ("a required key is still required", {"colour": "red", "size": 1}, False, False),
]


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("widen")
    return {"strict": _compile(tmp, reader=False), "reader": _compile(tmp, reader=True)}


@pytest.mark.parametrize(("why", "instance", "strict", "reader"), CASES, ids=[c[0] for c in CASES])
def test_the_reader_differs_from_the_strict_models_only_by_the_rule(
    compiled: dict[str, Any], why: str, instance: dict[str, Any], strict: bool, reader: bool
) -> None:
    for models, expected in (("strict", strict), ("reader", reader)):
        module, reference = compiled[models]
        assert reference.is_valid(instance) is expected, f"{models} JSON Schema: {why}"
        try:
            parsed = module.Thing.model_validate(instance)
        except ValidationError:
            accepted = False
        else:
            accepted = True
            assert parsed.model_dump(mode="json", exclude_unset=True) == instance, why
        assert accepted is expected, f"{models}: {why}"


def test_an_opened_enum_keeps_its_description_and_its_known_values() -> None:
    opened = widen(DOCUMENT["components"]["schemas"]["Colour"])
    assert opened == {
        "description": "A colour",
        "anyOf": [{"type": "string", "enum": ["red", "blue"]}, {"type": "string"}],
    }

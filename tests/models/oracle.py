"""The judges of an instance, for each of the two model packages: the reference validator over the
package's JSON Schema, and the generated models themselves. Tests compare their verdicts.

``models="strict"`` is the contract (``generated.registry``/``gateway`` and the spec's JSON Schema
in ``generated.schemas``); ``models="reader"`` is ``generated.reader.*`` and the JSON Schema of the
same widened document codegen renders them from (``codegen.reader``).
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any, Literal

import jsonschema
from pydantic import TypeAdapter, ValidationError

from codegen.load import load_spec
from codegen.naming import MODULE_NAMES
from codegen.normalise import normalise
from codegen.reader import reader_spec
from generated import gateway, registry
from generated.reader import gateway as reader_gateway
from generated.reader import registry as reader_registry
from generated.schemas import GATEWAY_SCHEMA, REGISTRY_SCHEMA
from tests.support.paths import SPECS

Models = Literal["strict", "reader"]
MODULES: dict[Models, dict[str, Any]] = {
    "strict": {"registry": registry, "gateway": gateway},
    "reader": {"registry": reader_registry, "gateway": reader_gateway},
}
SCHEMAS = {"registry": REGISTRY_SCHEMA, "gateway": GATEWAY_SCHEMA}
# Every response body schema of both documents, and the registry's data object.
CASES = [
    ("registry", "ModelRegistryResult"),
    ("registry", "ModelRegistrySuccess"),
    ("registry", "ModelRegistryError"),
    ("registry", "ModelRegistryResponse"),
    ("gateway", "ModelList"),
    ("gateway", "ModelListError"),
]


@cache
def json_schema(document: str, models: Models = "strict") -> dict[str, Any]:
    if models == "strict":
        return SCHEMAS[document]
    (file,) = (name for name, module in MODULE_NAMES.items() if module == document)
    return reader_spec(normalise(load_spec(SPECS / file))).json_schema()


@cache
def _validator(document: str, schema_name: str, models: Models) -> jsonschema.Draft4Validator:
    schema = {"$ref": f"#/definitions/{schema_name}", **json_schema(document, models)}
    return jsonschema.Draft4Validator(schema)


@cache
def adapter(document: str, schema_name: str, models: Models = "strict") -> TypeAdapter[Any]:
    return TypeAdapter(getattr(MODULES[models][document], schema_name))


def reference_verdict(
    document: str, schema_name: str, instance: Any, models: Models = "strict"
) -> bool:
    return bool(_validator(document, schema_name, models).is_valid(instance))


def model_verdict(
    document: str, schema_name: str, instance: Any, *, from_json: bool, models: Models = "strict"
) -> bool:
    ta = adapter(document, schema_name, models)
    try:
        if from_json:
            ta.validate_json(json.dumps(instance, allow_nan=False))
        else:
            ta.validate_python(instance)
    except ValidationError:
        return False
    return True


def verdicts(
    document: str, schema_name: str, instance: Any, models: Models = "strict"
) -> set[bool]:
    """Every judge's verdict of one package: a single value when they agree."""
    return {
        reference_verdict(document, schema_name, instance, models),
        model_verdict(document, schema_name, instance, from_json=True, models=models),
        model_verdict(document, schema_name, instance, from_json=False, models=models),
    }


def round_trip(document: str, schema_name: str, text: str, models: Models = "strict") -> Any:
    """Parse JSON text and dump it back the way the README documents."""
    ta = adapter(document, schema_name, models)
    parsed = ta.validate_json(text)
    return ta.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)


def json_equal(a: Any, b: Any) -> bool:
    """JSON value equality, numbers as written: an integer stays an integer (``200000`` is not
    ``200000.0``), a float a float, and a boolean is never a number."""
    if isinstance(a, bool | int | float) or isinstance(b, bool | int | float):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b

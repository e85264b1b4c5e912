"""The two judges of an instance: the reference validator over the spec's JSON Schema, and the
strict generated models. Tests compare their verdicts."""

from __future__ import annotations

import json
import math
from functools import cache
from typing import Any

import jsonschema
from pydantic import TypeAdapter, ValidationError

from generated import gateway, registry
from generated.schemas import GATEWAY_SCHEMA, REGISTRY_SCHEMA

MODULES = {"registry": registry, "gateway": gateway}
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
def _validator(document: str, schema_name: str) -> jsonschema.Draft4Validator:
    schema = {"$ref": f"#/definitions/{schema_name}", **SCHEMAS[document]}
    return jsonschema.Draft4Validator(schema)


@cache
def adapter(document: str, schema_name: str) -> TypeAdapter[Any]:
    return TypeAdapter(getattr(MODULES[document], schema_name))


def reference_verdict(document: str, schema_name: str, instance: Any) -> bool:
    return bool(_validator(document, schema_name).is_valid(instance))


def model_verdict(document: str, schema_name: str, instance: Any, *, from_json: bool) -> bool:
    ta = adapter(document, schema_name)
    try:
        if from_json:
            ta.validate_json(json.dumps(instance, allow_nan=False))
        else:
            ta.validate_python(instance)
    except ValidationError:
        return False
    return True


def round_trip(document: str, schema_name: str, text: str) -> Any:
    ta = adapter(document, schema_name)
    parsed = ta.validate_json(text)
    return ta.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)


def json_equal(a: Any, b: Any) -> bool:
    """JSON value equality: numbers by value, but a boolean is never a number."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=0, abs_tol=0) or a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b

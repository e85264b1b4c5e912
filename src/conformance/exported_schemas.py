"""The JSON Schema (draft 2020-12) of each document kind, for validators in other languages.

Each is derived from the schema ``validate``'s schema step compiles (``checks.schema.schema_of``:
the generated draft-4 definitions, prices with their ``minimum: 0``), so an exported schema
accepts exactly the documents that step accepts. The draft-4 spelling is rewritten as 2020-12
spells it (``definitions`` -> ``$defs``, boolean ``exclusiveMinimum``/``exclusiveMaximum`` ->
numbers, an OpenAPI ``nullable`` left over -> a ``null`` type); only the definitions a kind
reaches are kept, each titled with its name. Output is deterministic: the same version of the
tool prints the same bytes.
"""

from __future__ import annotations

import json
from typing import Any

from conformance import __version__
from conformance.checks.schema import schema_of
from conformance.validation.kinds import KIND_DESCRIPTIONS
from generated.schemas import DOCUMENT_KINDS

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_DEFINITIONS = "#/definitions/"
_DEFS = "#/$defs/"
Schema = dict[str, Any]


def schema_id(kind: str) -> str:
    """The ``$id`` of a kind's schema: a name, not a place to fetch it from."""
    return f"urn:helicone-contract:{__version__}:schema:{kind}"


def exported_schema(kind: str) -> Schema:
    """The draft 2020-12 schema of a document kind (a key of ``DOCUMENT_KINDS``)."""
    root = DOCUMENT_KINDS[kind]
    definitions: dict[str, Schema] = schema_of(root)["definitions"]
    reached = _reachable(root, definitions)
    return {
        "$schema": DRAFT,
        "$id": schema_id(kind),
        "title": f"helicone-contract {kind}: {KIND_DESCRIPTIONS[kind]}",
        "$ref": _DEFS + root,
        "$defs": {
            name: {"title": name, **_converted(definitions[name])} for name in sorted(reached)
        },
    }


def render_schema(kind: str) -> str:
    return json.dumps(exported_schema(kind), indent=2, ensure_ascii=False) + "\n"


def _reachable(root: str, definitions: dict[str, Schema]) -> set[str]:
    seen: set[str] = set()
    todo = [root]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += _references(definitions[name])
    return seen


def _references(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = []
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str):
                found.append(item.removeprefix(_DEFINITIONS))
            else:
                found += _references(item)
        return found
    if isinstance(value, list):
        return [name for item in value for name in _references(item)]
    return []


_SUBSCHEMA_MAPS = ("properties", "definitions")
_SUBSCHEMA_LISTS = ("anyOf", "oneOf", "allOf")
_SUBSCHEMAS = ("items", "additionalProperties", "not")
_READ_OTHERWISE = ("dependencies", "additionalItems", "id")
"""Draft-4 keywords 2020-12 reads otherwise, which OpenAPI 3.0 schemas never hold."""


def _converted(schema: Schema) -> Schema:
    """One draft-4 schema (as generated from OpenAPI 3.0) as draft 2020-12 says the same."""
    result: Schema = {}
    for key, value in schema.items():
        if key == "$ref":
            if not value.startswith(_DEFINITIONS):
                raise ValueError(f"unexpected $ref {value!r}: only local definitions are exported")
            result[key] = _DEFS + value.removeprefix(_DEFINITIONS)
        elif key in _SUBSCHEMA_MAPS:
            result[key] = {name: _converted(sub) for name, sub in value.items()}
        elif key in _SUBSCHEMA_LISTS:
            result[key] = [_converted(sub) for sub in value]
        elif key in _SUBSCHEMAS and isinstance(value, dict):
            result[key] = _converted(value)
        elif key in ("exclusiveMinimum", "exclusiveMaximum") and isinstance(value, bool):
            bound = "minimum" if key == "exclusiveMinimum" else "maximum"
            if value:
                result[key] = schema[bound]
        elif key in ("minimum", "maximum") and schema.get(f"exclusive{key.capitalize()}") is True:
            continue  # said by the exclusive bound above
        elif key == "nullable":
            continue  # folded into the type below
        elif key in _READ_OTHERWISE or key == "items":  # items here: the draft-4 tuple form
            raise ValueError(f"draft-4 {key!r} has no exported form (not OpenAPI 3.0)")
        else:
            result[key] = value
    if schema.get("nullable") is True:
        _allow_null(result)
    if "definitions" in result:
        result["$defs"] = result.pop("definitions")
    return result


def _allow_null(result: Schema) -> None:
    if "type" in result:
        types = result["type"] if isinstance(result["type"], list) else [result["type"]]
        result["type"] = types if "null" in types else [*types, "null"]
        if "enum" in result and None not in result["enum"]:
            result["enum"] = [*result["enum"], None]
    elif "anyOf" in result:
        result["anyOf"] = [*result["anyOf"], {"type": "null"}]

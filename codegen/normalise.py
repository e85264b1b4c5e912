"""Turn a published document into what the renderers need, without touching the published file.

Two products:

- ``codegen_document``: an OpenAPI document whose every object schema is a named component
  (upstream names renamed per ``naming.COMPONENT_RENAMES``, inline objects lifted per
  ``naming.INLINE_NAMES``) and whose objects state ``additionalProperties`` explicitly, because
  JSON Schema's default (extra keys allowed) must survive into the models as ``extra="allow"``.
- ``json_schema``: the same definitions as plain JSON Schema (draft 4, OpenAPI 3.0's base), with
  ``nullable`` spelled as a ``null`` type, for the runtime validators and for property tests.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from codegen.errors import SpecError
from codegen.load import LoadedSpec
from codegen.naming import COMPONENT_RENAMES, DOCUMENT_KINDS, INLINE_NAMES

Schema = dict[str, Any]
REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class NormalisedSpec:
    source: LoadedSpec
    schemas: dict[str, Schema]  # name -> OpenAPI 3.0 schema, every object named
    responses: dict[tuple[str, str], dict[str, str]]  # ("GET", "/v1/models") -> status -> kind

    def codegen_document(self) -> dict[str, Any]:
        return {
            "openapi": self.source.document["openapi"],
            "info": self.source.document["info"],
            "paths": {},
            "components": {"schemas": self.schemas},
        }

    def json_schema(self) -> dict[str, Any]:
        return {"definitions": {name: to_json_schema(s) for name, s in self.schemas.items()}}


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class _Lifter:
    def __init__(self, spec: LoadedSpec) -> None:
        self.file = spec.name
        self.renames = COMPONENT_RENAMES.get(spec.name, {})
        self.inline_names = INLINE_NAMES.get(spec.name, {})
        self.schemas: dict[str, Schema] = {}
        self.unused_inline = set(self.inline_names)

    def component_name(self, upstream: str) -> str:
        return self.renames.get(upstream, upstream)

    def lift(self, schema: Schema, pointer: str) -> Schema:
        """Return ``schema`` with nested objects replaced by $refs to named components."""
        if "$ref" in schema:
            ref = schema["$ref"]
            if not ref.startswith(REF_PREFIX):
                raise SpecError(self.file, pointer, f"unsupported $ref {ref!r}")
            return {"$ref": REF_PREFIX + self.component_name(ref[len(REF_PREFIX) :])}
        result = dict(schema)
        if "properties" in schema:
            result["properties"] = {
                key: self._nested(sub, f"{pointer}/properties/{_escape(key)}")
                for key, sub in schema["properties"].items()
            }
        if isinstance(schema.get("additionalProperties"), dict):
            result["additionalProperties"] = self._nested(
                schema["additionalProperties"], f"{pointer}/additionalProperties"
            )
        if isinstance(schema.get("items"), dict):
            result["items"] = self._nested(schema["items"], f"{pointer}/items")
        for keyword in ("anyOf", "oneOf", "allOf"):
            if keyword in schema:
                result[keyword] = [
                    self._nested(sub, f"{pointer}/{keyword}/{i}")
                    for i, sub in enumerate(schema[keyword])
                ]
        if _is_object(result) and "additionalProperties" not in result:
            result["additionalProperties"] = True
        return result

    def _nested(self, schema: Schema, pointer: str) -> Schema:
        if "$ref" not in schema and _is_object(schema) and "properties" in schema:
            return self.define(schema, pointer)
        return self.lift(schema, pointer)

    def define(self, schema: Schema, pointer: str) -> Schema:
        name = self.inline_names.get(pointer)
        if name is None:
            raise SpecError(
                self.file,
                pointer,
                "inline object schema has no Python name: add it to codegen/naming.py",
            )
        self.unused_inline.discard(pointer)
        self.schemas[name] = self.lift(schema, pointer)
        return {"$ref": REF_PREFIX + name}


def _is_object(schema: Schema) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def normalise(spec: LoadedSpec) -> NormalisedSpec:
    document = copy.deepcopy(spec.document)
    lifter = _Lifter(spec)
    for upstream, schema in document.get("components", {}).get("schemas", {}).items():
        pointer = f"/components/schemas/{_escape(upstream)}"
        lifter.schemas[lifter.component_name(upstream)] = lifter.lift(schema, pointer)
    responses: dict[tuple[str, str], dict[str, str]] = {}
    kind_of = {component: kind for kind, component in DOCUMENT_KINDS.items()}
    for route, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            by_status: dict[str, str] = {}
            for status, response in operation["responses"].items():
                media = response.get("content", {}).get("application/json")
                if not media or "schema" not in media:
                    continue
                pointer = (
                    f"/paths/{_escape(route)}/{method}/responses/{status}"
                    "/content/application~1json/schema"
                )
                ref = lifter._nested(media["schema"], pointer)
                if "$ref" not in ref:
                    raise SpecError(spec.name, pointer, "response schema is not an object")
                component = ref["$ref"][len(REF_PREFIX) :]
                if component not in kind_of:
                    raise SpecError(
                        spec.name, pointer, f"codegen/naming.py gives {component} no document kind"
                    )
                by_status[str(status)] = kind_of[component]
            responses[(method.upper(), route)] = by_status
    if lifter.unused_inline:
        stale = ", ".join(sorted(lifter.unused_inline))
        raise SpecError(spec.name, stale, "codegen/naming.py names a schema the document lacks")
    schemas = dict(sorted(lifter.schemas.items()))
    return NormalisedSpec(source=spec, schemas=schemas, responses=responses)


def to_json_schema(schema: Schema) -> Schema:
    """OpenAPI 3.0 schema -> JSON Schema draft 4 (``nullable`` becomes a ``null`` type)."""
    result: Schema = {}
    for key, value in schema.items():
        if key == "$ref":
            result[key] = "#/definitions/" + value[len(REF_PREFIX) :]
        elif key in ("properties",):
            result[key] = {k: to_json_schema(v) for k, v in value.items()}
        elif key in ("items", "additionalProperties") and isinstance(value, dict):
            result[key] = to_json_schema(value)
        elif key in ("anyOf", "oneOf", "allOf"):
            result[key] = [to_json_schema(v) for v in value]
        elif key in ("nullable", "example", "format", "description"):
            continue
        else:
            result[key] = value
    if schema.get("nullable") is True and "type" in result:
        result["type"] = [result["type"], "null"]
        if "enum" in result and None not in result["enum"]:
            result["enum"] = [*result["enum"], None]
    elif schema.get("nullable") is True and "anyOf" in result:
        result["anyOf"] = [*result["anyOf"], {"type": "null"}]
    return result

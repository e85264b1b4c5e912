"""The reader models, and the one place that says how they differ from the strict models.

The strict models (``generated.registry``, ``generated.gateway``) are the contract: they accept
exactly what the documents accept, which is what a server must be checked against. Code that
*reads* these APIs needs something else: the day Helicone names a provider, author, modality or
parameter this version has never seen, or adds a field, a strict parse fails. The reader models
(``generated.reader.registry``, ``generated.reader.gateway``, same class names) read it.

They differ in exactly three ways, decided by ``reader_spec`` below and nowhere else:

1. **Enums are open.** A string enum ``{type: string, enum: [...]}`` becomes
   ``anyOf: [<the enum>, {type: string}]``, which renders as ``Literal[...] | StrictStr``: the
   known values stay typed and visible to type checkers, any other string is accepted and kept.
   Enums that are not vocabularies of strings stay closed: the registry wrapper's
   ``enum: [null]`` is what tells a success from an error.
2. **Extra keys are kept everywhere.** ``additionalProperties: false`` becomes ``true``, which
   renders as ``extra="allow"``: unknown keys are accepted and come back on dump.
3. **Plain strings that carry a vocabulary name it.** A ``type: string`` field listed in
   ``NAMED_VOCABULARIES`` is typed as that named open enum (``ModelEndpoint.provider`` as
   ``ModelProviderName``), so an editor offers the known values; since the enum is open, the
   field accepts exactly what ``type: string`` accepts.

``widen`` transforms a copy of the normalised document, and the result goes through the same
renderer with the same options as the strict models. So every other rule (no coercion, required
fields, ``null`` only where nullable, optional fields absent rather than ``null``, no NaN or
Infinity) is the strict models' rule by construction, not a second copy of it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from codegen.errors import SpecError
from codegen.normalise import REF_PREFIX, NormalisedSpec, Schema

PACKAGE: Final[str] = "reader"  # generated.reader

MODULE_DOCSTRING: Final[str] = (
    "Reader models of specs/{file}, for code that reads the API.\n\n"
    "The classes of generated.{module} (which check a server against the contract), with enums\n"
    "open (any other string is accepted and kept) and extra keys kept everywhere; everything else\n"
    "is as strict as the contract. The one rule for the difference: codegen/reader.py.\n"
)

PACKAGE_DOCSTRING: Final[str] = (
    "Tolerant reader models: the strict models' classes with open enums and extra keys kept.\n\n"
    "The strict models (generated.registry, generated.gateway) check; these read. A document the\n"
    "strict models accept, these accept; a new enum value or key, these keep; a wrong type, a\n"
    "missing required field or a null where none is allowed, these still reject. Do not edit.\n"
)


NAMED_VOCABULARIES: Final[dict[str, dict[str, dict[str, str]]]] = {
    "model-registry.openapi.yaml": {
        # The same values as Endpoint.provider (the registry's filters.providers lists them).
        "ModelEndpoint": {"provider": "ModelProviderName"},
    },
}
"""Document -> schema -> ``type: string`` field -> the named string enum its values come from."""


def reader_spec(spec: NormalisedSpec) -> NormalisedSpec:
    """The document the reader models are rendered from: ``spec`` with every schema widened."""
    schemas = _with_vocabularies(spec.source.name, spec.schemas)
    return replace(spec, schemas={name: widen(s) for name, s in schemas.items()})


def _with_vocabularies(file: str, schemas: dict[str, Schema]) -> dict[str, Schema]:
    result = dict(schemas)
    for name, fields in NAMED_VOCABULARIES.get(file, {}).items():
        properties = dict(result[name]["properties"])
        for field, vocabulary in fields.items():
            plain = {k: v for k, v in properties[field].items() if k != "description"}
            if plain != {"type": "string"} or not _is_string_enum(schemas[vocabulary]):
                raise SpecError(
                    file,
                    f"/components/schemas/{name}/properties/{field}",
                    f"NAMED_VOCABULARIES types it as {vocabulary}: it must be a plain string "
                    "and that a string enum",
                )
            described = {k: v for k, v in properties[field].items() if k == "description"}
            properties[field] = {**described, "$ref": REF_PREFIX + vocabulary}
        result[name] = {**result[name], "properties": properties}
    return result


def widen(schema: Schema) -> Schema:
    """``schema`` with string enums opened and objects open to extra keys, all the way down."""
    result = dict(schema)
    if "properties" in schema:
        result["properties"] = {key: widen(sub) for key, sub in schema["properties"].items()}
    additional = schema.get("additionalProperties")
    if additional is False:
        result["additionalProperties"] = True
    elif isinstance(additional, dict):
        result["additionalProperties"] = widen(additional)
    if isinstance(schema.get("items"), dict):
        result["items"] = widen(schema["items"])
    for keyword in ("anyOf", "oneOf", "allOf"):
        if keyword in schema:
            result[keyword] = [widen(sub) for sub in schema[keyword]]
    if _is_string_enum(result):
        return _open_enum(result)
    return result


def _is_string_enum(schema: Schema) -> bool:
    members = [m for m in schema.get("enum", []) if m is not None]
    return (
        schema.get("type", "string") == "string"
        and bool(members)
        and all(isinstance(m, str) for m in members)
    )


def _open_enum(schema: Schema) -> Schema:
    # The description stays outside, so the field keeps its docstring; `nullable` too, because
    # datamodel-code-generator honours it only on the outer schema of an anyOf.
    outer: Schema = {k: schema[k] for k in ("description", "nullable") if k in schema}
    known = {key: value for key, value in schema.items() if key not in outer}
    known["type"] = "string"
    known["enum"] = [m for m in schema["enum"] if m is not None]
    return {**outer, "anyOf": [known, {"type": "string"}]}

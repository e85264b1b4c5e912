"""The reader models, and the one place that says how they differ from the strict models.

The strict models (``generated.registry``, ``generated.gateway``) are the contract: they accept
exactly what the documents accept, which is what a server must be checked against. Code that
*reads* these APIs needs something else: the day Helicone names a provider, author, modality or
parameter this version has never seen, or adds a field, a strict parse fails. The reader models
(``generated.reader.registry``, ``generated.reader.gateway``, same class names) read it.

They differ in exactly two ways, both decided by ``widen`` below and nowhere else:

1. **Enums are open.** A string enum ``{type: string, enum: [...]}`` becomes
   ``anyOf: [<the enum>, {type: string}]``, which renders as ``Literal[...] | StrictStr``: the
   known values stay typed and visible to type checkers, any other string is accepted and kept.
   Enums that are not vocabularies of strings stay closed: the registry wrapper's
   ``enum: [null]`` is what tells a success from an error.
2. **Extra keys are kept everywhere.** ``additionalProperties: false`` becomes ``true``, which
   renders as ``extra="allow"``: unknown keys are accepted and come back on dump.

``widen`` transforms a copy of the normalised document, and the result goes through the same
renderer with the same options as the strict models. So every other rule (no coercion, required
fields, ``null`` only where nullable, optional fields absent rather than ``null``, no NaN or
Infinity) is the strict models' rule by construction, not a second copy of it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from codegen.normalise import NormalisedSpec, Schema

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


def reader_spec(spec: NormalisedSpec) -> NormalisedSpec:
    """The document the reader models are rendered from: ``spec`` with every schema widened."""
    return replace(spec, schemas={name: widen(s) for name, s in spec.schemas.items()})


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

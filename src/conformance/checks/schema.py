"""Schema check of a whole document: fast verdict first, explanation only when it fails.

``is_valid`` of jsonschema_rs decides (tens of milliseconds on the 21 MB file), prices
included (``prices.with_price_minimums``). Only an invalid document is explained: for the
registry's ``anyOf`` the branch that came closest is chosen and ALL its errors are reported,
each at its own location, then the generated strict types add whatever the schema did not say.
``iter_errors`` is never run over the anyOf itself (seconds, and it would only say "not valid
under any of the given schemas").
"""

from __future__ import annotations

from functools import cache
from typing import Any

import jsonschema_rs

from conformance.catalog import finding
from conformance.checks.prices import is_price_error, price_finding, with_price_minimums
from conformance.checks.schema_errors import closest_branch, problems_from
from conformance.checks.typed import type_problems
from conformance.findings import Finding, Location
from generated.schemas import GATEWAY_SCHEMA, REGISTRY_SCHEMA

_DATA_KEYS = ("models", "total", "filters")


@cache
def _registry_schema() -> dict[str, Any]:
    return with_price_minimums(REGISTRY_SCHEMA)


def schema_of(definition: str) -> dict[str, Any]:
    """The JSON Schema (registry, with its price minimums, or gateway) defining ``definition``."""
    if definition in REGISTRY_SCHEMA["definitions"]:
        return _registry_schema()
    if definition in GATEWAY_SCHEMA["definitions"]:
        return GATEWAY_SCHEMA
    raise KeyError(definition)


@cache
def validator(definition: str) -> Any:
    """A compiled draft-4 validator of one named definition (compiled once per process)."""
    return jsonschema_rs.Draft4Validator(
        {"$ref": f"#/definitions/{definition}", **schema_of(definition)}
    )


def branches(definition: str) -> list[str]:
    """The definitions an anyOf definition allows, or [] when it is not an anyOf."""
    schema = schema_of(definition)["definitions"][definition]
    return [ref["$ref"].rsplit("/", 1)[1] for ref in schema.get("anyOf", ())]


def schema_findings(instance: Any, definition: str, *, wrapped: bool = True) -> list[Finding]:
    """Every finding of ``instance``, known to be invalid against ``definition``: ``schema``
    and ``registry.price-invalid`` findings.

    ``wrapped=False`` says the instance is a registry response's bare data object: one
    ``schema.wrapper-missing`` finding, then the data object's own findings.
    """
    if not wrapped:
        wrapper = finding(
            "schema.wrapper-missing",
            "expected the {data, error} wrapper of a registry response; found its bare "
            "data object (models, total, filters) at the top level",
            (),
        )
        return [wrapper, *schema_findings(instance, "ModelRegistryResponse")]
    candidates = branches(definition) or [definition]
    chosen = closest_branch(candidates, lambda name: _estimated_errors(instance, name))
    errors = list(validator(chosen).iter_errors(instance))
    prices = [e for e in errors if is_price_error(e)]
    problems = problems_from([e for e in errors if not is_price_error(e)], instance)
    if problems:
        reported = {location for location, _ in problems}
        problems += [p for p in type_problems(instance, chosen) if p[0] not in reported]
    found = [finding("schema", message, at) for at, message in problems]
    return found + [price_finding(tuple(e.instance_path), e.instance) for e in prices]


def is_bare_data(instance: Any) -> bool:
    """A registry data object where a registry response (``{data, error}``) was expected."""
    return (
        isinstance(instance, dict)
        and "data" not in instance
        and "error" not in instance
        and any(key in instance for key in _DATA_KEYS)
    )


def _estimated_errors(instance: Any, definition: str) -> list[Location]:
    """Where a branch's errors would be, one per rejected member, without collecting them.

    A rejected member whose type is right has its errors inside it (depth 2), one of the wrong
    type at itself (depth 1). Cheap, unlike collecting each branch's errors: jsonschema_rs
    renders the whole offending value into every message, and the wrong branch rejects the
    21 MB ``data``.
    """
    properties = schema_of(definition)["definitions"][definition].get("properties", {})
    if not isinstance(instance, dict):
        return []
    errors: list[Location] = []
    for key, value in instance.items():
        if key not in properties or _member(definition, key).is_valid(value):
            continue
        inside = _json_type(value) in _declared_types(definition, key)
        errors.append((key, 0) if inside else (key,))
    return errors


def _json_type(value: Any) -> str:
    return "object" if isinstance(value, dict) else "array" if isinstance(value, list) else "scalar"


def _declared_types(definition: str, key: str) -> set[str]:
    schema = schema_of(definition)
    prop = schema["definitions"][definition]["properties"][key]
    if "$ref" in prop:
        prop = schema["definitions"][prop["$ref"].rsplit("/", 1)[1]]
    declared = prop.get("type", [])
    return {declared} if isinstance(declared, str) else set(declared)


@cache
def _member(definition: str, key: str) -> Any:
    pointer = f"#/definitions/{definition}/properties/{key}"
    return jsonschema_rs.Draft4Validator({"$ref": pointer, **schema_of(definition)})

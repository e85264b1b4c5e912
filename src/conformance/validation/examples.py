"""Every example payload in an OpenAPI 3.0 document, with the schema it must match.

Examples sit on media types (``example``, ``examples.*.value``: responses, request bodies,
parameters, in paths and in components), on parameters, and on schemas (``example``). A
response example of an operation whose kind codegen knows (``generated.schemas.RESPONSE_KINDS``)
is checked as that document kind, with the generated types; any other
is checked against the schema beside it. ``$ref``-ed examples are checked where they are
defined only when a schema sits beside them there, so they are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generated.schemas import RESPONSE_KINDS
from specload import OPERATION_METHODS, Location

_SUBSCHEMA_MAPS = ("properties",)
_SUBSCHEMA_ONES = ("items", "additionalProperties", "not")
_SUBSCHEMA_LISTS = ("allOf", "anyOf", "oneOf")


@dataclass(frozen=True, slots=True)
class Example:
    location: Location
    """Where the example value sits in the document."""
    value: Any
    kind: str | None
    """A known document kind (checked with check_document), or None."""
    schema_at: Location | None
    """The schema to check against when ``kind`` is None (None: nothing to check against)."""


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def media_examples(media: Any, at: Location, kind: str | None) -> Iterator[Example]:
    media = _dict(media)
    schema_at = (*at, "schema") if isinstance(media.get("schema"), dict) else None
    if "example" in media:
        yield Example((*at, "example"), media["example"], kind, schema_at)
    for name, example in _dict(media.get("examples")).items():
        if isinstance(example, dict) and "value" in example:
            yield Example((*at, "examples", name, "value"), example["value"], kind, schema_at)


def _content(holder: Any, at: Location, kind_of: Any = None) -> Iterator[Example]:
    for media_type, media in _dict(_dict(holder).get("content")).items():
        kind = kind_of if "json" in media_type else None
        yield from media_examples(media, (*at, "content", media_type), kind)


def _parameter(parameter: Any, at: Location) -> Iterator[Example]:
    yield from media_examples(parameter, at, None)  # example/examples beside `schema`
    yield from _content(parameter, at)


def find_examples(document: dict[str, Any]) -> list[Example]:
    """All examples of ``document`` in document order of their containers."""
    found: list[Example] = []
    for path, item in _dict(document.get("paths")).items():
        at_item = ("paths", path)
        for index, parameter in enumerate(_list(_dict(item).get("parameters"))):
            found += _parameter(parameter, (*at_item, "parameters", index))
        for method in OPERATION_METHODS:
            operation = _dict(_dict(item).get(method))
            at_op = (*at_item, method)
            for index, parameter in enumerate(_list(operation.get("parameters"))):
                found += _parameter(parameter, (*at_op, "parameters", index))
            found += _content(operation.get("requestBody"), (*at_op, "requestBody"))
            for status, response in _dict(operation.get("responses")).items():
                kind = RESPONSE_KINDS.get((method.upper(), path), {}).get(str(status))
                found += _content(response, (*at_op, "responses", status), kind)
    components = _dict(document.get("components"))
    for section in ("responses", "requestBodies"):
        for name, holder in _dict(components.get(section)).items():
            found += _content(holder, ("components", section, name))
    for name, parameter in _dict(components.get("parameters")).items():
        found += _parameter(parameter, ("components", "parameters", name))
    found += _schema_examples(document)
    return found


def _schema_examples(document: dict[str, Any]) -> list[Example]:
    """``example`` on any schema object reachable from components and from media types."""
    roots: list[tuple[Any, Location]] = [
        (schema, ("components", "schemas", name))
        for name, schema in _dict(_dict(document.get("components")).get("schemas")).items()
    ]
    found: list[Example] = []
    stack = list(reversed(roots)) + _inline_schemas(document)
    while stack:
        schema, at = stack.pop()
        if not isinstance(schema, dict):
            continue
        if "example" in schema:
            found.append(Example((*at, "example"), schema["example"], None, at))
        for key in _SUBSCHEMA_MAPS:
            stack += [(sub, (*at, key, name)) for name, sub in _dict(schema.get(key)).items()]
        stack += [(schema.get(key), (*at, key)) for key in _SUBSCHEMA_ONES if key in schema]
        for key in _SUBSCHEMA_LISTS:
            stack += [(sub, (*at, key, i)) for i, sub in enumerate(_list(schema.get(key)))]
    return found


def _inline_schemas(document: dict[str, Any]) -> list[tuple[Any, Location]]:
    """The ``schema`` of every media type in paths (not $ref-ed ones: those are in components)."""
    found: list[tuple[Any, Location]] = []
    for path, item in _dict(document.get("paths")).items():
        for method in OPERATION_METHODS:
            operation = _dict(_dict(item).get(method))
            at_op: Location = ("paths", path, method)
            holders = [(operation.get("requestBody"), (*at_op, "requestBody"))]
            holders += [
                (r, (*at_op, "responses", s)) for s, r in _dict(operation.get("responses")).items()
            ]
            for holder, at in holders:
                for media_type, media in _dict(_dict(holder).get("content")).items():
                    schema = _dict(media).get("schema")
                    found.append((schema, (*at, "content", media_type, "schema")))
    return found

"""Where the served registry comes from: the shipped default or a user's file, validated.

A registry is accepted only if it is strict JSON, a success response (``{data, error: null}``;
a bare ``data`` object is wrapped), valid against the strict generated models, free of semantic
errors, and every ``trainingDate`` converts to a gateway ``created``. The bytes served are the
bytes read (wrapped without re-encoding when bare), so numbers keep their exact spelling; the
user's file is only ever read.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from conformance.errors import InputError
from conformance.jsonload import parse_json, read_source
from conformance.jsonpath import to_jsonpath
from conformance.server.gateway_list import derive_gateway_list
from conformance.server.semantics import semantic_errors

DEFAULT_REGISTRY_RESOURCE = "default_registry.json"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class LoadedRegistry:
    """A validated registry success response: the exact bytes to serve and their parsed value."""

    body: bytes
    document: dict[str, Any]
    source: str


def default_registry() -> LoadedRegistry:
    """The small registry the project ships (written by us from public list prices)."""
    raw = resources.files(__package__).joinpath(DEFAULT_REGISTRY_RESOURCE).read_bytes()
    return registry_from_bytes(raw, source=f"<default {DEFAULT_REGISTRY_RESOURCE}>")


def registry_from_file(path: Path) -> LoadedRegistry:
    return registry_from_bytes(read_source(str(path)), source=str(path))


def registry_from_bytes(raw: bytes, source: str) -> LoadedRegistry:
    document = parse_json(raw, source)
    # parse_json tolerates a byte-order mark (RFC 8259 8.1); a networked JSON text must not
    # carry one, so it is not served.
    raw = raw.removeprefix(_BOM)
    body, document = _as_success_response(raw, document, source)
    _check_schema(body, source)
    _check_semantics(document, source)
    try:
        derive_gateway_list(document)
    except InputError as exc:
        raise InputError(f"{source}: {exc}") from None
    return LoadedRegistry(body=body, document=document, source=source)


def _as_success_response(raw: bytes, document: Any, source: str) -> tuple[bytes, dict[str, Any]]:
    if not isinstance(document, dict):
        raise InputError(f"{source}: expected a JSON object, found {type(document).__name__}")
    if "models" in document and "data" not in document:
        # A bare ModelRegistryResponse: wrap it the way the real API does, keeping its bytes.
        wrapped = b'{"data":' + raw.strip() + b',"error":null}'
        return wrapped, {"data": document, "error": None}
    if document.get("data") is None and isinstance(document.get("error"), str):
        raise InputError(f"{source}: is an error response ({document['error']!r}), not a registry")
    return raw, document


def _check_schema(body: bytes, source: str) -> None:
    from pydantic import ValidationError

    from generated.registry import ModelRegistrySuccess

    try:
        ModelRegistrySuccess.model_validate_json(body, strict=True)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        first = errors[0]
        where = to_jsonpath(tuple(first["loc"]))
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        message = " ".join(str(first["msg"]).split())
        raise InputError(f"{source}: {where}: {message}{more}") from None


def _check_semantics(document: dict[str, Any], source: str) -> None:
    problems = semantic_errors(document)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(f"{source}: {problems[0]}{more}")

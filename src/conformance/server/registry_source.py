"""Where the served registry comes from: the shipped default or a user's file, checked.

A registry is accepted only if it is strict JSON, a registry success response
(``{data, error: null}``) or its bare ``data`` object (wrapped as the real API wraps it), and
``check_document`` finds no error in it nor in the gateway list derived from it; every
``trainingDate`` must convert to a gateway ``created``. Anything else is refused with one line
saying what the file is (kinds are told as ``validate`` tells them) and its first error in
``validate``'s words. The bytes served are the bytes read (wrapped without re-encoding when
bare), so numbers keep their exact spelling; the user's file is only ever read.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import specload
from conformance.checks import check_document
from conformance.errors import InputError
from conformance.reporting import Group, finding_line
from conformance.server.gateway_list import derive_gateway_list
from conformance.validation.files import check_payload
from conformance.validation.kinds import KIND_DESCRIPTIONS, detect_kind, error_envelope

DEFAULT_REGISTRY_RESOURCE = "default_registry.json"
_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class LoadedRegistry:
    """A checked registry success response: the exact bytes to serve and their parsed value."""

    body: bytes
    document: dict[str, Any]
    source: str


def default_registry() -> LoadedRegistry:
    """The small registry the project ships (written by us from public list prices)."""
    raw = resources.files(__package__).joinpath(DEFAULT_REGISTRY_RESOURCE).read_bytes()
    return registry_from_bytes(raw, source=f"<default {DEFAULT_REGISTRY_RESOURCE}>")


def registry_from_file(
    path: Path, max_bytes: int = specload.DEFAULT_LIMITS.max_payload_bytes
) -> LoadedRegistry:
    return registry_from_bytes(specload.read_source(path, max_bytes), source=str(path))


def registry_from_bytes(raw: bytes, source: str) -> LoadedRegistry:
    document = specload.parse_json(raw, source)
    # parse_json tolerates a byte-order mark (RFC 8259 8.1); a networked JSON text must not
    # carry one, so it is not served.
    raw = raw.removeprefix(_BOM)
    kind = detect_kind(document)
    if kind in ("models", "models-error"):
        raise InputError(
            f"{source}: this is a {KIND_DESCRIPTIONS[kind]}, not a registry; serve takes a "
            "registry response ({data, error}) or its data object"
        )
    error = error_envelope(document) if kind == "registry-response" else None
    if error is not None:
        raise InputError(f"{source}: is an error response ({error!r}), not a registry")
    checked = check_payload(raw, source, kind or "registry-response", file=source, value=document)
    _refuse_errors(checked.group)
    if checked.group.kind == "registry":
        # The bare data object, wrapped as the real API wraps it, keeping its bytes.
        body, document = (
            b'{"data":' + raw.strip() + b',"error":null}',
            {"data": document, "error": None},
        )
    else:
        body = raw
    gateway = derive_gateway_list(document)
    for model, entry in zip(document["data"]["models"], gateway["data"], strict=True):
        if entry["created"] is None:
            raise InputError(
                f"{source}: trainingDate {model['trainingDate']!r} of {model['id']!r} is not an "
                "ISO 8601 timestamp: the gateway cannot derive its created"
            )
    derived = Group(source, "models", check_document(gateway, "models"))
    _refuse_errors(derived, f" (in the {KIND_DESCRIPTIONS['models']} derived from it)")
    return LoadedRegistry(body=body, document=document, source=source)


def _refuse_errors(group: Group, what: str = "") -> None:
    """One line for the first error, worded as ``validate`` words it; warnings are served."""
    errors = [finding for finding in group.findings if finding.fails]
    if not errors:
        return
    first = finding_line(group, errors[0])
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    raise InputError(f"{first.splitlines()[0]}{more}{what}")

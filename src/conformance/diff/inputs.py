"""The two inputs of ``diff``: each read, told apart and fully validated before any comparison.

An input is an OpenAPI document (YAML or JSON, or one the tool carries: ``--embedded``) or a
JSON payload of a kind ``validate`` knows. A document is told by its name (``.yaml``, ``.yml``)
or by its ``openapi`` key, so one piped in on stdin is recognised too. Payloads go through
``validate``'s own steps (strict JSON, kind detection, ``check_document``, line and column);
documents through openapi-spec-validator, after every ``$ref`` has been found local and
resolvable. What cannot be used at all (missing, not JSON or YAML, a remote ``$ref``) is an
``InputError``: one line, exit 2.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from conformance.checks import check_document
from conformance.diff.openapi import decoded, load_openapi, openapi_findings
from conformance.errors import InputError, MalformedJSON, UsageError
from conformance.jsonload import parse_json, read_source
from conformance.reporting import Group
from conformance.validation.files import describe, display_name, with_positions
from conformance.validation.kinds import detect_kind

OPENAPI = "openapi"
"""The kind of an OpenAPI document; the other kinds are ``validate``'s."""
_YAML_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Input:
    role: str
    """``OLD`` or ``NEW``."""
    value: Any
    group: Group
    """Its name, kind and the findings of its validation."""

    @property
    def kind(self) -> str:
        return self.group.kind

    @property
    def valid(self) -> bool:
        return not any(found.fails for found in self.group.findings)


def read_input(role: str, source: str, kind: str | None, max_bytes: int) -> Input:
    """Read, tell the kind of (unless given) and validate one input (``-`` is stdin)."""
    name = display_name(source)
    raw = read_source(source, max_bytes)
    value: Any = None
    chosen = kind
    if chosen is None and source.lower().endswith(_YAML_SUFFIXES):
        chosen = OPENAPI
    if chosen is None:
        try:
            value = parse_json(raw, name)
        except MalformedJSON:
            if not _is_yaml_document(raw):  # not JSON, and not a YAML document (git show ... |)
                raise
            chosen = OPENAPI
        else:
            chosen = OPENAPI if _is_document(value) else detect_kind(value)
        if chosen is None:
            raise InputError(
                f"{name}: cannot tell what this is (not an OpenAPI document, a registry "
                "response, a registry data object or a /v1/models list); pass --kind"
            )
    file = None if source == "-" else source
    if chosen == OPENAPI:
        return document_input(role, decoded(raw, name), name, file)
    if value is None:
        value = parse_json(raw, name)
    findings = with_positions(check_document(value, chosen), raw, value)
    description = f"{role}, {describe(chosen, given=kind is not None)}"
    return Input(role, value, Group(name, chosen, findings, file=file, description=description))


def embedded_input(role: str, counterpart: Input) -> Input:
    """The document the tool carries for the same API as ``counterpart`` (a document)."""
    from generated._documents import DOCUMENTS

    base = os.path.basename(counterpart.group.name)
    paths = _paths(counterpart.value)
    matches = [name for name in DOCUMENTS if name == base]
    matches = matches or [
        name for name, text in DOCUMENTS.items() if paths & _paths(load_openapi(text, name))
    ]
    if len(matches) != 1:
        carried = ", ".join(sorted(DOCUMENTS))
        raise UsageError(
            f"--embedded: no document the tool carries matches {counterpart.group.name} "
            f"by file name or paths (it carries {carried})"
        )
    return document_input(role, DOCUMENTS[matches[0]], f"embedded {matches[0]}", None)


def document_input(role: str, text: str, name: str, file: str | None) -> Input:
    value = load_openapi(text, name)
    if not isinstance(value, dict):
        raise InputError(f"{name}: not an OpenAPI document (not a mapping)")
    findings = openapi_findings(value, name)
    description = f"{role}, OpenAPI document"
    return Input(role, value, Group(name, OPENAPI, findings, file=file, description=description))


def _is_document(value: Any) -> bool:
    return isinstance(value, dict) and "openapi" in value


def _is_yaml_document(raw: bytes) -> bool:
    try:
        return _is_document(load_openapi(raw.decode("utf-8-sig"), "-"))
    except (InputError, UnicodeDecodeError):
        return False


def _paths(document: Any) -> set[str]:
    paths = document.get("paths") if isinstance(document, dict) else None
    return set(paths) if isinstance(paths, dict) else set()

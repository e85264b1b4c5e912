"""Check a document of a known kind: the one entry point of every command.

``validate`` (a file), ``lint`` (an example payload), ``serve`` (its registry, at start) and
``conformance`` (each answer) all call ``check_document``, so a document is judged alike
wherever it comes from. First the schema (one jsonschema_rs pass; prices included), then the
semantic guarantees of the real implementation. The semantics run even when the schema failed,
on every part that has the right shape, so that a wrong enum in one model does not hide a wrong
``total``; those findings are marked ``maybe_consequence`` (the schema failure may explain
them).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from conformance.checks.gateway import check_model_list
from conformance.checks.registry import check_registry
from conformance.checks.schema import is_bare_data, schema_findings, validator
from conformance.findings import Finding

DOCUMENT_KINDS: dict[str, str] = {
    "registry-response": "ModelRegistryResult",
    "registry": "ModelRegistryResponse",
    "models": "ModelList",
    "models-error": "ModelListError",
}
"""Document kind -> the schema definition it must match."""


def check_document(document: Any, kind: str) -> list[Finding]:
    """Every finding of ``document`` read as a document of ``kind`` (a key of
    ``DOCUMENT_KINDS``); locations are relative to the document.

    Never raises on a JSON value (an unknown kind is a programming error: KeyError).
    """
    definition = DOCUMENT_KINDS[kind]
    if validator(definition).is_valid(document):
        return semantic_findings(document, kind)
    wrapped = not (kind == "registry-response" and is_bare_data(document))
    found = schema_findings(document, definition, wrapped=wrapped)
    semantic = semantic_findings(document, kind)
    if any(f.check.startswith("schema") for f in found):
        semantic = [dataclasses.replace(f, maybe_consequence=True) for f in semantic]
    return found + semantic


def semantic_findings(document: Any, kind: str) -> list[Finding]:
    """The semantic findings alone (what the schema cannot say), for any JSON value."""
    if kind == "registry-response":
        if isinstance(document, dict) and ("data" in document or "error" in document):
            return check_registry(document.get("data"), ("data",))
        return check_registry(document, ())  # the bare data object; the schema says so
    if kind == "registry":
        return check_registry(document, ())
    if kind == "models":
        return check_model_list(document, ())
    return []

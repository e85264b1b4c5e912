"""Check a document of a known kind: the one entry point of every command.

``validate`` (a file), ``lint`` (an example payload), ``serve`` (its registry, at start) and
``conformance`` (each answer) all call ``check_document``, so a document is judged alike
wherever it comes from. First the schema (one jsonschema_rs pass; prices included), then the
semantic guarantees of the real implementation. The semantics run even when the schema failed,
on every part that has the right shape, so that a wrong enum in one model does not hide a wrong
``total``. A semantic finding located on, inside or around a part that failed its schema (one
location is a prefix of the other: a duplicate id in a model missing its name, a provider list
holding a malformed entry) is marked ``maybe_consequence``: the schema failure may explain it.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from conformance.checks.gateway import check_model_list
from conformance.checks.registry import check_registry
from conformance.checks.schema import is_bare_data, schema_findings, validator
from conformance.findings import Finding, Location
from generated.schemas import DOCUMENT_KINDS

__all__ = ["DOCUMENT_KINDS", "check_document", "semantic_findings"]


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
    failed = {f.location for f in found if f.check == "schema" and f.location is not None}
    enclosing = {place[:k] for place in failed for k in range(len(place) + 1)}
    return found + [_marked(f, failed, enclosing) for f in semantic_findings(document, kind)]


def _marked(finding: Finding, failed: set[Location], enclosing: set[Location]) -> Finding:
    """Marked when a failed location is, or encloses, or lies inside the finding's."""
    location = finding.location
    if location is None or not failed:
        return finding
    inside = any(location[:k] in failed for k in range(len(location) + 1))
    if inside or location in enclosing:
        return dataclasses.replace(finding, maybe_consequence=True)
    return finding


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

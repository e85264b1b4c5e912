"""What a JSON document is, told from its top-level shape (``--kind`` overrides)."""

from __future__ import annotations

from typing import Any

from conformance.checks.gateway import check_model_list
from conformance.checks.registry import check_registry
from conformance.checks.schema import KINDS, check_document
from conformance.findings import Finding

KIND_NAMES = tuple(KINDS)
_REGISTRY_KEYS = ("models", "total", "filters")


def detect_kind(document: Any) -> str | None:
    """registry-response, registry, models, models-error, or None when it is none of them."""
    if not isinstance(document, dict):
        return None
    if document.get("object") == "list" or isinstance(document.get("data"), list):
        return "models"
    if "data" in document:
        return "registry-response"
    if isinstance(document.get("error"), dict):
        return "models-error"
    if "error" in document:
        return "registry-response"
    if any(key in document for key in _REGISTRY_KEYS):
        return "registry"
    return None


def check_as(document: Any, kind: str, base_path: str = "$") -> list[Finding]:
    """Schema and semantic findings of ``document`` read as ``kind``."""
    findings = check_document(document, kind, base_path)
    if kind == "registry-response":
        wrapped = isinstance(document, dict) and ("data" in document or "error" in document)
        if wrapped:
            findings += check_registry(document.get("data"), base_path + ".data")
        else:  # the bare data object; the schema check said so
            findings += check_registry(document, base_path)
    elif kind == "registry":
        findings += check_registry(document, base_path)
    elif kind == "models":
        findings += check_model_list(document, base_path)
    return findings

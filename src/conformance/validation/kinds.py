"""What a JSON document is, told from its top-level shape (``--kind`` overrides), in words."""

from __future__ import annotations

from typing import Any

from conformance.checks.document import DOCUMENT_KINDS

KIND_NAMES = tuple(DOCUMENT_KINDS)
KIND_DESCRIPTIONS: dict[str, str] = {
    "registry-response": "model registry response ({data, error})",
    "registry": "registry data object (no {data, error} wrapper)",
    "models": "/v1/models list",
    "models-error": "/v1/models error body",
}
"""What each kind is, as reports say it: the user sees what the input was taken for."""
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


def error_envelope(document: Any) -> str | None:
    """The message of a registry error response ``{data: null, error: "..."}``, if it is one:
    the one rule telling a registry's error answer from its success."""
    if isinstance(document, dict) and document.get("data") is None:
        error = document.get("error")
        if isinstance(error, str):
            return error
    return None

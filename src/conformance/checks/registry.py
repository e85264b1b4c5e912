"""Semantic checks of a registry ``data`` object: what the schema cannot say.

Each rule is a guarantee of the real implementation (shared/data README); every one is silent
on the captured data (tests/checks prove it). They never raise on a schema-invalid document:
whatever has the wrong shape is skipped here, because the schema check reports it.
"""

from __future__ import annotations

import re
from typing import Any

from conformance.checks.catalog import finding
from conformance.checks.prices import invalid_prices, prices_plausible
from conformance.checks.registry_filters import check_authors, check_capabilities, check_providers
from conformance.findings import Finding
from conformance.jsonpath import join_jsonpath

_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def check_registry(data: Any, base_path: str = "$.data") -> list[Finding]:
    """Every semantic finding of a registry data object (``{models, total, filters}``)."""
    if not isinstance(data, dict):
        return []

    def path(*steps: str | int) -> str:
        return join_jsonpath(base_path, steps)

    raw_models = data.get("models")
    models = [m for m in raw_models if isinstance(m, dict)] if isinstance(raw_models, list) else []
    findings = _total(data, raw_models, path) + _model_ids(models, path)
    for index, model in enumerate(models):
        findings += _parameters(model, index, path) + _training_date(model, index, path)
    if not prices_plausible(data):
        for index, model in enumerate(models):
            findings += invalid_prices(model.get("endpoints"), ("models", index, "endpoints"), path)
    filters = data.get("filters")
    if isinstance(filters, dict):
        findings += check_providers(filters, models, path)
        findings += check_authors(filters, models, path)
        findings += check_capabilities(filters, models, path)
    return findings


def _total(data: dict[str, Any], models: Any, path: Any) -> list[Finding]:
    total = data.get("total")
    if not isinstance(models, list) or not _is_number(total) or total == len(models):
        return []
    message = f"total is {total} but the document holds {len(models)} models"
    return [finding("registry.total-mismatch", message, path("total"))]


def _model_ids(models: list[dict[str, Any]], path: Any) -> list[Finding]:
    findings: list[Finding] = []
    first: dict[str, int] = {}
    for index, model in enumerate(models):
        model_id = model.get("id")
        if not isinstance(model_id, str):
            continue
        if model_id in first:
            message = f"model id {model_id!r} already used by {path('models', first[model_id])}"
            findings.append(
                finding("registry.duplicate-model-id", message, path("models", index, "id"))
            )
        else:
            first[model_id] = index
    return findings


def _parameters(model: dict[str, Any], index: int, path: Any) -> list[Finding]:
    listed = model.get("supportedParameters")
    if not isinstance(listed, list):
        return []
    names = {name for name in listed if isinstance(name, str)}
    findings = [] if len(names) == len(listed) else _repeated(listed, index, path)
    missing: dict[str, int] = {}  # parameter -> first endpoint that supports it
    endpoints = model.get("endpoints")
    for e_index, endpoint in enumerate(endpoints if isinstance(endpoints, list) else ()):
        record = endpoint.get("endpoint") if isinstance(endpoint, dict) else None
        supported = record.get("supportedParameters") if isinstance(record, dict) else None
        if isinstance(supported, list) and not names.issuperset(supported):
            for name in supported:
                if isinstance(name, str) and name not in names:
                    missing.setdefault(name, e_index)
    if missing:
        first = path("models", index, "endpoints", min(missing.values()), "endpoint")
        message = f"lacks {', '.join(map(repr, missing))}, supported by endpoints such as {first}"
        at = path("models", index, "supportedParameters")
        findings.append(finding("registry.parameters-incomplete", message, at))
    return findings


def _repeated(listed: list[Any], index: int, path: Any) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for p_index, name in enumerate(listed):
        if isinstance(name, str) and name in seen:
            message = f"parameter {name!r} listed twice (the list is a union, a set)"
            at = path("models", index, "supportedParameters", p_index)
            findings.append(finding("registry.duplicate-parameter", message, at))
        elif isinstance(name, str):
            seen.add(name)
    return findings


def _training_date(model: dict[str, Any], index: int, path: Any) -> list[Finding]:
    value = model.get("trainingDate")
    if not isinstance(value, str) or _ISO_DATETIME.match(value):
        return []
    message = f"{value!r} is not an ISO 8601 date-time such as '2025-08-05T00:00:00.000Z'"
    return [
        finding("registry.training-date-format", message, path("models", index, "trainingDate"))
    ]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

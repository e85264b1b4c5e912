"""Semantic checks of a registry ``data`` object: what the schema cannot say.

Each rule is a guarantee of the real implementation, read off its code and confirmed on
captured responses; none fires on them. (Negative prices are found in the schema pass:
``prices.py``.) The models are read in one pass (``_survey``) that
collects what the per-model rules and the ``filters`` rules need.

They never raise, whatever the JSON value: a part with the wrong shape is skipped here (the
schema check reports it), and everything else is still checked, at its own index.
"""

from __future__ import annotations

import re
from typing import Any

from conformance.catalog import finding
from conformance.checks.registry_filters import Usage, check_filters, indexed_dicts
from conformance.findings import Finding, Location
from conformance.jsonpath import to_jsonpath

_ISO_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def check_registry(data: Any, base: Location = ()) -> list[Finding]:
    """Every semantic finding of a registry data object (``{models, total, filters}``), with
    locations below ``base`` (``("data",)`` in a registry response)."""
    if not isinstance(data, dict):
        return []
    raw_models = data.get("models")
    usage = Usage()
    findings = _total(data.get("total"), raw_models, base)
    findings += _survey(indexed_dicts(raw_models), (*base, "models"), usage)
    filters = data.get("filters")
    if isinstance(filters, dict):
        findings += check_filters(filters, usage, (*base, "filters"))
    return findings


def _total(total: Any, models: Any, base: Location) -> list[Finding]:
    if not isinstance(models, list) or not _is_number(total) or total == len(models):
        return []
    held = f"{len(models)} model{'' if len(models) == 1 else 's'}"
    message = f"total is {total} but the document holds {held}"
    return [finding("registry.total-mismatch", message, (*base, "total"))]


def _survey(models: list[tuple[int, dict[str, Any]]], at: Location, usage: Usage) -> list[Finding]:
    """The per-model findings; fills ``usage`` with what the models use, for ``filters``."""
    findings: list[Finding] = []
    first: dict[str, int] = {}
    for index, model in models:
        model_id = model.get("id")
        if isinstance(model_id, str) and model_id in first:
            message = f"model id {model_id!r} already used by {to_jsonpath((*at, first[model_id]))}"
            findings.append(finding("registry.duplicate-model-id", message, (*at, index, "id")))
        elif isinstance(model_id, str):
            first[model_id] = index
        endpoints = indexed_dicts(model.get("endpoints"))
        usage.add_model(model, index, endpoints)
        findings += _parameters(model, endpoints, (*at, index))
        findings += _training_date(model.get("trainingDate"), (*at, index, "trainingDate"))
    return findings


def _parameters(
    model: dict[str, Any], endpoints: list[tuple[int, dict[str, Any]]], at: Location
) -> list[Finding]:
    listed = model.get("supportedParameters")
    if not isinstance(listed, list):
        return []
    strings = [name for name in listed if isinstance(name, str)]
    names = set(strings)
    findings = [] if len(names) == len(strings) else _repeated(listed, at)
    missing: dict[str, int] = {}  # parameter -> first endpoint that supports it
    for e_index, endpoint in endpoints:
        record = endpoint.get("endpoint")
        supported = record.get("supportedParameters") if isinstance(record, dict) else None
        if isinstance(supported, list) and not _covers(names, supported):
            for name in supported:
                if isinstance(name, str) and name not in names:
                    missing.setdefault(name, e_index)
    if missing:
        first = to_jsonpath((*at, "endpoints", min(missing.values()), "endpoint"))
        message = f"lacks {', '.join(map(repr, missing))}, supported by endpoints such as {first}"
        at_list = (*at, "supportedParameters")
        findings.append(finding("registry.parameters-incomplete", message, at_list))
    return findings


def _repeated(listed: list[Any], at: Location) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for p_index, name in enumerate(listed):
        if isinstance(name, str) and name in seen:
            message = f"parameter {name!r} listed twice (the list is a union, a set)"
            at_name = (*at, "supportedParameters", p_index)
            findings.append(finding("registry.duplicate-parameter", message, at_name))
        elif isinstance(name, str):
            seen.add(name)
    return findings


def _covers(names: set[str], supported: list[Any]) -> bool:
    """The fast answer for the usual case; unhashable items (schema errors) take the slow one."""
    try:
        return names.issuperset(supported)
    except TypeError:
        return False


def _training_date(value: Any, at: Location) -> list[Finding]:
    if not isinstance(value, str) or _ISO_DATETIME.match(value):
        return []
    message = f"{value!r} is not an ISO 8601 date-time such as '2025-08-05T00:00:00.000Z'"
    return [finding("registry.training-date-format", message, at)]


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

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
    """The per-model findings; fills ``usage`` with what the models use, for ``filters``.

    The hot loop of ``validate`` on a valid registry: locations are built only for a finding.
    """
    findings: list[Finding] = []
    first: dict[str, int] = {}
    dates: set[str] = set()  # well-formed ones: models share a few dates, the regex runs once each
    add_model = usage.add_model
    for index, model in models:
        model_id = model.get("id")
        if isinstance(model_id, str):
            if model_id in first:
                message = (
                    f"model id {model_id!r} already used by {to_jsonpath((*at, first[model_id]))}"
                )
                findings.append(finding("registry.duplicate-model-id", message, (*at, index, "id")))
            else:
                first[model_id] = index
        endpoints = indexed_dicts(model.get("endpoints"))
        add_model(model, index, endpoints)
        listed = model.get("supportedParameters")
        if isinstance(listed, list):
            findings += _parameters(listed, endpoints, at, index)
        training_date = model.get("trainingDate")
        if isinstance(training_date, str) and training_date not in dates:
            if _ISO_DATETIME.match(training_date):
                dates.add(training_date)
            else:
                findings.append(_training_date(training_date, (*at, index, "trainingDate")))
    return findings


def _parameters(
    listed: list[Any], endpoints: list[tuple[int, dict[str, Any]]], at: Location, index: int
) -> list[Finding]:
    findings: list[Finding] = []
    try:  # all strings, all distinct: the usual case, in one step
        names: set[Any] = set(listed)
    except TypeError:  # an object or list among them: the schema reports it
        names = set()
    if len(names) != len(listed):
        names = {name for name in listed if isinstance(name, str)}
        if len(names) != sum(isinstance(name, str) for name in listed):
            findings = _repeated(listed, (*at, index))
    missing: dict[str, int] = {}  # parameter -> first endpoint that supports it
    for e_index, endpoint in endpoints:
        record = endpoint.get("endpoint")
        if not isinstance(record, dict):
            continue
        supported = record.get("supportedParameters")
        if isinstance(supported, list) and not _covers(names, supported):
            for name in supported:
                if isinstance(name, str) and name not in names:
                    missing.setdefault(name, e_index)
    if missing:
        model_at = (*at, index)
        first = to_jsonpath((*model_at, "endpoints", min(missing.values()), "endpoint"))
        message = f"lacks {', '.join(map(repr, missing))}, supported by endpoints such as {first}"
        at_list = (*model_at, "supportedParameters")
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


def _covers(names: set[Any], supported: list[Any]) -> bool:
    """The fast answer for the usual case; unhashable items (schema errors) take the slow one."""
    try:
        return names.issuperset(supported)
    except TypeError:
        return False


def _training_date(value: str, at: Location) -> Finding:
    message = f"{value!r} is not an ISO 8601 date-time such as '2025-08-05T00:00:00.000Z'"
    return finding("registry.training-date-format", message, at)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

"""Two registries compared, model by model: what a registry publisher changed.

Models are matched by id (``pairing``): one removed, or renamed, breaks the clients that use
its id. For each model kept: its scalar fields, ``contextLength`` and ``maxOutput``, the
modalities and parameters gained or lost, the capabilities its endpoint pricing implies (the
rule ``filters.capabilities`` is checked with), and its endpoints by provider, with their
prices. ``filters`` and ``total`` follow from the models and are not compared again; nor is the
internal ``endpoint`` record behind each endpoint. Unchanged models cost one comparison each.
"""

from __future__ import annotations

from typing import Any

from conformance.catalog import finding
from conformance.checks.registry_filters import CAPABILITY_FIELDS
from conformance.diff.pairing import by_id, pair
from conformance.diff.prices import price_changes, same_number
from conformance.findings import Finding, Location

FIELDS = ("name", "author", "description", "trainingDate", "pinnedVersionOfModel")
LIMITS = ("contextLength", "maxOutput")
SETS = {
    "inputModalities": "diff.modalities-changed",
    "outputModalities": "diff.modalities-changed",
    "supportedParameters": "diff.parameters-changed",
}
ENDPOINT_FIELDS = ("providerSlug", "supportsPtb")


def diff_registries(old: Any, old_at: Location, new: Any, new_at: Location) -> list[Finding]:
    """The changes between two registry data objects found at ``old_at`` and ``new_at``."""
    old_models = by_id(old.get("models") if isinstance(old, dict) else None)
    new_models = by_id(new.get("models") if isinstance(new, dict) else None)
    pairing = pair(old_models, new_models, (lambda m: (m.get("author"), m.get("name")),))
    old_list, new_list = (*old_at, "models"), (*new_at, "models")
    changes: list[Finding] = []
    for model_id, (index, model) in new_models.items():
        at = (*new_list, index)
        origin = pairing.renamed.get(model_id, model_id if model_id in old_models else None)
        if origin is None:
            changes.append(finding("diff.model-added", f"model {model_id!r} added", at))
            continue
        old_index, before = old_models[origin]
        if origin != model_id:
            message = f"model {origin!r} renamed to {model_id!r}"
            changes.append(finding("diff.model-renamed", message, (*at, "id")))
        if before != model:
            changes += _model(model_id, before, (*old_list, old_index), model, at)
    for model_id in pairing.removed:
        at = (*old_list, old_models[model_id][0])
        changes.append(finding("diff.model-removed", f"model {model_id!r} removed", at))
    return changes


def _model(
    model_id: str, old: dict[str, Any], old_at: Location, new: dict[str, Any], new_at: Location
) -> list[Finding]:
    label = f"model {model_id!r}"
    changes = _fields(label, old, old_at, new, new_at, keys=FIELDS)
    for key in LIMITS:
        before, after = old.get(key), new.get(key)
        if before != after and not _same(before, after):
            message = f"{label}: {key} {_shown(before)} → {_shown(after)}"
            changes.append(finding("diff.limit-changed", message, _where(key, old_at, new, new_at)))
    for key, check in SETS.items():
        message = _gained_lost(old.get(key), new.get(key))
        if message:
            at = _where(key, old_at, new, new_at)
            changes.append(finding(check, f"{label}: {key} {message}", at))
    message = _gained_lost(sorted(capabilities(old)), sorted(capabilities(new)))
    if message:
        message = f"{label}: capabilities {message}"
        changes.append(finding("diff.capabilities-changed", message, new_at))
    return changes + _endpoints(label, old, old_at, new, new_at)


def _endpoints(
    label: str, old: dict[str, Any], old_at: Location, new: dict[str, Any], new_at: Location
) -> list[Finding]:
    before, after = _by_provider(old.get("endpoints")), _by_provider(new.get("endpoints"))
    changes: list[Finding] = []
    for provider, (j, endpoint) in after.items():
        at = (*new_at, "endpoints", j)
        if provider not in before:
            message = f"{label}: endpoint of provider {provider!r} added"
            changes.append(finding("diff.endpoint-added", message, at))
            continue
        i, previous = before[provider]
        if previous != endpoint:
            was = (*old_at, "endpoints", i)
            where = f"{label}, provider {provider!r}"
            changes += _fields(where, previous, was, endpoint, at, keys=ENDPOINT_FIELDS)
            changes += price_changes(where, previous, was, endpoint, at)
    for provider, (i, _) in before.items():
        if provider not in after:
            message = f"{label}: endpoint of provider {provider!r} removed"
            changes.append(finding("diff.endpoint-removed", message, (*old_at, "endpoints", i)))
    return changes


def capabilities(model: dict[str, Any]) -> set[str]:
    """What the model's endpoint pricing implies, by the rule of ``filters.capabilities``."""
    found: set[str] = set()
    for endpoint in model.get("endpoints") or ():
        if not isinstance(endpoint, dict):
            continue
        tiers = endpoint.get("pricingTiers")
        for pricing in [endpoint.get("pricing"), *(tiers if isinstance(tiers, list) else ())]:
            if isinstance(pricing, dict):
                found |= {c for c, keys in CAPABILITY_FIELDS.items() if pricing.keys() & set(keys)}
    return found


def _fields(
    label: str,
    old: dict[str, Any],
    old_at: Location,
    new: dict[str, Any],
    new_at: Location,
    *,
    keys: tuple[str, ...],
) -> list[Finding]:
    changes = []
    for key in keys:
        before, after = old.get(key), new.get(key)
        if before == after:
            continue
        shown = "changed" if key == "description" else f"{_shown(before)} → {_shown(after)}"
        message = f"{label}: {key} {shown}"
        changes.append(finding("diff.model-changed", message, _where(key, old_at, new, new_at)))
    return changes


def _by_provider(endpoints: Any) -> dict[str, tuple[int, dict[str, Any]]]:
    """Endpoints by provider; a provider listed twice is told apart by its slug."""
    found: dict[str, tuple[int, dict[str, Any]]] = {}
    for index, endpoint in enumerate(endpoints if isinstance(endpoints, list) else ()):
        if isinstance(endpoint, dict) and isinstance(endpoint.get("provider"), str):
            key = endpoint["provider"]
            if key in found:
                key = f"{key} ({endpoint.get('providerSlug')}, #{index})"
            found.setdefault(key, (index, endpoint))
    return found


def _gained_lost(old: Any, new: Any) -> str:
    before = [v for v in old if isinstance(v, str)] if isinstance(old, list) else []
    after = [v for v in new if isinstance(v, str)] if isinstance(new, list) else []
    gained = [v for v in after if v not in before]
    lost = [v for v in before if v not in after]
    parts = [f"gained {', '.join(gained)}"] if gained else []
    parts += [f"lost {', '.join(lost)}"] if lost else []
    return "; ".join(parts)


def _where(key: str, old_at: Location, new: dict[str, Any], new_at: Location) -> Location:
    return (*new_at, key) if key in new else (*old_at, key)


def _same(old: Any, new: Any) -> bool:
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) for v in (old, new))
    return numbers and same_number(float(old), float(new))


def _shown(value: Any) -> str:
    return "(absent)" if value is None else repr(value)

"""Price changes of one endpoint: its ``pricing`` and its ``pricingTiers``, with old, new, ratio.

Prices are compared with a relative tolerance: the real data holds binary float artifacts such
as 0.30000000000000004 for 0.3, and a re-serialisation must not read as a price change. A
change by 10x or more either way (between non-zero prices) is a ``diff.price-jump``: that is
how a per-token vs per-million unit slip looks. Tiers are matched by their ``threshold``.
"""

from __future__ import annotations

import math
from typing import Any

from conformance.catalog import finding
from conformance.findings import Finding, Location

JUMP = 10.0
TOLERANCE = 1e-9
_NOT_PRICES = frozenset({"threshold"})


def same_number(old: float, new: float) -> bool:
    return math.isclose(old, new, rel_tol=TOLERANCE, abs_tol=1e-15)


def price_changes(
    label: str, old: dict[str, Any], old_at: Location, new: dict[str, Any], new_at: Location
) -> list[Finding]:
    """The changes of an endpoint's prices; ``label`` names the model and provider."""
    old_pricing, new_pricing = old.get("pricing"), new.get("pricing")
    changes = _pricing(label, old_pricing, (*old_at, "pricing"), new_pricing, (*new_at, "pricing"))
    old_tiers, new_tiers = _tiers(old.get("pricingTiers")), _tiers(new.get("pricingTiers"))
    for threshold, (j, tier) in new_tiers.items():
        at = (*new_at, "pricingTiers", j)
        if threshold in old_tiers:
            i, before = old_tiers[threshold]
            tier_label = f"{label}, tier from {_number(threshold)} tokens"
            changes += _pricing(tier_label, before, (*old_at, "pricingTiers", i), tier, at)
        else:
            message = f"{label}: price tier from {_number(threshold)} tokens added"
            changes.append(finding("diff.price-changed", message, at))
    for threshold, (i, _) in old_tiers.items():
        if threshold not in new_tiers:
            message = f"{label}: price tier from {_number(threshold)} tokens removed"
            changes.append(finding("diff.price-changed", message, (*old_at, "pricingTiers", i)))
    return changes


def _pricing(label: str, old: Any, old_at: Location, new: Any, new_at: Location) -> list[Finding]:
    before, after = _flat(old), _flat(new)
    changes = []
    for key, value in after.items():
        name, at = ".".join(key), (*new_at, *key)
        if key not in before:
            message = f"{label}: {name} price added: {_number(value)}"
            changes.append(finding("diff.price-changed", message, at))
        elif not same_number(before[key], value):
            changes.append(_changed(f"{label}: {name}", before[key], value, at))
    for key in before.keys() - after.keys():
        message = f"{label}: {'.'.join(key)} price removed (was {_number(before[key])})"
        changes.append(finding("diff.price-changed", message, (*old_at, *key)))
    return changes


def _changed(what: str, old: float, new: float, at: Location) -> Finding:
    if old == 0 or new == 0:
        return finding("diff.price-changed", f"{what} {_number(old)} → {_number(new)}", at)
    ratio = new / old
    message = f"{what} {_number(old)} → {_number(new)} (x{ratio:.7g})"
    jumped = max(abs(ratio), 1 / abs(ratio)) >= JUMP * (1 - TOLERANCE)
    if jumped:
        return finding("diff.price-jump", f"{message}: a unit slip?", at)
    return finding("diff.price-changed", message, at)


def _flat(pricing: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], float]:
    """Every price of a pricing object, nested ones (``audio.input``) included."""
    prices: dict[tuple[str, ...], float] = {}
    if not isinstance(pricing, dict):
        return prices
    for key, value in pricing.items():
        if isinstance(value, dict):
            prices |= _flat(value, (*prefix, key))
        elif _is_number(value) and (prefix or key not in _NOT_PRICES):
            prices[(*prefix, key)] = float(value)
    return prices


def _tiers(tiers: Any) -> dict[float | int, tuple[int, dict[str, Any]]]:
    found: dict[float | int, tuple[int, dict[str, Any]]] = {}
    for index, tier in enumerate(tiers if isinstance(tiers, list) else ()):
        if isinstance(tier, dict):
            threshold = tier.get("threshold")
            key = threshold if isinstance(threshold, int | float) else -1 - index
            found.setdefault(key, (index, tier))
    return found


def _number(value: float) -> str:
    return f"{value:.10g}"


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

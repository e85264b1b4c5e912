"""Two registries, or two ``/v1/models`` lists, compared model by model.

Models are matched by id; a model whose id is gone and a model whose id is new are one model
renamed when a key says so and says it of exactly one model on each side: first everything but
the id, then any further keys the caller gives (a registry model's author and name). An
ambiguous key pairs nothing. A model removed, or renamed, breaks the clients that use its id.

For each registry model kept: its scalar fields, ``contextLength`` and ``maxOutput``, the
modalities and parameters gained or lost, the capabilities its endpoint pricing implies (the
rule ``filters.capabilities`` is checked with), and its endpoints by provider, with their
prices. ``filters`` and ``total`` follow from the models and are not compared again.
Unchanged models cost one comparison each. For each ``/v1/models`` entry: ``owned_by``,
``created``, ``object``.

Prices are compared with a relative tolerance: the real data holds binary float artifacts such
as 0.30000000000000004 for 0.3, and a re-serialisation must not read as a price change. A
change by 10x or more either way (between non-zero prices) is a ``diff.price-jump``: that is
how a per-token vs per-million unit slip looks. Tiers are matched by their ``threshold``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from conformance.catalog import finding
from conformance.checks.registry_filters import CAPABILITY_FIELDS
from conformance.findings import Finding, Location
from conformance.jsontree import canonical

Indexed = dict[str, tuple[int, dict[str, Any]]]
"""Model id -> (its index in the list, the model)."""


@dataclass(slots=True)
class Pairing:
    kept: list[str] = field(default_factory=list)
    """Ids in both, in NEW's order."""
    renamed: dict[str, str] = field(default_factory=dict)
    """NEW id -> OLD id."""
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def by_id(models: Any, id_key: str = "id") -> Indexed:
    """The models of a list by id (the first of a repeated id: validation reports the rest)."""
    found: Indexed = {}
    for index, model in enumerate(models if isinstance(models, list) else ()):
        if isinstance(model, dict) and isinstance(model.get(id_key), str):
            found.setdefault(model[id_key], (index, model))
    return found


def pair(
    old: Indexed, new: Indexed, keys: tuple[Callable[[dict[str, Any]], Hashable], ...] = ()
) -> Pairing:
    result = Pairing(kept=[model_id for model_id in new if model_id in old])
    gone = [model_id for model_id in old if model_id not in new]
    fresh = [model_id for model_id in new if model_id not in old]
    for key in (_without_id, *keys):
        old_keys = {model_id: key(old[model_id][1]) for model_id in gone}
        new_keys = {model_id: key(new[model_id][1]) for model_id in fresh}
        old_counts, new_counts = Counter(old_keys.values()), Counter(new_keys.values())
        wanted = {k: model_id for model_id, k in old_keys.items() if old_counts[k] == 1}
        for model_id, k in new_keys.items():
            if new_counts[k] == 1 and k in wanted:
                result.renamed[model_id] = wanted[k]
        paired = set(result.renamed.values())
        gone = [m for m in gone if m not in paired]
        fresh = [m for m in fresh if m not in result.renamed]
    result.added, result.removed = fresh, gone
    return result


def _without_id(model: dict[str, Any]) -> Hashable:
    return canonical({key: value for key, value in model.items() if key != "id"})


JUMP = 10.0
TOLERANCE = 1e-9
_NOT_PRICES = frozenset({"threshold"})


def same_number(old: float, new: float) -> bool:
    return math.isclose(old, new, rel_tol=TOLERANCE, abs_tol=1e-15)


def price_changes(
    label: str, old: dict[str, Any], old_at: Location, new: dict[str, Any], new_at: Location
) -> list[Finding]:
    """The changes of an endpoint's prices and limits: its ``pricing``, its ``pricingTiers``
    and its internal ``endpoint`` record's; ``label`` names the model and provider."""
    old_pricing, new_pricing = old.get("pricing"), new.get("pricing")
    changes = _pricing(label, old_pricing, (*old_at, "pricing"), new_pricing, (*new_at, "pricing"))
    at = (*old_at, "pricingTiers"), (*new_at, "pricingTiers")
    changes += _tier_changes(label, old.get("pricingTiers"), at[0], new.get("pricingTiers"), at[1])
    record, was = new.get("endpoint"), old.get("endpoint")
    if isinstance(record, dict) and isinstance(was, dict) and record != was:
        at = (*old_at, "endpoint"), (*new_at, "endpoint")
        changes += _record_changes(f"{label}, endpoint record", was, at[0], record, at[1])
    return changes


RECORD_PRICES = (("pricing",), ("modelConfig", "pricing"))
"""The lists of per-token prices by threshold in an endpoint record."""
RECORD_LIMITS = frozenset({"contextLength", "maxCompletionTokens"})
"""Limits in an endpoint record, beside every number of a ``rateLimits`` object."""


def _record_changes(
    label: str, old: dict[str, Any], old_at: Location, new: dict[str, Any], new_at: Location
) -> list[Finding]:
    changes: list[Finding] = []
    for steps in RECORD_PRICES:
        before, after = _at(old, steps), _at(new, steps)
        where = f"{label} {'.'.join(steps)}"
        changes += _tier_changes(where, before, (*old_at, *steps), after, (*new_at, *steps))
    before_limits, after_limits = _limits(old), _limits(new)
    for key, value in after_limits.items():
        previous = before_limits.get(key)
        if previous is None or not same_number(previous, value):
            shown = "(absent)" if previous is None else _number(previous)
            message = f"{label}: {'.'.join(map(str, key))} {shown} → {_number(value)}"
            changes.append(finding("diff.limit-changed", message, (*new_at, *key)))
    for key in before_limits.keys() - after_limits.keys():
        message = f"{label}: {'.'.join(map(str, key))} removed (was {_number(before_limits[key])})"
        changes.append(finding("diff.limit-changed", message, (*old_at, *key)))
    return changes


def _at(value: Any, steps: tuple[str, ...]) -> Any:
    for step in steps:
        value = value.get(step) if isinstance(value, dict) else None
    return value


def _limits(record: Any, prefix: tuple[str, ...] = (), rates: bool = False) -> dict[Any, float]:
    """Every limit of an endpoint record by where it is; prices are elsewhere."""
    found: dict[Any, float] = {}
    for key, value in record.items() if isinstance(record, dict) else ():
        if key == "pricing":
            continue
        if isinstance(value, dict):
            found |= _limits(value, (*prefix, key), rates or key == "rateLimits")
        elif _is_number(value) and (rates or key in RECORD_LIMITS):
            found[(*prefix, key)] = float(value)
    return found


def _tier_changes(
    label: str, old: Any, old_at: Location, new: Any, new_at: Location
) -> list[Finding]:
    """Lists of prices by token threshold (``pricingTiers``, an endpoint record's ``pricing``)."""
    changes: list[Finding] = []
    old_tiers, new_tiers = _tiers(old), _tiers(new)
    for threshold, (j, tier) in new_tiers.items():
        at = (*new_at, j)
        if threshold in old_tiers:
            i, before = old_tiers[threshold]
            tier_label = f"{label}, tier from {_number(threshold)} tokens"
            changes += _pricing(tier_label, before, (*old_at, i), tier, at)
        else:
            message = f"{label}: price tier from {_number(threshold)} tokens added"
            changes.append(finding("diff.price-changed", message, at))
    for threshold, (i, _) in old_tiers.items():
        if threshold not in new_tiers:
            message = f"{label}: price tier from {_number(threshold)} tokens removed"
            changes.append(finding("diff.price-changed", message, (*old_at, i)))
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


MASS = 10
"""Prices moved by one ratio are summed up in one line when at least this many did."""
_RATIO = re.compile(r"\(x([-+0-9.e]+)\)")
"""The ratio as ``_changed`` writes it in a message: the one record of it a change keeps."""


def price_moves(changes: list[Finding]) -> list[str]:
    """One line per ratio that moved many prices at once ("prompt, completion prices -10%
    (x0.9) on 111 models: 653 prices"), the largest moves first: what a mass price change
    is, above the rows that list each price."""
    moves: dict[str, tuple[set[str], set[Location], list[int]]] = {}
    for change in changes:
        match = _RATIO.search(change.message) if change.check.startswith("diff.price") else None
        at = change.location or ()
        if match is None or "models" not in at:
            continue
        names, models, count = moves.setdefault(f"{float(match[1]):.4g}", (set(), set(), [0]))
        names.add(str(at[-1]))
        models.add(at[: at.index("models") + 2])
        count[0] += 1
    lines = []
    for ratio, (names, models, count) in sorted(moves.items(), key=lambda m: -m[1][2][0]):
        if count[0] >= MASS:
            percent = f"{(float(ratio) - 1) * 100:+.3g}%"
            what = f"{', '.join(sorted(names))} prices {percent} (x{ratio})"
            lines.append(f"{what} on {len(models)} models: {count[0]} prices")
    return lines


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


LIST_FIELDS = ("owned_by", "created", "object")


def diff_model_lists(old: Any, new: Any) -> list[Finding]:
    old_models = by_id(old.get("data") if isinstance(old, dict) else None)
    new_models = by_id(new.get("data") if isinstance(new, dict) else None)
    pairing = pair(old_models, new_models)
    changes: list[Finding] = []
    for model_id, (index, model) in new_models.items():
        at = ("data", index)
        origin = pairing.renamed.get(model_id, model_id if model_id in old_models else None)
        if origin is None:
            changes.append(finding("diff.model-added", f"model {model_id!r} added", at))
            continue
        before = old_models[origin][1]
        if origin != model_id:
            message = f"model {origin!r} renamed to {model_id!r}"
            changes.append(finding("diff.model-renamed", message, (*at, "id")))
        for key in LIST_FIELDS:
            if before.get(key) != model.get(key):
                message = f"model {model_id!r}: {key} {_shown_list_field(key, before.get(key))} → "
                message += _shown_list_field(key, model.get(key))
                changes.append(finding("diff.model-changed", message, (*at, key)))
    for model_id in pairing.removed:
        at = ("data", old_models[model_id][0])
        changes.append(finding("diff.model-removed", f"model {model_id!r} removed", at))
    return changes


def _shown_list_field(key: str, value: Any) -> str:
    if key == "created" and isinstance(value, int) and not isinstance(value, bool):
        try:
            return f"{value} ({datetime.fromtimestamp(value, UTC):%Y-%m-%d})"
        except (OverflowError, OSError, ValueError):
            return str(value)
    return repr(value)

"""The cross-API checks: the live gateway list against the list derived from the live registry
(``conformance.server.gateway_list``, the one rule), both successful and schema-valid.
"""

from __future__ import annotations

from typing import Any

from conformance.catalog import finding
from conformance.findings import Finding, Location
from conformance.reporting import plural
from conformance.server.gateway_list import derive_gateway_list

_SHOWN_IDS = 5


def cross_findings(registry: Any, gateway: Any, reproduce: str) -> list[Finding]:
    """The live gateway list against the one derived from the live registry. Both documents
    are successful and schema-valid; locations point into the gateway list."""
    models = registry["data"]["models"]
    derived = derive_gateway_list(registry)["data"]
    listed = gateway["data"]

    def found(check: str, message: str, location: Location) -> Finding:
        return finding(check, message, location, target="cross", reproduce=reproduce)

    findings = []
    registry_ids = [entry["id"] for entry in derived]
    gateway_ids = [entry["id"] for entry in listed]
    missing = [i for i in dict.fromkeys(registry_ids) if i not in set(gateway_ids)]
    extra = [i for i in dict.fromkeys(gateway_ids) if i not in set(registry_ids)]
    if missing:
        message = (
            f"the gateway does not list {_count(missing, 'registry model')}: {_names(missing)}"
        )
        findings.append(found("cross.models", message, ("data",)))
    if extra:
        message = f"the gateway lists {_count(extra, 'model')} the registry lacks: {_names(extra)}"
        findings.append(found("cross.models", message, ("data",)))
    if not missing and not extra and registry_ids != gateway_ids:
        findings.append(found("cross.order", *_order_difference(registry_ids, gateway_ids)))
    first_by_id: dict[str, int] = {}
    for index, entry in enumerate(derived):
        first_by_id.setdefault(entry["id"], index)
    for index, entry in enumerate(listed):
        # The same position when it holds the same id (right even with duplicate ids).
        same_place = index < len(derived) and derived[index]["id"] == entry["id"]
        paired = index if same_place else first_by_id.get(entry["id"])
        if paired is None:
            continue
        wanted, model = derived[paired], models[paired]
        if entry["owned_by"] != wanted["owned_by"]:
            message = (
                f"{entry['id']!r}: owned_by {entry['owned_by']!r}, "
                f"registry author {wanted['owned_by']!r}"
            )
            findings.append(found("cross.owned-by", message, ("data", index, "owned_by")))
        if entry["created"] != wanted["created"]:
            source = model.get("trainingDate", "no trainingDate (fallback 2024-01-01)")
            expected = wanted["created"]
            shown = "nothing: that is not a date" if expected is None else str(expected)
            message = (
                f"{entry['id']!r}: created {entry['created']}, from {source!r} expected {shown}"
            )
            findings.append(found("cross.created", message, ("data", index, "created")))
    return findings


def _order_difference(registry_ids: list[str], gateway_ids: list[str]) -> tuple[str, Location]:
    """How two different lists of the same ids differ first: any two lists, whatever their
    lengths (a list may name an id twice)."""
    at = next(
        (i for i, (a, b) in enumerate(zip(registry_ids, gateway_ids, strict=False)) if a != b),
        min(len(registry_ids), len(gateway_ids)),
    )
    if at < min(len(registry_ids), len(gateway_ids)):
        message = (
            f"the gateway lists {gateway_ids[at]!r} at position {at}, the registry "
            f"{registry_ids[at]!r}: the order must be the registry's"
        )
        return message, ("data", at, "id")
    message = (
        f"the gateway lists {_count(gateway_ids, 'model')}, the registry "
        f"{_count(registry_ids, 'model')}, the same ids up to position {at}: "
        "the gateway must list each registry model once, in the registry's order"
    )
    return message, ("data",) if at >= len(gateway_ids) else ("data", at, "id")


def _count(items: list[str], noun: str) -> str:
    return plural(len(items), noun)


def _names(ids: list[str]) -> str:
    shown = ", ".join(repr(i) for i in ids[:_SHOWN_IDS])
    return shown + (f" and {len(ids) - _SHOWN_IDS} more" if len(ids) > _SHOWN_IDS else "")

"""Cross-API checks: the gateway list is derived from the registry, so they must agree.

Run only when both answers passed their schema (otherwise the schema finding already says why
the comparison means nothing). Paths point into the gateway list, the derived side.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from conformance.findings import Finding
from conformance.harness.catalog import finding

FALLBACK_CREATED = 1_704_067_200  # 2024-01-01T00:00:00Z: what the gateway uses without a date
_SHOWN = 5  # ids named in one message at most


def expected_created(training_date: str | None) -> int | None:
    """``Math.floor(Date.parse(trainingDate) / 1000)``; a time without offset counts as UTC."""
    if training_date is None:
        return FALLBACK_CREATED
    try:
        moment = datetime.fromisoformat(training_date)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return math.floor(moment.timestamp())


def cross_findings(
    registry: dict[str, Any], gateway: dict[str, Any], reproduce: str
) -> list[Finding]:
    models = registry["data"]["models"]
    listed = gateway["data"]
    registry_ids = [model["id"] for model in models]
    gateway_ids = [entry["id"] for entry in listed]

    def found(check: str, message: str, path: str | None = None) -> Finding:
        return finding(check, message, "cross", path=path, reproduce=reproduce)

    findings = []
    missing = [i for i in dict.fromkeys(registry_ids) if i not in set(gateway_ids)]
    extra = [i for i in dict.fromkeys(gateway_ids) if i not in set(registry_ids)]
    if missing:
        message = f"the gateway does not list {len(missing)} registry model(s): {_names(missing)}"
        findings.append(found("cross.models", message, "$.data"))
    if extra:
        message = f"the gateway lists {len(extra)} model(s) the registry lacks: {_names(extra)}"
        findings.append(found("cross.models", message, "$.data"))
    if not missing and not extra and registry_ids != gateway_ids:
        at = next(
            i for i, (a, b) in enumerate(zip(registry_ids, gateway_ids, strict=False)) if a != b
        )
        message = (
            f"the gateway lists {gateway_ids[at]!r} at position {at}, the registry "
            f"{registry_ids[at]!r}: the order must be the registry's"
        )
        findings.append(found("cross.order", message, f"$.data[{at}].id"))
    first_by_id: dict[str, dict[str, Any]] = {}
    for model in models:
        first_by_id.setdefault(model["id"], model)
    for index, entry in enumerate(listed):
        # The same position when it holds the same id (right even with duplicate ids).
        same_place = index < len(models) and models[index]["id"] == entry["id"]
        model = models[index] if same_place else first_by_id.get(entry["id"])
        if model is None:
            continue
        if entry["owned_by"] != model["author"]:
            owner, author = entry["owned_by"], model["author"]
            message = f"{entry['id']!r}: owned_by {owner!r}, registry author {author!r}"
            findings.append(found("cross.owned-by", message, f"$.data[{index}].owned_by"))
        expected = expected_created(model.get("trainingDate"))
        if entry["created"] != expected:
            source = model.get("trainingDate", "no trainingDate (fallback 2024-01-01)")
            wanted = "nothing: that is not a date" if expected is None else str(expected)
            message = (
                f"{entry['id']!r}: created {entry['created']}, from {source!r} expected {wanted}"
            )
            findings.append(found("cross.created", message, f"$.data[{index}].created"))
    return findings


def _names(ids: list[str]) -> str:
    shown = ", ".join(repr(i) for i in ids[:_SHOWN])
    return shown + (f" and {len(ids) - _SHOWN} more" if len(ids) > _SHOWN else "")

"""Two ``/v1/models`` lists compared: ids added, removed or renamed; ``owned_by``, ``created``.

A model is renamed when exactly one id went and one came with the same ``owned_by`` and
``created`` (``pairing``): a removal either way, so a breaking change.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from conformance.catalog import finding
from conformance.diff.pairing import by_id, pair
from conformance.findings import Finding

FIELDS = ("owned_by", "created", "object")


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
        for key in FIELDS:
            if before.get(key) != model.get(key):
                message = f"model {model_id!r}: {key} {_shown(key, before.get(key))} → "
                message += _shown(key, model.get(key))
                changes.append(finding("diff.model-changed", message, (*at, key)))
    for model_id in pairing.removed:
        at = ("data", old_models[model_id][0])
        changes.append(finding("diff.model-removed", f"model {model_id!r} removed", at))
    return changes


def _shown(key: str, value: Any) -> str:
    if key == "created" and isinstance(value, int) and not isinstance(value, bool):
        try:
            return f"{value} ({datetime.fromtimestamp(value, UTC):%Y-%m-%d})"
        except (OverflowError, OSError, ValueError):
            return str(value)
    return repr(value)

"""Derive the AI Gateway's ``GET /v1/models`` list from a registry response.

This mirrors what the real gateway does (and what ``gateway-models.json`` in the real data
shows): the registry's models in the registry's order, ``owned_by`` the model's ``author``,
``created`` its ``trainingDate`` as whole Unix seconds, 2024-01-01T00:00:00Z when it has none.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime
from typing import Any

from conformance.errors import InputError

FALLBACK_CREATED = 1_704_067_200  # 2024-01-01T00:00:00Z, the real gateway's default


def created_from_training_date(training_date: str | None) -> int:
    """``trainingDate`` as Unix seconds, floored like ``Math.floor(Date.parse(d) / 1000)``.

    A timestamp without an offset counts as UTC: the real data holds some (Gemini's
    ``2025-06-17T07:12:24``) and its gateway list was produced on a UTC host.
    """
    if training_date is None:
        return FALLBACK_CREATED
    try:
        moment = datetime.fromisoformat(training_date)
    except ValueError:
        raise InputError(f"trainingDate {training_date!r} is not an ISO 8601 timestamp") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return math.floor(moment.timestamp())


def derive_gateway_list(registry_response: dict[str, Any]) -> dict[str, Any]:
    """The gateway list body for a registry success response (the ``{data, error}`` wrapper)."""
    models = registry_response["data"]["models"]
    return {
        "object": "list",
        "data": [
            {
                "id": model["id"],
                "object": "model",
                "created": created_from_training_date(model.get("trainingDate")),
                "owned_by": model["author"],
            }
            for model in models
        ],
    }

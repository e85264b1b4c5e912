"""The AI Gateway's ``GET /v1/models`` list, derived from a registry response: the one rule.

The real gateway lists the registry's models in the registry's order, ``owned_by`` the model's
``author``, ``created`` its ``trainingDate`` as whole Unix seconds, 2024-01-01T00:00:00Z when it
has none (``gateway-models.json`` in the real data shows it). The reference server serves this
list, and ``conformance`` compares a live gateway against the list derived from the live
registry (the ``cross.*`` checks), so the rule is written here only.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

FALLBACK_CREATED = 1_704_067_200
"""2024-01-01T00:00:00Z: the real gateway's ``created`` for a model without a trainingDate."""


def created_from_training_date(training_date: object) -> int | None:
    """``Math.floor(Date.parse(trainingDate) / 1000)``; None where that is NaN (not a date).

    A timestamp without an offset counts as UTC: the real data holds some (Gemini's
    ``2025-06-17T07:12:24``) and its gateway list was produced on a UTC host.
    """
    if training_date is None:
        return FALLBACK_CREATED
    if not isinstance(training_date, str):
        return None
    try:
        moment = datetime.fromisoformat(training_date)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return math.floor(moment.timestamp())


def derive_gateway_list(registry_response: Mapping[str, Any]) -> dict[str, Any]:
    """The gateway list for a schema-valid registry success response (``{data, error}``).

    An entry's ``created`` is None where the trainingDate is not a date (the real gateway
    would send ``null``); whoever serves or compares the list decides what that means.
    """
    return {
        "object": "list",
        "data": [
            {
                "id": model["id"],
                "object": "model",
                "created": created_from_training_date(model.get("trainingDate")),
                "owned_by": model["author"],
            }
            for model in registry_response["data"]["models"]
        ],
    }

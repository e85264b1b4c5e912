"""The gateway list derived from a registry, and ``created`` from ``trainingDate``, the way the
real gateway computes them (expected values written out here, not computed)."""

from __future__ import annotations

import pytest

from conformance.server.gateway_list import (
    FALLBACK_CREATED,
    created_from_training_date,
    derive_gateway_list,
)


@pytest.mark.parametrize(
    ("training_date", "created"),
    [
        ("2025-08-05T00:00:00.000Z", 1_754_352_000),
        ("2025-06-17T07:12:24", 1_750_144_344),  # no offset: UTC, as on the real host
        ("2025-06-17T09:12:24+02:00", 1_750_144_344),
        ("2025-08-05", 1_754_352_000),  # a bare date is UTC midnight, as in JavaScript
        ("2025-08-05T00:00:00.999Z", 1_754_352_000),  # floored, never rounded up
        ("1969-12-31T23:59:59.500Z", -1),  # floored below zero too, like Math.floor
    ],
)
def test_created_is_unix_seconds_floored(training_date: str, created: int) -> None:
    assert created_from_training_date(training_date) == created


def test_missing_training_date_falls_back_to_2024_01_01() -> None:
    assert created_from_training_date(None) == FALLBACK_CREATED == 1_704_067_200


@pytest.mark.parametrize("training_date", ["last spring", "", 20250805, ["2025-08-05"]])
def test_a_value_that_is_not_a_date_has_no_created(training_date: object) -> None:
    # JavaScript's Date.parse gives NaN, which the real gateway would send as null.
    assert created_from_training_date(training_date) is None


def test_list_keeps_registry_order_and_maps_author_and_date() -> None:
    models = [
        {"id": "b", "author": "x", "trainingDate": "2024-01-02T00:00:00.000Z"},
        {"id": "a", "author": "y"},
    ]
    listed = derive_gateway_list({"data": {"models": models}, "error": None})
    assert listed == {
        "object": "list",
        "data": [
            {"id": "b", "object": "model", "created": 1_704_153_600, "owned_by": "x"},
            {"id": "a", "object": "model", "created": FALLBACK_CREATED, "owned_by": "y"},
        ],
    }

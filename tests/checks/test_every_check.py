"""Every document check of the catalog fires on the smallest break of the project's own data,
at the expected location, and nothing else fires; on the data as shipped, nothing fires."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from conformance.catalog import CHECKS, checks_for
from conformance.checks import check_document
from conformance.findings import Location
from tests.checks import own

Broken = tuple[Any, str, Location]
"""(document, kind, location of the expected finding)."""


def _registry(change: Callable[[dict[str, Any]], object], at: Location) -> Callable[[], Broken]:
    def broken() -> Broken:
        document = own.registry()
        change(document["data"])
        return document, "registry-response", ("data", *at)

    return broken


def _gateway(change: Callable[[list[Any]], object], at: Location) -> Callable[[], Broken]:
    def broken() -> Broken:
        document = own.gateway()
        change(document["data"])
        return document, "models", ("data", *at)

    return broken


def _set(path: Location, value: Any) -> Callable[[Any], None]:
    def change(node: Any) -> None:
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value

    return change


def _bare() -> Broken:
    return own.registry()["data"], "registry-response", ()


def _providers_unsorted(data: dict[str, Any]) -> None:
    providers = data["filters"]["providers"]
    providers[0], providers[1] = providers[1], providers[0]


BREAKS: dict[str, Callable[[], Broken]] = {
    "schema": _registry(lambda d: d["models"][2]["inputModalities"].append("pdf"),
                        ("models", 2, "inputModalities", 2)),
    "schema.wrapper-missing": _bare,
    "registry.total-mismatch": _registry(_set(("total",), 150), ("total",)),
    "registry.duplicate-model-id": _registry(_set(("models", 7, "id"), "claude-3.5-haiku"),
                                             ("models", 7, "id")),
    "registry.providers-mismatch": _registry(
        lambda d: d["filters"]["providers"].append({"name": "zz", "displayName": "Z"}),
        ("filters", "providers", 9)),
    "registry.providers-unsorted": _registry(_providers_unsorted, ("filters", "providers")),
    "registry.provider-display-name": _registry(
        _set(("filters", "providers", 3, "displayName"), " "),
        ("filters", "providers", 3, "displayName")),
    "registry.authors-mismatch": _registry(lambda d: d["filters"]["authors"].remove("deepseek"),
                                           ("filters", "authors")),
    "registry.authors-unsorted": _registry(lambda d: d["filters"]["authors"].reverse(),
                                           ("filters", "authors")),
    "registry.filters-duplicate": _registry(
        lambda d: d["filters"]["authors"].insert(1, "anthropic"), ("filters", "authors", 1)),
    "registry.capability-unsupported": _registry(
        lambda d: d["filters"]["capabilities"].insert(3, "reasoning"),
        ("filters", "capabilities", 3)),
    "registry.capability-not-listed": _registry(
        _set(("models", 0, "endpoints", 0, "pricing", "thinking"), 3.5),
        ("filters", "capabilities")),
    "registry.capabilities-unsorted": _registry(lambda d: d["filters"]["capabilities"].reverse(),
                                                ("filters", "capabilities")),
    "registry.price-invalid": _registry(
        _set(("models", 4, "endpoints", 0, "pricing", "completion"), -0.5),
        ("models", 4, "endpoints", 0, "pricing", "completion")),
    "registry.duplicate-parameter": _registry(
        lambda d: d["models"][5]["supportedParameters"].append("max_tokens"),
        ("models", 5, "supportedParameters", 2)),
    "registry.parameters-incomplete": _registry(
        lambda d: d["models"][5]["supportedParameters"].remove("max_tokens"),
        ("models", 5, "supportedParameters")),
    "registry.training-date-format": _registry(_set(("models", 9, "trainingDate"), "2025-08-05"),
                                               ("models", 9, "trainingDate")),
    "models.duplicate-id": _gateway(_set((2, "id"), "gpt-4o"), (2, "id")),
    "models.created-milliseconds": _gateway(_set((1, "created"), 1715558400000), (1, "created")),
}  # fmt: skip


def test_every_document_check_has_a_break() -> None:
    document_checks = {c.id for c in checks_for("validate")}
    assert set(BREAKS) == document_checks


@pytest.mark.parametrize("check_id", sorted(BREAKS))
def test_the_break_triggers_its_check_alone(check_id: str) -> None:
    document, kind, location = BREAKS[check_id]()
    found = check_document(document, kind)
    assert [(f.check, f.location) for f in found] == [(check_id, location)]
    assert found[0].severity == CHECKS[check_id].severity


@pytest.mark.parametrize("kind", ["registry-response", "registry", "models"])
def test_the_shipped_data_is_silent(kind: str) -> None:
    document = {"registry-response": own.registry(), "registry": own.registry()["data"],
                "models": own.gateway()}[kind]  # fmt: skip
    assert check_document(document, kind) == []

"""Every document check of the catalog fires on its break in the mutation table, at the row's
location, and nothing else fires; on the data as shipped, nothing fires."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.catalog import CHECKS, checks_for
from conformance.checks import check_document
from tests.checks import own
from tests.support.mutations import MUTATIONS, Mutation

DOCUMENT_CHECKS = {check.id for check in checks_for("validate")}
ROWS = [row for row in MUTATIONS if row.check in DOCUMENT_CHECKS]
KIND = {"registry": "registry-response", "gateway": "models"}


def _document(api: str) -> Any:
    return own.registry() if api == "registry" else own.served_gateway()


def test_every_document_check_has_a_break() -> None:
    assert {row.check for row in ROWS} == DOCUMENT_CHECKS
    assert all(row.change is not None and row.rewrite is None for row in ROWS)


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.check)
def test_the_break_triggers_its_check_alone(row: Mutation) -> None:
    assert row.change is not None
    document = _document(row.serves)
    row.change(document)
    found = check_document(document, KIND[row.serves])
    assert [(f.check, f.location) for f in found] == [(row.check, row.location)]
    assert found[0].severity == CHECKS[row.check].severity


@pytest.mark.parametrize("kind", ["registry-response", "registry", "models"])
def test_the_shipped_data_is_silent(kind: str) -> None:
    document = {"registry-response": own.registry(), "registry": own.registry()["data"],
                "models": own.served_gateway()}[kind]  # fmt: skip
    assert check_document(document, kind) == []

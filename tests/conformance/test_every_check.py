"""Every conformance check is caught over real HTTP: each row of the mutation table runs against
a loopback server breaking exactly that one thing, and the run reports exactly its check (at
its location), nothing more and nothing less."""

from __future__ import annotations

import pytest

from conformance.catalog import checks_for
from conformance.jsonpath import to_jsonpath
from tests.conformance.conftest import Runner
from tests.support.mutations import MUTATIONS, Mutation
from tests.support.servers import start_server


@pytest.mark.parametrize("row", MUTATIONS, ids=lambda row: row.name)
def test_the_break_is_found_alone(run_cli: Runner, row: Mutation) -> None:
    with start_server(row) as server:
        flags = [arg for name in row.targets for arg in (f"--{name}-url", server.url)]
        run = run_cli(*flags, *row.arguments, "--format", "json")
    assert run.checks() == row.expected, run.out
    assert run.code == row.exit_code
    if row.location is not None:
        (found,) = [f for f in run.document["findings"] if f["check"] == row.check]
        assert found["path"] == to_jsonpath(row.location)


def test_every_conformance_check_has_a_break() -> None:
    assert {check.id for check in checks_for("conformance")} <= {row.check for row in MUTATIONS}

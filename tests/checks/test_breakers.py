"""Every validate check fires on its breaker, at the expected path, and nothing else fires."""

from __future__ import annotations

import pytest

from conformance.checks.catalog import CHECKS
from conformance.validation.kinds import check_as
from tests.checks.breakers import BREAKERS


@pytest.mark.parametrize("check_id", sorted(BREAKERS))
def test_breaker_triggers_its_check_alone(check_id: str) -> None:
    document, kind, path = BREAKERS[check_id]()
    findings = check_as(document, kind)
    assert [(f.check, f.path) for f in findings if f.path == path] == [(check_id, path)]
    assert {f.check for f in findings} == {check_id}


@pytest.mark.parametrize("check_id", sorted(BREAKERS))
def test_finding_has_the_catalogued_severity(check_id: str) -> None:
    document, kind, _ = BREAKERS[check_id]()
    severities = {f.severity for f in check_as(document, kind)}
    assert severities == {CHECKS[check_id].severity}

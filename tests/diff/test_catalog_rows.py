"""The diff rows of the catalog: whom each change breaks is the vocabulary's, the severity
follows from it, and every diff check is triggered by a case that breaks exactly it."""

from __future__ import annotations

from typing import Any

import pytest

from codegen.reader import _is_string_enum
from conformance.catalog import CHECKS, ChangeCheck, change_severity, checks_for, finding
from conformance.diff.schemas import is_string_enum
from tests.diff.cases import DOCUMENT_CASES, GATEWAY_CASES, REGISTRY_CASES, spec

DIFF_CHECKS = {check.id for check in checks_for("diff", ["diff"])}

ISSUE_TABLE = {
    "diff.enum-value-added": {"strict-clients"},
    "diff.enum-value-removed": {"implementations"},
    "diff.property-added": {"strict-clients"},
    "diff.required-property-added": {"implementations", "strict-clients"},
    "diff.property-made-optional": {"tolerant-clients", "strict-clients"},
    "diff.property-removed": {"tolerant-clients", "strict-clients"},
    "diff.type-changed": {"implementations", "strict-clients", "tolerant-clients"},
    "diff.operation-removed": {"strict-clients", "tolerant-clients"},
    "diff.operation-added": set(),
    "diff.status-added": {"strict-clients", "tolerant-clients"},
    "diff.status-removed": {"implementations"},
    "diff.media-type-added": {"strict-clients", "tolerant-clients"},
    "diff.media-type-removed": {"implementations"},
    "diff.type-widened": {"strict-clients", "tolerant-clients"},
    "diff.type-narrowed": {"implementations"},
    "diff.parameter-added": {"strict-clients", "tolerant-clients"},
    "diff.optional-parameter-added": set(),
    "diff.request-widened": {"implementations"},
    "diff.security-added": {"strict-clients", "tolerant-clients"},
    "diff.schema-drift": {"strict-clients"},
    "diff.description-changed": set(),
    "diff.example-changed": set(),
    "diff.model-removed": {"strict-clients", "tolerant-clients"},
}
"""The classes a reviewer names, and whom each breaks: integer to number in a response breaks
clients, number to integer implementations; a status or media type replaced (one removed, one
added) breaks everyone; a new required parameter breaks clients, a widened one implementations."""


def test_every_diff_check_is_triggered_by_a_case() -> None:
    cases = [*DOCUMENT_CASES, *REGISTRY_CASES, *GATEWAY_CASES]
    triggered = {check for case in cases for check, _ in case.expected}
    assert triggered == DIFF_CHECKS


@pytest.mark.parametrize("check", sorted(ISSUE_TABLE))
def test_the_named_classes_break_whom_the_vocabulary_says(check: str) -> None:
    assert set(CHECKS[check].breaks) == ISSUE_TABLE[check]


def test_one_rule_per_side_says_whom_a_change_breaks() -> None:
    from conformance.catalog import whom_it_breaks

    clients, servers = ("strict-clients", "tolerant-clients"), ("implementations",)
    assert whom_it_breaks(["narrows"], "response") == servers
    assert whom_it_breaks(["widens-values"], "response") == ("strict-clients",)
    assert whom_it_breaks(["widens-shape"], "response") == clients
    assert whom_it_breaks(["narrows"], "request") == clients
    assert whom_it_breaks(["widens-values"], "request") == servers
    assert whom_it_breaks(["widens-shape"], "request") == servers
    assert whom_it_breaks([], "request") == whom_it_breaks([], "response") == ()
    for check in DIFF_CHECKS:
        row = CHECKS[check]
        assert isinstance(row, ChangeCheck)
        assert row.breaks == whom_it_breaks(row.effects, row.side), check


def test_severity_follows_from_breaks() -> None:
    assert change_severity(["strict-clients"]) == "warning"
    assert change_severity(["implementations", "strict-clients"]) == "breaking"
    assert change_severity(["tolerant-clients"]) == "breaking"
    assert change_severity([]) == "info"
    exceptions = {"diff.price-jump": "warning"}  # breaks nobody, and still deserves a look
    for check in DIFF_CHECKS:
        expected = exceptions.get(check, change_severity(CHECKS[check].breaks))
        assert CHECKS[check].severity == expected, check


def test_findings_carry_their_checks_breaks() -> None:
    made = finding("diff.required-property-added", "required property 'x' added", pointer=())
    assert made.breaks == ("implementations", "strict-clients")
    assert finding("schema", "wrong").breaks == ()


def _schemas(value: Any) -> list[dict[str, Any]]:
    found = []
    if isinstance(value, dict):
        found.append(value)
        for item in value.values():
            found += _schemas(item)
    elif isinstance(value, list):
        for item in value:
            found += _schemas(item)
    return found


def test_open_enums_are_the_reader_models_open_enums() -> None:
    schemas = [s for name in ("model-registry.openapi.yaml", "ai-gateway.openapi.yaml")
               for s in _schemas(spec(name))]  # fmt: skip
    schemas += [{"enum": ["a"]}, {"type": "number", "enum": [1]}, {"enum": [None]},
                {"type": "string", "enum": ["a", None]}, {"enum": ["a", 1]}]  # fmt: skip
    assert sum(1 for schema in schemas if is_string_enum(schema)) >= 10
    for schema in schemas:
        assert is_string_enum(schema) == _is_string_enum(schema), schema

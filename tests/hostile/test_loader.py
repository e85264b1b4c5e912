"""specload's own contract: limits as parameters, JSON semantics, places, a self-contained
value, and resolvers that refuse even what the reference scan would have let through."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import specload
from specload.validate import _validator_problems
from tests.hostile.conftest import Trap
from tests.hostile.corpus import _COMMON, gateway


def _refs(value: Any) -> list[str]:
    if isinstance(value, dict):
        own = [value["$ref"]] if isinstance(value.get("$ref"), str) else []
        return own + [ref for child in value.values() for ref in _refs(child)]
    if isinstance(value, list):
        return [ref for child in value for ref in _refs(child)]
    return []


def test_each_limit_is_a_parameter() -> None:
    nested = "openapi: 3.0.0\nx: [[[1]]]\n"
    assert specload.load_text(nested, "d").value["x"] == [[[1]]]
    with pytest.raises(specload.LimitExceeded, match="nested more than 3 levels deep"):
        specload.load_text(nested, "d", limits=specload.Limits(max_depth=3))
    aliased = "a: &a [1, 2, 3]\nb: [*a, *a, *a]\n"
    assert specload.load_text(aliased, "d").value["b"] == [[1, 2, 3]] * 3
    with pytest.raises(specload.LimitExceeded, match="more than 1 times as many"):
        specload.load_text(aliased, "d", limits=specload.Limits(max_expansion=1))
    with pytest.raises(specload.DocumentTooLarge, match="larger than the 10 bytes limit"):
        specload.load_text(nested, "d", limits=specload.Limits(max_bytes=10))


def test_values_are_json_and_every_place_has_its_line() -> None:
    document = specload.load_text(
        "openapi: 3.0.0\npaths:\n  /x:\n    get:\n      responses:\n        200:\n"
        "          description: on 2025-08-05\nwhen: 2025-08-05\n",
        "d",
    )
    assert document.value["paths"]["/x"]["get"]["responses"] == {
        "200": {"description": "on 2025-08-05"}
    }
    assert document.value["when"] == "2025-08-05"
    assert document.position(("paths", "/x", "get", "responses", "200")) == (6, 9)
    assert document.position(("paths", "/x", "missing", "deeper")) == (3, 3)
    for text, problem in [
        ("a: 1\na: 2\n", "2:1: duplicate key 'a'"),
        ("a: .nan\n", "1:4: '.nan' is not a JSON number"),
        ("? [1]\n: x\n", "a mapping key must be a string"),
        ("a: !!binary aGk=\n", "tag !!binary has no JSON value"),
    ]:
        with pytest.raises(specload.MalformedYAML, match=problem):
            specload.load_text(text, "d")


def test_allowed_file_references_are_bundled_into_a_self_contained_value(tmp_path: Path) -> None:
    (tmp_path / "doc.yaml").write_text(gateway({"$ref": "common.yaml#/Model"}), "utf-8")
    (tmp_path / "common.yaml").write_text(_COMMON, "utf-8")
    document = specload.load_path(tmp_path / "doc.yaml")
    refused = specload.check(document)
    assert [problem.check for problem in refused.problems] == ["openapi.external-ref"]
    assert _refs(refused.value) == []  # the refused reference is gone from the value
    allowed = specload.check(document, allow_file_refs=True)
    assert allowed.problems == []
    assert allowed.value["x-bundled-files"] == {
        "common.yaml": specload.load_text(_COMMON, "c").value
    }
    assert _refs(allowed.value) == ["#/x-bundled-files/common.yaml/Model"]


def test_the_validators_resolvers_refuse_every_url_they_are_given(trap: Trap) -> None:
    """Past the reference scan (here: skipped), openapi-spec-validator itself meets a URL:
    the resolver refuses it, the server is never contacted, and the refusal is a problem."""
    text = gateway({"$ref": f"http://127.0.0.1:{trap.port}/model.json#/Model"})
    document = specload.load_text(text, "doc.yaml")
    unscanned = specload.Checked(document, document.value)
    (problem,) = _validator_problems(unscanned)
    assert problem.check == "openapi.external-ref"
    assert "was not followed" in problem.message
    assert trap.connections == []


def test_a_failure_inside_the_validator_is_one_line_naming_where_it_was() -> None:
    schemas = {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}
    document = specload.load_text(gateway({"$ref": "#/components/schemas/A"}, schemas), "doc")
    unscanned = specload.Checked(document, document.value)  # the loop, not refused first
    with pytest.raises(specload.ValidatorFailed) as failed:
        _validator_problems(unscanned)
    message = str(failed.value)
    assert message.startswith("doc:")
    assert "openapi-spec-validator failed here (RecursionError)" in message
    assert "\n" not in message


def test_require_valid_names_the_first_problem() -> None:
    document = specload.load_text(gateway({"$ref": "#/components/schemas/Missing"}), "doc")
    with pytest.raises(specload.InvalidDocument) as invalid:
        specload.require_valid(document)
    line = next(number for number, row in enumerate(document.text.splitlines(), 1) if "$ref" in row)
    assert str(invalid.value).startswith(f"doc:{line}:")
    assert "/schema/$ref: '#/components/schemas/Missing' points to nothing" in str(invalid.value)


@pytest.mark.parametrize("backend", ["auto", "jsonschema", "jsonschema-rs"])
def test_each_validator_error_says_why_at_its_place_whatever_the_backend(
    backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cause of a oneOf failure (Schema or Reference), not "not valid under any of the
    given schemas" around the whole object; a problem at the top survives problems deeper
    down; a fact reported by both of the validator's passes is one problem."""
    monkeypatch.setenv("OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND", backend)
    text = gateway({"type": "int"}, {"Named": {"type": "object", "colour": "red"}})
    document = specload.load_text(text.replace("info:", "x-info:"), "doc")
    found = [(p.pointer, p.message) for p in specload.check(document).problems]
    media = ("paths", "/v1/models", "get", "responses", "200", "content", "application/json")
    assert found == [
        ((), "'info' is a required property"),
        (
            (*media, "schema", "type"),
            "'int' is not one of ['array', 'boolean', 'integer', 'number', 'object', 'string']",
        ),
        (("components", "schemas", "Named"), "'colour' does not match any of the regexes: '^x-'"),
    ]

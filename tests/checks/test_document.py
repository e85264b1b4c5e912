"""The one entry point: schema, then semantics even past a schema failure, and never a crash."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from conformance.checks import check_document
from conformance.checks.document import DOCUMENT_KINDS, semantic_findings
from conformance.cli import build_parser
from conformance.validation.kinds import KIND_DESCRIPTIONS, detect_kind
from tests.checks import own
from tests.support.json_values import json_values

JSON = json_values()


def test_every_kind_is_known_to_the_cli_and_described() -> None:
    args = build_parser(["validate"]).parse_args(["validate", "--kind", "registry", "x.json"])
    assert args.kind == "registry"
    assert set(DOCUMENT_KINDS) == set(KIND_DESCRIPTIONS)


def test_every_documented_response_has_a_known_kind() -> None:
    from generated.schemas import RESPONSE_KINDS

    kinds = {kind for by_status in RESPONSE_KINDS.values() for kind in by_status.values()}
    assert kinds <= set(DOCUMENT_KINDS)
    assert RESPONSE_KINDS[("GET", "/v1/models")] == {"200": "models", "500": "models-error"}


def test_the_project_data_is_clean_and_detected() -> None:
    registry, gateway = own.registry(), own.gateway()
    assert (detect_kind(registry), detect_kind(registry["data"])) == ("registry-response", "registry")  # fmt: skip  # noqa: E501
    assert detect_kind(gateway) == "models"
    assert check_document(registry, "registry-response") == []
    assert check_document(registry["data"], "registry") == []
    assert check_document(gateway, "models") == []


def test_a_schema_failure_does_not_hide_a_wrong_total() -> None:
    document = own.registry()
    document["data"]["models"][4]["inputModalities"][0] = "pdf"
    document["data"]["total"] = 150
    found = check_document(document, "registry-response")
    assert [(f.check, f.location, f.maybe_consequence) for f in found] == [
        ("schema", ("data", "models", 4, "inputModalities", 0), False),
        ("registry.total-mismatch", ("data", "total"), False),
    ]


def test_findings_on_inside_or_around_a_failed_part_are_marked() -> None:
    document = own.registry()
    models = document["data"]["models"]
    del models[3]["name"]  # the model fails its schema...
    models[3]["id"] = models[2]["id"]  # ...and its id is a duplicate: on the failed part
    providers = document["data"]["filters"]["providers"]
    del providers[2]["name"]  # a provider entry fails its schema, so its provider looks
    # unlisted: that finding is on the whole list, which encloses the failed entry
    document["data"]["total"] = 11  # unrelated to either
    found = check_document(document, "registry-response")
    marked = {(f.check, f.maybe_consequence) for f in found if not f.check.startswith("schema")}
    assert marked == {
        ("registry.duplicate-model-id", True),
        ("registry.providers-mismatch", True),
        ("registry.total-mismatch", False),
    }


def test_semantic_findings_of_a_schema_valid_document_are_not_marked() -> None:
    document = own.registry()
    document["data"]["total"] = 150
    (found,) = check_document(document, "registry-response")
    assert (found.check, found.maybe_consequence) == ("registry.total-mismatch", False)


def test_a_negative_price_alone_marks_nothing_as_a_consequence() -> None:
    document = own.registry()
    document["data"]["models"][1]["endpoints"][0]["pricing"]["prompt"] = -1
    document["data"]["total"] = 9
    found = check_document(document, "registry-response")
    assert [(f.check, f.maybe_consequence) for f in found] == [
        ("registry.price-invalid", False),
        ("registry.total-mismatch", False),
    ]


def test_the_bare_data_object_is_checked_as_data_under_a_wrapper_finding() -> None:
    data = own.registry()["data"]
    data["total"] = 3
    found = check_document(data, "registry-response")
    assert [(f.check, f.location, f.maybe_consequence) for f in found] == [
        ("schema.wrapper-missing", (), False),
        ("registry.total-mismatch", ("total",), False),  # the wrapper casts no doubt on it
    ]


def test_gateway_semantics_run_past_a_schema_failure() -> None:
    document = own.gateway()
    document["data"][1]["object"] = "mode"
    document["data"][2]["id"] = "gpt-4o"
    document["data"][2]["created"] = 1.5
    found = check_document(document, "models")
    assert [(f.check, f.location, f.maybe_consequence) for f in found] == [
        ("schema", ("data", 1, "object"), False),
        ("schema", ("data", 2, "created"), False),
        ("models.duplicate-id", ("data", 2, "id"), False),
    ]


@given(value=JSON, kind=st.sampled_from(sorted(DOCUMENT_KINDS)))
def test_any_json_value_gives_findings_never_an_exception(value: Any, kind: str) -> None:
    found = check_document(value, kind)
    assert all(f.check and f.message for f in found)


@given(data=st.data(), kind=st.sampled_from(sorted(DOCUMENT_KINDS)))
def test_the_project_data_broken_anywhere_never_raises(data: st.DataObject, kind: str) -> None:
    document = own.registry() if kind.startswith("registry") else own.gateway()
    node: Any = document
    for _ in range(data.draw(st.integers(0, 6))):  # walk down to a random place
        children = list(node.items()) if isinstance(node, dict) else list(enumerate(node)) if isinstance(node, list) else []  # fmt: skip  # noqa: E501
        if not children:
            break
        key, child = data.draw(st.sampled_from(children))
        if data.draw(st.booleans()) or not isinstance(child, dict | list):
            node[key] = data.draw(JSON)
            break
        node = child
    assert isinstance(check_document(document, kind), list)
    assert isinstance(semantic_findings(document, kind), list)

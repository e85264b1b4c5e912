"""The schema check: a fast verdict, and when it fails every error at its own location."""

from __future__ import annotations

from typing import Any

from conformance.checks import check_document
from conformance.checks.typed import type_problems
from conformance.findings import Location
from tests.checks import own

MODALITIES = "['text', 'image', 'audio', 'video']"


def _schema(document: Any, kind: str) -> list[tuple[str, Location | None, str]]:
    """The schema findings (semantic ones may follow; they have their own tests)."""
    return [
        (f.check, f.location, f.message)
        for f in check_document(document, kind)
        if f.check.startswith("schema")
    ]


def test_all_errors_are_reported_not_the_first() -> None:
    document = own.registry()
    model = document["data"]["models"][0]
    model["inputModalities"].append("pdf")
    model["outputModalities"].append(None)
    del model["name"]
    model["extra"] = 1
    document["data"]["total"] = "10"
    model["endpoints"][0]["pricing"]["prompt"] = True
    at = ("data", "models", 0)
    assert sorted(_schema(document, "registry-response")) == sorted([
        ("schema", at, "required property 'name' is missing"),
        ("schema", (*at, "endpoints", 0, "pricing", "prompt"), "true is not of type 'number'"),
        ("schema", (*at, "inputModalities", 2), f"'pdf' is not one of {MODALITIES}"),
        ("schema", (*at, "outputModalities", 1), f"null is not one of {MODALITIES}"),
        ("schema", (*at, "extra"), "unexpected property 'extra'"),
        ("schema", ("data", "total"), "'10' is not of type 'number'"),
    ])  # fmt: skip


def test_bare_data_object_is_one_wrapper_finding_plus_its_own_errors() -> None:
    data = own.registry()["data"]
    data["models"][1]["inputModalities"] = [None, None]
    found = _schema(data, "registry-response")
    assert found[0][:2] == ("schema.wrapper-missing", ())
    assert found[1:] == [
        ("schema", ("models", 1, "inputModalities", 0), f"null is not one of {MODALITIES}"),
        ("schema", ("models", 1, "inputModalities", 1), f"null is not one of {MODALITIES}"),
    ]


def test_error_branch_is_chosen_for_an_error_body() -> None:
    assert _schema({"data": None, "error": 5}, "registry-response") == [
        ("schema", ("error",), "5 is not of type 'string'")
    ]
    assert check_document({"data": None, "error": "Internal server error"}, "registry-response") == []  # fmt: skip  # noqa: E501


def test_success_branch_is_chosen_when_data_is_an_object() -> None:
    document = own.registry()
    document["error"] = "boom"
    document["data"]["total"] = None
    assert _schema(document, "registry-response") == [
        ("schema", ("data", "total"), "null is not of type 'number'"),
        ("schema", ("error",), "'boom' is not one of [null]"),
    ]


def test_ties_go_to_the_success_branch() -> None:
    document = own.registry()
    document["error"] = "boom"  # data valid, error wrong: one rejected member either way
    assert _schema(document, "registry-response") == [
        ("schema", ("error",), "'boom' is not one of [null]")
    ]


def test_gateway_error_body_and_its_shape() -> None:
    body = {"error": {"message": "boom", "type": "internal_error"}}
    assert check_document(body, "models-error") == []
    assert _schema({"error": {"message": 3}}, "models-error") == [
        ("schema", ("error", "message"), "3 is not of type 'string'")
    ]


def test_schema_and_generated_types_agree_and_are_reported_once() -> None:
    document = own.registry()
    model = document["data"]["models"][3]
    model["contextLength"] = float("inf")  # 1e999 in a file: both reject it
    del model["author"]
    model["endpoints"][0]["surprise"] = []
    typed = type_problems(document, "ModelRegistrySuccess")
    found = _schema(document, "registry-response")
    assert sorted(location for location, _ in typed) == sorted(at for _, at, _ in found if at)
    at = ("data", "models", 3)
    assert [location for _, location, _ in found] == [
        at, (*at, "contextLength"), (*at, "endpoints", 0, "surprise")
    ]  # fmt: skip
    assert found[1][2] == "number too large for a double (1e309 or more)"


def test_long_enums_are_abbreviated() -> None:
    document = own.registry()
    document["data"]["models"][0]["supportedParameters"][0] = "nope"
    messages = [message for _, _, message in _schema(document, "registry-response")]
    assert len(messages) == 1
    assert messages[0].startswith("'nope' is not one of ['max_tokens', ")
    assert messages[0].endswith(", ... 21 more]")


def test_a_list_where_the_wrapper_should_be_is_one_type_error() -> None:
    assert _schema([], "registry-response") == [("schema", (), "[...] is not of type 'object'")]


def test_negative_prices_are_found_in_the_schema_pass_wherever_they_are() -> None:
    document = own.registry()
    endpoint = document["data"]["models"][0]["endpoints"][0]
    endpoint["pricing"]["cacheRead"] = -0.3
    endpoint["pricingTiers"][0]["prompt"] = -1
    record = endpoint["endpoint"]
    record["pricing"][0]["output"] = -2
    found = [(f.check, f.location, f.message) for f in check_document(document, "registry-response")]  # fmt: skip  # noqa: E501
    at = ("data", "models", 0, "endpoints", 0)
    assert sorted(found) == sorted([
        ("registry.price-invalid", (*at, "pricing", "cacheRead"), "price -0.3 is negative"),
        ("registry.price-invalid", (*at, "pricingTiers", 0, "prompt"), "price -1 is negative"),
        ("registry.price-invalid", (*at, "endpoint", "pricing", 0, "output"),
         "price -2 is negative"),
    ])  # fmt: skip

"""The schema check: a fast verdict, and when it fails every error at its own path."""

from __future__ import annotations

from typing import Any

from conformance.checks.schema import check_document
from conformance.checks.typed import type_problems
from conformance.locate import parse_jsonpath
from tests.checks import real

MODALITIES = "['text', 'image', 'audio', 'video']"


def _pairs(document: Any, kind: str) -> list[tuple[str, str | None, str]]:
    return [(f.check, f.path, f.message) for f in check_document(document, kind)]


def test_all_errors_are_reported_not_the_first() -> None:
    document = real.registry()
    model = document["data"]["models"][0]
    model["inputModalities"].append("pdf")
    model["outputModalities"].append(None)
    del model["name"]
    model["extra"] = 1
    document["data"]["total"] = "111"
    model["endpoints"][0]["pricing"]["prompt"] = True
    assert sorted(_pairs(document, "registry-response")) == sorted([
        ("schema", "$.data.models[0]", "required property 'name' is missing"),
        ("schema", "$.data.models[0].endpoints[0].pricing.prompt", "true is not of type 'number'"),
        ("schema", "$.data.models[0].inputModalities[2]", f"'pdf' is not one of {MODALITIES}"),
        ("schema", "$.data.models[0].outputModalities[1]", f"null is not one of {MODALITIES}"),
        ("schema", "$.data.models[0].extra", "unexpected property 'extra'"),
        ("schema", "$.data.total", "'111' is not of type 'number'"),
    ])  # fmt: skip


def test_bare_data_object_is_one_wrapper_finding_plus_its_own_errors() -> None:
    data = real.registry()["data"]
    data["models"][1]["inputModalities"] = [None, None]
    found = _pairs(data, "registry-response")
    assert found[0][:2] == ("schema.wrapper-missing", "$")
    assert found[1:] == [
        ("schema", "$.models[1].inputModalities[0]", f"null is not one of {MODALITIES}"),
        ("schema", "$.models[1].inputModalities[1]", f"null is not one of {MODALITIES}"),
    ]


def test_error_branch_is_chosen_for_an_error_body() -> None:
    assert _pairs({"data": None, "error": 5}, "registry-response") == [
        ("schema", "$.error", "5 is not of type 'string'")
    ]
    assert _pairs({"data": None, "error": "Internal server error"}, "registry-response") == []


def test_success_branch_is_chosen_when_data_is_an_object() -> None:
    document = real.registry()
    document["error"] = "boom"
    document["data"]["total"] = None
    assert _pairs(document, "registry-response") == [
        ("schema", "$.data.total", "null is not of type 'number'"),
        ("schema", "$.error", "'boom' is not one of [null]"),
    ]


def test_base_path_prefixes_every_path() -> None:
    found = check_document({"object": "list", "data": [{"id": 1}]}, "models", "$.body")
    assert {f.path for f in found} == {"$.body.data[0]", "$.body.data[0].id"}


def test_gateway_error_body_and_its_shape() -> None:
    body = {"error": {"message": "boom", "type": "internal_error"}}
    assert check_document(body, "models-error") == []
    assert _pairs({"error": {"message": 3}}, "models-error") == [
        ("schema", "$.error.message", "3 is not of type 'string'")
    ]


def test_schema_and_generated_types_agree_and_are_reported_once() -> None:
    document = real.registry()
    model = document["data"]["models"][3]
    model["contextLength"] = float("inf")  # 1e999 in a file: both reject it
    del model["author"]
    model["endpoints"][0]["surprise"] = []
    typed = type_problems(document, "ModelRegistrySuccess")
    found = _pairs(document, "registry-response")
    assert sorted(location for location, _ in typed) == sorted(
        parse_jsonpath(path) for _, path, _ in found if path is not None
    )
    assert [path for _, path, _ in found] == [
        "$.data.models[3]",
        "$.data.models[3].contextLength",
        "$.data.models[3].endpoints[0].surprise",
    ]


def test_long_enums_are_abbreviated() -> None:
    document = real.registry()
    document["data"]["models"][0]["supportedParameters"][0] = "nope"
    (finding,) = check_document(document, "registry-response")
    assert finding.message.startswith("'nope' is not one of ['max_tokens', ")
    assert finding.message.endswith(", ... 21 more]")


def test_ties_go_to_the_success_branch() -> None:
    document = real.registry()
    document["error"] = "boom"  # data valid, error wrong: one rejected member either way
    assert _pairs(document, "registry-response") == [
        ("schema", "$.error", "'boom' is not one of [null]")
    ]


def test_a_list_where_the_wrapper_should_be_is_one_type_error() -> None:
    assert _pairs([], "registry-response") == [("schema", "$", "[...] is not of type 'object'")]

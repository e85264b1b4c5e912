"""What ``serve`` accepts as a registry, and the one line it gives when it refuses one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import InputError
from conformance.server import default_registry, registry_from_bytes, registry_from_file
from specload import MalformedJSON, SpecLoadError


def _default() -> dict[str, Any]:
    return copy.deepcopy(default_registry().document)


def _bytes(value: Any) -> bytes:
    return json.dumps(value, indent=2).encode()


def test_a_bare_data_object_is_wrapped_keeping_its_bytes() -> None:
    raw = _bytes(_default()["data"])
    loaded = registry_from_bytes(raw + b"\n", "bare.json")
    assert loaded.body == b'{"data":' + raw + b',"error":null}'
    assert json.loads(loaded.body) == _default()


def test_a_byte_order_mark_is_not_served() -> None:
    raw = _bytes(_default())
    assert registry_from_bytes(b"\xef\xbb\xbf" + raw, "bom.json").body == raw


def test_an_error_response_is_refused() -> None:
    with pytest.raises(InputError, match=r"^e\.json: is an error response \('boom'\)"):
        registry_from_bytes(b'{"data": null, "error": "boom"}', "e.json")


def test_not_an_object_is_refused_in_validates_words() -> None:
    with pytest.raises(InputError) as caught:
        registry_from_bytes(b"[]", "l.json")
    assert str(caught.value) == "l.json:1:1: error[schema] $: [...] is not of type 'object'"


def test_schema_errors_name_the_deepest_path_on_one_line() -> None:
    document = _default()
    document["data"]["models"][3]["inputModalities"][0] = "pdf"
    document["data"]["models"][5]["contextLength"] = "8192"
    with pytest.raises(InputError) as caught:
        registry_from_bytes(_bytes(document), "r.json")
    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        "r.json:850:11: error[schema] $.data.models[3].inputModalities[0]: 'pdf' is not one of "
        "['text', 'image', 'audio', 'video'] (and 1 more)"
    )


def test_semantic_errors_are_refused() -> None:
    document = _default()
    document["data"]["total"] = 99
    expected = r"^t\.json:\d+:\d+: error\[registry\.total-mismatch\] \$\.data\.total: .*99.*10"
    with pytest.raises(InputError, match=expected):
        registry_from_bytes(_bytes(document), "t.json")


def test_a_training_date_the_gateway_cannot_convert_is_refused() -> None:
    document = _default()
    document["data"]["models"][0]["trainingDate"] = "last spring"
    expected = r"^d\.json: trainingDate 'last spring' of 'claude-sonnet-4' is not an ISO 8601"
    with pytest.raises(InputError, match=expected):
        registry_from_bytes(_bytes(document), "d.json")


@pytest.mark.parametrize(
    "raw", [b'{"data": {"total": NaN}, "error": null}', b"{} x", b'{"a": "\xff"}']
)
def test_json_that_is_not_strict_is_refused(raw: bytes) -> None:
    with pytest.raises(SpecLoadError):
        registry_from_bytes(raw, "bad.json")


def test_nan_is_reported_as_malformed_json() -> None:
    with pytest.raises(MalformedJSON):
        registry_from_bytes(b'{"data": {"total": NaN}, "error": null}', "nan.json")


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(SpecLoadError, match=r"absent\.json: no such file$"):
        registry_from_file(tmp_path / "absent.json")


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ({"object": "list", "data": []}, "/v1/models list"),
        ({"error": {"message": "boom", "type": "internal_error"}}, "/v1/models error body"),
    ],
)
def test_a_gateway_document_is_named_for_what_it_is(document: Any, kind: str) -> None:
    with pytest.raises(InputError) as caught:
        registry_from_bytes(_bytes(document), "g.json")
    assert str(caught.value) == (
        f"g.json: this is a {kind}, not a registry; serve takes a registry response "
        "({data, error}) or its data object"
    )

"""Strict JSON loading: what is refused, and what is valid JSON but caught later."""

from __future__ import annotations

import pytest

from conformance.checks import check_document
from specload import MalformedJSON, SpecLoadError, line_column, parse_json
from tests.checks import own


def test_byte_order_mark_is_ignored() -> None:
    assert parse_json(b'\xef\xbb\xbf{"object": "list", "data": []}', "f") == {
        "object": "list",
        "data": [],
    }


def test_malformed_json_carries_line_and_column() -> None:
    with pytest.raises(MalformedJSON) as caught:
        parse_json(b'{\n  "a": [1,\n        2,,]\n}', "f.json")
    assert (caught.value.line, caught.value.column) == (3, 11)
    assert str(caught.value).startswith("f.json:3:11: not valid JSON: ")


def test_lone_surrogate_escape_is_refused() -> None:
    with pytest.raises(MalformedJSON):
        parse_json(b'["\\ud800"]', "f")


def test_empty_is_unusable_but_not_malformed_json() -> None:
    with pytest.raises(SpecLoadError) as caught:
        parse_json(b"", "f")
    assert not isinstance(caught.value, MalformedJSON)


def test_overflowing_number_is_json_and_the_schema_reports_it_at_its_path() -> None:
    document = own.gateway()
    document["data"][2]["created"] = parse_json(b"1e999", "f")
    (finding,) = check_document(document, "models")
    assert (finding.location, finding.message) == (
        ("data", 2, "created"),
        "number too large for a double (1e309 or more)",
    )


def test_line_column_counts_characters_not_bytes() -> None:
    data = '{\n  "é€": [1]}'.encode()
    assert line_column(data, data.index(b"[")) == (2, 9)

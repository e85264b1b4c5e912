"""Finding positions: location -> line and column in the raw text, in one pass for many; and
locations rendered as JSONPath and JSON Pointer (only reporters do that)."""

from __future__ import annotations

import json

import pytest

from conformance.jsonpath import to_jsonpath, to_pointer
from specload import locate
from tests.checks import own

TEXT = '{\n  "a]{": "x\\"]}[{",\n  "list": [1, {"é": [true, null]}, "z"],\n  "o k": {"k": 0}\n}\n'


@pytest.mark.parametrize("with_document", [True, False])
def test_members_at_their_key_items_at_their_value(with_document: bool) -> None:
    document = json.loads(TEXT) if with_document else None
    paths = [("a]{",), ("list", 1, "é", 1), ("list", 2), ("o k", "k"), ()]
    found = locate(TEXT, paths, document) if with_document else locate(TEXT, paths)
    assert found == {
        ("a]{",): (2, 3),
        ("list", 1, "é", 1): (3, 28),
        ("list", 2): (3, 36),
        ("o k", "k"): (4, 11),
        (): (1, 1),
    }


def test_missing_location_falls_back_to_nearest_ancestor() -> None:
    assert locate(TEXT, [("list", 1, "absent", 3)]) == {("list", 1, "absent", 3): (3, 15)}


def test_compact_skipping_agrees_with_token_scanning_on_a_compact_file() -> None:
    # Serialised as the real API does (JSON.stringify: compact, UTF-8 unescaped).
    text = json.dumps(own.registry(), separators=(",", ":"), ensure_ascii=False)
    document = json.loads(text)
    paths = [("data", "models", 9, "endpoints", 1, "pricing", "prompt"), ("data", "total"),
             ("data", "filters", "authors", 4), ("data", "models", 5, "id")]  # fmt: skip
    fast = locate(text, paths, document)
    assert fast == locate(text, paths)
    for path, (line, column) in fast.items():
        key = json.dumps(path[-1]) if isinstance(path[-1], str) else None
        assert line == 1
        if key:
            assert text[column - 1 :].startswith(key)


def test_escaped_file_still_located_when_the_encoder_guess_is_wrong() -> None:
    document = {"a": [{"t": "\u2013"}, {"t": "x"}]}
    text = json.dumps(document, separators=(",", ":"))  # \\u2013 escaped, unlike our first guess
    assert locate(text, [("a", 1, "t")], document) == {("a", 1, "t"): (1, 23)}
    assert text[22:25] == '"t"'


@pytest.mark.parametrize(
    ("location", "jsonpath", "pointer"),
    [
        (("data", "models", 3, "id"), "$.data.models[3].id", "/data/models/3/id"),
        (("a b", 0, "it's", "x\\y"), "$['a b'][0]['it\\'s']['x\\\\y']", "/a b/0/it's/x\\y"),
        ((), "$", ""),
        (("/paths", "~x"), "$['/paths']['~x']", "/~1paths/~0x"),
    ],
)
def test_locations_render_as_jsonpath_and_pointer(
    location: tuple[str | int, ...], jsonpath: str, pointer: str
) -> None:
    assert (to_jsonpath(location), to_pointer(location)) == (jsonpath, pointer)

"""Finding positions: JSONPath -> line and column in the raw text, in one pass for many."""

from __future__ import annotations

import json

import pytest

from conformance.jsonpath import to_jsonpath
from conformance.locate import locate, parse_jsonpath
from tests.support.paths import REAL_REGISTRY

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


def test_compact_skipping_agrees_with_token_scanning_on_the_real_file() -> None:
    text = REAL_REGISTRY.read_text("utf-8")
    document = json.loads(text)
    paths = [("data", "models", 110, "endpoints", 0, "pricing", "prompt"), ("data", "total"),
             ("data", "filters", "authors", 12), ("data", "models", 57, "id")]  # fmt: skip
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
    "location", [("data", "models", 3, "id"), ("a b", 0, "it's", "x\\y"), (), ("_", 10, "9")]
)
def test_jsonpath_round_trip(location: tuple[str | int, ...]) -> None:
    assert parse_jsonpath(to_jsonpath(location)) == location


def test_not_a_jsonpath_is_refused() -> None:
    with pytest.raises(ValueError, match="not a JSONPath"):
        parse_jsonpath("data.models")

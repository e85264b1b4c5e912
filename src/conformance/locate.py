"""Line and column of locations (tuples of keys and indexes) in raw JSON text, in one pass.

Only the containers on the way to a wanted path are parsed; every other value is skipped with
a C-speed regex over its strings and brackets, so locating a finding at the end of a 21 MB
document costs a fraction of a second, and locating a thousand findings costs about the same.
An object member is located at its key, an array item at its value; a path that does not exist
(a required property that is missing) falls back to its nearest existing ancestor.
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
from collections.abc import Iterable
from typing import Any

from conformance.findings import Location

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SKIP_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_SCALAR = re.compile(r'-?[0-9][0-9.eE+-]*|true|false|null|"[^"\\]*(?:\\.[^"\\]*)*"')
_WHITESPACE = re.compile(r"[ \t\n\r]*")


_UNKNOWN = object()
_ENCODERS = [
    json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode,
    json.JSONEncoder(separators=(",", ":")).encode,
]


class _Scanner:
    def __init__(self, text: str, wanted: set[Location], document: Any) -> None:
        self.text = text
        self.prefixes = {location[:k] for location in wanted for k in range(len(location) + 1)}
        self.found: dict[Location, int] = {}
        self.document = document
        # Minified files usually serialise exactly as Python's compact encoder would: a skipped
        # value is then its re-encoding (C speed) instead of a token-by-token regex scan.
        self.encoders = list(_ENCODERS) if document is not _UNKNOWN else []

    def skip_ws(self, position: int) -> int:
        match = _WHITESPACE.match(self.text, position)
        return match.end() if match else position

    def value(self, position: int, location: Location, node: Any) -> int:
        """Visit the value starting at ``position``; return the offset just after it."""
        if location not in self.prefixes:
            return self.skip(position, node)
        char = self.text[position : position + 1]
        if char == "{":
            return self.members(position + 1, location, node)
        if char == "[":
            return self.items(position + 1, location, node)
        return self.skip(position, node)

    def members(self, position: int, location: Location, node: Any) -> int:
        position = self.skip_ws(position)
        while self.text[position] != "}":
            key_match = _STRING.match(self.text, position)
            if key_match is None:
                raise ValueError("object key expected")
            token = key_match.group()
            key = json.loads(token) if "\\" in token else token[1:-1]
            self.found.setdefault((*location, key), position)
            position = self.skip_ws(key_match.end())
            position = self.skip_ws(position + 1)  # the colon
            child = node.get(key, _UNKNOWN) if isinstance(node, dict) else _UNKNOWN
            position = self.skip_ws(self.value(position, (*location, key), child))
            if self.text[position] == ",":
                position = self.skip_ws(position + 1)
        return position + 1

    def items(self, position: int, location: Location, node: Any) -> int:
        position = self.skip_ws(position)
        index = 0
        while self.text[position] != "]":
            self.found.setdefault((*location, index), position)
            child = node[index] if isinstance(node, list) and index < len(node) else _UNKNOWN
            position = self.skip_ws(self.value(position, (*location, index), child))
            if self.text[position] == ",":
                position = self.skip_ws(position + 1)
            index += 1
        return position + 1

    def skip(self, position: int, node: Any) -> int:
        if self.text[position] not in "{[":
            match = _SCALAR.match(self.text, position)
            if match is None:
                raise ValueError("JSON value expected")
            return match.end()
        if node is not _UNKNOWN:
            end = self.skip_encoded(position, node)
            if end is not None:
                return end
        depth = 0
        for match in _SKIP_TOKEN.finditer(self.text, position):
            piece = match.group()
            if piece in ("{", "["):
                depth += 1
            elif piece in ("}", "]"):
                depth -= 1
                if depth == 0:
                    return match.end()
        raise ValueError("unterminated container")

    def skip_encoded(self, position: int, node: Any) -> int | None:
        for encoder in self.encoders:
            encoded = encoder(node)
            if self.text.startswith(encoded, position):
                if encoder is not self.encoders[0]:  # try the one that matched first next time
                    self.encoders.remove(encoder)
                    self.encoders.insert(0, encoder)
                return position + len(encoded)
        self.encoders.clear()  # not a compact file: stop paying for encodings
        return None


def locate(
    text: str, paths: Iterable[Location], document: Any = _UNKNOWN
) -> dict[Location, tuple[int, int]]:
    """1-based (line, column) of each path, or of its nearest ancestor present in ``text``.

    ``document`` (the value parsed from ``text``), when given, makes skipping faster.
    """
    wanted = {tuple(path) for path in paths}
    if not wanted:
        return {}
    scanner = _Scanner(text, wanted, document)
    start = scanner.skip_ws(1 if text.startswith("\ufeff") else 0)
    scanner.found[()] = start
    # Text that jiter accepted always scans; should it not, keep whatever was found.
    with contextlib.suppress(ValueError, IndexError):
        scanner.value(start, (), document)
    newlines = [match.start() for match in re.finditer("\n", text)]
    result: dict[Location, tuple[int, int]] = {}
    for path in wanted:
        nearest = next(path[:k] for k in range(len(path), -1, -1) if path[:k] in scanner.found)
        offset = scanner.found[nearest]
        line = bisect.bisect_left(newlines, offset)
        line_start = newlines[line - 1] + 1 if line else 0
        result[path] = (line + 1, offset - line_start + 1)
    return result

"""JSON text: strict RFC 8259 parsing, and the line and column of any place in it.

jiter parses a 21 MB file in about half the time of ``json.load`` and already refuses what
JSON refuses (NaN/Infinity, trailing garbage, duplicate keys, bytes that are not UTF-8, a
number too long to be one: over 4,300 digits) with a line and column. Only when it refuses a
text is the text checked for UTF-8 here, so that a bad byte gets a message naming it, and a
valid file is never decoded twice. A number too large for a double (``1e999``) is valid JSON;
it parses to ``inf``, which a payload's ``type: number`` then reports at its path and which a
document (``reading.load_text``) refuses.

``locate`` finds where places are in one pass: only the containers on the way to a wanted place
are parsed; every other value is skipped with a C-speed regex over its strings and brackets, so
locating a finding at the end of a 21 MB text costs a fraction of a second, and locating a
thousand findings costs about the same. An object member is located at its key, an array item
at its value; a place that does not exist (a required property that is missing) falls back to
its nearest existing ancestor.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import jiter

from specload.errors import MalformedJSON, UnreadableDocument
from specload.openapi import Location

_BOM = b"\xef\xbb\xbf"
_JITER_POSITION = re.compile(r"^(?P<reason>.*?) at line (?P<line>\d+) column (?P<column>\d+)$")
_DUPLICATE = re.compile(r'^Detected duplicate key (?P<key>".*")$')
_REASONS = {
    "recursion limit exceeded": "nesting too deep",
    "expected value": "expected a JSON value (NaN, Infinity and bare words are not JSON)",
    "number out of range": "a number too long (JSON numbers here have at most 4,300 digits)",
}


def parse_json(data: bytes, name: str) -> Any:
    """Parse one JSON text (a BOM allowed); ``name`` names it in error messages."""
    if data.startswith(_BOM):  # RFC 8259 section 8.1: a parser may ignore it
        data = data[len(_BOM) :]
    if not data or data.isspace():  # never a stripped copy of a large text
        raise UnreadableDocument(name, "empty, not a JSON document")
    try:
        return jiter.from_json(data, allow_inf_nan=False, catch_duplicate_keys=True)
    except ValueError as exc:
        _require_utf8(data, name)
        raise _malformed(name, str(exc), data) from None


def _require_utf8(data: bytes, name: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = line_column(data, exc.start)
        problem = f"not UTF-8 (byte 0x{data[exc.start]:02x}); JSON files must be UTF-8"
        raise UnreadableDocument(name, problem, line, column) from None


def _malformed(name: str, message: str, data: bytes) -> MalformedJSON:
    match = _JITER_POSITION.match(message)
    if match is None:
        return MalformedJSON(name, message)
    reason = _REASONS.get(match["reason"], match["reason"])
    line, column = int(match["line"]), max(int(match["column"]), 1)
    duplicate = _DUPLICATE.match(reason)
    if duplicate:
        reason = f"duplicate object key {duplicate['key']}"
        line, column = _key_position(data, duplicate["key"], line, column)
    return MalformedJSON(name, reason, line, column)


def _key_position(data: bytes, key: str, line: int, column: int) -> tuple[int, int]:
    """jiter points after the repeated key's colon; point at the key itself when it is found."""
    line_start = 0
    for _ in range(line - 1):
        line_start = data.index(b"\n", line_start) + 1
    offset = line_start + len(data[line_start:].decode("utf-8", "replace")[: column - 1].encode())
    found = data.rfind(key.encode(), 0, offset)
    return line_column(data, found) if found >= 0 else (line, column)


def line_column(data: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of a byte offset."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


class JSONLocator:
    """Line and column of places in a JSON text (``locate``), for ``Document.position``."""

    def __init__(self, text: str, value: Any) -> None:
        self._text = text
        self._value = value

    def position(self, pointer: Sequence[str | int]) -> tuple[int, int]:
        location = tuple(pointer)
        return locate(self._text, [location], self._value)[location]


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_SKIP_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')
_SCALAR = re.compile(r'-?[0-9][0-9.eE+-]*|true|false|null|"[^"\\]*(?:\\.[^"\\]*)*"')
_WHITESPACE = re.compile(r"[ \t\n\r]*")


_UNKNOWN = object()


class _Scanner:
    def __init__(self, text: str, wanted: set[Location], document: Any) -> None:
        self.text = text
        self.prefixes = {location[:k] for location in wanted for k in range(len(location) + 1)}
        self.found: dict[Location, int] = {}
        self.document = document
        import json  # here, not at start-up: only a document with findings is located

        self.loads = json.loads
        # Minified files usually serialise exactly as Python's compact encoder would: a skipped
        # value is then its re-encoding (C speed) instead of a token-by-token regex scan.
        self.encoders: list[Callable[[Any], str]] = []
        if document is not _UNKNOWN:
            self.encoders = [
                json.JSONEncoder(separators=(",", ":"), ensure_ascii=False).encode,
                json.JSONEncoder(separators=(",", ":")).encode,
            ]

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
            key = self.loads(token) if "\\" in token else token[1:-1]
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

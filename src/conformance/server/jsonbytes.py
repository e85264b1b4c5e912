"""Strict JSON in, compact JSON out: the only two ways the reference server touches JSON text.

Strict means RFC 8259 and nothing more: UTF-8 without a byte-order mark, no ``NaN`` or
``Infinity``, no trailing garbage, and no repeated key in an object (parsers disagree on which
copy wins, so a file that has one means different things to different clients).
"""

from __future__ import annotations

import json
from typing import Any

from conformance.errors import MalformedJSON


def encode_json(value: Any) -> bytes:
    """Compact UTF-8 JSON, as Node's ``JSON.stringify`` writes it; refuses NaN and Infinity."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def parse_strict_json(raw: bytes, source: str) -> Any:
    """Parse ``raw`` as RFC 8259 JSON or raise :class:`MalformedJSON` naming line and column."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raise MalformedJSON(source, "starts with a UTF-8 byte-order mark", 1, 1)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        reason = f"invalid UTF-8 byte 0x{raw[exc.start]:02x}"
        raise MalformedJSON(source, reason, line, column) from None
    try:
        return json.loads(
            text, parse_constant=_refuse_constant, object_pairs_hook=_object_without_repeats
        )
    except json.JSONDecodeError as exc:
        raise MalformedJSON(source, exc.msg, exc.lineno, exc.colno) from None
    except _StrictnessError as exc:
        raise MalformedJSON(source, str(exc), None, None) from None


class _StrictnessError(ValueError):
    pass


def _refuse_constant(name: str) -> Any:
    raise _StrictnessError(f"{name} is not a JSON value")


def _object_without_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _StrictnessError(f"key {key!r} appears twice in one object")
        result[key] = value
    return result


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = offset - (before.rfind(b"\n") + 1) + 1
    return line, column

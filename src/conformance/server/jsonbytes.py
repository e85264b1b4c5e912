"""Compact JSON out: how the reference server writes every body it builds itself."""

from __future__ import annotations

import json
from typing import Any


def encode_json(value: Any) -> bytes:
    """Compact UTF-8 JSON, as Node's ``JSON.stringify`` writes it; refuses NaN and Infinity."""
    text = json.dumps(value, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")

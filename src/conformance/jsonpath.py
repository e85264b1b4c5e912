"""Locations inside a JSON document: JSONPath for people, JSON Pointer for machines."""

from __future__ import annotations

import re
from collections.abc import Iterable

from specload import pointer_text as to_pointer

__all__ = ["to_jsonpath", "to_pointer"]

_PLAIN_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def to_jsonpath(location: Iterable[str | int]) -> str:
    """``("data", "models", 3, "id")`` -> ``$.data.models[3].id``; odd keys get brackets."""
    parts = ["$"]
    for step in location:
        if isinstance(step, int):
            parts.append(f"[{step}]")
        elif _PLAIN_KEY.match(step):
            parts.append(f".{step}")
        else:
            escaped = step.replace("\\", "\\\\").replace("'", "\\'")
            parts.append(f"['{escaped}']")
    return "".join(parts)

"""What a change of one schema keyword means, for the keywords not compared structurally.

``schemas.py`` walks the structural keywords itself (``type``, ``nullable``, ``enum``,
``properties``, ``required``, ``additionalProperties``, ``items``, ``anyOf``, ``oneOf``,
``allOf``). Every other keyword is one of:

- an annotation: it validates nothing, so changing it breaks nobody;
- a bound: a larger lower bound or a smaller upper bound accepts less (``tightened``: servers
  may break), the other way accepts more (``loosened``: clients may break);
- a flag that accepts less when true (``uniqueItems``, OpenAPI 3.0's ``exclusiveMinimum``);
- anything else (``format``, ``pattern``, ``multipleOf``, ``not``, a keyword we do not know):
  added it accepts less, removed more, replaced something else (everyone may break).
"""

from __future__ import annotations

import json
from typing import Any

STRUCTURAL = frozenset(
    {"$ref", "type", "nullable", "enum", "properties", "required", "additionalProperties"}
    | {"items", "anyOf", "oneOf", "allOf"}
)
DESCRIPTIONS = frozenset({"description", "title", "summary"})
EXAMPLES = frozenset({"example", "examples"})
ANNOTATIONS = frozenset(
    {"deprecated", "default", "externalDocs", "xml", "readOnly", "writeOnly", "$comment"}
    | {"discriminator", "operationId", "tags"}
)
LOWER_BOUNDS = frozenset({"minimum", "minLength", "minItems", "minProperties"})
UPPER_BOUNDS = frozenset({"maximum", "maxLength", "maxItems", "maxProperties"})
TRUE_ACCEPTS_LESS = frozenset({"uniqueItems", "exclusiveMinimum", "exclusiveMaximum"})


def annotation_check(keyword: str) -> str | None:
    """The check of a change to an annotation keyword, or None if it validates."""
    if keyword in DESCRIPTIONS:
        return "diff.description-changed"
    if keyword in EXAMPLES:
        return "diff.example-changed"
    if keyword in ANNOTATIONS or keyword.startswith("x-"):
        return "diff.annotation-changed"
    return None


def constraint_check(keyword: str, old: Any, new: Any) -> str:
    """``diff.constraint-tightened|loosened|changed`` for a validating keyword that changed
    (``None`` for absent)."""
    if keyword in TRUE_ACCEPTS_LESS and _is_flag(old) and _is_flag(new):
        return "diff.constraint-tightened" if bool(new) else "diff.constraint-loosened"
    if old is None:
        return "diff.constraint-tightened"
    if new is None:
        return "diff.constraint-loosened"
    if _is_number(old) and _is_number(new):
        if keyword in LOWER_BOUNDS or keyword in ("exclusiveMinimum",):
            return "diff.constraint-tightened" if new > old else "diff.constraint-loosened"
        if keyword in UPPER_BOUNDS or keyword in ("exclusiveMaximum",):
            return "diff.constraint-tightened" if new < old else "diff.constraint-loosened"
    return "diff.constraint-changed"


def shown(value: Any, limit: int = 60) -> str:
    """A keyword's value as messages show it: JSON, cut at ``limit`` characters."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def is_string_enum(schema: dict[str, Any]) -> bool:
    """An enum of strings (``null`` aside): the reader models open these, and only these
    (the same rule as codegen's reader; a test keeps them equal)."""
    members = [m for m in schema.get("enum", []) if m is not None]
    return (
        schema.get("type", "string") == "string"
        and bool(members)
        and all(isinstance(m, str) for m in members)
    )


def _is_flag(value: Any) -> bool:
    return value is None or isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

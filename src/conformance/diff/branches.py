"""Which ``anyOf``/``oneOf``/``allOf`` member of OLD is which of NEW.

Members are paired by the component they name (a renamed component still pairs), then by equal
content, then in order; so reordering members changes nothing, and a member added or removed
is one change, not a shift of every member after it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from conformance.diff.refs import ref_target

Pairing = tuple[list[tuple[int, int]], list[int], list[int]]
"""(OLD index, NEW index) pairs, then the NEW members added, then the OLD members removed."""


def pair_members(before: list[Any], after: list[Any], renames: Mapping[str, str]) -> Pairing:
    def renamed(member: Any) -> str | None:
        name = component_name(member)
        return None if name is None else renames.get(name, name)

    keys: tuple[tuple[Callable[[Any], str | None], Callable[[Any], str | None]], ...] = (
        (renamed, component_name),
        (canonical, canonical),
    )
    old_left, new_left = list(range(len(before))), list(range(len(after)))
    pairs: list[tuple[int, int]] = []
    for old_key, new_key in keys:
        by_key: dict[str, int] = {}
        for j in new_left:
            key = new_key(after[j])
            if key is not None:
                by_key.setdefault(key, j)
        for i in list(old_left):
            key = old_key(before[i])
            match = by_key.pop(key, None) if key is not None else None
            if match is not None:
                pairs.append((i, match))
                old_left.remove(i)
                new_left.remove(match)
    count = min(len(old_left), len(new_left))
    pairs += zip(old_left[:count], new_left[:count], strict=True)
    return sorted(pairs), new_left[count:], old_left[count:]


def component_name(member: Any) -> str | None:
    """``X`` for ``{$ref: '#/components/schemas/X'}``, else None."""
    if not isinstance(member, dict) or not isinstance(member.get("$ref"), str):
        return None
    target = ref_target(member["$ref"])
    if target is None or len(target) != 3 or target[:2] != ("components", "schemas"):
        return None
    return str(target[2])


def canonical(value: Any) -> str:
    """One text per JSON value, whatever its key order."""
    return json.dumps(value, sort_keys=True, default=str)

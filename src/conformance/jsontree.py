"""JSON documents as trees: one canonical text per value, and local ``$ref``s followed.

``canonical`` writes a value the same way whatever its key order, so two values compare as
text. Only references inside the document (``#/...``) are followed; anything else is refused
before any validator sees the document, so reading a document never fetches a URL or a file.
Chains of references are followed until a value; a chain that loops stops where it would
repeat. Walks over the whole document visit each container once, so YAML aliases cannot make
them explode.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from conformance.findings import Location
from conformance.jsonpath import to_pointer
from specload import parse_fragment


class Unresolvable(Exception):
    """A local reference that names nothing in the document."""

    def __init__(self, ref: str, at: Location) -> None:
        super().__init__(f"{to_pointer(at) or '/'}: $ref {ref!r} does not resolve")
        self.ref = ref
        self.at = at


def ref_target(ref: str) -> Location | None:
    """``#/components/schemas/A~1B`` -> ``("components", "schemas", "A/B")``; None if not local."""
    return parse_fragment(ref[1:]) if ref.startswith("#") else None


def lookup(document: Any, target: Location) -> tuple[Any, Location] | None:
    """The value at ``target`` and its location (list indexes as numbers); None when nothing
    is there."""
    node, at = document, []
    for step in target:
        if isinstance(node, dict):
            if step not in node:
                return None
            node = node[step]
            at.append(step)
        elif isinstance(node, list) and isinstance(step, str) and step.isdigit():
            index = int(step)
            if index >= len(node):
                return None
            node = node[index]
            at.append(index)
        else:
            return None
    return node, tuple(at)


def resolve(document: Any, node: Any, at: Location) -> tuple[Any, Location]:
    """``node`` (found at ``at``) with its ``$ref`` chain followed: the value and its location."""
    seen: set[Location] = set()
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        target = ref_target(node["$ref"])
        if target is None:
            raise Unresolvable(node["$ref"], at)
        if target in seen:
            break
        seen.add(target)
        found = lookup(document, target)
        if found is None:
            raise Unresolvable(node["$ref"], at)
        node, at = found
    return node, at


def references(document: Any) -> Iterator[tuple[Location, str]]:
    """Every ``$ref`` string of the document, with the location of the object holding it."""
    seen: set[int] = set()
    stack: list[tuple[Any, Location]] = [(document, ())]
    while stack:
        node, at = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                yield at, ref
            stack.extend((value, (*at, key)) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend((value, (*at, index)) for index, value in enumerate(node))


def canonical(value: Any) -> str:
    """One text per JSON value, whatever its key order."""
    return json.dumps(value, sort_keys=True, default=str)

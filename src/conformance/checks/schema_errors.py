"""jsonschema_rs errors -> (location, message), worded for people and one per problem.

jsonschema_rs reports a null in an enum-typed array twice (wrong type, not in enum); the enum
message says both, so the type error at the same location is dropped. An unexpected property is
reported at the property itself, so its line and column point at the offending key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

Location = tuple[str | int, ...]
Problem = tuple[Location, str]

_MAX_SHOWN = 60


def render(value: Any) -> str:
    """A short literal for a message: strings quoted like the enum options, JSON for the rest."""
    if isinstance(value, str):
        shown = value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 3] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    return json.dumps(value)


def _options(options: Iterable[Any]) -> str:
    return "[" + ", ".join(render(option) for option in options) + "]"


def _types(types: Iterable[str]) -> str:
    return " or ".join(f"'{name}'" for name in types)


def problems_from(errors: Iterable[Any]) -> list[Problem]:
    """Word each error; drop the type error that an enum error at the same location implies."""
    problems: list[tuple[Location, str, str]] = []
    for error in errors:
        location: Location = tuple(error.instance_path)
        kind = type(error.kind).__name__
        if kind == "AdditionalProperties":
            for name in error.kind.unexpected:
                problems.append(((*location, name), kind, f"unexpected property {render(name)}"))
        elif kind == "Required":
            problems.append(
                (location, kind, f"required property {render(error.kind.property)} is missing")
            )
        elif kind == "Enum":
            message = f"{render(error.instance)} is not one of {_options(error.kind.options)}"
            problems.append((location, kind, message))
        elif kind == "Type":
            types = _types(error.kind.types)
            problems.append((location, kind, f"{render(error.instance)} is not of type {types}"))
        else:
            problems.append((location, kind, error.message))
    with_enum = {location for location, kind, _ in problems if kind == "Enum"}
    seen: set[Problem] = set()
    result: list[Problem] = []
    for location, kind, message in problems:
        if (kind == "Type" and location in with_enum) or (location, message) in seen:
            continue
        seen.add((location, message))
        result.append((location, message))
    return result


def depth_score(errors: list[Any]) -> tuple[int, int]:
    """How close a failed anyOf branch came: deepest error first, then fewest errors."""
    deepest = max((len(error.instance_path) for error in errors), default=0)
    return deepest, -len(errors)

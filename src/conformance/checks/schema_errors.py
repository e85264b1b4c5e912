"""Schema errors -> (location, message), worded for people and one per problem.

Shared by both validators (jsonschema_rs for the known documents, the reference validator for
any schema of an OpenAPI document), so a problem reads the same whichever found it.
jsonschema_rs reports a null in an enum-typed array twice (wrong type, not in enum); the enum
message says both, so the type error at the same location is dropped. An unexpected property is
reported at the property itself, so its line and column point at the offending key.

``closest_branch`` is the one rule for explaining an ``anyOf``/``oneOf`` failure: report the
errors of the branch that came closest, never "not valid under any of the given schemas".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from conformance.findings import Location

Branch = TypeVar("Branch")
Problem = tuple[Location, str]

_MAX_SHOWN = 60
_MAX_OPTIONS = 8


def render(value: Any) -> str:
    """A short literal for a message: strings quoted like the enum options, JSON for the rest."""
    if isinstance(value, str):
        shown = value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 3] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "{...}"
    if isinstance(value, list):
        return "[...]"
    import json  # only to explain a failure

    return json.dumps(value)


def _options(options: Iterable[Any]) -> str:
    shown = [render(option) for option in options]
    if len(shown) > _MAX_OPTIONS:
        hidden = len(shown) - _MAX_OPTIONS + 1
        shown = [*shown[: _MAX_OPTIONS - 1], f"... {hidden} more"]
    return "[" + ", ".join(shown) + "]"


def _types(types: Iterable[str]) -> str:
    return " or ".join(f"'{name}'" for name in types)


def enum_message(value: Any, options: Iterable[Any]) -> str:
    return f"{render(value)} is not one of {_options(options)}"


def type_message(value: Any, types: Iterable[str]) -> str:
    return f"{render(value)} is not of type {_types(types)}"


def required_message(name: Any) -> str:
    return f"required property {render(name)} is missing"


def unexpected_message(name: Any) -> str:
    return f"unexpected property {render(name)}"


def dedupe(problems: Iterable[tuple[Location, str, str]]) -> list[Problem]:
    """Drop repeats, and a type error where an enum error at the same location says more."""
    problems = list(problems)
    with_enum = {location for location, kind, _ in problems if kind == "enum"}
    seen: set[Problem] = set()
    result: list[Problem] = []
    for location, kind, message in problems:
        if (kind == "type" and location in with_enum) or (location, message) in seen:
            continue
        seen.add((location, message))
        result.append((location, message))
    return result


def problems_from(errors: Iterable[Any], root: Any) -> list[Problem]:
    """Word each error; drop the type error that an enum error at the same location implies."""
    problems: list[tuple[Location, str, str]] = []
    for error in errors:
        location: Location = tuple(error.instance_path)
        kind = type(error.kind).__name__
        if kind == "AdditionalProperties":
            for name in error.kind.unexpected:
                problems.append(((*location, name), "additional", unexpected_message(name)))
        elif kind == "Required":
            problems.append((location, "required", required_message(error.kind.property)))
        elif kind == "Enum":
            problems.append((location, "enum", enum_message(error.instance, error.kind.options)))
        elif kind == "Type" and _overflowed(_value_at(root, location)):
            problems.append((location, "type", "number too large for a double (1e309 or more)"))
        elif kind == "Type":
            problems.append((location, "type", type_message(error.instance, error.kind.types)))
        else:
            problems.append((location, kind, error.message))
    return dedupe(problems)


def _overflowed(value: Any) -> bool:
    """JSON allows 1e999; parsed, it is infinity, which no ``number`` schema accepts (and which
    jsonschema_rs shows as null, so the value is looked up in the document)."""
    return isinstance(value, float) and math.isinf(value)


def _value_at(root: Any, location: Location) -> Any:
    for step in location:
        try:
            root = root[step]
        except (KeyError, IndexError, TypeError):
            return None
    return root


def closest_branch(
    branches: Sequence[Branch], errors_of: Callable[[Branch], list[Location]]
) -> Branch:
    """The branch that came closest: its errors reach deepest into the value, then it has the
    fewest; the first of equals wins (the schema's own order, success before error).

    ``errors_of`` gives the locations of a branch's errors (or an estimate of them, when
    collecting them all would cost too much).
    """

    def score(branch: Branch) -> tuple[int, int]:
        errors = errors_of(branch)
        return max((len(location) for location in errors), default=0), -len(errors)

    return max(branches, key=score)

"""The strict generated pydantic types as a second opinion, used only to explain failures.

They are generated from the same documents as the JSON Schema, so they nearly always agree;
whatever they add (for instance a float where the type is a strict int) is reported too.
Imported lazily: pydantic model construction costs start-up time that a valid file never needs.
"""

from __future__ import annotations

import importlib
from typing import Any

from conformance.checks.schema_errors import Problem, required_message, unexpected_message
from conformance.findings import Location

_MODULES = ("generated.registry", "generated.gateway")


def _model(definition: str) -> Any:
    for name in _MODULES:
        module = importlib.import_module(name)
        model = getattr(module, definition, None)
        if model is not None and hasattr(model, "model_validate"):
            return model
    raise LookupError(definition)


def type_problems(instance: Any, definition: str) -> list[Problem]:
    """Problems the generated model ``definition`` finds, worded like the schema's."""
    from pydantic import ValidationError

    try:
        _model(definition).model_validate(instance, strict=True)
    except ValidationError as exc:
        problems: list[Problem] = []
        for error in exc.errors(include_url=False):
            location: Location = tuple(error["loc"])
            # Worded and placed as the schema's own: a missing key at its object, an extra one
            # at the key, so the same problem found by both is reported once.
            if error["type"] == "missing":
                problems.append((location[:-1], required_message(location[-1])))
            elif error["type"] == "extra_forbidden":
                problems.append((location, unexpected_message(location[-1])))
            else:
                problems.append((location, f"generated type: {error['msg']}"))
        return problems
    return []

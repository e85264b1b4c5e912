"""Schema components added, removed, or renamed: the same schema under a new name.

A rename is one change, not a removal and an addition. A component of OLD missing from NEW is
renamed when a component new in NEW holds exactly its schema once the references are written
with the new names (so a renamed component that refers to itself, or to another renamed one
found before it, still matches). What stays unpaired was removed or added.
"""

from __future__ import annotations

from typing import Any

from conformance.catalog import finding
from conformance.diff.branches import canonical, component_name
from conformance.findings import Finding
from conformance.jsonpath import to_pointer

_SCHEMAS = ("components", "schemas")


def schemas_of(document: Any) -> dict[str, Any]:
    components = document.get("components") if isinstance(document, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


def renamed(old_doc: Any, new_doc: Any) -> dict[str, str]:
    """OLD name -> NEW name of every renamed schema component."""
    old, new = schemas_of(old_doc), schemas_of(new_doc)
    gone = [name for name in old if name not in new]
    fresh = {name: canonical(new[name]) for name in new if name not in old}
    renames: dict[str, str] = {}
    found = True
    while found:  # each pass may make another rename visible: it refers to one found before
        found = False
        for name in gone:
            if name in renames:
                continue
            for candidate, text in fresh.items():
                if candidate in renames.values():
                    continue
                if canonical(_with_names(old[name], {**renames, name: candidate})) == text:
                    renames[name] = candidate
                    found = True
                    break
    return renames


def component_changes(old_doc: Any, new_doc: Any, renames: dict[str, str]) -> list[Finding]:
    old, new = schemas_of(old_doc), schemas_of(new_doc)
    changes = []
    for name in new:
        if name in old:
            continue
        origin = next((before for before, after in renames.items() if after == name), None)
        if origin is not None:
            message = f"schema component {origin!r} renamed to {name!r}"
            changes.append(finding("diff.component-renamed", message, pointer=(*_SCHEMAS, name)))
        else:
            message = f"schema component {name!r} added"
            changes.append(finding("diff.component-added", message, pointer=(*_SCHEMAS, name)))
    for name in old:
        if name not in new and name not in renames:
            message = f"schema component {name!r} removed"
            changes.append(finding("diff.component-removed", message, pointer=(*_SCHEMAS, name)))
    return changes


def _with_names(value: Any, renames: dict[str, str]) -> Any:
    """``value`` with every reference to a renamed component written with its new name."""
    if isinstance(value, dict):
        copy = {key: _with_names(item, renames) for key, item in value.items()}
        name = component_name(value)
        if name is not None and name in renames:
            copy["$ref"] = "#" + to_pointer((*_SCHEMAS, renames[name]))
        return copy
    if isinstance(value, list):
        return [_with_names(item, renames) for item in value]
    return value

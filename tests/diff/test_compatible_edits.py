"""A property: a document and any mix of compatible edits (reordering, YAML or JSON style, a
reference wrapped in an ``allOf`` of one, an inline schema extracted to a component, a path
parameter renamed) break nobody: ``diff`` finds no change that breaks anyone."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import specload
from conformance.diff.documents import diff_documents
from tests.diff.cases import DERIVED, GATEWAY_SPEC, REGISTRY_SPEC, WITH_PATH, spec

PROFILE = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
BASES = (REGISTRY_SPEC, GATEWAY_SPEC, WITH_PATH)


def _base(name: str) -> Any:
    return DERIVED[name]() if name in DERIVED else spec(name)


def _containers(value: Any, found: list[Any]) -> list[Any]:
    """Every mapping and list of ``value``, in document order."""
    if isinstance(value, dict | list):
        found.append(value)
        for item in value.values() if isinstance(value, dict) else value:
            _containers(item, found)
    return found


def _schema_holders(doc: Any) -> list[tuple[dict[str, Any], str]]:
    """(mapping, key) of every schema under a ``properties`` or ``items`` keyword."""
    holders = []
    for node in _containers(doc, []):
        if not isinstance(node, dict):
            continue
        properties = node.get("properties")
        if isinstance(properties, dict):
            holders += [(properties, name) for name in properties]
        if isinstance(node.get("items"), dict):
            holders.append((node, "items"))
    return holders


def reorder(doc: Any, draw: Callable[[Any], Any]) -> None:
    nodes = [n for n in _containers(doc, []) if isinstance(n, dict) and len(n) > 1]
    for node in draw(st.lists(st.sampled_from(nodes), max_size=8)) if nodes else ():
        items = list(node.items())
        node.clear()
        node.update(draw(st.permutations(items)))


def wrap_in_all_of(doc: Any, draw: Callable[[Any], Any]) -> None:
    holders = [(h, k) for h, k in _schema_holders(doc) if "$ref" in h[k] and len(h[k]) == 1]
    if holders:
        holder, key = draw(st.sampled_from(holders))
        wrapped: dict[str, Any] = {"allOf": [holder[key]]}
        if draw(st.booleans()):
            wrapped["description"] = "Described where it is used."
        holder[key] = wrapped


def extract(doc: Any, draw: Callable[[Any], Any]) -> None:
    holders = [(h, k) for h, k in _schema_holders(doc) if "$ref" not in h[k]]
    if holders:
        holder, key = draw(st.sampled_from(holders))
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        name = f"Extracted{len(schemas)}"
        schemas[name] = holder[key]
        holder[key] = {"$ref": f"#/components/schemas/{name}"}


def rename_path_parameter(doc: Any, draw: Callable[[Any], Any]) -> None:
    for path in [p for p in doc["paths"] if "{" in p]:
        new_name = draw(st.sampled_from(["id", "modelId", "slug"]))
        item = doc["paths"].pop(path)
        renamed = path
        for parameter in item["get"]["parameters"]:
            if parameter["in"] == "path":
                renamed = renamed.replace("{" + parameter["name"] + "}", "{" + new_name + "}")
                parameter["name"] = new_name
        doc["paths"][renamed] = item


EDITS = (reorder, wrap_in_all_of, extract, rename_path_parameter)


def restyle(doc: Any, style: str) -> Any:
    if style == "json":
        text = json.dumps(doc, indent=1)
    else:
        text = yaml.safe_dump(doc, default_flow_style=style == "flow", sort_keys=style == "sorted")
    return specload.load_text(text, style).value


@PROFILE
@given(
    base=st.sampled_from(BASES),
    edits=st.lists(st.sampled_from(EDITS), min_size=1, max_size=4),
    style=st.sampled_from(["json", "block", "flow", "sorted"]),
    data=st.data(),
)
def test_compatible_edits_break_nobody(base: str, edits: list[Any], style: str, data: Any) -> None:
    old = _base(base)
    new = copy.deepcopy(old)
    for edit in edits:
        edit(new, data.draw)
    breaking = [c for c in diff_documents(old, restyle(new, style)) if c.breaks]
    assert breaking == []

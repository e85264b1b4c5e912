"""Two OpenAPI documents compared: operations, their responses per status and media type, and
each response schema through every ``$ref``; then the schema components renamed, added, removed.

Whom a change breaks is the classification of ``schemas.py`` and the catalog. Operations are
matched by path and method, responses by status, media types by name. Requests are compared
only for equality (``diff.request-changed``): whom a request change breaks is not what these
documents describe. Response headers and links are not compared.
"""

from __future__ import annotations

from typing import Any

from conformance.diff.components import component_changes, renamed
from conformance.diff.keywords import annotation_check
from conformance.diff.refs import resolve
from conformance.diff.schemas import SchemaComparison
from conformance.findings import Finding, Location
from specload import OPERATION_METHODS

_PATH_PARAMETERS = "path parameters"
_REQUEST = ("parameters", _PATH_PARAMETERS, "requestBody", "security")


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Finding]:
    """Every change from OLD to NEW, each once, in the order of NEW."""
    renames = renamed(old, new)
    walk = SchemaComparison(old, new, renames)
    old_ops, new_ops = _operations(old), _operations(new)
    for key, (operation, at) in new_ops.items():
        if key in old_ops:
            before, before_at = old_ops[key]
            _operation(walk, _Sides(before, before_at, operation, at))
        else:
            walk.add("diff.operation-added", f"operation {_name(key)} added", at)
    for key, (_, at) in old_ops.items():
        if key not in new_ops:
            walk.add("diff.operation-removed", f"operation {_name(key)} removed", at)
    changes = walk.changes + component_changes(old, new, renames)
    unique: dict[tuple[str, Location | None, str], Finding] = {}
    for change in changes:
        unique.setdefault((change.check, change.pointer, change.message), change)
    return list(unique.values())


class _Sides:
    """An object of OLD and the same object of NEW, each with its location, refs followed."""

    def __init__(self, old: Any, old_at: Location, new: Any, new_at: Location) -> None:
        self.old, self.old_at, self.new, self.new_at = old, old_at, new, new_at

    def child(self, walk: SchemaComparison, key: str) -> _Sides:
        old, old_at = resolve(walk.old_doc, self.old[key], (*self.old_at, key))
        new, new_at = resolve(walk.new_doc, self.new[key], (*self.new_at, key))
        return _Sides(old, old_at, new, new_at)


def _operations(document: dict[str, Any]) -> dict[tuple[str, str], tuple[Any, Location]]:
    """(path, method) -> (operation, location); the path's own ``parameters`` are given to
    each of its operations as ``path parameters``, so that a change to them is seen."""
    found: dict[tuple[str, str], tuple[Any, Location]] = {}
    paths = document.get("paths")
    for path, raw_item in paths.items() if isinstance(paths, dict) else ():
        item, item_at = resolve(document, raw_item, ("paths", path))
        if not isinstance(item, dict):
            continue
        for method in OPERATION_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                shared = {_PATH_PARAMETERS: item["parameters"]} if "parameters" in item else {}
                found[(str(path), method)] = ({**operation, **shared}, (*item_at, method))
    return found


def _operation(walk: SchemaComparison, sides: _Sides) -> None:
    old, new = sides.old, sides.new
    request = [key for key in _REQUEST if old.get(key) != new.get(key)]
    if request:
        walk.add("diff.request-changed", f"request changed: {', '.join(request)}", sides.new_at)
    _annotations(walk, sides, ("responses", *_REQUEST))
    old_codes, new_codes = _mapping(old.get("responses")), _mapping(new.get("responses"))
    for code in new_codes:
        if code in old_codes:
            _response(walk, sides.child(walk, "responses").child(walk, code))
        else:
            at = (*sides.new_at, "responses", code)
            walk.add("diff.status-added", f"status {code} added", at)
    for code in old_codes:
        if code not in new_codes:
            at = (*sides.old_at, "responses", code)
            walk.add("diff.status-removed", f"status {code} removed", at)


def _response(walk: SchemaComparison, sides: _Sides) -> None:
    _annotations(walk, sides, ("content", "headers", "links"))
    old_content = _mapping(sides.old.get("content"))
    new_content = _mapping(sides.new.get("content"))
    for media_type in new_content:
        if media_type not in old_content:
            at = (*sides.new_at, "content", media_type)
            walk.add("diff.media-type-added", f"media type {media_type} added", at)
            continue
        media = sides.child(walk, "content").child(walk, media_type)
        _annotations(walk, media, ("schema", "encoding"))
        old_at, new_at = (*media.old_at, "schema"), (*media.new_at, "schema")
        if "schema" in media.old and "schema" in media.new:
            walk.compare(media.old["schema"], old_at, media.new["schema"], new_at)
        elif "schema" in media.new:
            walk.add("diff.constraint-tightened", "schema now given", new_at)
        elif "schema" in media.old:
            walk.add("diff.constraint-loosened", "schema no longer given", old_at)
    for media_type in old_content:
        if media_type not in new_content:
            at = (*sides.old_at, "content", media_type)
            walk.add("diff.media-type-removed", f"media type {media_type} removed", at)


def _annotations(walk: SchemaComparison, sides: _Sides, elsewhere: tuple[str, ...]) -> None:
    """Every other key of an operation, response or media type: an annotation of some kind."""
    keys = [*sides.new, *(key for key in sides.old if key not in sides.new)]
    for key in keys:
        if key in elsewhere or sides.old.get(key) == sides.new.get(key):
            continue
        check = annotation_check(str(key)) or "diff.annotation-changed"
        at = (*sides.new_at, key) if key in sides.new else (*sides.old_at, key)
        walk.add(check, f"{key} changed", at)


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _name(key: tuple[str, str]) -> str:
    return f"{key[1].upper()} {key[0]}"

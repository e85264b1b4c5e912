"""Two OpenAPI documents compared: operations, their requests (parameters, request body,
security) and their responses per status and media type, each schema through every ``$ref``;
then the schema components renamed, added, removed.

Operations are matched by method and URL template, whatever their path parameters are named
(``/models/{model}`` and ``/models/{id}`` are one operation); parameters by where they are and
their name (a path parameter by its place in the template), responses by status, media types
by name. A request parameter and body are compared for compatibility: required or optional,
present or gone, where (``in``), and their schemas as what a client may send. Security is the
operation's requirements, or the document's when it has none of its own. Response headers and
links are not compared. Whom each change breaks is the catalog's rule.

A component rename is one change, not a removal and an addition. A component of OLD missing
from NEW is renamed when a component new in NEW holds exactly its schema once the references
are written with the new names (so a renamed component that refers to itself, or to another
renamed one found before it, still matches). What stays unpaired was removed or added.
"""

from __future__ import annotations

import re
from typing import Any

from conformance.catalog import finding
from conformance.diff.schemas import SchemaComparison, annotation_check, component_name
from conformance.findings import Finding, Location
from conformance.jsonpath import to_pointer
from conformance.jsontree import canonical, resolve
from specload import OPERATION_METHODS

_PATH_PARAMETERS = "path parameters"
_REQUEST = ("parameters", _PATH_PARAMETERS, "requestBody", "security")
_TEMPLATE = re.compile(r"\{([^{}/]*)\}")
_PARAMETER_KEYS = ("name", "in", "required", "schema")

Operation = tuple[str, Any, Location]
"""(its path as written, the operation, its location)."""


def diff_documents(old: dict[str, Any], new: dict[str, Any]) -> list[Finding]:
    """Every change from OLD to NEW, each once, in the order of NEW."""
    renames = renamed(old, new)
    walk = SchemaComparison(old, new, renames)
    old_ops, new_ops = _operations(old), _operations(new)
    for key, (path, operation, at) in new_ops.items():
        if key in old_ops:
            old_path, before, before_at = old_ops[key]
            sides = _Sides(before, before_at, operation, at)
            _operation(walk, sides, _template_names(old_path, path))
        else:
            walk.add("diff.operation-added", f"operation {key[1].upper()} {path} added", at)
    for key, (path, _, at) in old_ops.items():
        if key not in new_ops:
            walk.add("diff.operation-removed", f"operation {key[1].upper()} {path} removed", at)
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


def _operations(document: dict[str, Any]) -> dict[tuple[str, str], Operation]:
    """(URL template, method) -> operation; the path's own ``parameters`` are given to each of
    its operations as ``path parameters``, so that a change to them is seen."""
    found: dict[tuple[str, str], Operation] = {}
    paths = document.get("paths")
    for path, raw_item in paths.items() if isinstance(paths, dict) else ():
        item, item_at = resolve(document, raw_item, ("paths", path))
        if not isinstance(item, dict):
            continue
        template = _TEMPLATE.sub("{}", str(path))
        for method in OPERATION_METHODS:
            operation = item.get(method)
            if isinstance(operation, dict):
                shared = {_PATH_PARAMETERS: item["parameters"]} if "parameters" in item else {}
                found[(template, method)] = (str(path), {**operation, **shared}, (*item_at, method))
    return found


def _template_names(old_path: str, new_path: str) -> dict[str, str]:
    """OLD path parameter name -> the NEW name at the same place of the URL template."""
    return dict(zip(_TEMPLATE.findall(old_path), _TEMPLATE.findall(new_path), strict=False))


def _operation(walk: SchemaComparison, sides: _Sides, path_names: dict[str, str]) -> None:
    old, new = sides.old, sides.new
    _parameters(walk, sides, path_names)
    _request_body(walk, sides)
    _security(walk, sides)
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


Parameters = dict[tuple[str, str], tuple[dict[str, Any], Location]]
"""(in, name) -> (the parameter, its location); header names in lower case."""


def _parameter_list(
    document: Any, operation: dict[str, Any], at: Location, path_names: dict[str, str]
) -> Parameters:
    """The operation's parameters, the path's shared ones first (the operation's own override
    them); a path parameter under its NEW name when ``path_names`` renames it."""
    found: Parameters = {}
    for key in (_PATH_PARAMETERS, "parameters"):
        listed = operation.get(key)
        where = (*at[:-1], "parameters") if key == _PATH_PARAMETERS else (*at, key)
        for index, raw in enumerate(listed if isinstance(listed, list) else ()):
            parameter, parameter_at = resolve(document, raw, (*where, index))
            if not isinstance(parameter, dict):
                continue
            place, name = str(parameter.get("in")), str(parameter.get("name"))
            if place == "header":
                name = name.lower()
            elif place == "path":
                name = path_names.get(name, name)
            found[(place, name)] = (parameter, parameter_at)
    return found


def _parameters(walk: SchemaComparison, sides: _Sides, path_names: dict[str, str]) -> None:
    old = _parameter_list(walk.old_doc, sides.old, sides.old_at, path_names)
    new = _parameter_list(walk.new_doc, sides.new, sides.new_at, {})
    moved = {name for place, name in old if (place, name) not in new} & {
        name for place, name in new if (place, name) not in old
    }
    for key, (parameter, at) in new.items():
        place, name = key
        if key in old:
            before, before_at = old[key]
            what = f"parameter {name!r} ({place})"
            _presence(walk, what, _Sides(before, before_at, parameter, at))
            _schema(walk, before, before_at, parameter, at)
            both = _Sides(before, before_at, parameter, at)
            _annotations(walk, both, _PARAMETER_KEYS, otherwise="diff.request-changed")
        elif name in moved:
            was = next(p for p, n in old if n == name and (p, n) not in new)
            message = f"parameter {name!r} moved from {was} to {place}"
            walk.add("diff.parameter-moved", message, (*at, "in"))
        else:
            _added(walk, f"parameter {name!r} ({place})", parameter, at)
    for key, (_, at) in old.items():
        if key not in new and key[1] not in moved:
            walk.add("diff.parameter-removed", f"parameter {key[1]!r} ({key[0]}) removed", at)


def _request_body(walk: SchemaComparison, sides: _Sides) -> None:
    before, after = sides.old.get("requestBody"), sides.new.get("requestBody")
    old_at, new_at = (*sides.old_at, "requestBody"), (*sides.new_at, "requestBody")
    if before is None and after is None:
        return
    if before is None:
        body, at = resolve(walk.new_doc, after, new_at)
        _added(walk, "request body", body if isinstance(body, dict) else {}, at)
        return
    if after is None:
        walk.add("diff.parameter-removed", "request body removed", old_at)
        return
    body = sides.child(walk, "requestBody")
    if not isinstance(body.old, dict) or not isinstance(body.new, dict):
        return
    _presence(walk, "request body", body)
    _annotations(walk, body, ("content", "required"))
    old_content, new_content = _mapping(body.old.get("content")), _mapping(body.new.get("content"))
    for media_type in new_content:
        at = (*body.new_at, "content", media_type)
        if media_type not in old_content:
            walk.add("diff.request-widened", f"request media type {media_type} added", at)
            continue
        media = body.child(walk, "content").child(walk, media_type)
        if isinstance(media.old, dict) and isinstance(media.new, dict):
            _schema(walk, media.old, media.old_at, media.new, media.new_at)
    for media_type in old_content:
        if media_type not in new_content:
            at = (*body.old_at, "content", media_type)
            walk.add("diff.request-narrowed", f"request media type {media_type} removed", at)


def _added(walk: SchemaComparison, what: str, value: dict[str, Any], at: Location) -> None:
    if value.get("required") is True:
        walk.add("diff.parameter-added", f"required {what} added", at)
    else:
        walk.add("diff.optional-parameter-added", f"optional {what} added", at)


def _presence(walk: SchemaComparison, what: str, sides: _Sides) -> None:
    old, new = sides.old, sides.new
    was, now = old.get("required") is True, new.get("required") is True
    if now and not was:
        at = (*sides.new_at, "required")
        walk.add("diff.parameter-made-required", f"{what} made required", at)
    elif was and not now:
        at = (*sides.new_at, "required") if "required" in new else (*sides.old_at, "required")
        walk.add("diff.parameter-made-optional", f"{what} made optional", at)


def _schema(
    walk: SchemaComparison,
    old: dict[str, Any],
    old_at: Location,
    new: dict[str, Any],
    new_at: Location,
) -> None:
    """A parameter's or a request media type's schema, as what a client may send."""
    if "schema" in old and "schema" in new:
        schema_at = (*old_at, "schema"), (*new_at, "schema")
        walk.compare(old["schema"], schema_at[0], new["schema"], schema_at[1], side="request")
    elif "schema" in new:
        walk.add("diff.request-narrowed", "schema now given", (*new_at, "schema"))
    elif "schema" in old:
        walk.add("diff.request-widened", "schema no longer given", (*old_at, "schema"))


def _security(walk: SchemaComparison, sides: _Sides) -> None:
    """The requirements that apply: the operation's own, else the document's."""
    old, old_at = _requirements(walk.old_doc, sides.old, sides.old_at)
    new, new_at = _requirements(walk.new_doc, sides.new, sides.new_at)
    if old == new:
        return
    old_anonymous, new_anonymous = _anonymous(old), _anonymous(new)
    named = ", ".join(sorted(new - {"{}"})) or "none"
    if old_anonymous and not new_anonymous:
        walk.add("diff.security-added", f"security required: {named}", new_at)
    elif new_anonymous and not old_anonymous:
        walk.add("diff.security-removed", "security no longer required", old_at)
    elif not old_anonymous:
        walk.add("diff.security-changed", f"security requirements now {named}", new_at)


def _requirements(
    document: Any, operation: dict[str, Any], at: Location
) -> tuple[set[str], Location]:
    if "security" in operation:
        listed, where = operation["security"], (*at, "security")
    else:
        listed, where = document.get("security"), ("security",)
    found = set()
    for requirement in listed if isinstance(listed, list) else ():
        if isinstance(requirement, dict):
            scopes = {str(k): sorted(map(str, v or ())) for k, v in requirement.items()}
            found.add(canonical(scopes))
    return found, where


def _anonymous(requirements: set[str]) -> bool:
    """No requirement, or an empty one among the alternatives: a request without credentials
    is accepted."""
    return not requirements or "{}" in requirements


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


def _annotations(
    walk: SchemaComparison,
    sides: _Sides,
    elsewhere: tuple[str, ...],
    otherwise: str = "diff.annotation-changed",
) -> None:
    """Every other key of an operation, response or media type: an annotation of some kind;
    of a parameter, an annotation or how it is written in a request (``style``,
    ``explode``, ...: ``otherwise``)."""
    keys = [*sides.new, *(key for key in sides.old if key not in sides.new)]
    for key in keys:
        if key in elsewhere or sides.old.get(key) == sides.new.get(key):
            continue
        check = annotation_check(str(key)) or otherwise
        at = (*sides.new_at, key) if key in sides.new else (*sides.old_at, key)
        walk.add(check, f"{key} changed", at)


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


# Schema components.

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

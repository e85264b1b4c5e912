"""Two schemas compared, through every local ``$ref``, each change classified once.

Both sides are resolved before they are compared, so a schema moved into a component (or a
component renamed) compares by content, and a change inside a component is reported once, at
the component, however many operations reach it. Each pair of locations is compared once, which
is also what stops a recursive schema. A change is placed in NEW, or in OLD when something was
removed. A ``type`` change is the one change of its schema: what lies below is not comparable.

The structural keywords (``type``, ``nullable``, ``enum``, ``properties``, ``required``,
``additionalProperties``, ``items``, ``anyOf``, ``oneOf``, ``allOf``) are walked; every other
keyword is one of:

- an annotation: it validates nothing, so changing it breaks nobody;
- a bound: a larger lower bound or a smaller upper bound accepts less (``tightened``), the
  other way accepts more (``loosened``);
- a flag that accepts less when true (``uniqueItems``, OpenAPI 3.0's ``exclusiveMinimum``);
- anything else (``format``, ``pattern``, ``multipleOf``, ``not``, a keyword we do not know):
  added it accepts less, removed more, replaced something else.

``anyOf``/``oneOf``/``allOf`` members of OLD and NEW are paired by the component they name (a
renamed component still pairs), then by equal content, then in order; so reordering members
changes nothing, and a member added or removed is one change, not a shift of every member after
it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from conformance.catalog import CHECKS, ChangeCheck, Side, finding
from conformance.findings import Finding, Location
from conformance.jsontree import canonical, ref_target, resolve

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


_LOOSENED, _TIGHTENED = "diff.constraint-loosened", "diff.constraint-tightened"
_MEMBER_ADDED_REMOVED = {False: (_LOOSENED, _TIGHTENED), True: (_TIGHTENED, _LOOSENED)}
"""(a member added, a member removed) under anyOf/oneOf (False) and allOf (True)."""


@dataclass(frozen=True, slots=True)
class _Pair:
    """The same schema in OLD and NEW, and where each is."""

    old: dict[str, Any]
    old_at: Location
    new: dict[str, Any]
    new_at: Location

    def values(self, keyword: str, default: Any = None) -> tuple[Any, Any]:
        return self.old.get(keyword, default), self.new.get(keyword, default)

    def at(self, *steps: str | int) -> Location:
        """In NEW."""
        return (*self.new_at, *steps)

    def was(self, *steps: str | int) -> Location:
        """In OLD: where something removed was."""
        return (*self.old_at, *steps)

    def where(self, keyword: str) -> Location:
        """The keyword in NEW, or in OLD when NEW no longer has it."""
        return self.at(keyword) if keyword in self.new else self.was(keyword)


class SchemaComparison:
    """Collects the changes between schemas of OLD and NEW; ``renames`` maps OLD component
    names to NEW ones.

    ``side`` says who sends the values a schema describes: in a response the server, in a
    request the client. A schema change in a request is reported as what it does to requests
    (``request_check``), so that the catalog's one rule says whom it breaks.
    """

    def __init__(self, old_doc: Any, new_doc: Any, renames: Mapping[str, str]) -> None:
        self.old_doc, self.new_doc, self.renames = old_doc, new_doc, renames
        self.changes: list[Finding] = []
        self.side: Side = "response"
        self._compared: set[tuple[Side, Location, Location]] = set()

    def add(self, check: str, message: str, at: Location) -> None:
        if self.side == "request":
            check = request_check(check)
        self.changes.append(finding(check, message, pointer=at))

    def compare(
        self, old: Any, old_at: Location, new: Any, new_at: Location, side: Side | None = None
    ) -> None:
        if side is not None and side != self.side:
            previous, self.side = self.side, side
            try:
                self.compare(old, old_at, new, new_at)
            finally:
                self.side = previous
            return
        old, old_at, old_notes = _unwrapped(self.old_doc, old, old_at)
        new, new_at, new_notes = _unwrapped(self.new_doc, new, new_at)
        for key in [*new_notes, *(key for key in old_notes if key not in new_notes)]:
            before, after = old_notes.get(key, (None, ())), new_notes.get(key, (None, ()))
            if before[0] != after[0]:
                check = annotation_check(key) or "diff.annotation-changed"
                self.add(check, f"{key} changed", after[1] if key in new_notes else before[1])
        if (self.side, old_at, new_at) in self._compared:
            return
        self._compared.add((self.side, old_at, new_at))
        if not isinstance(old, dict) or not isinstance(new, dict):
            if old != new:
                self.add("diff.constraint-changed", f"schema {shown(old)} → {shown(new)}", new_at)
            return
        pair = _Pair(old, old_at, new, new_at)
        if self._type(pair):
            return
        self._nullable(pair)
        self._enum(pair)
        self._properties(pair)
        self._extra_keys(pair)
        self._items(pair)
        for keyword in ("anyOf", "oneOf", "allOf"):
            self._members(pair, keyword)
        self._other_keywords(pair)

    def _type(self, pair: _Pair) -> bool:
        before, after = (_types(value) for value in pair.values("type"))
        if before and after and before != after:
            check = _type_change(set(before.split("|")), set(after.split("|")))
            self.add(check, f"type {before} → {after}", pair.at("type"))
            return True
        if after and not before:
            self.add(_TIGHTENED, f"type {after} now required", pair.at("type"))
        elif before and not after:
            self.add(_LOOSENED, f"type {before} no longer required", pair.was("type"))
        return False

    def _nullable(self, pair: _Pair) -> None:
        before, after = (value is True for value in pair.values("nullable"))
        if after and not before:
            self.add(_LOOSENED, "nullable: null now allowed", pair.where("nullable"))
        elif before and not after:
            self.add(_TIGHTENED, "null no longer allowed", pair.where("nullable"))

    def _enum(self, pair: _Pair) -> None:
        """A string enum that grows only bothers strict clients (readers keep new strings)."""
        before, after = pair.values("enum")
        grows = "diff.enum-value-added" if is_string_enum(pair.new) else _LOOSENED
        if isinstance(before, list) and isinstance(after, list):
            old_values, new_values = {canonical(v) for v in before}, {canonical(v) for v in after}
            for index, value in enumerate(after):
                if canonical(value) not in old_values:
                    self.add(grows, f"enum value {shown(value)} added", pair.at("enum", index))
            for index, value in enumerate(before):
                if canonical(value) not in new_values:
                    message = f"enum value {shown(value)} removed"
                    self.add("diff.enum-value-removed", message, pair.was("enum", index))
        elif isinstance(after, list):
            self.add(_TIGHTENED, f"enum {shown(after)} now required", pair.at("enum"))
        elif isinstance(before, list):
            lifted = "diff.enum-value-added" if is_string_enum(pair.old) else _LOOSENED
            self.add(lifted, f"enum {shown(before)} lifted: any value allowed", pair.was("enum"))

    def _properties(self, pair: _Pair) -> None:
        before, after = (_mapping(value) for value in pair.values("properties"))
        was_required, required = (_names(value) for value in pair.values("required"))
        closed = pair.old.get("additionalProperties") is False
        for name, schema in after.items():
            at = pair.at("properties", name)
            if name in required and name not in before:
                self.add("diff.required-property-added", f"required property {name!r} added", at)
                continue
            if name not in before:
                check = "diff.property-added" if closed else "diff.property-added-open"
                self.add(check, f"optional property {name!r} added", at)
                continue
            self.compare(before[name], pair.was("properties", name), schema, at)
            self._required(name, name in was_required, name in required, at)
        for name in before.keys() - after.keys():
            at = pair.was("properties", name)
            self.add("diff.property-removed", f"property {name!r} removed", at)
        for name in sorted((was_required ^ required) - before.keys() - after.keys()):
            self._required(name, name in was_required, name in required, pair.where("required"))

    def _required(self, name: str, was: bool, now: bool, at: Location) -> None:
        if was and not now:
            self.add("diff.property-made-optional", f"property {name!r} made optional", at)
        elif now and not was:
            self.add("diff.property-made-required", f"property {name!r} made required", at)

    def _extra_keys(self, pair: _Pair) -> None:
        keyword = "additionalProperties"
        before, after = pair.values(keyword, True)
        if isinstance(before, dict) and isinstance(after, dict):
            self.compare(before, pair.was(keyword), after, pair.at(keyword))
        elif before is False and after is not False:
            self.add("diff.extra-keys-allowed", f"{keyword}: false lifted", pair.where(keyword))
        elif after is False and before is not False:
            self.add(_TIGHTENED, f"{keyword}: false: extra keys refused", pair.at(keyword))
        elif isinstance(after, dict) and before is True:
            self.add(_TIGHTENED, "extra keys must now match a schema", pair.at(keyword))
        elif isinstance(before, dict) and after is True:
            self.add(_LOOSENED, "extra keys need no longer match a schema", pair.where(keyword))

    def _items(self, pair: _Pair) -> None:
        before, after = pair.values("items")
        if before is not None and after is not None:
            self.compare(before, pair.was("items"), after, pair.at("items"))
        elif after is not None:
            self.add(_TIGHTENED, "items must now match a schema", pair.at("items"))
        elif before is not None:
            self.add(_LOOSENED, "items need no longer match a schema", pair.was("items"))

    def _members(self, pair: _Pair, keyword: str) -> None:
        """A member added accepts more under ``anyOf``/``oneOf``, less under ``allOf``."""
        before, after = pair.values(keyword)
        if not isinstance(before, list) and not isinstance(after, list):
            return
        if not isinstance(before, list):
            self.add(_TIGHTENED, f"{keyword} now required", pair.at(keyword))
            return
        if not isinstance(after, list):
            self.add(_LOOSENED, f"{keyword} no longer required", pair.was(keyword))
            return
        on_added, on_removed = _MEMBER_ADDED_REMOVED[keyword == "allOf"]
        pairs, added, removed = pair_members(before, after, self.renames)
        for i, j in pairs:
            self.compare(before[i], pair.was(keyword, i), after[j], pair.at(keyword, j))
        for j in added:
            self.add(on_added, f"{keyword} member {_member(after[j])} added", pair.at(keyword, j))
        for i in removed:
            message = f"{keyword} member {_member(before[i])} removed"
            self.add(on_removed, message, pair.was(keyword, i))

    def _other_keywords(self, pair: _Pair) -> None:
        for keyword in [*pair.new, *(key for key in pair.old if key not in pair.new)]:
            if not isinstance(keyword, str) or keyword in STRUCTURAL:
                continue
            before, after = pair.values(keyword)
            if before == after:
                continue
            check = annotation_check(keyword)
            if check is not None:
                self.add(check, f"{keyword} changed", pair.where(keyword))
                continue
            check = constraint_check(keyword, before, after)
            message = f"{keyword} {_or_absent(before)} → {_or_absent(after)}"
            self.add(check, message, pair.where(keyword))


def request_check(check: str) -> str:
    """What a schema change (said of a response) is in a request: narrowed, widened or
    changed; a change that does nothing to what is accepted (an annotation) stays itself."""
    row = CHECKS[check]
    if not isinstance(row, ChangeCheck) or row.side == "request" or not row.effects:
        return check
    narrows, widens = "narrows" in row.effects, bool(row.effects - {"narrows"})
    if narrows and widens:
        return "diff.request-changed"
    return "diff.request-narrowed" if narrows else "diff.request-widened"


def _type_change(before: set[str], after: set[str]) -> str:
    """``integer`` is a kind of ``number``: ``integer`` to ``number`` accepts more."""

    def covers(types: set[str], other: set[str]) -> bool:
        return all(name in types or (name == "integer" and "number" in types) for name in other)

    if covers(after, before):
        return "diff.type-widened"
    return "diff.type-narrowed" if covers(before, after) else "diff.type-changed"


def _unwrapped(
    document: Any, schema: Any, at: Location
) -> tuple[Any, Location, dict[str, tuple[Any, Location]]]:
    """``schema`` with its ``$ref``s followed and an ``allOf`` of one schema taken for that
    schema (the OpenAPI 3.0 way to describe a reference), and the annotations written beside
    such an ``allOf``, each with its location."""
    notes: dict[str, tuple[Any, Location]] = {}
    schema, at = resolve(document, schema, at)
    while isinstance(schema, dict) and _is_allof_of_one(schema):
        for key, value in schema.items():
            if key != "allOf":
                notes.setdefault(key, (value, (*at, key)))
        schema, at = resolve(document, schema["allOf"][0], (*at, "allOf", 0))
    return schema, at, notes


def _is_allof_of_one(schema: dict[str, Any]) -> bool:
    members = schema.get("allOf")
    if not isinstance(members, list) or len(members) != 1:
        return False
    return all(key == "allOf" or annotation_check(str(key)) is not None for key in schema)


def _types(value: Any) -> str:
    """``string``, ``integer|null``, or ``""`` when no type is given."""
    names = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return "|".join(sorted(name for name in names if isinstance(name, str)))


def _mapping(value: Any) -> dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _names(value: Any) -> set[str]:
    return {name for name in value if isinstance(name, str)} if isinstance(value, list) else set()


def _member(member: Any) -> str:
    name = component_name(member)
    return repr(name) if name is not None else shown(member, 40)


def _or_absent(value: Any) -> str:
    return "(absent)" if value is None else shown(value)

"""Two response schemas compared, through every local ``$ref``, each change classified once.

Both sides are resolved before they are compared, so a schema moved into a component (or a
component renamed) compares by content, and a change inside a component is reported once, at
the component, however many responses reach it. Each pair of locations is compared once, which
is also what stops a recursive schema. A change is placed in NEW, or in OLD when something was
removed. A ``type`` change is the one change of its schema: what lies below is not comparable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from conformance.catalog import finding
from conformance.diff.branches import canonical, component_name, pair_members
from conformance.diff.keywords import (
    STRUCTURAL,
    annotation_check,
    constraint_check,
    is_string_enum,
    shown,
)
from conformance.diff.refs import resolve
from conformance.findings import Finding, Location

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
    names to NEW ones."""

    def __init__(self, old_doc: Any, new_doc: Any, renames: Mapping[str, str]) -> None:
        self.old_doc, self.new_doc, self.renames = old_doc, new_doc, renames
        self.changes: list[Finding] = []
        self._compared: set[tuple[Location, Location]] = set()

    def add(self, check: str, message: str, at: Location) -> None:
        self.changes.append(finding(check, message, pointer=at))

    def compare(self, old: Any, old_at: Location, new: Any, new_at: Location) -> None:
        old, old_at = resolve(self.old_doc, old, old_at)
        new, new_at = resolve(self.new_doc, new, new_at)
        if (old_at, new_at) in self._compared:
            return
        self._compared.add((old_at, new_at))
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
            self.add("diff.type-changed", f"type {before} → {after}", pair.at("type"))
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

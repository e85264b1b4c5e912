"""Hypothesis strategies drawn from the generated JSON Schemas (draft 4 subset the specs use).

hypothesis-jsonschema 0.23.1 fails with current hypothesis releases, and the subset here is small
($ref, type incl. null, enum, properties/required/additionalProperties, items, anyOf), so the
strategies are written here. ``valid(schema)`` draws instances the schema accepts;
``mutated(schema)`` draws an instance with exactly one position broken in a way the schema
certainly rejects, together with the JSONPath-ish location of the break (``structural=True``: only
breaks of structure, which the reader models must reject too: a wrong type, ``null`` included, or
a required key missing). ``widened(schema)`` draws an instance with exactly one position widened
the way an upstream change widens a document, so the schema rejects it but a tolerant reader must
not: a string no enum member spells, or a new key where ``additionalProperties`` is false.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

Schema = dict[str, Any]
# Finite doubles and integers a double holds exactly: `format: double` in the spec.
_NUMBERS = st.one_of(
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
)
_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
_KEYS = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=8)
_JSON_LEAF = st.one_of(st.none(), st.booleans(), _NUMBERS, _TEXT)
_ANY_JSON = st.recursive(
    _JSON_LEAF,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_KEYS, inner, max_size=3)),
    max_leaves=6,
)


# Names of the kind upstream adds every few weeks: a provider, an author, a modality, a parameter.
_NEW_NAMES = ["newcloud", "new-lab", "pdf", "max_thinking_tokens", "OPENAI_V2", "TEXT", ""]


# One value of each JSON type, for breaks of structure that need no drawing.
_WRONG_TYPES: dict[str, Any] = {
    "null": None,
    "boolean": True,
    "integer": 7,
    "number": 1.5,
    "string": "128000",
    "array": [],
    "object": {},
}


def _jsonpath(location: tuple[str | int, ...]) -> str:
    return "$" + "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in location)


def _widenable(schema: Schema) -> bool:
    """Whether the schema itself (not what it holds) is closed where a reader must be open."""
    if "enum" in schema:
        return schema.get("type") == "string"
    return _is_object(schema) and schema.get("additionalProperties") is False


def _is_object(schema: Schema) -> bool:
    return schema.get("type") == "object" or "properties" in schema


def _at(instance: Any, location: tuple[str | int, ...]) -> Any:
    for step in location:
        instance = instance[step]
    return instance


def _replace(instance: Any, location: tuple[str | int, ...], value: Any) -> Any:
    if not location:
        return value
    head, *rest = location
    if isinstance(instance, list) and isinstance(head, int):
        return [
            *instance[:head],
            _replace(instance[head], tuple(rest), value),
            *instance[head + 1 :],
        ]
    return {**instance, head: _replace(instance[head], tuple(rest), value)}


class SchemaStrategies:
    def __init__(self, definitions: dict[str, Schema], max_items: int = 3) -> None:
        self.definitions = definitions
        self.max_items = max_items
        """The longest list drawn: each list level multiplies an instance's size by it."""

    def resolve(self, schema: Schema) -> Schema:
        while "$ref" in schema:
            schema = self.definitions[schema["$ref"].rsplit("/", 1)[1]]
        return schema

    def valid(self, schema: Schema) -> st.SearchStrategy[Any]:
        schema = self.resolve(schema)
        if "anyOf" in schema:
            return st.one_of([self.valid(s) for s in schema["anyOf"]])
        if "enum" in schema:
            return st.sampled_from(schema["enum"])
        types = schema.get("type")
        if isinstance(types, list):
            return st.one_of([self.valid({**schema, "type": t}) for t in types])
        if types == "null":
            return st.none()
        if types == "boolean":
            return st.booleans()
        if types == "integer":
            return st.integers(min_value=-(2**53), max_value=2**53)
        if types == "number":
            return _NUMBERS
        if types == "string":
            return _TEXT
        if types == "array":
            return st.lists(self.valid(schema.get("items", {})), max_size=self.max_items)
        if types == "object" or "properties" in schema:
            return self._object(schema)
        return _ANY_JSON

    def _object(self, schema: Schema) -> st.SearchStrategy[dict[str, Any]]:
        properties: dict[str, Schema] = schema.get("properties", {})
        required = set(schema.get("required", []))
        fixed = {k: self.valid(properties[k]) for k in sorted(required)}
        optional = {k: self.valid(v) for k, v in properties.items() if k not in required}
        base = st.fixed_dictionaries(fixed, optional=optional)
        extra = schema.get("additionalProperties", True)
        if extra is False:
            return base
        values = _ANY_JSON if extra is True else self.valid(extra)
        extras = st.dictionaries(_KEYS.filter(lambda k: k not in properties), values, max_size=2)
        return st.builds(lambda b, e: {**e, **b}, base, extras)

    def mutated(
        self, schema: Schema, *, structural: bool = False
    ) -> st.SearchStrategy[tuple[Any, str]]:
        """An instance the schema rejects, and where it was broken.

        A valid instance is drawn, one of its positions is chosen uniformly (so the deep, numerous
        leaves are broken as often as they occur), and the value there is replaced with one its
        own schema certainly rejects.
        """
        return self._changed_once(
            schema, lambda _: True, lambda sub, _: self._wrong_here(sub, structural=structural)
        )

    def widened(self, schema: Schema) -> st.SearchStrategy[tuple[Any, str]]:
        """An instance the schema rejects only for a value or key it has never seen, and where.

        As ``mutated``, over the positions that can be widened: a string enum, or an object closed
        by ``additionalProperties: false``. An instance without one is never drawn.
        """
        return self._changed_once(schema, _widenable, self._widened_here)

    def _changed_once(
        self,
        schema: Schema,
        eligible: Callable[[Schema], bool],
        change: Callable[[Schema, Any], st.SearchStrategy[Any]],
    ) -> st.SearchStrategy[tuple[Any, str]]:
        if "anyOf" in self.resolve(schema):
            raise ValueError("change each anyOf branch on its own: a change may satisfy another")

        @st.composite
        def draw(draw_fn: st.DrawFn) -> tuple[Any, str]:
            instance = draw_fn(self.valid(schema))
            positions = [p for p in self._positions(schema, instance, ()) if eligible(p[1])]
            assume(positions)
            location, sub_schema = draw_fn(st.sampled_from(positions))
            changed = draw_fn(change(sub_schema, _at(instance, location)))
            return _replace(instance, location, changed), _jsonpath(location)

        return draw()

    def _positions(
        self, schema: Schema, instance: Any, location: tuple[str | int, ...]
    ) -> Iterator[tuple[tuple[str | int, ...], Schema]]:
        """Every (location, schema) in ``instance`` whose schema can be broken for certain."""
        schema = self.resolve(schema)
        if "anyOf" in schema or not schema.get("type"):
            return
        yield location, schema
        if isinstance(instance, list):
            for index, item in enumerate(instance):
                yield from self._positions(schema.get("items", {}), item, (*location, index))
        elif isinstance(instance, dict):
            properties = schema.get("properties", {})
            for key, sub_schema in properties.items():
                if key in instance:
                    yield from self._positions(sub_schema, instance[key], (*location, key))
            values = schema.get("additionalProperties")
            if isinstance(values, dict):  # a map, e.g. EndpointConfigMap
                for key in instance.keys() - properties.keys():
                    yield from self._positions(values, instance[key], (*location, key))

    def complete(self, schema: Schema) -> Any:
        """One instance with every optional property present and every list and map holding one
        item, so that its positions reach every field of every model the schema uses."""
        schema = self.resolve(schema)
        if "anyOf" in schema:
            raise ValueError("complete each anyOf branch on its own")
        if "enum" in schema:
            return schema["enum"][0]
        types = schema.get("type")
        kind = next(t for t in types if t != "null") if isinstance(types, list) else types
        if kind == "array":
            return [self.complete(schema.get("items", {}))]
        if kind == "object" or "properties" in schema:
            instance = {k: self.complete(v) for k, v in schema.get("properties", {}).items()}
            if isinstance(schema.get("additionalProperties"), dict):
                instance["key"] = self.complete(schema["additionalProperties"])
            return instance
        return {"string": "x", "number": 1.5, "integer": 1, "boolean": True}.get(kind)

    def structural_breaks(self, schema: Schema, instance: Any) -> Iterator[tuple[Any, str]]:
        """Every break of structure at every position of ``instance``, one at a time: each wrong
        type (``null`` included) and each required key dropped, with where and what."""
        for location, sub_schema in list(self._positions(schema, instance, ())):
            where = _jsonpath(location)
            types = sub_schema.get("type")
            allowed = set(types) if isinstance(types, list) else {types}
            for kind, wrong in _WRONG_TYPES.items():
                if kind not in allowed and not (kind == "integer" and "number" in allowed):
                    yield _replace(instance, location, wrong), f"{where}: {kind} {wrong!r}"
            current = _at(instance, location)
            for key in sub_schema.get("required", []):
                dropped = {k: v for k, v in current.items() if k != key}
                yield _replace(instance, location, dropped), f"{where}: {key} missing"

    def widenings(self, schema: Schema, instance: Any) -> Iterator[tuple[Any, str]]:
        """Every widening at every position of ``instance``, one at a time: each string enum given
        a value it lacks, each object closed by ``additionalProperties: false`` a new key."""
        for location, sub_schema in list(self._positions(schema, instance, ())):
            if _widenable(sub_schema):
                current = _at(instance, location)
                wider = "newcloud" if "enum" in sub_schema else {**current, "x-new": [1, None]}
                yield _replace(instance, location, wider), _jsonpath(location)

    def _widened_here(self, schema: Schema, current: Any) -> st.SearchStrategy[Any]:
        """``current`` widened where this very schema is closed: a new enum value or a new key."""
        if "enum" in schema:
            return st.one_of(st.sampled_from(_NEW_NAMES), _TEXT).filter(
                lambda value: value not in schema["enum"]
            )
        new_keys = _KEYS.filter(lambda key: key not in schema.get("properties", {}))
        return st.dictionaries(new_keys, _ANY_JSON, min_size=1, max_size=2).map(
            lambda extra: {**current, **extra}
        )

    def _wrong_here(self, schema: Schema, *, structural: bool = False) -> st.SearchStrategy[Any]:
        """Values this very schema rejects. Breaks of structure: a wrong type (``null`` included)
        or a required key missing; unless ``structural``, also a string outside the enum or an
        extra key where none is allowed."""
        types = schema.get("type")
        allowed = set(types) if isinstance(types, list) else {types} if types else set()
        wrong_types: dict[str, st.SearchStrategy[Any]] = {
            "null": st.none(),
            "boolean": st.sampled_from([True, False]),
            "string": st.sampled_from(["128000", "true", "null", ""]),
            "number": st.sampled_from([1.5, 0, -3]),
            "array": st.just([]),
            "object": st.just({}),
        }
        if not allowed:
            raise ValueError(f"schema without a type cannot be broken for certain: {schema}")
        if "integer" in allowed:
            wrong_types["number"] = st.sampled_from([1.5, -0.25])
        options = [s for name, s in wrong_types.items() if name not in allowed]
        if "enum" in schema and not structural:
            options.append(
                st.sampled_from(["pdf", "not-a-member", "TEXT"]).filter(
                    lambda v: v not in schema["enum"]
                )
            )
        if "properties" in schema:
            required = schema.get("required", [])
            if required:
                options.append(
                    self.valid(schema).map(
                        lambda inst: {k: v for k, v in inst.items() if k != required[0]}
                    )
                )
            if schema.get("additionalProperties") is False and not structural:
                options.append(self.valid(schema).map(lambda inst: {**inst, "unexpectedKey": 1}))
        return st.one_of(options)

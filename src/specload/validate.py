"""Validate a parsed document with openapi-spec-validator, on a value with nothing to fetch.

``check`` first makes every reference local and sound (``refs.resolve_references``: URLs and
files that may not be read refused, allowed files bundled in, dangling references and loops of
bare references refused, each a problem), then runs openapi-spec-validator on that value. Its
resolver handlers refuse every scheme there is, so even a reference this package failed to see
could not make it fetch a URL or open a file: the attempt is a problem, never a request.

Each validator error becomes one ``Problem`` located at its deepest cause
(openapi-spec-validator's first error is typically "the whole response is not valid under any
of the given schemas"; its sub-errors say why and where). An exception raised inside the
validator becomes ``ValidatorFailed``: one line naming the document and the place the
validator was visiting.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from specload.errors import InvalidDocument, ValidatorFailed
from specload.openapi import Location, pointer_text
from specload.problems import EXTERNAL_REF, OPENAPI, Problem
from specload.reading import DEFAULT_LIMITS, Document, Limits
from specload.refs import Resolution, lookup, resolve_references, typed

_MAX_MESSAGE = 300
_MAX_SHOWN = 60


@dataclass(frozen=True)
class Checked:
    """A document after ``check``: its problems, and its value made self-contained."""

    document: Document
    value: Any
    """The document's value with every ``$ref`` local and resolvable (files bundled in,
    refused references replaced by ``{}``): safe to give to any validator or generator."""
    problems: list[Problem] = field(default_factory=list)
    """In document order; empty when the document is valid."""
    resolution: Resolution | None = field(default=None, repr=False)

    @property
    def valid(self) -> bool:
        return not self.problems

    def position(self, pointer: Location) -> tuple[int, int]:
        """Line and column of ``pointer`` (a place in ``value``) in the document's text."""
        if self.resolution is not None:
            return self.resolution.position(self.document, pointer)
        return self.document.position(pointer)


def check(
    document: Document, *, allow_file_refs: bool = False, limits: Limits = DEFAULT_LIMITS
) -> Checked:
    """Every problem of ``document``. File references are followed only with
    ``allow_file_refs``, inside the document's folder, the files read within ``limits``.
    Raises ``ValidatorFailed`` when openapi-spec-validator itself fails."""
    if not isinstance(document.value, dict):
        line, column = document.position(())
        problem = Problem(OPENAPI, (), "not an OpenAPI document (not a mapping)", line, column)
        return Checked(document, document.value, [problem])
    resolution = resolve_references(document, allow_file_refs=allow_file_refs, limits=limits)
    checked = Checked(document, resolution.value, [], resolution)
    found = [*resolution.problems, *_validator_problems(checked)]
    found.sort(key=lambda problem: (problem.line, problem.column))
    return Checked(document, resolution.value, found, resolution)


def require_valid(
    document: Document, *, allow_file_refs: bool = False, limits: Limits = DEFAULT_LIMITS
) -> Checked:
    """``check``, raising ``InvalidDocument`` for the first problem:
    ``name:line:column: /pointer: cause``."""
    checked = check(document, allow_file_refs=allow_file_refs, limits=limits)
    if checked.problems:
        first = checked.problems[0]
        message = f"{pointer_text(first.pointer) or '/'}: {first.message}"
        raise InvalidDocument(document.name, message, first.line, first.column)
    return checked


_SUMMARIES = frozenset({"anyOf", "oneOf"})
_ONE_FACT = frozenset({"enum", "type"})
"""Validators whose failure at a place is one fact, whichever meta-schema reported it
(openapi-spec-validator checks a schema twice: as part of the document, and on its own)."""


def _distinct(found: list[tuple[Problem, str]]) -> list[Problem]:
    """The problems without repeats, and without the summaries ("this response is not valid
    under any of the given schemas") of a place where a more precise problem lies inside."""
    pointers = {problem.pointer for problem, _ in found}
    seen: set[tuple[object, ...]] = set()
    kept = []
    for problem, validator in found:
        inside = (p for p in pointers if p[: len(problem.pointer)] == problem.pointer)
        if validator in _SUMMARIES and any(p != problem.pointer for p in inside):
            continue
        fact = problem.message if validator not in _ONE_FACT else ""
        key = (problem.pointer, validator, fact)
        if key not in seen:
            seen.add(key)
            kept.append(problem)
    return kept


def _validator_problems(checked: Checked) -> list[Problem]:
    from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator

    version = str(checked.value.get("openapi", ""))
    base = OpenAPIV31SpecValidator if version.startswith("3.1.") else OpenAPIV30SpecValidator
    keywords = {**base.keyword_validators}
    # OpenAPI 3.0's meta-schema describes every Schema Object: validating the document checks
    # them all. 3.1's leaves schemas to their dialect, which only the per-schema check applies.
    keywords["schema"] = _once_per_schema(
        keywords["schema"], skip_meta=base is not OpenAPIV31SpecValidator
    )
    confined = type(
        "ConfinedSpecValidator",
        (base,),
        {
            "resolver_handlers": _RefuseAll(),
            "schema_validator": _meta_validator(base),
            "keyword_validators": keywords,
        },
    )
    try:
        errors = list(confined(checked.value).iter_errors())
        places = _places(checked.value) if errors else {}
        return _distinct([_problem(checked, error, places) for error in errors])
    except Exception as exc:  # noqa: BLE001  # whatever the validator raises is one line
        refused = _refusal(exc)
        if refused is not None:
            pointer = typed(checked.value, _visiting(exc))
            line, column = checked.position(pointer)
            message = f"{refused.uri!r} was not followed: only references inside the document are"
            return [Problem(EXTERNAL_REF, pointer, message, line, column)]
        pointer = typed(checked.value, _visiting(exc))
        line, column = checked.position(pointer)
        where = pointer_text(pointer) or "/"
        message = f"{where}: openapi-spec-validator failed here ({type(exc).__name__})"
        raise ValidatorFailed(checked.document.name, message, line, column) from None


def _meta_validator(base: type[Any]) -> Any:
    """The OpenAPI meta-schema validator of the pure-Python jsonschema backend, whatever
    ``OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND`` says: its anyOf/oneOf errors keep
    their sub-errors (the jsonschema-rs backend's do not), so each finding says why and
    where, and the same document gets the same findings on every machine. jsonschema-rs
    only answers first whether there is any error at all: for a valid document (the usual
    case) that is the whole answer, twenty times sooner."""
    from openapi_spec_validator import OpenAPIV31SpecValidator
    from openapi_spec_validator.schemas import schema_v30, schema_v31
    from openapi_spec_validator.schemas.backend.jsonschema import create_validator

    schema = schema_v31 if base is OpenAPIV31SpecValidator else schema_v30
    return _ValidFirst(schema, create_validator(schema))


class _ValidFirst:
    """A jsonschema validator whose ``iter_errors`` asks jsonschema-rs first: nothing to
    explain when it finds the instance valid; the detailed validator's errors otherwise."""

    def __init__(self, schema: Any, detailed: Any) -> None:
        import jsonschema_rs

        self._fast = jsonschema_rs.validator_for(json.loads(json.dumps(dict(schema))))
        self._detailed = detailed

    def iter_errors(self, instance: Any) -> Iterator[Any]:
        try:
            valid = bool(self._fast.is_valid(instance))
        except Exception:  # noqa: BLE001  # a value it cannot take: the detailed one decides
            valid = False
        return iter(()) if valid else self._detailed.iter_errors(instance)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._detailed, name)


class _IdSet(list[int]):
    """The list openapi-spec-validator keeps the schemas it has visited in, answering ``in``
    from a set: its own list makes checking a document of thousands of schemas quadratic."""

    def __init__(self) -> None:
        super().__init__()
        self._ids: set[int] = set()

    def append(self, schema_id: int) -> None:
        self._ids.add(schema_id)
        super().append(schema_id)

    def __contains__(self, schema_id: object) -> bool:
        return schema_id in self._ids


class _Everything(list[int]):
    """The schemas already checked against the meta-schema: all of them (OpenAPI 3.0, whose
    document meta-schema includes the Schema Object): checking each schema again on its own
    costs as much once more and finds the same errors."""

    def __contains__(self, schema_id: object) -> bool:
        return True


def _once_per_schema(schema_validator: type[Any], *, skip_meta: bool) -> type[Any]:
    """openapi-spec-validator's schema keyword, with its visited schemas in an ``_IdSet``
    (and, with ``skip_meta``, no schema checked on its own against the meta-schema again)."""

    def __init__(self: Any, registry: Any) -> None:
        schema_validator.__init__(self, registry)
        self.visited_schema_ids = _IdSet()
        self.meta_checked_schema_ids = _Everything() if skip_meta else _IdSet()

    return type(schema_validator.__name__, (schema_validator,), {"__init__": __init__})


class _Refused(Exception):
    def __init__(self, uri: str) -> None:
        super().__init__(uri)
        self.uri = uri


def _refusal(exc: BaseException) -> _Refused | None:
    """The refusal behind ``exc`` (the resolver library wraps what its handlers raise)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, _Refused):
            return current
        seen.add(id(current))
        current = current.__cause__ or current.__context__
    return None


def _refuse(uri: str) -> Any:
    raise _Refused(uri)


class _RefuseAll(Mapping[str, Any]):
    """Resolver handlers claiming every scheme: jsonschema-path falls back to ``urlopen`` for
    a scheme it has no handler for, so this mapping has one for each, and each refuses."""

    def __getitem__(self, scheme: str) -> Any:
        return _refuse

    def __contains__(self, scheme: object) -> bool:
        return True

    def __iter__(self) -> Iterator[str]:
        return iter(("<all_urls>", "file", "http", "https"))

    def __len__(self) -> int:
        return 4


def _problem(checked: Checked, error: Any, places: dict[int, Location]) -> tuple[Problem, str]:
    """The error at its deepest cause, and the validator that failed there.

    openapi-spec-validator validates each schema on its own too, so an error's path may be
    relative to that schema (it then leads nowhere from the top): the error's instance, found
    by identity in the document, says where it is."""
    cause = _cause(error)
    steps: tuple[Any, ...] = tuple(cause.absolute_path)
    path = tuple(error.absolute_path)
    if not lookup(checked.value, path)[0]:
        root = _validated_root(checked.value, path, error.instance, places)
        steps = (*root, *steps) if root is not None else steps
    pointer = typed(checked.value, steps)
    message = str(cause.message).splitlines()[0] if cause.message else type(error).__name__
    compact = json.dumps(cause.instance, separators=(",", ":"), sort_keys=True, default=str)
    for shown in (repr(cause.instance), compact):
        if len(shown) > _MAX_SHOWN and message.startswith(shown):  # a whole object, quoted
            message = "this value" + message[len(shown) :]
    if len(message) > _MAX_MESSAGE:
        message = message[: _MAX_MESSAGE - 3] + "..."
    line, column = checked.position(pointer)
    return Problem(OPENAPI, pointer, message, line, column), str(cause.validator)


def _validated_root(
    value: Any, path: tuple[Any, ...], instance: Any, places: dict[int, Location]
) -> Location | None:
    """Where the schema an error's relative ``path`` starts from is: the container the error's
    instance is itself (by identity), or else the first from which ``path`` leads to it."""
    found = places.get(id(instance))
    if found is not None and isinstance(instance, dict | list):
        return found[: len(found) - len(path)] if len(found) >= len(path) else None
    for at in sorted(places.values(), key=len):
        container = lookup(value, at)[1]
        reached, target = lookup(container, path)
        if reached and target == instance and type(target) is type(instance):
            return at
    return None


def _places(value: Any) -> dict[int, Location]:
    """id -> location of every mapping and list in ``value`` (the first, if shared)."""
    places: dict[int, Location] = {}
    stack: list[tuple[Any, Location]] = [(value, ())]
    while stack:
        node, at = stack.pop()
        if not isinstance(node, dict | list) or id(node) in places:
            continue
        places[id(node)] = at
        items = node.items() if isinstance(node, dict) else enumerate(node)
        stack += [(child, (*at, key)) for key, child in items]
    return places


def _cause(error: Any) -> Any:
    """The sub-error that says why an anyOf/oneOf failed: the deepest one (the first of equals),
    leaving out the branch that only wanted a ``$ref``: every OpenAPI object may also be a
    Reference Object, and "'$ref' is a required property" is never the reason."""
    reasons = [
        sub
        for sub in getattr(error, "context", None) or []
        if not (sub.validator == "required" and list(sub.validator_value) == ["$ref"])
    ]
    if not reasons:
        return error
    deepest = max(len(sub.absolute_path) for sub in reasons)
    return _cause(next(sub for sub in reasons if len(sub.absolute_path) == deepest))


def _visiting(exc: BaseException) -> tuple[Any, ...]:
    """Where the validator was when it raised: the innermost ``SchemaPath`` among the locals
    of the frames the exception went through."""
    from jsonschema_path import SchemaPath

    for frame, _ in reversed(list(traceback.walk_tb(exc.__traceback__))):
        for local in frame.f_locals.values():
            if isinstance(local, SchemaPath):
                return tuple(local.parts)
    return ()

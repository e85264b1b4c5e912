"""Findings about the exchanges themselves: failures, and answers that change between calls."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from conformance.errors import InputError
from conformance.findings import Finding
from conformance.harness.catalog import finding
from conformance.harness.response_checks import media_type, parse_body
from conformance.harness.runner import Observation, TargetRecord
from conformance.jsonpath import to_jsonpath

Reproduce = Callable[[Observation], str]


def failure_findings(record: TargetRecord, reproduce: Reproduce) -> list[Finding]:
    observation = record.failure
    if observation is None or observation.failure is None:
        return []
    failure = observation.failure
    check = "transport.timeout" if failure.kind == "timeout" else "transport.connection"
    label = f"{observation.request.method} {observation.plan.label.split(' ', 1)[1]}"
    message = f"{label}: {failure.detail}"
    if record.skipped:
        message += f"; the remaining {record.skipped} planned requests were not sent"
    return [finding(check, message, record.target.name, reproduce=reproduce(observation))]


def consistency_findings(record: TargetRecord, reproduce: Reproduce) -> list[Finding]:
    groups: dict[Any, list[Observation]] = {}
    for observation in record.observations:
        if observation.answer is not None and observation.request.kind == "declared":
            groups.setdefault((observation.plan.label, observation.request), []).append(observation)
    findings = []
    for observations in groups.values():
        signatures = [_signature(obs) for obs in observations]
        counts = Counter(signatures)
        if len(counts) < 2:
            continue
        first = signatures[0]
        odd = next(i for i, signature in enumerate(signatures) if signature != first)
        tally = ", ".join(f"{n}x {_describe(sig)}" for sig, n in counts.most_common())
        message = (
            f"{len(observations)} identical {observations[0].plan.label} requests got "
            f"{len(counts)} different answers ({tally}); request {odd + 1} was the first to differ"
        )
        same_status = first[0] == signatures[odd][0]
        path = _first_difference(first[2], signatures[odd][2], ()) if same_status else None
        target = record.target.name
        findings.append(
            finding(
                "transport.inconsistent",
                message,
                target,
                path=path,
                reproduce=reproduce(observations[odd]),
            )
        )
    return findings


def _signature(observation: Observation) -> tuple[int, str | None, Any]:
    answer = observation.answer
    assert answer is not None
    return answer.status, media_type(answer.header("Content-Type")), _value(answer.body)


_CACHE: dict[bytes, Any] = {}


def _value(body: bytes) -> Any:
    """The JSON value of a body (so key order or whitespace is no difference), else its bytes."""
    if body not in _CACHE:
        try:
            _CACHE[body] = _Frozen(parse_body(body, "body"))
        except InputError:
            _CACHE[body] = body
        if len(_CACHE) > 64:
            _CACHE.pop(next(iter(_CACHE)))
    return _CACHE[body]


class _Frozen:
    """A parsed JSON value usable in a Counter (compared by value, hashed by its type)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, _Frozen) and self.value == other.value)

    def __hash__(self) -> int:
        return hash(type(self.value))


def _describe(signature: tuple[int, str | None, Any]) -> str:
    status, media, value = signature
    return f"{status} {media or 'without Content-Type'}" + (
        "" if isinstance(value, _Frozen) else " (not JSON)"
    )


def _first_difference(a: Any, b: Any, location: tuple[str | int, ...]) -> str | None:
    if not isinstance(a, _Frozen) or not isinstance(b, _Frozen):
        return None
    return _walk(a.value, b.value, location)


def _walk(a: Any, b: Any, location: tuple[str | int, ...]) -> str | None:
    if type(a) is not type(b):
        return to_jsonpath(location)
    if isinstance(a, dict):
        for key in sorted(set(a) | set(b)):
            if a.get(key, _MISSING) != b.get(key, _MISSING):
                if key in a and key in b:
                    return _walk(a[key], b[key], (*location, key))
                return to_jsonpath((*location, key))
        return None
    if isinstance(a, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return _walk(x, y, (*location, index))
        return to_jsonpath(location) if len(a) != len(b) else None
    return to_jsonpath(location) if a != b else None


_MISSING = object()

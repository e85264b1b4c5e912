"""The checks of one target's exchanges taken together: identical requests must get identical
answers (``transport.inconsistent``, saying what differed and where first), HEAD must mirror GET
without a body (``hygiene.head``), undeclared methods should get 405 with ``Allow``
(``hygiene.method``, ``hygiene.allow``), and a transport failure is a finding.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from typing import Any

from conformance.catalog import finding
from conformance.errors import SpecLoadError
from conformance.findings import Finding, Location
from conformance.harness.plan import PlannedRequest
from conformance.harness.records import Observation, TargetRecord
from conformance.harness.reproduce import curl_command
from conformance.jsonpath import to_jsonpath
from conformance.reporting import a_or_an, plural
from specload import parse_json

_SHOULD_405 = "an undeclared method should get 405 Method Not Allowed (RFC 9110 section 15.5.6)"


def consistency_findings(record: TargetRecord) -> list[Finding]:
    """Identical requests must get identical answers: status, media type and JSON value (key
    order and whitespace are no difference). Says what differed, and where first."""
    findings = []
    for observations, signatures in _answer_groups(record):
        first = signatures[0]
        odd = [i for i, signature in enumerate(signatures) if signature != first]
        if not odd:
            continue
        other = signatures[odd[0]]
        aspects = [
            aspect
            for aspect, index in (("status", 0), ("media type", 1), ("body", 2))
            if first[index] != other[index]
        ]
        location = _first_difference(first[2], other[2]) if "body" in aspects else None
        differs = []
        for aspect, index in (("status", 0), ("media type", 1)):
            if aspect in aspects:
                tally = Counter(str(s[index] or "none") for s in signatures)
                differs.append(f"{aspect} ({', '.join(f'{v} {n}x' for v, n in tally.items())})")
        if "body" in aspects:
            where = "" if location is None else f" first at {to_jsonpath(location)}"
            if not isinstance(first[2], _Parsed) or not isinstance(other[2], _Parsed):
                where = " (not JSON in one of them)"
            differs.append(f"body{where}")
        message = (
            f"{len(observations)} identical {observations[0].label} requests got "
            f"{len(set(signatures))} different answers; answer {odd[0] + 1} differs from answer "
            f"1 in {' and '.join(differs)}"
        )
        inconsistent = finding(
            "transport.inconsistent",
            message,
            location,
            target=record.target.name,
            reproduce=curl_command(observations[odd[0]]),
        )
        findings.append(dataclasses.replace(inconsistent, seen_in=(len(odd), len(signatures))))
    return findings


def consistent_requests(record: TargetRecord) -> set[PlannedRequest]:
    """The declared requests every repeat of which got the same answer."""
    return {
        observations[0].request
        for observations, signatures in _answer_groups(record)
        if all(signature == signatures[0] for signature in signatures)
    }


def _answer_groups(
    record: TargetRecord,
) -> list[tuple[list[Observation], list[tuple[int, str | None, Any]]]]:
    """The answers to each declared request, and their signatures (status, media, value)."""
    groups: dict[PlannedRequest, list[Observation]] = {}
    for observation in record.answered("declared"):
        groups.setdefault(observation.request, []).append(observation)
    values: dict[bytes, Any] = {}
    return [
        (observations, [_signature(obs, values) for obs in observations])
        for observations in groups.values()
    ]


class _Parsed:
    """A parsed JSON value compared by value (so key order and whitespace are no difference)."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return self is other or (isinstance(other, _Parsed) and self.value == other.value)

    def __hash__(self) -> int:
        return hash(type(self.value))


def _signature(observation: Observation, values: dict[bytes, Any]) -> tuple[int, str | None, Any]:
    answer = observation.answer
    assert answer is not None
    if answer.body not in values:
        try:
            values[answer.body] = _Parsed(parse_json(answer.body, "body"))
        except SpecLoadError:
            values[answer.body] = answer.body
    media = answer.content_type.media_type if answer.content_type else None
    return answer.status, media, values[answer.body]


def _first_difference(a: Any, b: Any) -> Location | None:
    if not isinstance(a, _Parsed) or not isinstance(b, _Parsed):
        return None
    return _walk(a.value, b.value, ())


def _walk(a: Any, b: Any, location: Location) -> Location:
    """The location of the first value that differs between two different JSON values."""
    if type(a) is not type(b):
        return location
    if isinstance(a, dict):
        for key in [*a, *(key for key in b if key not in a)]:
            if key not in a or key not in b:
                return (*location, key)
            if a[key] != b[key]:
                return _walk(a[key], b[key], (*location, key))
        return location
    if isinstance(a, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return _walk(x, y, (*location, index))
    return location


def head_findings(record: TargetRecord) -> list[Finding]:
    """HEAD is GET without the body (RFC 9110 section 9.3.2): the same status and headers."""
    gets = {o.plan.operation: o.answer for o in record.answered("declared")}
    findings = []
    for observation in record.answered("head"):
        head, get = observation.answer, gets.get(observation.plan.operation)
        assert head is not None
        if get is None:
            continue
        problems = []
        if head.status != get.status:
            problems.append(f"answered {head.status} where GET answered {get.status}")
        elif head.raw_type != get.raw_type:
            problems.append(f"Content-Type {head.raw_type!r} where GET sent {get.raw_type!r}")
        if head.body:
            problems.append(f"sent {a_or_an(len(head.body))} {len(head.body)}-byte body")
        if problems:
            message = f"HEAD {observation.plan.operation.path} {'; '.join(problems)}"
            message += " (RFC 9110 section 9.3.2: HEAD is GET without the body)"
            reproduce = curl_command(observation)
            findings.append(
                finding("hygiene.head", message, target=record.target.name, reproduce=reproduce)
            )
    return findings


def method_findings(record: TargetRecord) -> list[Finding]:
    """Undeclared methods not answered 405 with ``Allow``: one finding per operation and kind
    of wrong answer (``POST, PUT /v1/models ...``)."""
    groups: dict[tuple[str, Any, str], list[Observation]] = {}
    probes = list(record.answered("undeclared"))
    for observation in probes:
        answer = observation.answer
        assert answer is not None
        operation = observation.plan.operation
        if answer.status != 405:
            key = ("hygiene.method", operation, f"answered {answer.status}; {_SHOULD_405}")
            groups.setdefault(key, []).append(observation)
            continue
        allow = answer.header("Allow")
        if operation.method not in {method.strip().upper() for method in (allow or "").split(",")}:
            shown = (
                f"'Allow: {allow}' not listing {operation.method}" if allow else "no Allow header"
            )
            detail = f"answered 405 with {shown} (RFC 9110 section 10.2.1)"
            groups.setdefault(("hygiene.allow", operation, detail), []).append(observation)
    findings = []
    for (check, operation, detail), observations in groups.items():
        methods = ", ".join(obs.request.method for obs in observations)
        message = f"{methods} {operation.path} {detail}"
        wrong = finding(
            check,
            message,
            target=record.target.name,
            reproduce=curl_command(observations[0]),
        )
        findings.append(dataclasses.replace(wrong, seen_in=(len(observations), len(probes))))
    return findings


def failure_findings(record: TargetRecord) -> list[Finding]:
    observation = record.failure
    if observation is None or observation.failure is None:
        return []
    failure = observation.failure
    check = "transport.timeout" if failure.kind == "timeout" else "transport.connection"
    message = f"{observation.label}: {failure.detail}"
    if record.not_sent:
        remaining = plural(record.not_sent, "planned request")
        message += (
            f"; the remaining {remaining} {'was' if record.not_sent == 1 else 'were'} not sent"
        )
    reproduce = curl_command(observation)
    return [finding(check, message, target=record.target.name, reproduce=reproduce)]

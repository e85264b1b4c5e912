"""Step 3, judge: what came back becomes findings. Nothing here sends or prints.

One answer to a declared operation goes through a funnel, each step only if the previous one
let the body through, so that one fault gives one finding:

1. status: documented (``contract.status``), not a server error (``contract.server-error``);
2. media type: the documented one (``contract.media-type``); a JSON answer naming a charset
   other than UTF-8 is ``hygiene.charset`` (RFC 8259 section 11: none is needed);
3. strict RFC 8259 JSON (``contract.json``);
4. ``check_document(body, kind)``, the kind codegen gives the operation's status: schema, then
   the semantic guarantees, the same entry point ``validate`` uses; and a registry error
   envelope must come with 500 (``semantic.error-status``).

Identical answers are judged once. Then, per target: identical requests must get identical
answers (``transport.inconsistent``), undeclared methods should get 405 with ``Allow``
(``hygiene.method``, ``hygiene.allow``), and a transport failure is a finding. Last, the
cross-API checks compare a successful, schema-valid gateway list with the list derived from a
successful, schema-valid registry answer (``conformance.server.gateway_list``, the one rule).
"""

from __future__ import annotations

import dataclasses
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.catalog import CHECKS, finding
from conformance.checks import check_document
from conformance.errors import InputError
from conformance.findings import Finding, Location
from conformance.harness.redaction import MASK
from conformance.harness.send import ACCEPT, Answer, Observation, TargetRecord
from conformance.jsonload import parse_json
from conformance.server.gateway_list import derive_gateway_list

FAMILIES = ("contract", "document", "semantic", "transport", "hygiene", "cross")
"""The check families (catalog categories) a conformance run reports on, in reading order."""
_SHOULD_405 = "an undeclared method should get 405 Method Not Allowed (RFC 9110 section 15.5.6)"
_SHOWN_IDS = 5


@dataclass(slots=True)
class Tally:
    """How many answers (or requests) a family ran on, and how many passed it."""

    ran: int = 0
    passed: int = 0

    def add(self, passed: bool, times: int = 1) -> None:
        self.ran += times
        self.passed += times if passed else 0


Coverage = dict[str, dict[str, Tally]]
"""target (``gateway``, ``registry``, ``cross``) -> family -> tally."""


@dataclass(frozen=True, slots=True)
class Judgement:
    findings: list[Finding]
    coverage: Coverage
    requests: int
    """Requests sent (answered or failed): the test cases actually run."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """One answer judged: its findings, the families that ran on it, and, when it is a
    successful schema-valid answer, its parsed body."""

    findings: list[Finding]
    ran: frozenset[str]
    success: Any = None

    @property
    def failed(self) -> set[str]:
        return {CHECKS[f.check].category for f in self.findings}


def judge(records: Sequence[TargetRecord]) -> Judgement:
    findings: list[Finding] = []
    coverage: Coverage = {}
    successes: dict[str, tuple[Any, Observation]] = {}
    for record in records:
        name = record.target.name
        tallies = coverage.setdefault(name, {})
        verdicts: dict[tuple[Any, ...], Verdict] = {}
        for observation in _answered(record, "declared"):
            answer = observation.answer
            assert answer is not None
            key = (observation.plan.operation, answer.status, _raw_type(answer), answer.body)
            if key not in verdicts:
                verdicts[key] = judge_answer(observation)
                findings += verdicts[key].findings
            verdict = verdicts[key]
            for family in verdict.ran:
                tallies.setdefault(family, Tally()).add(family not in verdict.failed)
            if verdict.success is not None:
                successes.setdefault(name, (verdict.success, observation))
        inconsistent, differing = consistency_findings(record)
        methods, wrong_probes, probes = method_findings(record)
        failure = failure_findings(record)
        findings += inconsistent + methods + failure
        sent = len(record.observations)
        tallies.setdefault("transport", Tally()).add(True, sent - differing - len(failure))
        tallies["transport"].add(False, differing + len(failure))
        if probes:
            tallies.setdefault("hygiene", Tally()).add(True, probes - wrong_probes)
            tallies["hygiene"].add(False, wrong_probes)
    if "registry" in successes and "gateway" in successes:
        (registry, _), (gateway, observation) = successes["registry"], successes["gateway"]
        cross = cross_findings(registry, gateway, curl_command(observation))
        findings += cross
        coverage["cross"] = {"cross": Tally(1, 0 if cross else 1)}
    requests = sum(len(record.observations) for record in records)
    return Judgement(_distinct(findings), coverage, requests)


def judge_answer(observation: Observation) -> Verdict:
    """The funnel for one answer to a declared operation."""
    plan, answer = observation.plan, observation.answer
    assert answer is not None
    reproduce = curl_command(observation)

    def found(check: str, message: str, location: Location | None = None) -> Finding:
        return finding(check, message, location, target=plan.target.name, reproduce=reproduce)

    findings: list[Finding] = []
    ran = {"contract"}
    label = f"{plan.operation} {answer.status}"
    documented = plan.documented(answer.status)
    status = f"{answer.status} {answer.reason}".strip()
    if answer.status >= 500:
        findings.append(found("contract.server-error", f"{plan.operation} answered {status}"))
    elif documented is None:
        hint = " (is the base URL right?)" if answer.status == 404 else ""
        message = f"{plan.operation} answered {status}; the document declares only "
        findings.append(found("contract.status", message + plan.documented_statuses + hint))
    if documented is None or not documented.media_types:
        return Verdict(findings, frozenset(ran))
    content_type = answer.content_type
    expected = [media.lower() for media in documented.media_types]
    if content_type is None or content_type.media_type not in expected:
        shown = repr(content_type.raw) if content_type else "no Content-Type"
        message = f"{label}: {shown}, documented: {', '.join(expected)}"
        findings.append(found("contract.media-type", message))
    if content_type is not None and content_type.is_json:
        ran.add("hygiene")
        if content_type.charset not in (None, "utf-8", "utf8"):
            message = f"{label}: Content-Type {content_type.raw!r} names charset="
            message += f"{content_type.charset}; JSON is UTF-8 (RFC 8259 section 8.1)"
            findings.append(found("hygiene.charset", message))
    if not any(media.endswith("json") for media in expected):
        return Verdict(findings, frozenset(ran))
    try:
        document = parse_json(answer.body, f"{label} body")
    except InputError as exc:  # not JSON, empty, or not UTF-8
        findings.append(found("contract.json", str(exc)))
        return Verdict(findings, frozenset(ran))
    if documented.kind is None:
        return Verdict(findings, frozenset(ran))
    ran |= {"document", "semantic"}
    checked = check_document(document, documented.kind)
    findings += [
        dataclasses.replace(f, target=plan.target.name, reproduce=reproduce) for f in checked
    ]
    envelope = _error_envelope(document)
    if envelope is not None and documented.kind == "registry-response" and answer.status != 500:
        message = f"an error envelope ({envelope!r}) came with {answer.status}, not 500"
        findings.append(found("semantic.error-status", message, ("error",)))
    valid = not any(CHECKS[f.check].category == "document" for f in checked)
    success = document if answer.status == 200 and valid and envelope is None else None
    return Verdict(findings, frozenset(ran), success)


def _error_envelope(document: Any) -> str | None:
    """The message of a registry ``{data: null, error: "..."}`` envelope, if it is one."""
    if isinstance(document, dict) and document.get("data") is None:
        error = document.get("error")
        if isinstance(error, str):
            return error
    return None


def consistency_findings(record: TargetRecord) -> tuple[list[Finding], int]:
    """Identical requests must get identical answers (status, media type, JSON value); and
    how many answers differed from the first of their request."""
    groups: dict[Any, list[Observation]] = {}
    for observation in _answered(record, "declared"):
        groups.setdefault(observation.request, []).append(observation)
    values: dict[bytes, Any] = {}
    findings = []
    differing = 0
    for observations in groups.values():
        signatures = [_signature(obs, values) for obs in observations]
        distinct = list(dict.fromkeys(signatures))
        if len(distinct) < 2:
            continue
        differing += sum(1 for signature in signatures if signature != signatures[0])
        odd = next(i for i, signature in enumerate(signatures) if signature != signatures[0])
        tally = ", ".join(f"{signatures.count(s)}x {_describe(s)}" for s in distinct)
        message = (
            f"{len(observations)} identical {observations[0].label} requests got "
            f"{len(distinct)} different answers ({tally}); "
            f"request {odd + 1} was the first to differ"
        )
        first, other = signatures[0], signatures[odd]
        location = _first_difference(first[2], other[2]) if first[0] == other[0] else None
        findings.append(
            finding(
                "transport.inconsistent",
                message,
                location,
                target=record.target.name,
                reproduce=curl_command(observations[odd]),
            )
        )
    return findings, differing


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
        except InputError:
            values[answer.body] = answer.body
    media = answer.content_type.media_type if answer.content_type else None
    return answer.status, media, values[answer.body]


def _describe(signature: tuple[int, str | None, Any]) -> str:
    status, media, value = signature
    text = f"{status} {media or 'without Content-Type'}"
    return text if isinstance(value, _Parsed) else text + " (not JSON)"


def _first_difference(a: Any, b: Any) -> Location | None:
    if not isinstance(a, _Parsed) or not isinstance(b, _Parsed):
        return None
    return _walk(a.value, b.value, ())


def _walk(a: Any, b: Any, location: Location) -> Location | None:
    if type(a) is not type(b):
        return location
    if isinstance(a, dict):
        for key in [*a, *(key for key in b if key not in a)]:
            if key not in a or key not in b:
                return (*location, key)
            if a[key] != b[key]:
                return _walk(a[key], b[key], (*location, key))
        return None
    if isinstance(a, list):
        for index, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                return _walk(x, y, (*location, index))
        return location if len(a) != len(b) else None
    return location if a != b else None


def method_findings(record: TargetRecord) -> tuple[list[Finding], int, int]:
    """Undeclared methods not answered 405 with ``Allow``: one finding per operation and kind
    of wrong answer (``POST, PUT /v1/models ...``); and how many probes were wrong, of how many."""
    groups: dict[tuple[str, Any, str], list[Observation]] = {}
    probes = list(_answered(record, "undeclared"))
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
        reproduce = curl_command(observations[0])
        findings.append(finding(check, message, target=record.target.name, reproduce=reproduce))
    return findings, sum(len(group) for group in groups.values()), len(probes)


def failure_findings(record: TargetRecord) -> list[Finding]:
    observation = record.failure
    if observation is None or observation.failure is None:
        return []
    failure = observation.failure
    check = "transport.timeout" if failure.kind == "timeout" else "transport.connection"
    message = f"{observation.label}: {failure.detail}"
    if record.not_sent:
        message += f"; the remaining {record.not_sent} planned requests were not sent"
    reproduce = curl_command(observation)
    return [finding(check, message, target=record.target.name, reproduce=reproduce)]


def cross_findings(registry: Any, gateway: Any, reproduce: str) -> list[Finding]:
    """The live gateway list against the one derived from the live registry. Both documents
    are successful and schema-valid; locations point into the gateway list."""
    models = registry["data"]["models"]
    derived = derive_gateway_list(registry)["data"]
    listed = gateway["data"]

    def found(check: str, message: str, location: Location) -> Finding:
        return finding(check, message, location, target="cross", reproduce=reproduce)

    findings = []
    registry_ids = [entry["id"] for entry in derived]
    gateway_ids = [entry["id"] for entry in listed]
    missing = [i for i in dict.fromkeys(registry_ids) if i not in set(gateway_ids)]
    extra = [i for i in dict.fromkeys(gateway_ids) if i not in set(registry_ids)]
    if missing:
        message = f"the gateway does not list {len(missing)} registry model(s): {_names(missing)}"
        findings.append(found("cross.models", message, ("data",)))
    if extra:
        message = f"the gateway lists {len(extra)} model(s) the registry lacks: {_names(extra)}"
        findings.append(found("cross.models", message, ("data",)))
    if not missing and not extra and registry_ids != gateway_ids:
        at = next(
            i for i, (a, b) in enumerate(zip(registry_ids, gateway_ids, strict=False)) if a != b
        )
        message = (
            f"the gateway lists {gateway_ids[at]!r} at position {at}, the registry "
            f"{registry_ids[at]!r}: the order must be the registry's"
        )
        findings.append(found("cross.order", message, ("data", at, "id")))
    first_by_id: dict[str, int] = {}
    for index, entry in enumerate(derived):
        first_by_id.setdefault(entry["id"], index)
    for index, entry in enumerate(listed):
        # The same position when it holds the same id (right even with duplicate ids).
        same_place = index < len(derived) and derived[index]["id"] == entry["id"]
        paired = index if same_place else first_by_id.get(entry["id"])
        if paired is None:
            continue
        wanted, model = derived[paired], models[paired]
        if entry["owned_by"] != wanted["owned_by"]:
            message = (
                f"{entry['id']!r}: owned_by {entry['owned_by']!r}, "
                f"registry author {wanted['owned_by']!r}"
            )
            findings.append(found("cross.owned-by", message, ("data", index, "owned_by")))
        if entry["created"] != wanted["created"]:
            source = model.get("trainingDate", "no trainingDate (fallback 2024-01-01)")
            expected = wanted["created"]
            shown = "nothing: that is not a date" if expected is None else str(expected)
            message = (
                f"{entry['id']!r}: created {entry['created']}, from {source!r} expected {shown}"
            )
            findings.append(found("cross.created", message, ("data", index, "created")))
    return findings


def _names(ids: list[str]) -> str:
    shown = ", ".join(repr(i) for i in ids[:_SHOWN_IDS])
    return shown + (f" and {len(ids) - _SHOWN_IDS} more" if len(ids) > _SHOWN_IDS else "")


def curl_command(observation: Observation) -> str:
    """A curl command that replays the request, every header value the user gave masked."""
    request = observation.request
    parts = ["curl", "-sS", "-i"]
    if request.method == "HEAD":
        parts += ["-I"]
    elif request.method != "GET":
        parts += ["-X", request.method]
    parts += [request.url, "-H", f"Accept: {ACCEPT}"]
    for name, value in request.headers:
        parts += ["-H", f"{name}: {value}"]
    # The value is never needed to understand a finding, and must never be printed.
    for name, _ in observation.plan.target.headers:
        parts += ["-H", f"{name}: {MASK}"]
    if request.body is not None:
        parts += ["--data-binary", request.body.decode("utf-8", errors="replace")]
    return shlex.join(parts)


def _answered(record: TargetRecord, kind: str) -> Iterable[Observation]:
    return (o for o in record.observations if o.answer is not None and o.request.kind == kind)


def _raw_type(answer: Answer) -> str | None:
    return answer.content_type.raw if answer.content_type else None


def _distinct(findings: list[Finding]) -> list[Finding]:
    """Each finding once, errors first, otherwise in the order the checks found them."""
    unique = list(dict.fromkeys(findings))
    return sorted(unique, key=lambda f: f.severity != "error")

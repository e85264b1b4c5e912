"""Step 3, judge: what came back becomes findings. Nothing here sends or prints, and nothing
here raises on anything a server can send.

One answer to a declared operation goes through a funnel, each step only if the previous one
let the body through, so that one fault gives one finding:

1. status: documented (``contract.status``), not a server error (``contract.server-error``);
   an error status quotes the server's own message, and 401/403 hint at the header options;
2. media type: the documented one (``contract.media-type``); a JSON answer naming a charset
   other than UTF-8 is ``hygiene.charset`` (RFC 8259 section 11: none is needed);
3. strict RFC 8259 JSON (``contract.json``);
4. ``check_document(body, kind)``, the kind codegen gives the operation's status: schema, then
   the semantic guarantees on every part that parsed (the same entry point ``validate`` uses);
   and a registry error envelope must come with 500 (``semantic.error-status``).

Identical answers are judged once, and a finding shown by several answers is reported once with
how many showed it. Then, per target: identical requests must get identical answers
(``transport.inconsistent``, saying what differed and where first), HEAD must mirror GET
without a body (``hygiene.head``), undeclared methods should get 405 with ``Allow``
(``hygiene.method``, ``hygiene.allow``), and a transport failure is a finding. Last, the
cross-API checks compare a successful, schema-valid gateway list with the list derived from a
successful, schema-valid registry answer (``conformance.server.gateway_list``, the one rule).
Every family that could not run is named, with the reason.
"""

from __future__ import annotations

import dataclasses
import shlex
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.catalog import CHECKS, finding
from conformance.checks import check_document
from conformance.errors import SpecLoadError
from conformance.findings import Finding, Location
from conformance.harness.options import API_NAMES
from conformance.harness.redaction import MASK
from conformance.harness.send import ACCEPT, Answer, Observation, TargetRecord
from conformance.jsonpath import to_jsonpath
from conformance.reporting import Skipped
from conformance.server.gateway_list import derive_gateway_list
from conformance.validation.kinds import error_envelope
from specload import parse_json

FAMILIES = ("contract", "document", "semantic", "transport", "hygiene", "cross")
"""The check families (catalog categories) a conformance run reports on, in reading order."""
_SHOULD_405 = "an undeclared method should get 405 Method Not Allowed (RFC 9110 section 15.5.6)"
_SHOWN_IDS = 5
_QUOTED = 160  # characters of a server's own error message quoted in a finding


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
    skipped: list[Skipped]
    coverage: Coverage
    requests: int
    """Requests sent (answered or failed): the test cases actually run."""


@dataclass(frozen=True, slots=True)
class Verdict:
    """One answer judged: its findings, the families that ran on it, and either its parsed body
    (a successful, schema-valid answer) or why it is not one."""

    findings: list[Finding]
    ran: frozenset[str]
    success: Any = None
    shortfall: str = ""
    """Why this answer cannot be compared across APIs (or reach the schema): in words."""

    @property
    def failed(self) -> set[str]:
        return {CHECKS[f.check].category for f in self.findings}


def judge(records: Sequence[TargetRecord]) -> Judgement:
    findings: list[Finding] = []
    skipped: list[Skipped] = []
    coverage: Coverage = {}
    sides: dict[str, _Side] = {}
    for record in records:
        tallies = coverage.setdefault(record.target.name, {})
        side = sides[record.target.name] = _judge_answers(record, tallies)
        findings += side.findings
        findings += _judge_exchanges(record, tallies)
        skipped += _not_run(record, tallies, side.shortfalls)
    findings += _cross(sides, coverage, skipped)
    requests = sum(len(record.observations) for record in records)
    return Judgement(_ordered(findings), skipped, coverage, requests)


@dataclass(frozen=True, slots=True)
class _Side:
    """One target's answers to its declared operations, judged."""

    findings: list[Finding]
    success: tuple[Any, Observation] | None
    """The first successful, schema-valid answer: its body and where it came from."""
    shortfalls: Counter[str]
    """Why the other answers are not, counted."""


def _judge_answers(record: TargetRecord, tallies: dict[str, Tally]) -> _Side:
    """Every answer to a declared operation through the funnel; identical answers once."""
    verdicts: dict[tuple[Any, ...], Verdict] = {}
    merged: dict[tuple[Any, ...], list[Any]] = {}
    success: tuple[Any, Observation] | None = None
    shortfalls: Counter[str] = Counter()
    judged = 0
    for observation in _answered(record, "declared"):
        answer = observation.answer
        assert answer is not None
        key = (observation.plan.operation, answer.status, _raw_type(answer), answer.body)
        if key not in verdicts:
            verdicts[key] = judge_answer(observation)
        verdict = verdicts[key]
        judged += 1
        _merge(merged, verdict.findings)
        for family in verdict.ran:
            tallies.setdefault(family, Tally()).add(family not in verdict.failed)
        if verdict.success is None:
            shortfalls[verdict.shortfall] += 1
        elif success is None:
            success = (verdict.success, observation)
    findings = [
        dataclasses.replace(f, seen_in=(count, judged)) if judged > 1 else f
        for f, count in merged.values()
    ]
    return _Side(findings, success, shortfalls)


def _judge_exchanges(record: TargetRecord, tallies: dict[str, Tally]) -> list[Finding]:
    """The checks of a target's exchanges taken together: consistency, HEAD, undeclared
    methods, transport failure; each counted on the exchanges it looked at."""
    failure = failure_findings(record)
    findings = []
    for check, family, kind in (
        (consistency_findings, "transport", "declared"),
        (head_findings, "hygiene", "head"),
        (method_findings, "hygiene", "undeclared"),
    ):
        found = check(record)
        findings += found
        wrong = sum(f.seen_in[0] if f.seen_in else 1 for f in found)
        if family == "transport":  # every request, and the failure among them
            looked_at, wrong = len(record.observations), wrong + len(failure)
        else:
            looked_at = sum(1 for _ in _answered(record, kind))
        if looked_at:
            tallies.setdefault(family, Tally()).add(True, looked_at - wrong)
            tallies[family].add(False, wrong)
    return findings + failure


def _merge(merged: dict[tuple[Any, ...], list[Any]], findings: list[Finding]) -> None:
    """Count each finding once per answer. Findings of one check at one place are merged across
    answers (their values may differ: a random body per answer); within one answer, the n-th
    finding at a place merges with the n-th of the others, so none is lost."""
    ordinal: Counter[tuple[Any, ...]] = Counter()
    for f in findings:
        place = (f.check, f.target, f.location)
        key = (*place, ordinal[place])
        ordinal[place] += 1
        merged.setdefault(key, [f, 0])[1] += 1


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
    said = _server_says(answer)
    if answer.status >= 500:
        message = f"{plan.operation} answered {status}{said}"
        findings.append(found("contract.server-error", message))
    elif documented is None:
        message = f"{plan.operation} answered {status}{said}; the document declares only "
        message += plan.documented_statuses + _hint(answer.status, plan.target.name)
        findings.append(found("contract.status", message))
    if documented is None:
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, not documented")
    if not documented.media_types:
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, documented bodiless")
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
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, not a JSON answer")
    try:
        document = parse_json(answer.body, f"{label} body")
    except SpecLoadError as exc:  # not JSON, empty, or not UTF-8
        findings.append(found("contract.json", str(exc)))
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, not JSON")
    if documented.kind is None:
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, no schema")
    ran |= {"document", "semantic"}
    checked = check_document(document, documented.kind)
    findings += [
        dataclasses.replace(f, target=plan.target.name, reproduce=reproduce) for f in checked
    ]
    envelope = error_envelope(document) if documented.kind == "registry-response" else None
    if envelope is not None and answer.status != 500:
        message = f"an error envelope ({envelope!r}) came with {answer.status}, not 500"
        findings.append(found("semantic.error-status", message, ("error",)))
    if any(CHECKS[f.check].category == "document" for f in checked):
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, failed its schema")
    if envelope is not None:
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, an error envelope")
    if answer.status != 200:
        return Verdict(findings, frozenset(ran), shortfall=f"{answer.status}, not a success")
    return Verdict(findings, frozenset(ran), success=document)


def _server_says(answer: Answer) -> str:
    """``: "Authentication Error, No api key passed in."``: an error answer's own message,
    shortened (redaction comes later, for every finding), or nothing."""
    if answer.status < 400 or not answer.body:
        return ""
    text = None
    try:
        document = parse_json(answer.body, "body")
    except SpecLoadError:
        content_type = answer.content_type
        if content_type is not None and content_type.media_type.startswith("text/"):
            text = answer.body.decode("utf-8", errors="replace")
    else:
        text = _message_in(document)
    if not text or not text.strip():
        return ""
    words = " ".join(text.split())
    if len(words) > _QUOTED:
        words = words[: _QUOTED - 3].rstrip() + "..."
    return f': "{words}"'


def _message_in(document: Any) -> str | None:
    """The message of the usual error shapes: ``{"error": {"message": ...}}`` (OpenAI and
    LiteLLM), ``{"error": "..."}``, ``{"message": ...}``, ``{"detail": ...}``, a bare string."""
    if isinstance(document, str):
        return document
    if not isinstance(document, dict):
        return None
    for key in ("error", "message", "detail", "error_description", "title"):
        value = document.get(key)
        if isinstance(value, str):
            return value
        if isinstance(value, dict):
            inner = _message_in(value)
            if inner:
                return inner
    return None


def _hint(status: int, target: str) -> str:
    if status == 404:
        return " (is the base URL right?)"
    if status in (401, 403):
        return f" (is an auth header needed? --{target}-header or --header)"
    return ""


def consistency_findings(record: TargetRecord) -> list[Finding]:
    """Identical requests must get identical answers: status, media type and JSON value (key
    order and whitespace are no difference). Says what differed, and where first."""
    groups: dict[Any, list[Observation]] = {}
    for observation in _answered(record, "declared"):
        groups.setdefault(observation.request, []).append(observation)
    values: dict[bytes, Any] = {}
    findings = []
    for observations in groups.values():
        signatures = [_signature(obs, values) for obs in observations]
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
    gets = {o.plan.operation: o.answer for o in _answered(record, "declared")}
    findings = []
    for observation in _answered(record, "head"):
        head, get = observation.answer, gets.get(observation.plan.operation)
        assert head is not None
        if get is None:
            continue
        problems = []
        if head.status != get.status:
            problems.append(f"answered {head.status} where GET answered {get.status}")
        elif _raw_type(head) != _raw_type(get):
            problems.append(f"Content-Type {_raw_type(head)!r} where GET sent {_raw_type(get)!r}")
        if head.body:
            problems.append(f"sent a {len(head.body)}-byte body")
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
        message += f"; the remaining {record.not_sent} planned requests were not sent"
    reproduce = curl_command(observation)
    return [finding(check, message, target=record.target.name, reproduce=reproduce)]


def _not_run(record: TargetRecord, tallies: dict[str, Tally], short: Counter[str]) -> list[Skipped]:
    """The families that ran on no answer of this target, and why."""
    name = record.target.name
    failed = record.failure is not None
    skipped = []
    if "contract" not in tallies:
        reason = "no answer to the declared operation (the run ended at a transport failure)"
        skipped.append(Skipped("contract checks", name, reason))
    elif "document" not in tallies:
        reasons = ", ".join(f"{n}x {why}" for why, n in short.most_common())
        skipped.append(Skipped("schema and semantics", name, f"no answer got that far ({reasons})"))
    if "hygiene" not in tallies and failed:
        reason = "the HEAD and undeclared-method probes were not sent (transport failure)"
        skipped.append(Skipped("HTTP hygiene", name, reason))
    return skipped


def _cross(sides: dict[str, _Side], coverage: Coverage, skipped: list[Skipped]) -> list[Finding]:
    """The cross-API checks, when both APIs gave a successful, schema-valid answer."""
    if len(sides) < 2:
        reason = "they need both APIs; give --gateway-url and --registry-url"
        skipped.append(Skipped("cross-API checks", None, reason))
        return []
    missing = [name for name, side in sides.items() if side.success is None]
    if missing:
        reasons = []
        for name in missing:
            counted = sides[name].shortfalls.most_common()
            why = ", ".join(f"{n}x {s}" for s, n in counted) or "no answer"
            reasons.append(f"the {API_NAMES[name]} gave no successful, schema-valid 200 ({why})")
        skipped.append(Skipped("cross-API checks", None, "; ".join(reasons)))
        return []
    registry, gateway = sides["registry"].success, sides["gateway"].success
    assert registry is not None
    assert gateway is not None
    found = cross_findings(registry[0], gateway[0], curl_command(gateway[1]))
    coverage["cross"] = {"cross": Tally(1, 0 if found else 1)}
    return found


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


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, otherwise in the order the checks found them."""
    return sorted(findings, key=lambda f: f.severity != "error")

"""HTTP hygiene the documents do not demand: warnings, errors only under ``--strict``.

An answer to a method the document does not declare is never a contract failure, whatever its
status: RFC 9110 lets a server answer 501 to a method it does not recognise, and Express answers
404 to TRACE. It is still worth a warning when it is not ``405`` with an ``Allow`` header.
"""

from __future__ import annotations

from collections.abc import Callable

from conformance.findings import Finding
from conformance.harness.catalog import finding
from conformance.harness.runner import Observation, TargetRecord

Reproduce = Callable[[Observation], str]
_SHOULD_405 = "an undeclared method should get 405 Method Not Allowed (RFC 9110 section 15.5.6)"


def method_findings(record: TargetRecord, reproduce: Reproduce) -> list[Finding]:
    """One finding per operation and kind of wrong answer (``POST, PUT /v1/models ...``)."""
    groups: dict[tuple[str, str, str], list[Observation]] = {}
    for observation in record.observations:
        answer = observation.answer
        if answer is None or observation.request.kind != "undeclared":
            continue
        label = observation.plan.label
        if answer.status != 405:
            detail = f"answered {answer.status}; {_SHOULD_405}"
            key = ("hygiene.method", label, detail)
            groups.setdefault(key, []).append(observation)
            continue
        declared = label.split(" ", 1)[0]
        allow = answer.header("Allow")
        if declared not in {method.strip().upper() for method in (allow or "").split(",")}:
            shown = f"'Allow: {allow}' not listing {declared}" if allow else "no Allow header"
            key = ("hygiene.allow", label, f"answered 405 with {shown} (RFC 9110 section 10.2.1)")
            groups.setdefault(key, []).append(observation)
    findings = []
    for (check, label, detail), observations in groups.items():
        methods = ", ".join(obs.request.method for obs in observations)
        message = f"{methods} {label.split(' ', 1)[1]} {detail}"
        findings.append(
            finding(check, message, record.target.name, reproduce=reproduce(observations[0]))
        )
    return findings


def charset_findings(observation: Observation, reproduce: str) -> list[Finding]:
    """A JSON answer should say ``charset=utf-8``: clients that guess decode it wrongly."""
    answer = observation.answer
    if answer is None:
        return []
    content_type = answer.header("Content-Type") or ""
    media, _, parameters = content_type.partition(";")
    if not media.strip().lower().endswith("json"):
        return []
    charset = None
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    if charset in ("utf-8", "utf8"):
        return []
    what = f"declares charset={charset}" if charset else "has no charset"
    label = f"{observation.plan.label} {answer.status}"
    message = f"{label}: Content-Type {content_type!r} {what}; send charset=utf-8"
    return [finding("hygiene.charset", message, observation.plan.target.name, reproduce=reproduce)]

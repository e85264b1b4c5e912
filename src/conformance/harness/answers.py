"""One answer to a declared operation, judged through a funnel: each step only if the previous
one let the body through, so that one fault gives one finding.

1. status: documented (``contract.status``), not a server error (``contract.server-error``);
   an error status quotes the server's own message, and 401/403 hint at the header options;
2. media type: the documented one (``contract.media-type``); a JSON answer naming a charset
   other than UTF-8 is ``hygiene.charset`` (RFC 8259 section 11: none is needed);
3. strict RFC 8259 JSON (``contract.json``);
4. ``check_document(body, kind)``, the kind codegen gives the operation's status: schema, then
   the semantic guarantees on every part that parsed (the same entry point ``validate`` uses);
   and a registry error envelope must come with 500 (``semantic.error-status``).

Nothing here sends or prints, and nothing here raises on anything a server can send.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from conformance.catalog import CHECKS, finding
from conformance.checks import check_document
from conformance.errors import SpecLoadError
from conformance.findings import Finding, Location
from conformance.harness.records import Answer, Observation
from conformance.harness.reproduce import curl_command
from conformance.validation.kinds import error_envelope
from specload import parse_json

_QUOTED = 160  # characters of a server's own error message quoted in a finding


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
        return {CHECKS[f.check].family for f in self.findings}


def judge_answer(observation: Observation, *, has_auth: bool = False) -> Verdict:
    """The funnel for one answer to a declared operation; ``has_auth``: the run sent this
    target a header, so any 4xx may be about the key."""
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
        message += plan.documented_statuses + _hint(
            answer.status, plan.target.name, has_auth=has_auth
        )
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
    ran |= {"schema", "semantic"}
    checked = check_document(document, documented.kind)
    findings += [
        dataclasses.replace(f, target=plan.target.name, reproduce=reproduce) for f in checked
    ]
    envelope = error_envelope(document) if documented.kind == "registry-response" else None
    if envelope is not None and answer.status != 500:
        message = f"an error envelope ({envelope!r}) came with {answer.status}, not 500"
        findings.append(found("semantic.error-status", message, ("error",)))
    if any(CHECKS[f.check].family == "schema" for f in checked):
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


def _hint(status: int, target: str, *, has_auth: bool) -> str:
    if 400 <= status < 500 and has_auth:
        # Gateways answer a wrong key with 400 too (LiteLLM without a database), not only 401.
        return f" (is the key right, and for this API? --{target}-header or --header)"
    if status == 404:
        return " (is the base URL right?)"
    if status in (401, 403):
        return f" (is an auth header needed? --{target}-header or --header)"
    return ""

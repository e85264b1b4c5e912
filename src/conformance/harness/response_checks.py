"""Contract and semantic checks of one answer to a declared operation.

The order is a funnel, so one fault gives one finding: status, then media type, then strict
JSON, then schema (the spec and the strict generated types, via ``conformance.checks.schema``),
and only a schema-valid body is checked for semantics or kept for the cross-API checks.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from conformance.checks.schema import KINDS, check_document
from conformance.errors import InputError, MalformedJSON
from conformance.findings import Finding
from conformance.harness.catalog import finding
from conformance.harness.http import Answer
from conformance.harness.plan import OperationPlan
from conformance.harness.semantics import semantic_findings
from generated.schemas import GATEWAY_RESPONSES, REGISTRY_RESPONSES

_SCHEMA_FOR = {**GATEWAY_RESPONSES, **REGISTRY_RESPONSES}
_KIND_OF = {definition: kind for kind, definition in KINDS.items()}


@dataclass(frozen=True, slots=True)
class Verdict:
    findings: list[Finding]
    document: Any = None  # the parsed body, only when it passed the schema
    valid: bool = False


def media_type(content_type: str | None) -> str | None:
    if content_type is None:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def check_answer(plan: OperationPlan, answer: Answer, reproduce: str) -> Verdict:
    target = plan.target.name

    def found(check: str, message: str, path: str | None = None) -> Finding:
        return finding(check, message, target, path=path, reproduce=reproduce)

    findings: list[Finding] = []
    status = f"{answer.status} {answer.reason}".strip()
    documented = plan.documented(answer.status)
    if answer.status >= 500:
        findings.append(found("contract.server-error", f"{plan.label} answered {status}"))
    elif documented is None:
        hint = " (is the base URL right?)" if answer.status == 404 else ""
        findings.append(
            found(
                "contract.status",
                f"{plan.label} answered {status}; the document "
                f"declares only {plan.documented_statuses}{hint}",
            )
        )
    if documented is None or not documented.media_types:
        return Verdict(findings)
    received = media_type(answer.header("Content-Type"))
    expected = [media.lower() for media in documented.media_types]
    if received not in expected:
        shown = answer.header("Content-Type") or "no Content-Type"
        findings.append(
            found(
                "contract.media-type",
                f"{plan.label} {answer.status}: {shown!r}, documented: {', '.join(expected)}",
            )
        )
    if not any(media.endswith("json") for media in expected):
        return Verdict(findings)
    try:
        document = parse_body(answer.body, f"{plan.label} {answer.status} body")
    except MalformedJSON as exc:
        findings.append(found("contract.json", str(exc)))
        return Verdict(findings)
    except InputError as exc:  # empty, or not UTF-8
        findings.append(found("contract.json", str(exc)))
        return Verdict(findings)
    definition = _SCHEMA_FOR.get(plan.label, {}).get(str(answer.status))
    kind = _KIND_OF.get(definition or "")
    if kind is None:
        return Verdict(findings, document)
    schema = check_document(document, kind)
    findings += [dataclasses.replace(f, target=target, reproduce=reproduce) for f in schema]
    if schema:
        return Verdict(findings, document)
    semantic = semantic_findings(target, answer.status, document)
    findings += [dataclasses.replace(f, target=target, reproduce=reproduce) for f in semantic]
    return Verdict(findings, document, valid=True)


def parse_body(body: bytes, source: str) -> Any:
    from conformance.jsonload import parse_json

    return parse_json(body, source)

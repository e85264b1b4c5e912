"""Observations -> findings: every check over every record, each identical answer judged once."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from conformance.findings import Finding
from conformance.harness.cross import cross_findings
from conformance.harness.curl import curl_command
from conformance.harness.hygiene import charset_findings, method_findings
from conformance.harness.response_checks import Verdict, check_answer
from conformance.harness.runner import Observation, TargetRecord
from conformance.harness.transport_checks import consistency_findings, failure_findings

MAX_PER_CHECK = 50  # beyond this a check's findings are summarised in one more


@dataclass(frozen=True, slots=True)
class Evaluation:
    findings: list[Finding]
    requests: int  # answered or failed, i.e. test cases actually run


def evaluate(
    records: Sequence[TargetRecord], user_headers: tuple[tuple[str, str], ...]
) -> Evaluation:
    def reproduce(observation: Observation) -> str:
        return curl_command(observation.request, user_headers)

    findings: list[Finding] = []
    valid: dict[str, tuple[Any, Observation]] = {}
    for record in records:
        verdicts: dict[Any, Verdict] = {}
        for observation in record.observations:
            answer = observation.answer
            if answer is None or observation.request.kind != "declared":
                continue
            key = (
                observation.plan.label,
                answer.status,
                answer.header("Content-Type"),
                answer.body,
            )
            if key in verdicts:
                continue
            verdict = check_answer(observation.plan, answer, reproduce(observation))
            verdicts[key] = verdict
            findings += verdict.findings
            if observation.plan.documented(answer.status) is not None:
                findings += charset_findings(observation, reproduce(observation))
            if verdict.valid and answer.status == 200:
                valid.setdefault(record.target.name, (verdict.document, observation))
        findings += consistency_findings(record, reproduce)
        findings += method_findings(record, reproduce)
        findings += failure_findings(record, reproduce)
    if "registry" in valid and "gateway" in valid:
        registry, _ = valid["registry"]
        gateway, observation = valid["gateway"]
        findings += cross_findings(registry, gateway, reproduce(observation))
    requests = sum(len(record.observations) for record in records)
    return Evaluation(_capped(_ordered(_distinct(findings))), requests)


_TARGET_ORDER = {"gateway": 0, "registry": 1, "cross": 2}


def _ordered(findings: list[Finding]) -> list[Finding]:
    """Errors first, then by target; otherwise in the order the checks found them."""
    return sorted(
        findings, key=lambda f: (f.severity != "error", _TARGET_ORDER.get(str(f.target), 3))
    )


def _distinct(findings: list[Finding]) -> list[Finding]:
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for f in findings:
        key = (f.check, f.target, f.path, f.message)
        if key not in seen:
            seen.add(key)
            kept.append(f)
    return kept


def _capped(findings: list[Finding]) -> list[Finding]:
    totals = Counter((f.check, f.target) for f in findings)
    seen: Counter[tuple[str, Any]] = Counter()
    result = []
    for f in findings:
        key = (f.check, f.target)
        seen[key] += 1
        if seen[key] <= MAX_PER_CHECK:
            result.append(f)
        elif seen[key] == MAX_PER_CHECK + 1:
            more = totals[key] - MAX_PER_CHECK
            result.append(Finding(f.check, f.severity, f"... and {more} more", target=f.target))
    return result

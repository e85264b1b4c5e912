"""One conformance run: plan with schemathesis, send, evaluate, redact. Returns data only."""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from conformance.errors import TargetUnreachable
from conformance.findings import Finding
from conformance.harness.driver import plan_target
from conformance.harness.evaluate import evaluate
from conformance.harness.http import HttpClient
from conformance.harness.options import HarnessOptions
from conformance.harness.pacing import Pacer
from conformance.harness.progress import Progress
from conformance.harness.redaction import Redactor
from conformance.harness.runner import execute, planned_total
from conformance.harness.targets import Target


@dataclass(frozen=True, slots=True)
class RunResult:
    findings: list[Finding]  # already redacted
    seed: int
    targets: tuple[Target, ...]
    requests: int
    seconds: float


def run_conformance(options: HarnessOptions, progress: Progress | None = None) -> RunResult:
    started = time.monotonic()
    progress = progress if progress is not None else Progress(enabled=False)
    redactor = Redactor(options.secret_values)
    plans = [
        plan
        for target in options.targets
        for plan in plan_target(target, seed=options.seed, max_examples=options.max_examples)
    ]
    client = HttpClient(options.timeout, options.headers)
    progress.start(planned_total(plans))
    try:
        records = execute(plans, client, _pacers(options), progress.advance)
    except TargetUnreachable as exc:
        raise TargetUnreachable(redactor.text(str(exc))) from None
    finally:
        client.close()
        progress.finish()
    evaluation = evaluate(records, options.headers)
    findings = [redactor.finding(finding) for finding in evaluation.findings]
    seconds = time.monotonic() - started
    return RunResult(findings, options.seed, options.targets, evaluation.requests, seconds)


def _pacers(options: HarnessOptions) -> dict[Target, Pacer]:
    """One pacer per host: two APIs on one host share its rate limit."""
    by_host: dict[str, Pacer] = {}
    pacers = {}
    for target in options.targets:
        host = urlsplit(target.base_url).netloc
        pacers[target] = by_host.setdefault(host, Pacer(options.rate_for(target)))
    return pacers

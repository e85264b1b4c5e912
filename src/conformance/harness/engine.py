"""The conformance run as a plain function: options -> plan -> send -> judge -> report.

With no URL at all, the embedded reference server is started on a free loopback port, both
APIs are tested there, and it is stopped. An unreachable target raises ``TargetUnreachable``
(its message redacted): nothing was checked, so there is no report. The exit code is the
caller's to decide (``conformance.exit_codes.exit_code_for``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from conformance.errors import TargetUnreachable
from conformance.harness.judge import judge
from conformance.harness.options import ConformanceOptions, Settings, Target, resolve
from conformance.harness.plan import plan_target
from conformance.harness.redaction import Redactor
from conformance.harness.report import build_report
from conformance.harness.send import planned_total, send_plans
from conformance.reporting import Report

Progress = Callable[[str], None]
"""Called before each request with what is sent: ``3/46 requests: gateway GET /v1/models``."""


def run_conformance(options: ConformanceOptions, progress: Progress | None = None) -> Report:
    """Contract-test the APIs ``options`` name; UsageError on bad options, TargetUnreachable
    when a target cannot even be connected to."""
    settings = resolve(options)
    with _targets(settings) as targets:
        redactor = Redactor(settings.secret_values)
        started = time.monotonic()
        plans = [
            plan
            for target in targets
            for plan in plan_target(target, seed=settings.seed, max_examples=settings.max_examples)
        ]
        total = planned_total(plans)
        sent = 0

        def advance(text: str) -> None:
            nonlocal sent
            sent += 1
            if progress is not None:
                progress(f"{sent}/{total} requests: {text}")

        try:
            records = send_plans(plans, settings, targets, advance)
        except TargetUnreachable as exc:
            raise TargetUnreachable(redactor.text(str(exc))) from None
        judgement = judge(records, settings.selection)
        seconds = time.monotonic() - started
    return build_report(
        targets,
        judgement,
        seed=settings.seed,
        seconds=seconds,
        redactor=redactor,
        strict=settings.strict,
    )


@contextmanager
def _targets(settings: Settings) -> Iterator[tuple[Target, ...]]:
    """The targets given, or both APIs of a reference server started for the run."""
    if settings.urls:
        yield settings.targets_at(settings.urls)
        return
    from conformance.server import serving

    with serving() as server:
        yield settings.targets_at({"gateway": server.url, "registry": server.url})

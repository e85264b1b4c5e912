"""The conformance command: options -> plan -> send -> judge -> report -> exit code.

With no URL at all, the embedded reference server is started on a free loopback port, both
APIs are tested there, and it is stopped. The exit code comes from
``conformance.exit_codes.exit_code_for`` and nowhere here.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from conformance.errors import TargetUnreachable
from conformance.exit_codes import exit_code_for
from conformance.harness.judge import judge
from conformance.harness.options import HarnessOptions, RunSettings, Target, from_arguments
from conformance.harness.plan import plan_target
from conformance.harness.redaction import Redactor
from conformance.harness.report import build_report, header_line
from conformance.harness.send import Progress, planned_total, send_plans
from conformance.reporting import check_report_paths, emit


def run_command(args: argparse.Namespace) -> int:
    settings = from_arguments(args)
    check_report_paths(args)
    with _targets(settings) as targets:
        options = HarnessOptions(
            targets=targets,
            seed=settings.seed,
            max_examples=settings.max_examples,
            timeout=settings.timeout,
            rate_limit=settings.rate_limit,
        )
        if args.format != "json":  # before the run, so that even a killed run shows its seed
            stream = sys.stderr if args.format == "markdown" else sys.stdout  # one document
            print(header_line(targets, options.seed), file=stream, flush=True)
        redactor = Redactor(options.secret_values)
        started = time.monotonic()
        plans = [
            plan
            for target in targets
            for plan in plan_target(target, seed=options.seed, max_examples=options.max_examples)
        ]
        progress = Progress()
        progress.start(planned_total(plans))
        try:
            records = send_plans(plans, options, progress.advance)
        except TargetUnreachable as exc:
            raise TargetUnreachable(redactor.text(str(exc))) from None
        finally:
            progress.finish()
        judgement = judge(records)
        seconds = time.monotonic() - started
    report = build_report(targets, judgement, seed=options.seed, seconds=seconds, redactor=redactor)
    code = exit_code_for(report.findings, strict=args.strict)
    emit(report, args, code)
    return int(code)


@contextmanager
def _targets(settings: RunSettings) -> Iterator[tuple[Target, ...]]:
    """The targets given, or both APIs of a reference server started for the run."""
    if settings.urls:
        yield settings.targets_at(settings.urls)
        return
    from conformance.server import serving

    with serving() as server:
        yield settings.targets_at({"gateway": server.url, "registry": server.url})

"""The conformance command's steps: options -> run -> exit code -> outputs. No checks here."""

from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path

from conformance.errors import UsageError
from conformance.exit_codes import ExitCode, exit_code_for
from conformance.findings import Finding
from conformance.harness.options import (
    DEFAULT_MAX_EXAMPLES,
    DEFAULT_TIMEOUT,
    HarnessOptions,
    new_seed,
    parse_headers,
)
from conformance.harness.progress import Progress
from conformance.harness.reference import reference_targets
from conformance.harness.report import (
    as_reported,
    github_report,
    header_line,
    json_report,
    junit_report,
    summary_line,
    text_report,
)
from conformance.harness.report_files import check_writable, write_report
from conformance.harness.session import RunResult, run_conformance
from conformance.harness.targets import Target, parse_base_url

MAX_EXAMPLES_LIMIT = 10_000


def run_command(args: argparse.Namespace) -> int:
    headers = parse_headers(args.header)
    if args.max_examples is not None and args.max_examples > MAX_EXAMPLES_LIMIT:
        raise UsageError(f"--max-examples: at most {MAX_EXAMPLES_LIMIT}")
    junit_path: Path | None = args.junit_xml
    if junit_path is not None:
        check_writable(junit_path)
    given = _given_targets(args)
    seed = args.seed if args.seed is not None else new_seed()
    context: AbstractContextManager[tuple[Target, ...]] = (
        nullcontext(given) if given else reference_targets()
    )
    with context as targets:
        options = HarnessOptions(
            targets=targets,
            seed=seed,
            max_examples=args.max_examples or DEFAULT_MAX_EXAMPLES,
            timeout=args.timeout or DEFAULT_TIMEOUT,
            rate_limit=args.rate_limit,
            headers=headers,
        )
        if args.format == "text":  # before the run, so that even a killed run shows its seed
            print(header_line(targets, seed), flush=True)
        result = run_conformance(options, Progress())
    findings = as_reported(result.findings, strict=args.strict)
    code = exit_code_for(findings, strict=args.strict)
    _emit(result, findings, code, args.format)
    if junit_path is not None:
        write_report(junit_path, junit_report(result, findings))
    return int(code)


def _given_targets(args: argparse.Namespace) -> tuple[Target, ...]:
    targets = []
    if args.gateway_url is not None:
        targets.append(Target("gateway", parse_base_url(args.gateway_url, "--gateway-url")))
    if args.registry_url is not None:
        targets.append(Target("registry", parse_base_url(args.registry_url, "--registry-url")))
    return tuple(targets)


def _emit(result: RunResult, findings: list[Finding], code: ExitCode, output: str) -> None:
    if output == "json":
        sys.stdout.write(json_report(result, findings, code))
        print(summary_line(result, findings, code), file=sys.stderr)
    elif output == "github":
        sys.stdout.write(github_report(result, findings, code))
    else:
        sys.stdout.write(text_report(result, findings, code))
    sys.stdout.flush()

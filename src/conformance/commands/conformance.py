"""`helicone-contract conformance`: contract-test running implementations of both APIs.

With ``--gateway-url`` and/or ``--registry-url`` it tests those; with neither it starts the
embedded reference server on a free loopback port, tests both APIs there and stops it.
This module only parses: the arguments become one ``ConformanceOptions``, the engine
(``conformance.harness.run_conformance``) returns a ``Report``, and ``reporting.emit`` writes
it with the exit code of ``exit_codes``. Exit codes: 0 no failing finding, 1 error findings
(or warnings under --strict), 2 usage error, 3 a target was unreachable before any check could
run (the engine raises ``TargetUnreachable``), 4 a failure inside the tool.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from conformance.arguments import (
    non_negative_float,
    non_negative_int,
    positive_float,
    positive_int,
)

if TYPE_CHECKING:
    from conformance.harness import ConformanceOptions


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Cheap: schemathesis and hypothesis are imported by run(), never at start-up."""
    from conformance.reporting.output import add_output_arguments

    option = parser.add_argument
    option("--gateway-url", metavar="URL", help="base URL of the AI Gateway (GET /v1/models)")
    option("--registry-url", metavar="URL", help="base URL of the Helicone API (model registry)")
    for flag, where in (
        ("--header", "both targets"),
        ("--gateway-header", "the gateway only"),
        ("--registry-header", "the registry only"),
    ):
        option(
            flag,
            action="append",
            default=[],
            metavar="'NAME: VALUE'",
            help=f"send to {where} (repeatable); header values are redacted in every output",
        )
    option("--seed", type=non_negative_int, help="reproduce a run (default: random, printed)")
    option(
        "--max-examples",
        type=positive_int,
        metavar="N",
        help="requests per operation: generated cases, repeated identically (default 20)",
    )
    option(
        "--timeout",
        type=positive_float,
        metavar="SECONDS",
        help="deadline of each request, connecting included (default 10)",
    )
    option(
        "--rate-limit",
        type=non_negative_float,
        metavar="PER_SECOND",
        help="requests per second per host (default 5, unlimited on loopback; 0 = unlimited)",
    )
    for flag, what in (
        ("--checks", "run only these"),
        ("--exclude-checks", "do not run these"),
    ):
        option(
            flag,
            action="append",
            default=[],
            metavar="NAMES",
            help=f"{what}: check families (transport, contract, schema, semantic, cross, "
            "hygiene) or check ids, comma-separated or repeated",
        )
    add_output_arguments(parser, markdown=True)


def options_from(args: argparse.Namespace) -> ConformanceOptions:
    """The options the parsed command line describes (validated by the engine)."""
    from conformance.harness import ConformanceOptions

    given = {
        "seed": args.seed,
        "max_examples": args.max_examples,
        "timeout": args.timeout,
        "rate_limit": args.rate_limit,
    }
    return ConformanceOptions(
        gateway_url=args.gateway_url,
        registry_url=args.registry_url,
        headers=tuple(args.header),
        gateway_headers=tuple(args.gateway_header),
        registry_headers=tuple(args.registry_header),
        strict=args.strict,
        checks=tuple(args.checks),
        exclude_checks=tuple(args.exclude_checks),
        **{name: value for name, value in given.items() if value is not None},
    )


def run(args: argparse.Namespace) -> int:
    """Parse -> options -> engine -> emit. A run that could not happen (exit 2, 3 or 4) still
    says why in every format asked for, then the error goes on to the one stderr line."""
    import dataclasses
    import sys

    from conformance.exit_codes import exit_code_for
    from conformance.harness import run_conformance
    from conformance.harness.options import resolve
    from conformance.harness.report import header_line
    from conformance.reporting import check_report_paths, emit, emit_failure
    from conformance.reporting.progress import Progress

    try:
        check_report_paths(args)
        options = options_from(args)
        settings = resolve(options)  # validated before anything is printed or sent
        options = dataclasses.replace(options, seed=settings.seed)
        if args.format != "json":  # before the run, so that even a killed run shows its seed
            stream = sys.stderr if args.format == "markdown" else sys.stdout  # one document
            print(header_line(settings), file=stream, flush=True)
        progress = Progress()
        try:
            report = run_conformance(options, progress.advance)
        finally:
            progress.finish()
    except Exception as error:  # the CLI turns it into one stderr line and the exit code
        emit_failure("conformance", args, error)
        raise
    code = exit_code_for(report.findings, strict=report.strict)
    emit(report, args, code)
    return int(code)

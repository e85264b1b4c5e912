"""`helicone-contract conformance`: contract-test running implementations of both APIs.

With ``--gateway-url`` and/or ``--registry-url`` it tests those; with neither it starts the
embedded reference server on a free loopback port, tests both APIs there and stops it.
Exit codes: 0 no failing finding, 1 error findings (or warnings under --strict), 2 usage
error, 3 a target was unreachable before any check could run, 4 a failure inside the tool.
"""

from __future__ import annotations

import argparse

from conformance.arguments import (
    non_negative_float,
    non_negative_int,
    positive_float,
    positive_int,
)


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
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    from conformance.harness.command import run_command

    return run_command(args)

"""`helicone-contract lint [SPEC ...]`: the OpenAPI documents and every example payload in them.

Default: ``specs/*.openapi.yaml``, their example files in ``specs/examples/`` and the baseline
``specs/lint-baseline.json``. Exit codes and output options are those of ``validate``.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from conformance.reporting import add_output_arguments

    parser.add_argument(
        "specs", nargs="*", metavar="SPEC", help="OpenAPI document (default: specs/*.openapi.yaml)"
    )
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument(
        "--baseline",
        metavar="FILE",
        help="acknowledged findings (default: lint-baseline.json beside the documents)",
    )
    choice.add_argument(
        "--no-baseline",
        action="store_true",
        help="ignore every baseline: report all findings as new",
    )
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from conformance.exit_codes import ExitCode, exit_code_for
    from conformance.reporting import Report, check_report_paths, emit
    from conformance.validation.lint_run import default_specs, lint_specs

    specs = args.specs or default_specs()
    check_report_paths(args, [*specs, *([args.baseline] if args.baseline else [])])
    result = lint_specs(specs, args.baseline, use_baseline=not args.no_baseline)
    for line in result.unusable:
        print(f"helicone-contract: error: {line}", file=sys.stderr)
    report = Report("lint", result.groups)
    code = ExitCode.USAGE if result.unusable else exit_code_for(report.findings, strict=args.strict)
    emit(report, args, code)
    return code

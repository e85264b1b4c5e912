"""`helicone-contract lint [SPEC ...]`: the OpenAPI documents and every example payload in them.

Default: ``specs/*.openapi.yaml``, their example files in ``specs/examples/`` and the baseline
``specs/lint-baseline.json``; outside a checkout, the documents the tool carries. Documents are
untrusted input: read by ``specload``, no URL is fetched and no file outside a document's folder
is read (files inside it only with ``--allow-file-refs``). Exit codes and output options are
those of ``validate``.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from conformance.arguments import add_input_arguments
    from conformance.reporting.output import add_output_arguments

    parser.add_argument(
        "specs",
        nargs="*",
        metavar="SPEC",
        help="OpenAPI document (default: specs/*.openapi.yaml, else the documents carried)",
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
    parser.add_argument(
        "--allow-file-refs",
        action="store_true",
        help="follow $refs to files in each document's own folder (URLs are never followed)",
    )
    add_input_arguments(parser, payloads=False)
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import sys

    from conformance.arguments import collector_paused, input_limits
    from conformance.exit_codes import exit_code_for
    from conformance.reporting import Report, check_report_paths, emit
    from conformance.validation.lint_run import default_specs, lint_carried, lint_specs

    limits = input_limits(args)
    specs = args.specs or default_specs()
    check_report_paths(args, [*specs, *([args.baseline] if args.baseline else [])])
    use_baseline = not args.no_baseline
    with collector_paused():
        if specs:
            result = lint_specs(
                specs,
                args.baseline,
                use_baseline,
                allow_file_refs=args.allow_file_refs,
                limits=limits,
            )
        else:
            result = lint_carried(args.baseline, use_baseline)
    for line in result.unusable:
        print(f"helicone-contract: error: {line}", file=sys.stderr)
    report = Report("lint", result.groups)
    code = exit_code_for(report.findings, strict=args.strict, unusable=bool(result.unusable))
    emit(report, args, code)
    return code

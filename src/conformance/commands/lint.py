"""`helicone-contract lint [SPEC ...]`: the OpenAPI documents and every example payload in them.

Default: ``specs/*.openapi.yaml``, their example files in ``specs/examples/`` and the baseline
``specs/lint-baseline.json``; outside a checkout, the documents the tool carries. Documents are
untrusted input: read by ``specload``, no URL is fetched and no file outside a document's folder
is read (files inside it only with ``--allow-file-refs``). Exit codes and output options are
those of ``validate``.
"""

from __future__ import annotations

import argparse

_MIB = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    import specload
    from conformance.reporting.output import add_output_arguments

    default_mib = specload.DEFAULT_LIMITS.max_bytes // _MIB
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
    parser.add_argument(
        "--max-size",
        type=int,
        default=default_mib,
        metavar="MIB",
        help=f"refuse documents larger than this many MiB, files they refer to included "
        f"(default {default_mib})",
    )
    add_output_arguments(parser)


def run(args: argparse.Namespace) -> int:
    import dataclasses
    import sys

    import specload
    from conformance.errors import UsageError
    from conformance.exit_codes import ExitCode, exit_code_for
    from conformance.reporting import Report, check_report_paths, emit
    from conformance.validation.lint_run import default_specs, lint_carried, lint_specs

    if args.max_size <= 0:
        raise UsageError("--max-size must be a positive number of MiB")
    limits = dataclasses.replace(specload.DEFAULT_LIMITS, max_bytes=args.max_size * _MIB)
    specs = args.specs or default_specs()
    check_report_paths(args, [*specs, *([args.baseline] if args.baseline else [])])
    use_baseline = not args.no_baseline
    if specs:
        result = lint_specs(
            specs, args.baseline, use_baseline, allow_file_refs=args.allow_file_refs, limits=limits
        )
    else:
        result = lint_carried(args.baseline, use_baseline)
    for line in result.unusable:
        print(f"helicone-contract: error: {line}", file=sys.stderr)
    report = Report("lint", result.groups)
    code = ExitCode.USAGE if result.unusable else exit_code_for(report.findings, strict=args.strict)
    emit(report, args, code)
    return code

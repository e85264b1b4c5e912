"""`helicone-contract diff OLD NEW`: what changed between two documents or two registries, and
whom it breaks.

Exit 0 when nothing is breaking, 1 when something is (``--fail-on warning``: warnings too) or
an input is invalid (its findings are reported and nothing is compared), 2 when an input cannot
be used (one line on stderr, as ``validate``).
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from conformance.arguments import add_input_arguments
    from conformance.reporting.output import add_output_arguments
    from generated.schemas import DOCUMENT_KINDS

    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE",
        help="OLD then NEW (- is stdin); with --embedded, NEW only",
    )
    parser.add_argument(
        "--embedded",
        action="store_true",
        help="OLD is the OpenAPI document this tool carries for the same API as NEW",
    )
    parser.add_argument(
        "--kind",
        choices=["openapi", *sorted(DOCUMENT_KINDS)],
        help="what both inputs are (default: detected)",
    )
    parser.add_argument(
        "--fail-on",
        choices=("breaking", "warning"),
        default="breaking",
        help="exit 1 on breaking changes (default), or on warnings too (the same as --strict)",
    )
    add_input_arguments(parser)
    add_output_arguments(parser, markdown=True)


def run(args: argparse.Namespace) -> int:
    from conformance.arguments import collector_paused, input_limits
    from conformance.diff.compare import diff_report
    from conformance.diff.inputs import OPENAPI, embedded_input, read_input
    from conformance.errors import UsageError
    from conformance.exit_codes import exit_code_for
    from conformance.reporting import check_report_paths, emit

    wanted = 1 if args.embedded else 2
    if len(args.inputs) != wanted:
        given = "NEW (OLD is embedded)" if args.embedded else "OLD and NEW"
        raise UsageError(f"diff takes {given}: {len(args.inputs)} given")
    if args.embedded and args.kind not in (None, OPENAPI):
        raise UsageError("--embedded compares OpenAPI documents: --kind must be openapi")
    if args.inputs.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    check_report_paths(args, args.inputs)
    limits = input_limits(args)
    with collector_paused():
        if args.embedded:
            new = read_input("NEW", args.inputs[0], args.kind or OPENAPI, limits)
            old = embedded_input("OLD", new)
        else:
            old = read_input("OLD", args.inputs[0], args.kind, limits)
            new = read_input("NEW", args.inputs[1], args.kind, limits)
        report = diff_report(old, new)
    strict = args.strict or args.fail_on == "warning"
    code = exit_code_for(report.findings, strict=strict)
    emit(report, args, code)
    return code

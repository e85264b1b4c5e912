"""`helicone-contract validate FILE ...`: registry and /v1/models JSON files, every problem.

Exit 0 valid (warnings allowed), 1 at least one error finding, 2 an input could not be used
(each such input gets one line on stderr; the other files are still checked and reported).
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from conformance.arguments import add_input_arguments
    from conformance.reporting.output import add_output_arguments
    from generated.schemas import DOCUMENT_KINDS

    parser.add_argument("files", nargs="+", metavar="FILE", help="JSON file to check; - is stdin")
    parser.add_argument(
        "--kind",
        choices=sorted(DOCUMENT_KINDS),
        help="what the files are (default: detected); a live registry answer is "
        "registry-response, so that its {data, error} wrapper is checked",
    )
    add_input_arguments(parser, documents=False)
    add_output_arguments(parser, markdown=True)


def run(args: argparse.Namespace) -> int:
    import sys

    import specload
    from conformance.arguments import collector_paused, input_limits
    from conformance.cli import keep_until_exit
    from conformance.exit_codes import exit_code_for
    from conformance.reporting import Report, check_report_paths, emit
    from conformance.validation import ValidateOptions, checked_inputs

    options = ValidateOptions(
        paths=args.files,
        kind=args.kind,
        max_bytes=input_limits(args).max_payload_bytes,
        strict=args.strict,
    )
    check_report_paths(args, args.files)
    refused: list[specload.SpecLoadError] = []

    def unusable(error: specload.SpecLoadError) -> None:
        print(f"helicone-contract: error: {error}", file=sys.stderr)
        refused.append(error)

    groups = []
    with collector_paused():  # run_validate, keeping each document (see keep_until_exit)
        for payload in checked_inputs(options, unusable):
            groups.append(payload.group)
            keep_until_exit(payload)
    report = Report("validate", groups)
    code = exit_code_for(report.findings, strict=options.strict, unusable=bool(refused))
    emit(report, args, code)
    return code

"""`helicone-contract validate FILE ...`: registry and /v1/models JSON files, every problem.

Exit 0 valid (warnings allowed), 1 at least one error finding, 2 an input could not be used
(each such input gets one line on stderr; the other files are still checked and reported).
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from conformance.reporting.output import add_output_arguments
    from generated.schemas import DOCUMENT_KINDS

    parser.add_argument("files", nargs="+", metavar="FILE", help="JSON file to check; - is stdin")
    parser.add_argument(
        "--kind",
        choices=sorted(DOCUMENT_KINDS),
        help="what the files are (default: detected); a live registry answer is "
        "registry-response, so that its {data, error} wrapper is checked",
    )
    parser.add_argument(
        "--max-size",
        type=int,
        default=128,
        metavar="MIB",
        help="refuse inputs larger than this many MiB (default 128)",
    )
    add_output_arguments(parser, markdown=True)


def run(args: argparse.Namespace) -> int:
    import gc
    import sys

    from conformance.errors import InputError, UsageError
    from conformance.exit_codes import ExitCode, exit_code_for
    from conformance.reporting import Report, check_report_paths, emit
    from conformance.validation.files import validate_source

    if args.max_size <= 0:
        raise UsageError("--max-size must be a positive number of MiB")
    if args.files.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    check_report_paths(args, args.files)
    # A parsed document is a large acyclic tree: the cycle collector would only scan it again
    # and again while it is built (half the parse time of a 21 MB file). This run is short and
    # makes no cycles worth collecting, so the collector is off while the files are checked.
    was_enabled = gc.isenabled()
    gc.disable()
    groups = []
    unusable = False
    try:
        for source in args.files:
            try:
                groups.append(validate_source(source, args.kind, args.max_size * 1024 * 1024))
            except InputError as exc:
                print(f"helicone-contract: error: {exc}", file=sys.stderr)
                unusable = True
    finally:
        if was_enabled:
            gc.enable()
    report = Report("validate", groups)
    code = ExitCode.USAGE if unusable else exit_code_for(report.findings, strict=args.strict)
    emit(report, args, code)
    return code

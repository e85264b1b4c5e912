"""`helicone-contract diff OLD NEW`: what changed between two documents or two registries, and
whom it breaks.

Exit 0 when nothing fails, 1 when a change does (a breaking one that breaks a group
``--fail-on-breaks`` names; ``--fail-on warning``: warnings too) or an input is invalid (its
findings are reported and nothing is compared), 2 when an input cannot be used (one line on
stderr, as ``validate``). Arguments become ``DiffOptions``; ``run_diff`` does the work.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conformance.exit_codes import ExitCode
    from conformance.reporting import Report


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
    parser.add_argument(
        "--fail-on-breaks",
        type=_groups,
        default=None,
        metavar="GROUPS",
        help="fail only on changes that break one of these (comma-separated: implementations, "
        "strict-clients, tolerant-clients; default all)",
    )
    add_input_arguments(parser)
    add_output_arguments(parser, markdown=True)


def _groups(text: str) -> tuple[str, ...]:
    from conformance.findings import EVERYONE

    names = tuple(dict.fromkeys(name.strip() for name in text.split(",") if name.strip()))
    unknown = [name for name in names if name not in EVERYONE]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{', '.join(unknown) or 'nothing'}: not one of {', '.join(EVERYONE)}"
        )
    return names


def run(args: argparse.Namespace) -> int:
    """A diff that could not happen (exit 2 or 4) still says why in every format asked for
    (a pull-request comment included), then the error goes on to the one stderr line."""
    from conformance.reporting import emit, emit_failure

    try:
        report, code = _compare(args)
    except Exception as error:
        emit_failure("diff", args, error)
        raise
    emit(report, args, code)
    return code


def _compare(args: argparse.Namespace) -> tuple[Report, ExitCode]:
    from conformance.arguments import MIB
    from conformance.diff.compare import DiffOptions, diff_exit_code, run_diff
    from conformance.errors import UsageError
    from conformance.reporting import check_report_paths

    wanted = 1 if args.embedded else 2
    if len(args.inputs) != wanted:
        given = "NEW (OLD is embedded)" if args.embedded else "OLD and NEW"
        raise UsageError(f"diff takes {given}: {len(args.inputs)} given")
    if args.inputs.count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    check_report_paths(args, args.inputs)
    options = DiffOptions(
        new=args.inputs[-1],
        old=None if args.embedded else args.inputs[0],
        kind=args.kind,
        embedded=args.embedded,
        max_size=None if args.max_size is None else args.max_size * MIB,
        fail_on="warning" if args.strict or args.fail_on == "warning" else "breaking",
        **({"fail_on_breaks": args.fail_on_breaks} if args.fail_on_breaks else {}),
    )
    report = run_diff(options)
    return report, diff_exit_code(report, options)

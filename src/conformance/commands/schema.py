"""`helicone-contract schema [KIND]`: the JSON Schema (draft 2020-12) of a document kind.

For validators in other languages (ajv, a Go validator, check-jsonschema): the schema accepts
what ``validate``'s schema step accepts. With no kind, the kinds are listed, one per line with
what each is; an unknown kind is a usage error (exit 2).
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind",
        nargs="?",
        metavar="KIND",
        help="registry-response, registry, models or models-error (none: list the kinds)",
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from conformance.errors import UsageError
    from conformance.exit_codes import ExitCode
    from conformance.exported_schemas import render_schema
    from conformance.validation.kinds import KIND_DESCRIPTIONS

    if args.kind is None:
        width = max(map(len, KIND_DESCRIPTIONS))
        for kind, description in KIND_DESCRIPTIONS.items():
            print(f"{kind:<{width}}  {description}")
        return ExitCode.OK
    if args.kind not in KIND_DESCRIPTIONS:
        raise UsageError(
            f"unknown kind {args.kind!r}; choose one of {', '.join(KIND_DESCRIPTIONS)}"
        )
    sys.stdout.write(render_schema(args.kind))
    return ExitCode.OK

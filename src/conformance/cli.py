"""The ``helicone-contract`` command: parse arguments, dispatch, turn errors into exit codes.

Each subcommand lives in ``conformance.commands.<name>`` and exposes ``add_arguments(parser)``
(cheap: no heavy imports) and ``run(args) -> int`` (which imports what it needs), so that
``validate`` never pays for schemathesis or hypothesis at start-up.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from conformance.errors import ContractError, TargetUnreachable
from conformance.exit_codes import ExitCode

COMMANDS = {
    "lint": "check the OpenAPI documents and every example payload in them",
    "validate": "validate registry or /v1/models JSON files",
    "conformance": "contract-test a running implementation of the APIs",
    "serve": "serve both APIs from a registry JSON file (reference implementation)",
}


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(ExitCode.USAGE, f"{self.prog}: error: {message}\n")


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("helicone-contract")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="helicone-contract",
        description="Contract validation for Helicone's model-listing APIs.",
        epilog="exit codes: 0 ok, 1 error findings, 2 usage or unusable input, "
        "3 target unreachable (conformance)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        module = importlib.import_module(f"conformance.commands.{name}")
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.add_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module = importlib.import_module(f"conformance.commands.{args.command}")
    try:
        code: int = module.run(args)
    except TargetUnreachable as exc:
        print(f"helicone-contract: unreachable: {exc}", file=sys.stderr)
        return ExitCode.UNREACHABLE
    except ContractError as exc:
        print(f"helicone-contract: error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except KeyboardInterrupt:
        print("helicone-contract: interrupted", file=sys.stderr)
        return 130
    return code


if __name__ == "__main__":
    sys.exit(main())

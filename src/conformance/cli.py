"""The ``helicone-contract`` command: parse arguments, dispatch, turn errors into exit codes.

Each subcommand lives in ``conformance.commands.<name>`` and exposes ``add_arguments(parser)``
(cheap: no heavy imports) and ``run(args) -> int`` (which imports what it needs). Only the
module of the command being run is imported to build the parser, so ``validate`` never pays
for the other commands, schemathesis or hypothesis at start-up.

Every failure ends as one line on stderr and a documented exit code (``exit_codes.py``): a
user's mistake as 2 or 3, a bug of the tool as 4, never a traceback. With ``--format json``
stdout still holds one complete JSON document.

``console_main`` is the installed command: ``main``, then, for a command that only reads files
and prints (``ENDS_AT_ONCE``), the process ends as soon as stdout and stderr are flushed,
without freeing what it parsed (a 20 MB document is a tenth of a second of deallocation that
nobody waits for). ``main`` itself always returns, for callers in the same process.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Sequence

from conformance import __version__
from conformance.errors import ContractError, SpecLoadError, TargetUnreachable
from conformance.exit_codes import ExitCode, epilog

COMMANDS = {
    "lint": "check the OpenAPI documents and every example payload in them",
    "validate": "validate registry or /v1/models JSON files",
    "conformance": "contract-test a running implementation of the APIs",
    "serve": "serve both APIs from a registry JSON file (reference implementation)",
    "diff": "what changed between two OpenAPI documents or two registries, and whom it breaks",
    "schema": "print the JSON Schema (draft 2020-12) of a document kind, for other languages",
}


ENDS_AT_ONCE = frozenset({"validate", "diff"})
"""Commands that hold nothing to release when they return: no threads, servers or exit hooks;
their report files are written and closed by then."""


class _Kept:
    """While ``console_main`` runs a command of ``ENDS_AT_ONCE``: the value it keeps to the end."""

    active = False
    value: object = None


def keep_until_exit(value: object) -> None:
    """Keep ``value`` (letting go of the one kept before) until the process ends, when
    ``console_main`` ends it at once: the document a command parsed last is then never freed.
    Anywhere else (``main`` called by a process that goes on), nothing is kept."""
    if _Kept.active:
        _Kept.value = value


class _BadArguments(Exception):
    def __init__(self, prog: str, message: str) -> None:
        super().__init__(message)
        self.prog = prog


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _BadArguments(self.prog, message)


def build_parser(commands: Sequence[str] = tuple(COMMANDS)) -> argparse.ArgumentParser:
    """The parser, with the arguments of ``commands`` only (the others are listed by name)."""
    parser = _Parser(
        prog="helicone-contract",
        description="Contract validation for Helicone's model-listing APIs.",
        epilog=epilog(),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, help_text in COMMANDS.items():
        command = sub.add_parser(name, help=help_text, description=help_text, epilog=epilog())
        if name in commands:
            importlib.import_module(f"conformance.commands.{name}").add_arguments(command)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    chosen = arguments[:1] if arguments[:1] and arguments[0] in COMMANDS else []
    try:
        args = build_parser(chosen).parse_args(arguments)
    except _BadArguments as exc:
        print(f"{exc.prog}: error: {exc}", file=sys.stderr)
        if chosen:
            _refused_in_every_format(chosen[0], arguments[1:], str(exc))
        raise SystemExit(ExitCode.USAGE) from None
    try:
        module = importlib.import_module(f"conformance.commands.{args.command}")
        code: int = module.run(args)
    except TargetUnreachable as exc:
        return _failed(args, ExitCode.UNREACHABLE, "unreachable", str(exc))
    except (ContractError, SpecLoadError) as exc:  # a usage error, or an input refused
        return _failed(args, ExitCode.USAGE, "error", str(exc))
    except KeyboardInterrupt:
        print("helicone-contract: interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
    except Exception as exc:  # noqa: BLE001  # a bug: one line and exit 4, never a traceback
        return _failed(args, ExitCode.INTERNAL, "internal error", _where(exc))
    return code


def console_main() -> None:
    """The ``helicone-contract`` command: ``main``'s exit code as the process's."""
    arguments = sys.argv[1:]
    ends_at_once = arguments[:1] and arguments[0] in ENDS_AT_ONCE
    if ends_at_once:  # nothing will be freed: the cycle collector would only rescan
        gc.disable()
        _Kept.active = True
    code = main(arguments)
    if ends_at_once:
        _end_now(code)
    sys.exit(code)


def _end_now(code: int) -> None:
    """End the process at once, after flushing stdout and stderr; when either cannot be
    flushed (a closed pipe), return, and the interpreter's own exit reports it as usual."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code)


def _failed(args: argparse.Namespace, code: ExitCode, label: str, message: str) -> int:
    print(f"helicone-contract: {label}: {message}", file=sys.stderr)
    if getattr(args, "format", None) == "json":
        from conformance.reporting.json_report import error_document

        sys.stdout.write(error_document(args.command, code, f"{label}: {message}"))
    return code


def _refused_in_every_format(command: str, arguments: Sequence[str], message: str) -> None:
    """Arguments argparse refused still get their reason in every format they ask for: the
    output options are read on their own, leniently, and a report file is written only where
    it cannot replace one of the inputs."""
    from conformance.errors import UsageError
    from conformance.reporting.output import add_output_arguments, check_report_paths, emit_failure

    lenient = _Parser(add_help=False)
    add_output_arguments(lenient, markdown=True)
    try:
        output, rest = lenient.parse_known_args(arguments)
    except _BadArguments:  # the output options themselves are wrong: stderr says why
        return
    if output.format == "json":  # stdout still holds one JSON document
        from conformance.reporting.json_report import error_document

        sys.stdout.write(error_document(command, ExitCode.USAGE, f"error: {message}"))
        return
    try:
        check_report_paths(output, [a for a in rest if not a.startswith("-")])
    except (ContractError, SpecLoadError):
        output.junit_xml = output.sarif = output.markdown = None
    emit_failure(command, output, UsageError(message))  # type: ignore[arg-type]


def _where(exc: BaseException) -> str:
    """The exception's type and the innermost place it was raised in this tool, without its
    message: a message can quote input or headers, and secrets never reach any output."""
    import traceback  # only for a bug: a run that goes well never loads it

    frames = traceback.extract_tb(exc.__traceback__)
    ours = [frame for frame in frames if "/conformance/" in frame.filename.replace("\\", "/")]
    frame = (ours or frames)[-1] if frames else None
    place = ""
    if frame is not None:
        path = frame.filename.replace("\\", "/")
        short = path[path.rfind("/conformance/") + 1 :] if "/conformance/" in path else path
        place = f" at {short}:{frame.lineno}"
    return f"{type(exc).__name__}{place} (a bug in helicone-contract; please report it)"


if __name__ == "__main__":
    console_main()

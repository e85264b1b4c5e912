"""The output options of every command, and the one step that writes a report.

``add_output_arguments`` defines ``--format``, ``--junit-xml``, ``--sarif`` and ``--strict``
once; ``check_report_paths`` refuses unusable report paths before any work is done; ``emit``
renders everything first (so a failure leaves no half output), writes the report files
atomically, then prints the chosen format on stdout: one complete document.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import importlib
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, TextIO

from conformance.catalog import Command
from conformance.errors import InputError, UsageError
from conformance.exit_codes import ExitCode, exit_code_of
from conformance.reporting.model import Report
from conformance.reporting.text import render_text, use_colour
from conformance.reporting.wording import summary

if TYPE_CHECKING:
    from pathlib import Path

FORMATS = ("text", "json", "github")
MARKDOWN = "markdown"
"""For a pull-request comment or a job summary; offered by ``diff``, ``validate``,
``conformance`` (as ``--format markdown`` and as a file, ``--markdown PATH``)."""
# Each reporter as (module of conformance.reporting, function), imported when a run asks for
# it: a run pays the start-up of its own formats only (XML, SARIF's catalog...).
_STDOUT: dict[str, tuple[str, str]] = {
    "json": ("json_report", "render_json"),
    "github": ("github", "render_github"),
    MARKDOWN: ("markdown", "render_markdown"),
}
_FILES: dict[str, tuple[str, tuple[str, str]]] = {
    "junit_xml": ("--junit-xml", ("junit", "render_junit")),
    "sarif": ("--sarif", ("sarif", "render_sarif")),
    "markdown": ("--markdown", ("markdown", "render_markdown")),
}
_FAILURES: dict[str, tuple[str, str]] = {
    "junit_xml": ("junit", "junit_failure"),
    "sarif": ("sarif", "sarif_failure"),
    "markdown": ("markdown", "markdown_failure"),
}


def _reporter(where: tuple[str, str]) -> Callable[..., str]:
    module, name = where
    function: Callable[..., str] = getattr(
        importlib.import_module(f"conformance.reporting.{module}"), name
    )
    return function


def add_output_arguments(parser: argparse.ArgumentParser, *, markdown: bool = False) -> None:
    """The output options; ``markdown`` offers ``--format markdown`` too."""
    choices = (*FORMATS, MARKDOWN) if markdown else FORMATS
    parser.add_argument(
        "--format",
        choices=choices,
        default="text",
        help="report on stdout: text (colour on a terminal), json, github (annotations)"
        + (", or markdown (a pull-request comment)" if markdown else ""),
    )
    parser.add_argument("--junit-xml", metavar="PATH", help="also write a JUnit XML report")
    parser.add_argument("--sarif", metavar="PATH", help="also write a SARIF 2.1.0 report")
    if markdown:
        parser.add_argument("--markdown", metavar="PATH", help="also write a Markdown report")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="warnings fail the run too (exit 1), and are shown as failures in every format",
    )


def check_report_paths(args: argparse.Namespace, inputs: Iterable[str] = ()) -> None:
    """Fail before the work, not after it: a report path that cannot be written, or that is
    one of the inputs (writing it would destroy the input)."""
    given = {
        flag: getattr(args, name) for name, (flag, _) in _FILES.items() if getattr(args, name, None)
    }
    if not given:
        return
    from pathlib import Path  # only with a report file to write

    if len({Path(path).resolve() for path in given.values()}) < len(given):
        raise UsageError(f"{' and '.join(given)} name the same file; choose two paths")
    sources = {Path(source).resolve() for source in inputs if source != "-"}
    for flag, report in given.items():
        path = Path(report)
        if path.resolve() in sources:
            raise UsageError(f"{flag} {report}: that is an input file; choose another path")
        if path.is_dir():
            raise UsageError(f"{flag} {report}: is a directory")
        if not path.resolve().parent.is_dir():
            raise UsageError(f"{flag} {report}: directory {path.parent} does not exist")


def emit(
    report: Report, args: argparse.Namespace, code: ExitCode, stdout: TextIO | None = None
) -> None:
    """Print the report in the chosen format, and write the report files asked for."""
    out = sys.stdout if stdout is None else stdout
    if getattr(args, "strict", False) and not report.strict:
        report = dataclasses.replace(report, strict=True)  # the same --strict in every format
    if args.format in _STDOUT:
        rendered = _reporter(_STDOUT[args.format])(report, code)
    else:
        rendered = render_text(report, code, colour=use_colour(out))
    files = [
        (getattr(args, name), _reporter(render)(report, code))
        for name, (_, render) in _FILES.items()
        if getattr(args, name, None)
    ]
    for path, content in files:
        write_atomically(path, content)
    out.write(rendered)
    out.flush()
    if args.format == "json":  # stdout is for machines; a person watching still sees the verdict
        print(summary(report, code), file=sys.stderr)


def emit_failure(command: Command, args: argparse.Namespace, error: Exception) -> None:
    """A run that could not happen still says why in every format asked for: a GitHub
    ``::error``, a JUnit file with one error test case, a SARIF file whose invocation failed,
    a Markdown comment with the exit and its reason.
    (The one stderr line, and JSON's ``ok: false`` with ``error``, are the CLI's.) A failure
    inside the tool is named by its type only: its message may quote input or headers."""
    code = exit_code_of(error)
    if code == ExitCode.INTERNAL:
        reason = f"internal error: {type(error).__name__} (a bug in helicone-contract)"
    else:
        label = "unreachable" if code == ExitCode.UNREACHABLE else "error"
        reason = f"{label}: {error}"
    for name, (_, _render) in _FILES.items():
        path = getattr(args, name, None)
        if path:
            with contextlib.suppress(InputError):  # an unusable path: stderr says why anyway
                write_atomically(path, _reporter(_FAILURES[name])(command, code, reason))
    asked = getattr(args, "format", None)
    if asked == "github":
        sys.stdout.write(_reporter(("github", "failure_annotation"))(code, reason))
    elif asked == MARKDOWN:
        sys.stdout.write(_reporter(("markdown", "markdown_failure"))(command, code, reason))
    sys.stdout.flush()


def write_atomically(path: str | Path, content: str) -> None:
    """Replace ``path`` whole or not at all: a reader (or a crash) never sees half a report."""
    import tempfile  # random, shutil...: only when a report file is written
    from pathlib import Path

    path = Path(path)

    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    try:
        os.fchmod(handle, 0o644)  # a report, not a secret: readable like any other output
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(content)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InputError(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise

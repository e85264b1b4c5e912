"""Output options shared by ``validate`` and ``lint``, and writing the chosen report."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from conformance.errors import InputError, UsageError
from conformance.reporting import Group, render_github, render_json, render_junit, render_text
from conformance.reporting.text import use_colour

FORMATS = ("text", "json", "github")


def add_output_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="report on stdout: text (colour on a terminal), json, or github (annotations)",
    )
    parser.add_argument("--junit-xml", metavar="PATH", help="also write a JUnit XML report")
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")


def emit(groups: Sequence[Group], args: argparse.Namespace, *, ok: bool) -> None:
    """Print the report in the chosen format, and write the JUnit file if asked."""
    if args.format == "json":
        sys.stdout.write(render_json(groups, ok=ok))
    elif args.format == "github":
        sys.stdout.write(render_github(groups))
    elif groups:
        sys.stdout.write(render_text(groups, colour=use_colour(sys.stdout)))
    if args.junit_xml:
        write_report(Path(args.junit_xml), render_junit(groups))


def refuse_overwriting_inputs(report: str | None, inputs: Iterable[str]) -> None:
    """A report path that is one of the inputs would destroy it: refuse before reading."""
    if report is None:
        return
    target = Path(report).resolve()
    for source in inputs:
        if source != "-" and Path(source).resolve() == target:
            raise UsageError(f"--junit-xml {report}: that is an input file; choose another path")


def write_report(path: Path, text: str) -> None:
    """Write atomically: a reader (or a crash) never sees half a report."""
    try:
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
        ) as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError as exc:
        raise InputError(f"{path}: cannot write the report: {exc.strerror or exc}") from None

"""The input options of every command that reads files, and the numbers every option takes.

``add_input_arguments`` defines ``--max-size`` once; its default is the reader's own limits
(``specload.DEFAULT_LIMITS``), so what ``--help`` says and what is refused cannot differ, and
``input_limits`` turns the option back into those limits. Every numeric option takes one of
the argparse types here, so "0", "-3" and "ten" are refused the same way, as a usage error,
before any work is done. ``collector_paused`` is the one place the cycle collector is paused
while large inputs are parsed and checked.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import math
from collections.abc import Iterator
from contextlib import contextmanager

import specload
from conformance.errors import UsageError

MIB = 1024 * 1024
_DOCUMENT_MIB = specload.DEFAULT_LIMITS.max_bytes // MIB
_PAYLOAD_MIB = specload.DEFAULT_LIMITS.max_payload_bytes // MIB


def _number(text: str, kind: type[int] | type[float]) -> int | float:
    try:
        value = kind(text)
    except ValueError:
        what = "an integer" if kind is int else "a number"
        raise argparse.ArgumentTypeError(f"expected {what}, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


def positive_int(text: str) -> int:
    value = int(_number(text, int))
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def non_negative_int(text: str) -> int:
    value = int(_number(text, int))
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative integer, got {text!r}")
    return value


def positive_float(text: str) -> float:
    value = float(_number(text, float))
    if value <= 0:
        raise argparse.ArgumentTypeError(f"expected a positive number, got {text!r}")
    return value


def non_negative_float(text: str) -> float:
    value = float(_number(text, float))
    if value < 0:
        raise argparse.ArgumentTypeError(f"expected a non-negative number, got {text!r}")
    return value


def port_number(text: str) -> int:
    value = non_negative_int(text)
    if value > 65535:
        raise argparse.ArgumentTypeError(f"not a port number (0-65535): {text!r}")
    return value


def add_input_arguments(
    parser: argparse.ArgumentParser, *, documents: bool = True, payloads: bool = True
) -> None:
    """``--max-size MIB``, worded for what the command reads (OpenAPI documents, JSON
    payloads or both); the default is the reader's own limit for each."""
    defaults = []
    if documents:
        defaults.append(f"{_DOCUMENT_MIB} for an OpenAPI document, files it refers to included")
    if payloads:
        defaults.append(f"{_PAYLOAD_MIB} for a JSON payload")
    parser.add_argument(
        "--max-size",
        type=positive_int,
        default=None,
        metavar="MIB",
        help=f"refuse inputs larger than this many MiB (default: {'; '.join(defaults)})",
    )


def input_limits(args: argparse.Namespace) -> specload.Limits:
    """The reader's limits, with ``--max-size`` (when given) for documents and payloads."""
    return size_limits(None if args.max_size is None else args.max_size * MIB)


def size_limits(max_bytes: int | None) -> specload.Limits:
    """The reader's limits, with ``max_bytes`` (when given) for documents and payloads alike."""
    if max_bytes is None:
        return specload.DEFAULT_LIMITS
    if max_bytes <= 0:
        raise UsageError("the largest input size must be a positive number of bytes")
    return dataclasses.replace(
        specload.DEFAULT_LIMITS, max_bytes=max_bytes, max_payload_bytes=max_bytes
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cycle collector off while the block runs. A parsed document is a large acyclic
    tree: the collector would only scan it again and again while it is built (half the parse
    time of a 21 MB file). A command's run is short and makes no cycles worth collecting."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

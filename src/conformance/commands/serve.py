"""`helicone-contract serve`: not implemented yet."""

from __future__ import annotations

import argparse

from conformance.errors import UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    del parser


def run(args: argparse.Namespace) -> int:
    del args
    raise UsageError("serve is not implemented yet")

"""Orchestration of ``validate`` and ``lint``: read inputs, run checks, locate findings.

Nothing here prints or chooses an exit code; the commands do. ``run_validate`` is
``validate`` as a Python function: ``run_validate(ValidateOptions(paths=["registry.json"]))``
returns the ``Report`` the command prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import specload

if TYPE_CHECKING:
    from conformance.reporting import Report
    from conformance.validation.files import Payload

__all__ = ["ValidateOptions", "run_validate"]


@dataclass(frozen=True, slots=True)
class ValidateOptions:
    """What ``validate`` is asked to do; the defaults are the command's."""

    paths: Sequence[str]
    """JSON files to check; ``-`` is stdin (at most once)."""
    kind: str | None = None
    """What every file is (a key of ``generated.schemas.DOCUMENT_KINDS``); None: detected."""
    max_bytes: int = specload.DEFAULT_LIMITS.max_payload_bytes
    """Inputs larger than this are refused (read no further)."""
    strict: bool = False
    """Warnings fail the run too: the exit code, and the report's ``ok`` and ``strict``."""


def run_validate(
    options: ValidateOptions,
    unusable: Callable[[specload.SpecLoadError], None] | None = None,
) -> Report:
    """Check every input of ``options``. An input that cannot be used raises its
    ``SpecLoadError``, or, when ``unusable`` is given, is passed to it and the others are
    still checked."""
    from conformance.reporting import Report

    groups = [payload.group for payload in checked_inputs(options, unusable)]
    return Report("validate", groups, strict=options.strict)


def checked_inputs(
    options: ValidateOptions,
    unusable: Callable[[specload.SpecLoadError], None] | None = None,
) -> Iterator[Payload]:
    """``run_validate``'s inputs one by one, each read and checked when asked for (one
    document in memory at a time), before any is built into a report."""
    from conformance.errors import UsageError
    from conformance.validation.files import read_payload

    if isinstance(options.paths, str):  # a str is a Sequence[str] too: one path per letter
        raise UsageError(f"paths is a list of paths, not one str: [{options.paths!r}]?")
    if list(options.paths).count("-") > 1:
        raise UsageError("stdin (-) can be read only once")
    for path in options.paths:
        try:
            payload = read_payload(path, options.kind, options.max_bytes)
        except specload.SpecLoadError as exc:
            if unusable is None:
                raise
            unusable(exc)
        else:
            yield payload

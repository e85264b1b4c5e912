"""The exception tree of helicone-contract.

Every error a user can cause ends as one line on stderr and a documented exit code; nothing
below ever reaches the user as a traceback.

    ContractError                    base of everything we raise on purpose
    ├── UsageError                   bad flags or arguments (exit 2)
    ├── InputError                   a file or payload we cannot use (exit 2)
    └── TargetUnreachable            no check could run against a URL (exit 3)

    specload.SpecLoadError           an input the reader refused (exit 2): unreadable, too
    ├── InputError                   large, not a regular file, malformed JSON or YAML...
    └── MalformedJSON                not RFC 8259 JSON; carries line and column

An input that cannot be used is always a ``SpecLoadError``, whether the reader or a check
of the tool refused it: that one class is what the commands catch.
"""

from __future__ import annotations

from specload import MalformedJSON, SpecLoadError

__all__ = [
    "ContractError",
    "InputError",
    "MalformedJSON",
    "SpecLoadError",
    "TargetUnreachable",
    "UsageError",
]


class ContractError(Exception):
    """Base class: ``str(error)`` is the one line shown to the user."""


class UsageError(ContractError):
    pass


class InputError(ContractError, SpecLoadError):
    """An input the tool's own checks refuse; ``str(error)`` is the whole line."""

    def __init__(self, line: str) -> None:
        Exception.__init__(self, line)
        self.name = ""
        self.message = line
        self.line = None
        self.column = None


class TargetUnreachable(ContractError):
    pass

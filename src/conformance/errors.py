"""The exception tree of helicone-contract.

Every error a user can cause ends as one line on stderr and a documented exit code; nothing
below ever reaches the user as a traceback.

    ContractError                    base of everything we raise on purpose
    ├── UsageError                   bad flags or arguments (exit 2)
    ├── InputError                   a file or payload we cannot use (exit 2)
    │   └── MalformedJSON            not RFC 8259 JSON; carries line and column
    └── TargetUnreachable            no check could run against a URL (exit 3)
"""

from __future__ import annotations


class ContractError(Exception):
    """Base class: ``str(error)`` is the one line shown to the user."""


class UsageError(ContractError):
    pass


class InputError(ContractError):
    pass


class MalformedJSON(InputError):
    def __init__(self, source: str, reason: str, line: int | None, column: int | None) -> None:
        where = f":{line}:{column}" if line is not None and column is not None else ""
        super().__init__(f"{source}{where}: not valid JSON: {reason}")
        self.source = source
        self.reason = reason
        self.line = line
        self.column = column


class TargetUnreachable(ContractError):
    pass

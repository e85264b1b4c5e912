"""Exit codes, decided in one place and never anywhere else.

0  nothing failed (warnings allowed, unless --strict)
1  failing findings: an error (or a breaking change), or with --strict a warning
2  usage error, or an input that could not be used
3  a target was unreachable before any check could run (conformance)
4  the tool itself failed (a bug): one line on stderr, never a traceback
130  interrupted (Ctrl-C), as shells report a process ended by SIGINT
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import IntEnum

from conformance.findings import Finding


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    USAGE = 2
    UNREACHABLE = 3
    INTERNAL = 4
    INTERRUPTED = 130


_MEANINGS: dict[int, str] = {
    ExitCode.OK: "no failing finding",
    ExitCode.FINDINGS: "failing findings",
    ExitCode.USAGE: "usage error or unusable input",
    ExitCode.UNREACHABLE: "a target was unreachable",
    ExitCode.INTERNAL: "internal error",
    ExitCode.INTERRUPTED: "interrupted",
}


def exit_code_for(
    findings: Iterable[Finding], *, strict: bool = False, unusable: bool = False
) -> ExitCode:
    """2 when an input could not be used (``unusable``: the others were still checked and
    reported), else 1 when a finding fails the run: one that always fails, or with ``strict``
    a warning.

    ``--strict`` means the same everywhere: warnings fail the run, and every format shows the
    ones that do as failures.
    """
    if unusable:
        return ExitCode.USAGE
    failing = any(finding.fails_run(strict=strict) for finding in findings)
    return ExitCode.FINDINGS if failing else ExitCode.OK


def exit_code_of(error: BaseException) -> ExitCode:
    """The exit code of a run that ended in ``error``: 3 unreachable, 2 any other error we
    raise on purpose or an input the reader refused, 4 anything else (a bug)."""
    from conformance.errors import ContractError, SpecLoadError, TargetUnreachable

    if isinstance(error, TargetUnreachable):
        return ExitCode.UNREACHABLE
    if isinstance(error, ContractError | SpecLoadError):
        return ExitCode.USAGE
    return ExitCode.INTERNAL


def describe_exit(code: int) -> str:
    """``exit 1: failing findings``: how reports end, so the last line says the verdict."""
    meaning = _MEANINGS.get(code)
    return f"exit {code}: {meaning}" if meaning else f"exit {code}"


def epilog() -> str:
    """The exit codes as ``--help`` lists them."""
    return "exit codes: " + ", ".join(f"{code} {text}" for code, text in _MEANINGS.items())

"""Validated settings of one conformance run, built from the command line (no I/O here)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from conformance.errors import UsageError
from conformance.harness.targets import Target

DEFAULT_MAX_EXAMPLES = 20
DEFAULT_TIMEOUT = 10.0
# Requests per second sent to a target that is not on this machine, unless --rate-limit says
# otherwise: a CI job should not look like an attack on a production API.
POLITE_RATE_LIMIT = 5.0

_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110 field-name
# Headers the harness itself must control for its checks to mean anything.
_RESERVED = {"host", "content-length", "transfer-encoding", "connection", "accept-encoding"}


@dataclass(frozen=True, slots=True)
class HarnessOptions:
    targets: tuple[Target, ...]
    seed: int
    max_examples: int = DEFAULT_MAX_EXAMPLES
    timeout: float = DEFAULT_TIMEOUT
    rate_limit: float | None = None  # requests per second per target; None = explicit default
    headers: tuple[tuple[str, str], ...] = ()

    def rate_for(self, target: Target) -> float:
        """Requests per second for ``target``; 0 means unlimited."""
        if self.rate_limit is not None:
            return self.rate_limit
        return 0.0 if target.is_loopback else POLITE_RATE_LIMIT

    @property
    def secret_values(self) -> tuple[str, ...]:
        return tuple(value for _, value in self.headers)


def parse_headers(raw: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """``["Authorization: Bearer x"]`` -> ``(("Authorization", "Bearer x"),)``.

    Error messages name the header but never show its value.
    """
    parsed: list[tuple[str, str]] = []
    for index, item in enumerate(raw, start=1):
        name, sep, value = item.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not _TOKEN.match(name):
            # Without a colon the whole argument may be the token itself: show neither part.
            raise UsageError(f"--header (number {index}): expected 'Name: value'")
        if any(char in value for char in "\r\n\0"):
            raise UsageError(f"--header {name}: the value contains a line break or NUL")
        if not value.isascii():
            raise UsageError(f"--header {name}: the value must be ASCII (RFC 9110 field value)")
        if name.lower() in _RESERVED:
            raise UsageError(f"--header {name}: set by the harness itself, cannot be overridden")
        parsed.append((name, value))
    return tuple(parsed)


def new_seed() -> int:
    return secrets.randbelow(2**32)

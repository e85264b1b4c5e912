"""Secrets never leave the process: every finding and message goes through a Redactor.

What counts as secret: every value given with a header option (and its pieces and encodings,
since a server may echo only the token, JSON-escaped or URL-encoded), plus anything shaped like
a credential: ``Bearer``/``Basic`` tokens, ``sk-...``-style keys, ``api_key=...`` pairs and the
userinfo of URLs. The literal values are never handed to schemathesis at all (the harness adds
the headers at send time), so its objects cannot leak them either.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

from conformance.findings import Finding, Location

MASK = "[REDACTED]"
# Shorter literals are masked in headers and reproductions, not searched for in free text:
# masking every "1" in a report would destroy it and protect nothing.
_MIN_LITERAL = 4

# Each pattern keeps its first group(s) (the label) and masks the rest.
_LABELLED = (
    re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{6,}"),
    re.compile(r"\b(Basic\s+)(?![a-z]+\b)[A-Za-z0-9+/]{8,}={0,2}"),
    re.compile(
        r"(?i)\b((?:x-)?(?:api[-_]?key|access[-_]?token|auth[-_]?token|token|client[-_]?secret"
        r"|secret|password|passwd|authorization)[\"']?\s*[:=]\s*[\"']?)"
        # A shell variable in a reproduction ($GATEWAY_AUTHORIZATION) names a secret, holds none.
        r"(?!(?-i:\$[A-Z][A-Z0-9_]*)(?![A-Za-z0-9_]))[^\s\"'&,;]{4,}"
    ),
    re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://)[^/\s:@]+(?::[^/\s@]*)?(?=@)"),
)
_WHOLE = (
    re.compile(r"\b(?:sk|pk|rk|api|key)[-_][A-Za-z0-9_-]{12,}"),
    re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"),  # JWT
    re.compile(r"\b[A-Fa-f0-9]{32,}\b"),
)


class Redactor:
    def __init__(self, secrets: Iterable[str] = ()) -> None:
        literals: set[str] = set()
        for secret in secrets:
            for piece in (secret, *secret.split()):
                if len(piece) < _MIN_LITERAL:
                    continue
                literals.update({piece, json.dumps(piece)[1:-1], quote(piece), quote_plus(piece)})
        # Longest first, so a whole value is masked before any of its pieces.
        self._literals = sorted(literals, key=len, reverse=True)

    def text(self, value: str) -> str:
        for literal in self._literals:
            value = value.replace(literal, MASK)
        for pattern in _LABELLED:
            value = pattern.sub(lambda match: match[1] + MASK, value)
        for pattern in _WHOLE:
            value = pattern.sub(MASK, value)
        return value

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def location(self, location: Location | None) -> Location | None:
        """A server may echo a secret into a key: keys are masked like any text."""
        if location is None:
            return None
        return tuple(self.text(step) if isinstance(step, str) else step for step in location)

    def finding(self, finding: Finding) -> Finding:
        return dataclasses.replace(
            finding,
            message=self.text(finding.message),
            location=self.location(finding.location),
            pointer=self.location(finding.pointer),
            reproduce=self.optional(finding.reproduce),
        )

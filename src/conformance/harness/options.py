"""What one conformance run tests, and how: validated settings built from the command line.

Each API has its own base URL (they live on different hosts) and its own headers: ``--header``
goes to both, ``--gateway-header`` / ``--registry-header`` only to their own target, so a key
for one host never reaches the other. Nothing here does I/O; every refusal is a UsageError
that never echoes what may be a credential.
"""

from __future__ import annotations

import argparse
import ipaddress
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit

from conformance.errors import UsageError

TargetName = Literal["gateway", "registry"]
TARGET_NAMES: tuple[TargetName, ...] = ("gateway", "registry")
API_NAMES: dict[str, str] = {
    "gateway": "AI Gateway API",
    "registry": "model registry API",
    "cross": "cross-API",
}
"""Each target (and the pair of them) in words, as reports name it."""
DOCUMENT_FOR: dict[TargetName, str] = {
    "gateway": "ai-gateway.openapi.yaml",
    "registry": "model-registry.openapi.yaml",
}
"""The file (a key of ``generated._documents.DOCUMENTS``) that describes each API."""

DEFAULT_MAX_EXAMPLES = 20
MAX_EXAMPLES_LIMIT = 10_000
DEFAULT_TIMEOUT = 10.0
POLITE_RATE_LIMIT = 5.0
"""Requests per second sent to a host that is not this machine, unless --rate-limit says
otherwise: a CI job should not look like an attack on a production API."""

Headers = tuple[tuple[str, str], ...]
_TOKEN = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")  # RFC 9110 field-name
# Headers the harness itself must control for its checks to mean anything.
_RESERVED = {"host", "content-length", "transfer-encoding", "connection", "accept-encoding"}


@dataclass(frozen=True, slots=True)
class Target:
    name: TargetName
    base_url: str
    """scheme://host[:port][/prefix], never with a trailing slash."""
    headers: Headers = ()
    """Sent with every request to this target (and only to it)."""

    @property
    def document(self) -> str:
        return DOCUMENT_FOR[self.name]

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(urlsplit(self.base_url).hostname or "")

    @property
    def host(self) -> str:
        return urlsplit(self.base_url).netloc

    def url_for(self, path: str) -> str:
        """``https://api.helicone.ai`` + ``/v1/x`` -> ``https://api.helicone.ai/v1/x``."""
        return self.base_url + "/" + path.lstrip("/")


@dataclass(frozen=True, slots=True)
class HarnessOptions:
    targets: tuple[Target, ...]
    seed: int
    max_examples: int = DEFAULT_MAX_EXAMPLES
    timeout: float = DEFAULT_TIMEOUT
    rate_limit: float | None = None
    """Requests per second per host; None means the default for the host."""

    def rate_for(self, target: Target) -> float:
        """Requests per second for ``target``; 0 means unlimited."""
        if self.rate_limit is not None:
            return self.rate_limit
        return 0.0 if target.is_loopback else POLITE_RATE_LIMIT

    @property
    def secret_values(self) -> tuple[str, ...]:
        """Every header value given on the command line: none may appear in any output."""
        return tuple(dict.fromkeys(value for t in self.targets for _, value in t.headers))


@dataclass(frozen=True, slots=True)
class RunSettings:
    """What the command line asked for, before any server exists: URLs may be absent (then
    the embedded reference server is started and tested)."""

    urls: dict[TargetName, str]
    headers: dict[TargetName, Headers]
    seed: int
    max_examples: int
    timeout: float
    rate_limit: float | None

    def targets_at(self, urls: dict[TargetName, str]) -> tuple[Target, ...]:
        return tuple(Target(name, urls[name], self.headers[name]) for name in urls)


def from_arguments(args: argparse.Namespace) -> RunSettings:
    """The run the parsed command line describes, or a UsageError."""
    common = parse_headers(args.header, "--header")
    headers: dict[TargetName, Headers] = {
        name: common + parse_headers(getattr(args, f"{name}_header"), f"--{name}-header")
        for name in TARGET_NAMES
    }
    urls: dict[TargetName, str] = {}
    for name in TARGET_NAMES:
        raw = getattr(args, f"{name}_url")
        if raw is not None:
            urls[name] = parse_base_url(raw, f"--{name}-url")
    if args.max_examples is not None and args.max_examples > MAX_EXAMPLES_LIMIT:
        raise UsageError(f"--max-examples: at most {MAX_EXAMPLES_LIMIT}")
    return RunSettings(
        urls=urls,
        headers=headers,
        seed=args.seed if args.seed is not None else secrets.randbelow(2**32),
        max_examples=args.max_examples or DEFAULT_MAX_EXAMPLES,
        timeout=args.timeout or DEFAULT_TIMEOUT,
        rate_limit=args.rate_limit,
    )


def parse_headers(raw: Sequence[str], flag: str) -> Headers:
    """``["Authorization: Bearer x"]`` -> ``(("Authorization", "Bearer x"),)``.

    Error messages name the header but never show its value.
    """
    parsed: list[tuple[str, str]] = []
    for index, item in enumerate(raw, start=1):
        name, sep, value = item.partition(":")
        name, value = name.strip(), value.strip()
        if not sep or not _TOKEN.match(name):
            # Without a colon the whole argument may be the token itself: show neither part.
            raise UsageError(f"{flag} (number {index}): expected 'Name: value'")
        if any(char in value for char in "\r\n\0"):
            raise UsageError(f"{flag} {name}: the value contains a line break or NUL")
        if not value.isascii():
            raise UsageError(f"{flag} {name}: the value must be ASCII (RFC 9110 field value)")
        if name.lower() in _RESERVED:
            raise UsageError(f"{flag} {name}: set by the harness itself, cannot be overridden")
        parsed.append((name, value))
    return tuple(parsed)


def parse_base_url(raw: str, flag: str) -> str:
    """A usable base URL, or a UsageError that never echoes what may be a credential."""
    text = raw.strip()
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        raise UsageError(f"{flag}: not a valid URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{flag}: expected an http:// or https:// URL with a host")
    if parts.username is not None or parts.password is not None:
        # Credentials in a URL end up in logs and reproductions; headers can be redacted.
        raise UsageError(f"{flag}: credentials in the URL are not accepted; use a header option")
    if parts.query or parts.fragment:
        raise UsageError(f"{flag}: a base URL takes no query string or fragment")
    try:
        host = parts.hostname.encode("idna").decode("ascii")  # bücher.example -> xn--bcher-kva...
    except UnicodeError:
        raise UsageError(f"{flag}: not a valid host name") from None
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    path = quote(parts.path.rstrip("/"), safe="/%:@!$&'()*+,;=-._~")
    return f"{parts.scheme}://{netloc}{path}"


def is_loopback_host(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.") or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False

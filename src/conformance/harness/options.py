"""What one conformance run tests, and how: ``ConformanceOptions``, validated into ``Settings``.

Each API has its own base URL (they live on different hosts) and its own headers: ``--header``
goes to both, ``--gateway-header`` / ``--registry-header`` only to their own target, so a key
for one host never reaches the other. Nothing here does I/O; every refusal is a UsageError
that never echoes what may be a credential.
"""

from __future__ import annotations

import ipaddress
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit

from conformance.errors import UsageError
from conformance.harness.selection import Selection

ApiName = Literal["gateway", "registry"]
API_NAMES: dict[str, str] = {
    "gateway": "AI Gateway API",
    "registry": "model registry API",
    "cross": "cross-API",
}
"""Each target (and the pair of them) in words, as reports name it."""
DOCUMENT_FOR: dict[ApiName, str] = {
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
    name: ApiName
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
class ConformanceOptions:
    """What to test and how: the one value ``run_conformance`` takes (the CLI builds it from its
    flags). Without either URL the embedded reference server is started and both APIs tested.

    Headers are ``"Name: value"`` strings, as on the command line; their values never appear in
    any output. ``checks`` and ``exclude_checks`` name check families or check ids.
    """

    gateway_url: str | None = None
    registry_url: str | None = None
    headers: tuple[str, ...] = ()
    """Sent to both targets."""
    gateway_headers: tuple[str, ...] = ()
    registry_headers: tuple[str, ...] = ()
    seed: int | None = None
    """None: a random seed (the report says which)."""
    max_examples: int = DEFAULT_MAX_EXAMPLES
    timeout: float = DEFAULT_TIMEOUT
    rate_limit: float | None = None
    """Requests per second per host; None: unlimited on loopback, else ``POLITE_RATE_LIMIT``."""
    strict: bool = False
    """Warnings fail the run too, and are shown as failures in every format."""
    checks: tuple[str, ...] = ()
    """Run only these families or check ids (empty: all)."""
    exclude_checks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Settings:
    """``ConformanceOptions`` validated, before any server exists: URLs may be absent (then the
    embedded reference server is started and tested)."""

    urls: dict[ApiName, str]
    headers: dict[ApiName, Headers]
    seed: int
    max_examples: int
    timeout: float
    rate_limit: float | None
    strict: bool
    selection: Selection

    def targets_at(self, urls: dict[ApiName, str]) -> tuple[Target, ...]:
        return tuple(Target(name, urls[name], self.headers[name]) for name in urls)

    def rate_for(self, target: Target) -> float:
        """Requests per second for ``target``; 0 means unlimited."""
        if self.rate_limit is not None:
            return self.rate_limit
        return 0.0 if target.is_loopback else POLITE_RATE_LIMIT

    @property
    def secret_values(self) -> tuple[str, ...]:
        """Every header value given: none may appear in any output."""
        values = (value for headers in self.headers.values() for _, value in headers)
        return tuple(dict.fromkeys(values))

    @property
    def has_auth(self) -> bool:
        """Any header was given: a 4xx answer may mean a wrong or misplaced key."""
        return any(self.headers.values())


def resolve(options: ConformanceOptions) -> Settings:
    """The run ``options`` describe, validated (no I/O), or a UsageError."""
    common = parse_headers(options.headers, "--header")
    headers: dict[ApiName, Headers] = {
        "gateway": common + parse_headers(options.gateway_headers, "--gateway-header"),
        "registry": common + parse_headers(options.registry_headers, "--registry-header"),
    }
    urls: dict[ApiName, str] = {}
    given: tuple[tuple[ApiName, str | None], ...] = (
        ("gateway", options.gateway_url),
        ("registry", options.registry_url),
    )
    for name, raw in given:
        if raw is not None:
            urls[name] = parse_base_url(raw, f"--{name}-url")
    if options.max_examples > MAX_EXAMPLES_LIMIT:
        raise UsageError(f"--max-examples: at most {MAX_EXAMPLES_LIMIT}")
    if options.max_examples < 1:
        raise UsageError("--max-examples: at least 1")
    if not options.timeout > 0:
        raise UsageError("--timeout: expected a positive number of seconds")
    if options.rate_limit is not None and not options.rate_limit >= 0:
        raise UsageError("--rate-limit: expected a non-negative number")
    if options.seed is not None and options.seed < 0:
        raise UsageError("--seed: expected a non-negative integer")
    return Settings(
        urls=urls,
        headers=headers,
        seed=options.seed if options.seed is not None else secrets.randbelow(2**32),
        max_examples=options.max_examples,
        timeout=options.timeout,
        rate_limit=options.rate_limit,
        strict=options.strict,
        selection=Selection.of(options.checks, options.exclude_checks),
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

"""Which API lives at which base URL, and how a base URL is joined with an operation path."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urlsplit

from conformance.errors import UsageError

TargetName = Literal["gateway", "registry"]

# The file (a key of generated._documents.DOCUMENTS) that describes each API.
DOCUMENT_FOR: dict[TargetName, str] = {
    "gateway": "ai-gateway.openapi.yaml",
    "registry": "model-registry.openapi.yaml",
}


@dataclass(frozen=True, slots=True)
class Target:
    name: TargetName
    base_url: str  # scheme://host[:port][/prefix], never with a trailing slash

    @property
    def document(self) -> str:
        return DOCUMENT_FOR[self.name]

    @property
    def is_loopback(self) -> bool:
        return is_loopback_host(urlsplit(self.base_url).hostname or "")

    def url_for(self, path: str) -> str:
        """``https://api.helicone.ai/`` + ``/v1/x`` -> ``https://api.helicone.ai/v1/x``."""
        return self.base_url + "/" + path.lstrip("/")


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
        raise UsageError(f"{flag}: credentials in the URL are not accepted; use --header")
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

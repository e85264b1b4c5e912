"""A small HTTP/1.1 client whose every request ends within its deadline, whatever the server does.

``requests`` (what schemathesis sends with) applies its timeout to each socket read, so a server
that dribbles one byte per second never times out. Here a watchdog shuts the socket down at the
deadline, which unblocks any read: a request costs at most ``timeout`` seconds, full stop.
Connections are kept alive per host (loopback runs are dominated by connection set-up otherwise);
a kept-alive connection the server closed meanwhile is retried once on a fresh one, as any client
does, and only then is a failure a failure.
"""

from __future__ import annotations

import http.client
import ssl
import threading
import time
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

from conformance.harness.plan import PlannedRequest
from conformance.harness.sockets import abort_at_deadline, connect_within, describe

FailureKind = Literal["timeout", "connect", "connection"]
MAX_BODY = 64 * 1024 * 1024
ACCEPT = "application/json"


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    elapsed: float

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((value for key, value in self.headers if key.lower() == wanted), None)


class TransportFailure(Exception):
    """No complete answer. ``kind``: connect (never connected), timeout, connection (lost)."""

    def __init__(self, kind: FailureKind, detail: str, *, connected: bool) -> None:
        super().__init__(detail)
        self.kind: FailureKind = kind
        self.detail = detail
        self.connected = connected


class HttpClient:
    def __init__(self, timeout: float, extra_headers: tuple[tuple[str, str], ...] = ()) -> None:
        self.timeout = timeout
        self.extra_headers = extra_headers
        self._connections: dict[str, http.client.HTTPConnection] = {}

    def send(self, request: PlannedRequest) -> Answer:
        parts = urlsplit(request.url)
        key = f"{parts.scheme}://{parts.netloc}"
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {
            "Host": parts.netloc,
            "Accept": ACCEPT,
            "Accept-Encoding": "identity",  # the checks judge the bytes as sent
            "User-Agent": "helicone-contract-conformance",
        }
        headers.update(request.headers)
        headers.update(self.extra_headers)
        deadline = time.monotonic() + self.timeout
        reused = key in self._connections
        try:
            return self._exchange(key, request, target, headers, deadline)
        except _StaleConnection:
            if not reused:
                raise TransportFailure(
                    "connection", "connection closed without an answer", connected=True
                ) from None
            return self._exchange(key, request, target, headers, deadline)

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()

    def _connection(self, key: str, deadline: float) -> http.client.HTTPConnection:
        connection = self._connections.get(key)
        if connection is not None:
            return connection
        parts = urlsplit(key)
        remaining = max(deadline - time.monotonic(), 0.001)
        if parts.scheme == "https":
            connection = http.client.HTTPSConnection(
                parts.netloc, timeout=remaining, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(parts.netloc, timeout=remaining)
        try:
            connect_within(connection, remaining)
        except TimeoutError:
            raise TransportFailure(
                "connect", f"no connection within {self.timeout:g}s", connected=False
            ) from None
        except (OSError, ssl.SSLError) as exc:
            raise TransportFailure("connect", describe(exc), connected=False) from None
        self._connections[key] = connection
        return connection

    def _exchange(
        self,
        key: str,
        request: PlannedRequest,
        target: str,
        headers: dict[str, str],
        deadline: float,
    ) -> Answer:
        started = time.monotonic()
        connection = self._connection(key, deadline)
        if connection.sock is not None:
            connection.sock.settimeout(self.timeout)
        expired = threading.Event()
        watchdog = threading.Timer(
            max(deadline - time.monotonic(), 0), abort_at_deadline, (connection, expired)
        )
        watchdog.daemon = True
        watchdog.start()
        response: http.client.HTTPResponse | None = None
        try:
            connection.request(request.method, target, body=request.body, headers=headers)
            response = connection.getresponse()
            body = response.read(MAX_BODY)
            if expired.is_set():  # the watchdog's shutdown can look like a normal end of body
                raise TimeoutError
            if response.length:  # Content-Length promised more than arrived
                raise http.client.IncompleteRead(body, response.length)
            if len(body) == MAX_BODY and response.read(1):
                raise _TooLarge
        except _TooLarge:
            self._drop(key)
            raise TransportFailure(
                "connection", f"answer larger than {MAX_BODY} bytes", connected=True
            ) from None
        except (OSError, http.client.HTTPException) as exc:
            self._drop(key)
            if expired.is_set():
                raise TransportFailure(
                    "timeout", f"no complete answer within {self.timeout:g}s", connected=True
                ) from None
            if response is None and isinstance(exc, _STALE):
                raise _StaleConnection from None
            raise TransportFailure("connection", describe(exc), connected=True) from None
        finally:
            watchdog.cancel()
            if response is not None:
                response.close()
        if response.will_close:
            self._drop(key)
        return Answer(
            response.status,
            response.reason,
            tuple(response.getheaders()),
            body,
            time.monotonic() - started,
        )

    def _drop(self, key: str) -> None:
        connection = self._connections.pop(key, None)
        if connection is not None:
            connection.close()


class _StaleConnection(Exception):
    """A kept-alive connection the server had closed: retried once on a fresh one."""


class _TooLarge(Exception):
    pass


_STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)

"""An HTTP/1.1 client whose every request ends within its deadline, whatever the server does.

``requests`` (what schemathesis sends with) applies its timeout to each socket read, so a
server that dribbles one byte per second never times out; here a watchdog shuts the socket down
at the deadline, which unblocks any read, and connecting runs in a thread so that a hanging name
lookup is bounded too: a request costs at most ``--timeout`` seconds, full stop. Connections are
kept alive per host; one the server closed meanwhile is retried once on a fresh connection, as
any client does.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import threading
import time
from urllib.parse import urlsplit

from conformance.harness.options import Headers
from conformance.harness.plan import PlannedRequest
from conformance.harness.records import ACCEPT, Answer, TransportFailure
from conformance.reporting import plural

MAX_BODY = 64 * 1024 * 1024
HEAD_BODY_WAIT = 0.5
"""Seconds to wait for a body after the headers of a HEAD answer (none should come)."""


class HttpClient:
    """HTTP/1.1 whose every request ends within ``timeout``, whatever the server does."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._connections: dict[str, http.client.HTTPConnection] = {}

    def send(self, request: PlannedRequest, extra_headers: Headers = ()) -> Answer:
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
        headers.update(extra_headers)
        if request.method == "HEAD":
            # On a connection of its own, closed after the answer: whatever body a server
            # wrongly sends can then be read, and cannot poison a kept-alive connection.
            self._drop(key)
            headers["Connection"] = "close"
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
            _connect_within(connection, remaining)
        except TimeoutError:
            raise TransportFailure(
                "connect", f"no connection within {self.timeout:g}s", connected=False
            ) from None
        except (OSError, ssl.SSLError) as exc:
            raise TransportFailure("connect", _describe(exc), connected=False) from None
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
        connection = self._connection(key, deadline)
        if connection.sock is not None:
            connection.sock.settimeout(self.timeout)
        expired = threading.Event()
        watchdog = threading.Timer(
            max(deadline - time.monotonic(), 0), _abort_at_deadline, (connection, expired)
        )
        watchdog.daemon = True
        watchdog.start()
        response: http.client.HTTPResponse | None = None
        try:
            connection.request(request.method, target, body=request.body, headers=headers)
            response = connection.getresponse()
            body = (
                response.read(MAX_BODY)
                if request.method != "HEAD"
                else _after_head(response, connection)
            )
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
            raise TransportFailure("connection", _describe(exc), connected=True) from None
        finally:
            watchdog.cancel()
            if response is not None:
                response.close()
        if response.will_close:
            self._drop(key)
        return Answer(response.status, response.reason, tuple(response.getheaders()), body)

    def _drop(self, key: str) -> None:
        connection = self._connections.pop(key, None)
        if connection is not None:
            connection.close()


def _after_head(
    response: http.client.HTTPResponse, connection: http.client.HTTPConnection
) -> bytes:
    """Bytes a server sent after the headers of a HEAD answer (there should be none).

    ``http.client`` never reads a body after HEAD; the connection is closed by request, so a
    correct server ends it at once, and bytes that are there come promptly. A server that
    keeps the connection open anyway is given a moment, never the whole deadline.
    """
    if response.fp is None:  # already closed: nothing came after the headers
        return b""
    if connection.sock is not None:
        connection.sock.settimeout(HEAD_BODY_WAIT)
    try:
        return response.fp.read1(MAX_BODY)
    except TimeoutError:
        return b""


class _StaleConnection(Exception):
    """A kept-alive connection the server had closed: retried once on a fresh one."""


class _TooLarge(Exception):
    pass


_STALE = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)


def _connect_within(connection: http.client.HTTPConnection, seconds: float) -> None:
    """``connection.connect()``, given up after ``seconds`` whatever blocks it.

    The socket timeout bounds the TCP connect and the TLS handshake, but not the name lookup
    (``getaddrinfo`` blocks as long as the resolver likes), so the attempt runs in a thread.
    """
    done = threading.Event()
    abandoned = threading.Event()
    errors: list[BaseException] = []

    def attempt() -> None:
        try:
            connection.connect()
        except BaseException as exc:  # noqa: BLE001 (handed to the waiting thread)
            errors.append(exc)
        finally:
            done.set()
            if abandoned.is_set():
                connection.close()

    threading.Thread(target=attempt, name="helicone-contract-connect", daemon=True).start()
    if not done.wait(seconds):
        abandoned.set()
        if done.is_set():  # finished in between: nobody else will close it
            connection.close()
        raise TimeoutError
    if errors:
        raise errors[0]


def _abort_at_deadline(connection: http.client.HTTPConnection, expired: threading.Event) -> None:
    expired.set()
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed: nothing left to unblock
            sock.shutdown(socket.SHUT_RDWR)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, socket.gaierror):
        return "host name not found"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failure ({exc.reason or 'handshake'})"
    if isinstance(exc, http.client.RemoteDisconnected):
        return "connection closed without an answer"
    if isinstance(exc, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(exc, http.client.IncompleteRead):
        return f"connection closed mid-body ({plural(len(exc.partial), 'byte')} received)"
    if isinstance(exc, http.client.HTTPException):
        return f"malformed HTTP response ({type(exc).__name__})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return type(exc).__name__

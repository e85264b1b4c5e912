"""Step 2, send: the plan goes out over HTTP with hard deadlines; what comes back is recorded.

No judgement here, only observations. ``requests`` (what schemathesis sends with) applies its
timeout to each socket read, so a server that dribbles one byte per second never times out;
here a watchdog shuts the socket down at the deadline, which unblocks any read, and connecting
runs in a thread so that a hanging name lookup is bounded too: a request costs at most
``--timeout`` seconds, full stop. Connections are kept alive per host; one the server closed
meanwhile is retried once on a fresh connection, as any client does.

Every target is first probed with its first planned request: if that cannot even connect, the
target is unreachable (exit 3) and nothing else is sent anywhere. After that a transport failure
is an observation like any other, and it ends that target's run: a dead or hanging server costs
one timeout, not one per planned request. Requests to one host are paced (``--rate-limit``).
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal, TextIO
from urllib.parse import urlsplit

from conformance.errors import TargetUnreachable
from conformance.harness.options import HarnessOptions, Headers, Target
from conformance.harness.plan import OperationPlan, PlannedRequest

FailureKind = Literal["timeout", "connect", "connection"]
MAX_BODY = 64 * 1024 * 1024
HEAD_BODY_WAIT = 0.5
"""Seconds to wait for a body after the headers of a HEAD answer (none should come)."""
ACCEPT = "application/json"


@dataclass(frozen=True, slots=True)
class ContentType:
    """A ``Content-Type`` header, parsed once: media type and charset lower-cased."""

    raw: str
    media_type: str
    charset: str | None

    @classmethod
    def parse(cls, raw: str | None) -> ContentType | None:
        if raw is None:
            return None
        media, _, parameters = raw.partition(";")
        charset = None
        for parameter in parameters.split(";"):
            name, _, value = parameter.partition("=")
            if name.strip().lower() == "charset":
                charset = value.strip().strip('"').lower()
        return cls(raw, media.strip().lower(), charset)

    @property
    def is_json(self) -> bool:
        return self.media_type == "application/json" or self.media_type.endswith("+json")


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    reason: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    content_type: ContentType | None = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "content_type", ContentType.parse(self.header("Content-Type")))

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


@dataclass(frozen=True, slots=True)
class Observation:
    plan: OperationPlan
    request: PlannedRequest
    answer: Answer | None = None
    failure: TransportFailure | None = None

    @property
    def label(self) -> str:
        """``POST /v1/models``: the method sent and the operation's path."""
        return f"{self.request.method} {self.plan.operation.path}"


@dataclass(slots=True)
class TargetRecord:
    target: Target
    observations: list[Observation] = field(default_factory=list)
    not_sent: int = 0
    """Planned requests left out after a transport failure."""

    @property
    def failure(self) -> Observation | None:
        return next((obs for obs in self.observations if obs.failure is not None), None)


Advance = Callable[[str], None]
"""Called before each request with what is being sent (the progress line)."""
PlannedRequestOf = tuple[OperationPlan, PlannedRequest]


def send_plans(
    plans: Sequence[OperationPlan], options: HarnessOptions, advance: Advance
) -> list[TargetRecord]:
    """Every planned request, sent: the probes first, then each target's plan in order."""
    by_target: dict[Target, list[PlannedRequestOf]] = {}
    for plan in plans:
        queue = by_target.setdefault(plan.target, [])
        queue += [(plan, request) for request in plan.all_requests]
    pacers = _pacers(options)
    client = HttpClient(options.timeout)
    records = {target: TargetRecord(target) for target in by_target}
    try:
        for target, queue in by_target.items():
            plan, request = queue[0]
            observation = _send(plan, request, client, pacers[target], advance)
            failure = observation.failure
            if failure is not None and not failure.connected:
                raise TargetUnreachable(f"{target.name} API at {target.base_url}: {failure.detail}")
            records[target].observations.append(observation)
        for target, queue in by_target.items():
            record = records[target]
            for index, (plan, request) in enumerate(queue[1:], start=1):
                if record.failure is not None:
                    record.not_sent = len(queue) - index
                    break
                record.observations.append(_send(plan, request, client, pacers[target], advance))
    finally:
        client.close()
    return list(records.values())


def _send(
    plan: OperationPlan, request: PlannedRequest, client: HttpClient, pacer: Pacer, advance: Advance
) -> Observation:
    pacer.wait()
    advance(f"{plan.target.name} {request.method} {plan.operation.path}")
    try:
        return Observation(plan, request, answer=client.send(request, plan.target.headers))
    except TransportFailure as failure:
        return Observation(plan, request, failure=failure)


def planned_total(plans: Sequence[OperationPlan]) -> int:
    return sum(len(plan.all_requests) for plan in plans)


def _pacers(options: HarnessOptions) -> dict[Target, Pacer]:
    """One pacer per host: two APIs on one host share its rate limit."""
    by_host: dict[str, Pacer] = {}
    return {
        target: by_host.setdefault(target.host, Pacer(options.rate_for(target)))
        for target in options.targets
    }


class Pacer:
    """At most N requests per second, none when N is 0."""

    def __init__(
        self,
        per_second: float,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self._clock = clock
        self._sleep = sleep
        self._next = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        now = self._clock()
        if now < self._next:
            self._sleep(self._next - now)
            now = self._next
        self._next = now + self.interval


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
        return f"connection closed mid-body ({len(exc.partial)} bytes received)"
    if isinstance(exc, http.client.HTTPException):
        return f"malformed HTTP response ({type(exc).__name__})"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return type(exc).__name__


class Progress:
    """One self-rewriting status line on stderr, only on a terminal and only for slow runs."""

    DELAY = 1.0  # a run that ends sooner never shows the line
    REFRESH = 0.1  # redraw at most ten times a second
    _CLEAR = "\r\x1b[2K"

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self.total = 0
        self.done = 0

    def start(self, total: int) -> None:
        self.total = total
        self.done = 0
        self._started = self._clock()

    def advance(self, text: str) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = self._clock()
        if now - self._started < self.DELAY:
            return
        if self._drawn_at is not None and now - self._drawn_at < self.REFRESH:
            return
        self._drawn_at = now
        line = f"conformance: {self.done}/{self.total} requests, {now - self._started:.0f}s: {text}"
        self.stream.write(self._CLEAR + line[:120])
        self.stream.flush()

    def finish(self) -> None:
        if self._drawn_at is not None:
            self.stream.write(self._CLEAR)
            self.stream.flush()
            self._drawn_at = None

"""HTTP/1.1 over the standard library: sockets in, :class:`ReferenceApp` decisions out.

Many clients at once, with a bounded tail (:class:`ServerLimits`):

- the listen queue holds ``backlog`` pending connections (the kernel may cap it lower), so a
  burst of clients is queued rather than dropped into SYN retransmission;
- each open connection is served by a worker of a pool of at most ``max_connections``
  threads; a connection beyond that cap is answered ``503`` with ``Retry-After`` and closed,
  so neither threads nor sockets grow without bound;
- a request head (and its body) must arrive within ``head_deadline`` seconds of its first byte,
  or the client gets ``408`` and the connection closes: a client dribbling one byte at a time
  cannot hold a worker; an idle keep-alive connection is closed after ``idle_timeout``.

HTTP/1.0 clients asking for keep-alive get it, told so with ``Connection: keep-alive``; a
request line without an HTTP version is refused with ``400`` (never answered as HTTP/0.9).

The server remembers its open connections so that stopping it closes them too: a stopped
server leaves no thread, socket or ``ResourceWarning`` behind, even when a client keeps an
idle keep-alive connection open.
"""

from __future__ import annotations

import contextlib
import io
import socket
import socketserver
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

from conformance.server.app import ReferenceApp, Request, Response
from conformance.server.jsonbytes import encode_json

MAX_DRAINED_BODY = 1 << 20  # request bodies are read and discarded up to 1 MiB
MAX_REQUEST_LINE = 65536  # as the standard library's handler: longer gets 414


@dataclass(frozen=True)
class ServerLimits:
    """How many clients a server takes at once and how long each may take to ask."""

    max_connections: int = 512  # open connections (and worker threads) at once
    backlog: int = 1024  # connections the kernel queues before they are accepted
    head_deadline: float = 10.0  # seconds from a request's first byte to its complete head
    idle_timeout: float = 30.0  # seconds an idle keep-alive connection stays open


class HeadDeadlineExceeded(TimeoutError):
    """The request head (or its body) did not arrive within the head deadline."""


class _DeadlineReader(io.RawIOBase):
    """The connection's bytes, each read waiting no longer than the current deadline allows.

    A socket timeout bounds one ``recv``; a client sending a byte just before each timeout would
    never hit it. The deadline bounds the whole head instead."""

    def __init__(self, connection: socket.socket, idle_timeout: float) -> None:
        self._connection = connection
        self._idle_timeout = idle_timeout
        self.deadline: float | None = None  # monotonic; None while waiting for a new request

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.deadline is None:
            timeout = self._idle_timeout
        else:
            timeout = self.deadline - time.monotonic()
            if timeout <= 0:
                raise HeadDeadlineExceeded
        self._connection.settimeout(timeout)
        try:
            return self._connection.recv_into(buffer)
        except TimeoutError:
            if self.deadline is not None:
                raise HeadDeadlineExceeded from None
            raise


class _SocketWriter(io.BufferedIOBase):
    """Writes go straight to the socket, whole (``sendall``)."""

    def __init__(self, connection: socket.socket) -> None:
        self._connection = connection

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self._connection.sendall(data)
        with memoryview(data) as view:
            return view.nbytes


class ContractHTTPServer(HTTPServer):
    def __init__(
        self, address: tuple[str, int], app: ReferenceApp, limits: ServerLimits | None = None
    ) -> None:
        self.app = app
        self.limits = limits if limits is not None else ServerLimits()
        self.request_queue_size = self.limits.backlog  # read by server_activate's listen()
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._listening = True
        super().__init__(address, ContractRequestHandler)
        self._workers = ThreadPoolExecutor(
            max_workers=self.limits.max_connections,
            thread_name_prefix=f"helicone-contract-connection-{self.server_port}",
        )

    def server_bind(self) -> None:
        # HTTPServer.server_bind also resolves the host's FQDN (a DNS lookup nobody reads).
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = str(self.server_address[0]), self.server_address[1]

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            admitted = len(self._connections) < self.limits.max_connections
            if admitted:
                self._connections.add(request)
        if not admitted:
            self._refuse(request)
            return
        self._workers.submit(self._serve_connection, request, client_address)

    def _serve_connection(self, request: Any, client_address: Any) -> None:
        try:
            self.finish_request(request, client_address)
        except Exception:  # noqa: BLE001 - as socketserver does: one connection's error, reported
            self.handle_error(request, client_address)
        finally:
            self.shutdown_request(request)

    def _refuse(self, connection: socket.socket) -> None:
        """Answer 503 at once, from the accepting thread, without reading the request."""
        message = f"too many open connections (at most {self.limits.max_connections}); retry"
        body = encode_json({"error": {"message": message, "type": "unavailable"}})
        head = (
            "HTTP/1.1 503 Service Unavailable\r\n"
            f"Server: {ContractRequestHandler.server_version}\r\n"
            "Content-Type: application/json; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Retry-After: 1\r\n"
            "Connection: close\r\n\r\n"
        )
        with contextlib.suppress(OSError):  # a client gone already needs no answer
            connection.settimeout(1.0)
            connection.sendall(head.encode("ascii") + body)
            # Bytes left unread at close make the kernel reset the connection, which can
            # discard the answer before the client reads it: take what has arrived.
            connection.setblocking(False)
            connection.recv(MAX_REQUEST_LINE)
        self.shutdown_request(connection)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up before its answer (a timeout, a test that stopped reading) is
        # normal for a conformance target; anything else is a bug worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            return
        super().handle_error(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def stop_listening(self) -> None:
        """Refuse new connections from now on (safe to call from a request thread, twice)."""
        with self._connections_lock:
            if not self._listening:
                return
            self._listening = False
        self.shutdown()
        self.socket.close()

    def close_connections(self) -> None:
        """Wake every connection's worker blocked on a read so it can finish."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by its peer
                connection.shutdown(socket.SHUT_RDWR)

    def server_close(self) -> None:
        super().server_close()
        self._workers.shutdown(wait=True)  # nothing outlives stop()


class ContractRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "helicone-contract-reference"
    # Headers and body leave in two writes; with Nagle's algorithm the second waits for the
    # client's delayed ACK (~40 ms), capping a keep-alive connection at ~25 requests/s.
    disable_nagle_algorithm = True
    server: ContractHTTPServer

    def setup(self) -> None:
        self.connection = self.request
        limits = self.server.limits
        self.connection.settimeout(limits.idle_timeout)
        if self.disable_nagle_algorithm:
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, True)
        self._reader = _DeadlineReader(self.connection, limits.idle_timeout)
        self._buffered = io.BufferedReader(self._reader)
        self.rfile = self._buffered
        self.wfile = _SocketWriter(self.connection)
        # What an answer before a parsed request line (408, 414) needs.
        self.command, self.requestline, self.request_version = "", "", "HTTP/1.0"

    def finish(self) -> None:
        self.rfile.close()  # the socket itself is closed by the server

    def __getattr__(self, name: str) -> Any:
        # BaseHTTPRequestHandler looks up do_<METHOD>; every method goes to the app, which
        # decides between 200, 404 and 405 (never the stdlib's HTML 501).
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def handle_one_request(self) -> None:
        try:
            self._reader.deadline = None
            if not self._buffered.peek(1):  # waits up to the idle timeout for a first byte
                self.close_connection = True
                return
            self._reader.deadline = time.monotonic() + self.server.limits.head_deadline
            self.raw_requestline = self.rfile.readline(MAX_REQUEST_LINE + 1)
            if len(self.raw_requestline) > MAX_REQUEST_LINE:
                self.send_error(414, "request line longer than 65536 bytes")
                return
            if not self.parse_request():  # it has answered already
                return
            self._handle_request()
        except HeadDeadlineExceeded:
            deadline = self.server.limits.head_deadline
            with contextlib.suppress(OSError):
                self.send_error(408, f"request not complete within {deadline:g} s")
        except TimeoutError:
            self.close_connection = True

    def parse_request(self) -> bool:
        words = str(self.raw_requestline, "iso-8859-1").split()
        if len(words) == 2:  # "GET /path": HTTP/0.9, which nothing still speaks
            self.requestline = " ".join(words)
            self.send_error(400, "request line without an HTTP version")
            return False
        return super().parse_request()

    def _handle_request(self) -> None:
        self._drain_body()
        # The request is read: from here only the idle timeout bounds a write.
        self._reader.deadline = None
        self.connection.settimeout(self.server.limits.idle_timeout)
        getattr(self, f"do_{self.command}")()

    def _dispatch(self) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        request = Request(self.command, path, self.path, self.headers)
        self._write(self.server.app.respond(request))

    def _drain_body(self) -> None:
        # Unread body bytes would be parsed as the next request on a keep-alive connection.
        length_header = self.headers.get("Content-Length")
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            return
        if length_header is None:
            return
        try:
            length = int(length_header)
        except ValueError:
            self.close_connection = True
            return
        if length < 0 or length > MAX_DRAINED_BODY:
            self.close_connection = True
            return
        self.rfile.read(length)

    def _write(self, response: Response) -> None:
        if response.stop_listening:
            self.server.stop_listening()
        if response.drop:
            self.close_connection = True
            return
        self.send_response(response.status)
        if response.content_type is not None:
            self.send_header("Content-Type", response.content_type)
        for name, value in response.headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(response.body)))
        if response.close:
            self.send_header("Connection", "close")
            self.close_connection = True
        elif self.request_version == "HTTP/1.0" and not self.close_connection:
            # An HTTP/1.0 client closes after the answer unless told the connection stays.
            self.send_header("Connection", "keep-alive")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        # Malformed requests (bad request line, oversized headers) get JSON like everything else.
        del explain
        if self.request_version == "HTTP/0.9":  # an unparseable request line: answer in HTTP/1.0
            self.request_version = "HTTP/1.0"
        body = encode_json({"error": {"message": message or "Bad Request", "type": "bad_request"}})
        self.close_connection = True
        self._write(Response(code, body, "application/json; charset=utf-8", close=True))

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        del format, args  # quiet: the CLI prints its URL, tests read responses, not logs

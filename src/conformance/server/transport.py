"""HTTP/1.1 over the standard library: sockets in, :class:`ReferenceApp` decisions out.

One thread per connection (``ThreadingHTTPServer``). The server remembers its open connections
so that stopping it closes them too: a stopped server leaves no thread, socket or
``ResourceWarning`` behind, even when a client keeps an idle keep-alive connection open.
"""

from __future__ import annotations

import contextlib
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from conformance.server.app import ReferenceApp, Request, Response
from conformance.server.jsonbytes import encode_json

MAX_DRAINED_BODY = 1 << 20  # request bodies are read and discarded up to 1 MiB
IDLE_TIMEOUT_SECONDS = 30.0  # an idle keep-alive connection is closed after this long


class ContractHTTPServer(ThreadingHTTPServer):
    daemon_threads = False  # joined in server_close(), so nothing outlives stop()
    block_on_close = True

    def __init__(self, address: tuple[str, int], app: ReferenceApp) -> None:
        self.app = app
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        self._listening = True
        super().__init__(address, ContractRequestHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up before its answer (a timeout, a test that stopped reading) is
        # normal for a conformance target; anything else is a bug worth a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)

    def stop_listening(self) -> None:
        """Refuse new connections from now on (safe to call from a request thread, twice)."""
        with self._connections_lock:
            if not self._listening:
                return
            self._listening = False
        self.shutdown()
        self.socket.close()

    def close_connections(self) -> None:
        """Wake every connection thread blocked on a read so it can finish."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by its peer
                connection.shutdown(socket.SHUT_RDWR)


class ContractRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "helicone-contract-reference"
    timeout = IDLE_TIMEOUT_SECONDS
    # Headers and body leave in two writes; with Nagle's algorithm the second waits for the
    # client's delayed ACK (~40 ms), capping a keep-alive connection at ~25 requests/s.
    disable_nagle_algorithm = True
    server: ContractHTTPServer

    def __getattr__(self, name: str) -> Any:
        # BaseHTTPRequestHandler looks up do_<METHOD>; every method goes to the app, which
        # decides between 200, 404 and 405 (never the stdlib's HTML 501).
        if name.startswith("do_"):
            return self._dispatch
        raise AttributeError(name)

    def _dispatch(self) -> None:
        self._drain_body()
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

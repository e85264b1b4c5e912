"""The reference server under load and abuse, over real loopback sockets: a slow client is cut
off, many clients at once are all answered, the connection cap holds, HTTP/1.0 is spoken right.

No test asserts a duration: each waits for an outcome, and pytest-timeout ends a test whose
outcome never comes (the failure these tests exist to catch)."""

from __future__ import annotations

import http.client
import json
import select
import socket
import threading
from collections.abc import Iterator

import pytest

from conformance.server import GATEWAY_PATH, REGISTRY_PATH, ReferenceApp, RunningServer, serving
from conformance.server.transport import ServerLimits
from tests.support.fetch import fetch

pytestmark = pytest.mark.timeout(60)

SHORT_HEAD_DEADLINE = ServerLimits(head_deadline=0.5)


@pytest.fixture
def server(request: pytest.FixtureRequest) -> Iterator[RunningServer]:
    limits = getattr(request, "param", SHORT_HEAD_DEADLINE)
    with serving(ReferenceApp(), limits=limits) as running:
        yield running


def _connect(server: RunningServer) -> socket.socket:
    return socket.create_connection(("127.0.0.1", server.port), timeout=30)


def _read_answer(connection: socket.socket) -> tuple[bytes, dict[str, str], bytes]:
    """One answer from ``connection``: status line, headers (lower-case names), body."""
    stream = connection.makefile("rb")
    status = stream.readline().rstrip(b"\r\n")
    headers = dict(http.client.parse_headers(stream).items())
    headers = {name.lower(): value for name, value in headers.items()}
    body = stream.read(int(headers.get("content-length", "0")))
    stream.close()
    return status, headers, body


def _read_to_end(connection: socket.socket) -> bytes:
    chunks = []
    while chunk := connection.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_a_client_dribbling_its_head_is_cut_off_with_408(server: RunningServer) -> None:
    with _connect(server) as connection:
        connection.sendall(f"GET {GATEWAY_PATH} HTTP/1.1\r\nHost: x\r\n".encode())
        # One header byte at a time, each well inside any per-read timeout, until the server
        # answers: only a deadline on the whole head ends this loop.
        while not select.select([connection], [], [], 0.1)[0]:
            connection.sendall(b"X")
        reply = _read_to_end(connection)
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 408"), head
    assert b"Connection: close" in head
    assert json.loads(body)["error"]["message"] == "request not complete within 0.5 s"


def test_an_idle_keep_alive_connection_outlives_the_head_deadline(server: RunningServer) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=30)
    try:
        connection.request("GET", GATEWAY_PATH)
        connection.getresponse().read()
        threading.Event().wait(3 * SHORT_HEAD_DEADLINE.head_deadline)  # idle, not slow
        connection.request("GET", GATEWAY_PATH)
        response = connection.getresponse()
        response.read()
        assert response.status == 200
        assert connection.sock is not None  # the same connection answered, not a new one
    finally:
        connection.close()


def test_many_clients_at_once_are_all_answered(server: RunningServer) -> None:
    clients = 200  # far beyond a listen queue of 5
    start = threading.Barrier(clients)
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        start.wait()
        status = fetch(server.url + REGISTRY_PATH, timeout=30).status
        with lock:
            statuses.append(status)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [200] * clients


@pytest.mark.parametrize("server", [ServerLimits(max_connections=3)], indirect=True)
def test_connections_beyond_the_cap_get_503_until_one_closes(server: RunningServer) -> None:
    held = [http.client.HTTPConnection("127.0.0.1", server.port, timeout=30) for _ in range(3)]
    try:
        for connection in held:  # each admitted and kept open (keep-alive)
            connection.request("GET", GATEWAY_PATH)
            assert connection.getresponse().read()
        with _connect(server) as extra:
            status, headers, body = _read_answer(extra)
            assert _read_to_end(extra) == b""  # and then closed
        assert status == b"HTTP/1.1 503 Service Unavailable"
        assert headers["retry-after"] == "1"
        assert headers["connection"] == "close"
        assert json.loads(body)["error"]["message"] == (
            "too many open connections (at most 3); retry"
        )
        workers = [
            thread
            for thread in threading.enumerate()
            if thread.name.startswith(f"helicone-contract-connection-{server.port}")
        ]
        assert len(workers) == 3  # one per admitted connection, none for the refused one
        held.pop().close()
        while fetch(server.url + GATEWAY_PATH).status != 200:  # once the server saw it close
            pass
    finally:
        for connection in held:
            connection.close()


def test_http_1_0_keep_alive_is_honoured_and_said(server: RunningServer) -> None:
    request = f"GET {GATEWAY_PATH} HTTP/1.0\r\nConnection: keep-alive\r\n\r\n".encode()
    with _connect(server) as connection:
        for _ in range(2):  # the second answer proves the connection stayed open
            connection.sendall(request)
            status, headers, body = _read_answer(connection)
            assert status.startswith(b"HTTP/1.1 200")
            assert headers["connection"] == "keep-alive"
            assert json.loads(body)["object"] == "list"


def test_http_1_0_without_keep_alive_is_closed_after_the_answer(server: RunningServer) -> None:
    with _connect(server) as connection:
        connection.sendall(f"GET {GATEWAY_PATH} HTTP/1.0\r\n\r\n".encode())
        reply = _read_to_end(connection)  # returns only because the server closed
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 200")
    assert b"keep-alive" not in head.lower()
    assert json.loads(body)["object"] == "list"


def test_a_request_line_without_a_version_is_refused_not_answered_as_http_0_9(
    server: RunningServer,
) -> None:
    with _connect(server) as connection:
        connection.sendall(f"GET {GATEWAY_PATH}\r\n".encode())
        reply = _read_to_end(connection)
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), reply[:200]
    assert json.loads(body)["error"] == {
        "message": "request line without an HTTP version",
        "type": "bad_request",
    }


def test_the_readme_states_the_servers_default_limits() -> None:
    from tests.support.paths import REPO

    rows = {
        line.split("|")[1].strip(): line.split("|")[2].strip()
        for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines()
        if line.startswith("| ") and line.count("|") == 4
    }
    limits = ServerLimits()
    assert rows["pending connections in the listen queue"].startswith(f"{limits.backlog:,} ")
    cap = "open connections, each served by one worker of a bounded pool (`--max-connections N`)"
    assert rows[cap] == f"{limits.max_connections:,}"
    head = "a request head (and body) complete after its first byte"
    assert rows[head] == f"{limits.head_deadline:g} s"
    assert rows["an idle keep-alive connection"] == f"{limits.idle_timeout:g} s"

"""The harness's HTTP client against raw loopback sockets: deadlines hold whatever the peer does."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from conformance.harness.http import HttpClient, TransportFailure
from conformance.harness.plan import PlannedRequest

Behaviour = Callable[[socket.socket], None]


@contextmanager
def raw_server(behaviour: Behaviour) -> Iterator[str]:
    """Accept connections on 127.0.0.1 and hand each to ``behaviour`` in a thread."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=_guarded, args=(behaviour, connection), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


def _guarded(behaviour: Behaviour, connection: socket.socket) -> None:
    # OSError: the client gave up and closed, as expected for the slow behaviours.
    with connection, contextlib.suppress(OSError):
        behaviour(connection)


def _read_request(connection: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = connection.recv(4096)
        if not chunk:
            return
        data += chunk


def dribble_body(connection: socket.socket) -> None:
    _read_request(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n")
    for _ in range(1000):
        connection.sendall(b" ")
        time.sleep(0.05)


def dribble_headers(connection: socket.socket) -> None:
    _read_request(connection)
    for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
        connection.sendall(bytes([byte]))
        time.sleep(0.05)


def close_at_once(connection: socket.socket) -> None:
    _read_request(connection)


def answer(connection: socket.socket) -> None:
    _read_request(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}")


@pytest.mark.parametrize("behaviour", [dribble_body, dribble_headers], ids=["body", "headers"])
def test_a_dribbling_server_costs_the_timeout_not_more(behaviour: Behaviour) -> None:
    client = HttpClient(timeout=0.4)
    with raw_server(behaviour) as url:
        started = time.monotonic()
        with pytest.raises(TransportFailure) as failure:
            client.send(PlannedRequest("GET", url + "/v1/models"))
        elapsed = time.monotonic() - started
        client.close()
    assert failure.value.kind == "timeout"
    assert failure.value.connected
    assert elapsed < 5  # a per-read timeout would take 50 s here (1000 bytes, 0.05 s apart)


def test_closing_without_an_answer_is_a_connection_failure() -> None:
    client = HttpClient(timeout=2)
    with raw_server(close_at_once) as url:
        with pytest.raises(TransportFailure) as failure:
            client.send(PlannedRequest("GET", url + "/"))
        client.close()
    assert (failure.value.kind, failure.value.connected) == ("connection", True)


def test_refused_connection_is_a_connect_failure() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(TransportFailure) as failure:
        HttpClient(timeout=2).send(PlannedRequest("GET", f"http://127.0.0.1:{port}/"))
    assert (failure.value.kind, failure.value.connected) == ("connect", False)
    assert failure.value.detail == "connection refused"


def test_answers_and_headers_are_kept_verbatim() -> None:
    client = HttpClient(timeout=2, extra_headers=(("Authorization", "Bearer x"),))
    with raw_server(answer) as url:
        first = client.send(PlannedRequest("GET", url + "/"))
        second = client.send(PlannedRequest("GET", url + "/"))  # after Connection: close
        client.close()
    assert (first.status, first.body, first.header("content-length")) == (200, b"{}", "2")
    assert second.body == b"{}"

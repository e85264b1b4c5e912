"""The harness's HTTP client against raw loopback sockets: deadlines hold whatever the peer does."""

from __future__ import annotations

import socket
import time

import pytest

from conformance.harness.http_client import HttpClient
from conformance.harness.plan import PlannedRequest
from conformance.harness.records import TransportFailure
from tests.conformance.raw_servers import Behaviour, never_accepting, raw_server


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


@pytest.mark.timeout(10)  # a per-read timeout would take 50 s here (1000 bytes, 0.05 s apart)
@pytest.mark.parametrize("behaviour", [dribble_body, dribble_headers], ids=["body", "headers"])
def test_a_dribbling_server_costs_the_timeout_not_more(behaviour: Behaviour) -> None:
    client = HttpClient(timeout=0.4)
    with raw_server(behaviour) as url:
        with pytest.raises(TransportFailure) as failure:
            client.send(PlannedRequest("GET", url + "/v1/models"))
        client.close()
    assert failure.value.kind == "timeout"
    assert failure.value.connected


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


@pytest.mark.timeout(10)  # the kernel's SYN retries would take minutes
def test_a_connection_never_accepted_is_a_connect_failure_within_the_timeout() -> None:
    with never_accepting() as url, pytest.raises(TransportFailure) as failure:
        HttpClient(timeout=0.3).send(PlannedRequest("GET", url + "/"))
    assert (failure.value.kind, failure.value.connected) == ("connect", False)
    assert failure.value.detail == "no connection within 0.3s"


def test_answers_and_headers_are_kept_verbatim() -> None:
    client = HttpClient(timeout=2)
    with raw_server(answer) as url:
        first = client.send(PlannedRequest("GET", url + "/"), (("Authorization", "Bearer x"),))
        second = client.send(PlannedRequest("GET", url + "/"))  # after Connection: close
        client.close()
    assert (first.status, first.body, first.header("content-length")) == (200, b"{}", "2")
    assert second.body == b"{}"


def head_with_a_body(connection: socket.socket) -> None:
    _read_request(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")
    time.sleep(2)  # and keeps the connection open, against the request's Connection: close


def head_without_a_body(connection: socket.socket) -> None:
    _read_request(connection)
    connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\n")


@pytest.mark.parametrize(
    ("behaviour", "body"), [(head_with_a_body, b"{}"), (head_without_a_body, b"")]
)
def test_a_body_sent_after_head_is_seen(behaviour: Behaviour, body: bytes) -> None:
    client = HttpClient(timeout=5)
    with raw_server(behaviour) as url:
        answer = client.send(PlannedRequest("HEAD", url + "/v1/models", kind="head"))
        client.close()
    assert (answer.status, answer.header("content-length"), answer.body) == (200, "2", body)

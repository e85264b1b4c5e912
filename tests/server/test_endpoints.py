"""The reference server over real HTTP on 127.0.0.1: routes, methods, headers, connections."""

from __future__ import annotations

import http.client
import json
import socket

import pytest

from conformance.server import GATEWAY_PATH, REGISTRY_PATH, RunningServer, default_registry
from tests.checks import own
from tests.support.fetch import fetch

PATHS = [REGISTRY_PATH, GATEWAY_PATH]


def test_registry_is_served_byte_for_byte(reference_server: RunningServer) -> None:
    answer = fetch(reference_server.url + REGISTRY_PATH)
    assert answer.status == 200
    assert answer.content_type == "application/json; charset=utf-8"
    assert answer.body == default_registry().body


def test_gateway_is_compact_json_as_production_sends_it(
    reference_server: RunningServer,
) -> None:
    answer = fetch(reference_server.url + GATEWAY_PATH)
    assert answer.status == 200
    assert answer.content_type == "application/json"  # no charset, as the real gateway
    listed = json.loads(answer.body)
    assert answer.body == json.dumps(listed, separators=(",", ":")).encode()
    assert listed == own.served_gateway()


@pytest.mark.parametrize("path", PATHS)
def test_head_mirrors_get_without_a_body(reference_server: RunningServer, path: str) -> None:
    get = fetch(reference_server.url + path)
    head = fetch(reference_server.url + path, method="HEAD")
    assert head.status == get.status == 200
    assert head.body == b""
    assert head.content_type == get.content_type
    assert head.headers["Content-Length"] == str(len(get.body))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "FOO"])
def test_other_methods_answer_405_with_allow_and_json(
    reference_server: RunningServer, path: str, method: str
) -> None:
    answer = fetch(reference_server.url + path, method=method, body=b'{"x": 1}')
    assert answer.status == 405
    assert answer.headers["Allow"] == "GET, HEAD"
    body = json.loads(answer.body)
    message = body["error"] if path == REGISTRY_PATH else body["error"]["message"]
    assert method in message


@pytest.mark.parametrize("path", ["/", "/v1/models/", "/v1/model", "/v1/public/model-registry"])
def test_unknown_paths_answer_404_json(reference_server: RunningServer, path: str) -> None:
    answer = fetch(reference_server.url + path)
    assert answer.status == 404
    assert answer.content_type is not None
    assert answer.content_type.startswith("application/json")
    assert json.loads(answer.body)["error"]["type"] == "not_found"


def test_query_string_does_not_change_the_route(reference_server: RunningServer) -> None:
    plain = fetch(reference_server.url + GATEWAY_PATH)
    with_query = fetch(reference_server.url + GATEWAY_PATH + "?limit=1&x=%20")
    assert with_query.status == 200
    assert with_query.body == plain.body


def test_keep_alive_serves_several_requests_on_one_connection(
    reference_server: RunningServer,
) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", reference_server.port, timeout=10)
    try:
        statuses = []
        # The POST body must be drained, or it would be read as the next request line.
        for method, path, body in [
            ("GET", GATEWAY_PATH, None),
            ("POST", REGISTRY_PATH, b"x" * 5000),
            ("GET", REGISTRY_PATH, None),
        ]:
            connection.request(method, path, body=body)
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        assert statuses == [200, 405, 200]
    finally:
        connection.close()


def test_malformed_request_line_gets_json_400(reference_server: RunningServer) -> None:
    with socket.create_connection(("127.0.0.1", reference_server.port), timeout=10) as raw:
        raw.sendall(b"BROKEN\r\n\r\n")
        reply = raw.makefile("rb").read()
    head, _, body = reply.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400"), head
    assert json.loads(body)["error"]["type"] == "bad_request"

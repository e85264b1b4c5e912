"""Each wire fault variant (media type, JSON syntax, status, transport, hygiene) shows its fault
over real HTTP, while the bytes it serves are otherwise the reference server's."""

from __future__ import annotations

import http.client
import json
import math

import pytest

from conformance.errors import InputError, MalformedJSON
from conformance.jsonload import parse_json
from conformance.server import GATEWAY_PATH, REGISTRY_PATH, RunningServer
from generated.gateway import ModelListError
from tests.support import faults
from tests.support.fetch import fetch
from tests.support.paths import REAL_REGISTRY
from tests.support.servers import start_server


@pytest.fixture(scope="module")
def reference_bodies(reference_server: RunningServer) -> dict[str, bytes]:
    return {path: fetch(reference_server.url + path).body for path in (REGISTRY_PATH, GATEWAY_PATH)}


# -- media type ---------------------------------------------------------------------------------
def test_html_content_type(reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.HtmlContentType) as server:
        registry = fetch(server.url + REGISTRY_PATH)
        gateway = fetch(server.url + GATEWAY_PATH)
    assert registry.content_type == "text/html; charset=utf-8"
    assert registry.body == reference_bodies[REGISTRY_PATH]
    assert gateway.content_type == "application/json; charset=utf-8"


def test_missing_content_type(reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.MissingContentType) as server:
        gateway = fetch(server.url + GATEWAY_PATH)
        registry = fetch(server.url + REGISTRY_PATH)
    assert "Content-Type" not in gateway.headers
    assert gateway.body == reference_bodies[GATEWAY_PATH]
    assert registry.content_type == "application/json; charset=utf-8"


# -- JSON syntax --------------------------------------------------------------------------------
def test_nan_token(reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.NaNToken) as server:
        body = fetch(server.url + REGISTRY_PATH).body
    with pytest.raises(MalformedJSON):
        parse_json(body, "registry")
    lenient = json.loads(body)  # Python's json reads NaN; everything else is the reference data
    assert math.isnan(lenient["data"].pop("total"))
    expected = json.loads(reference_bodies[REGISTRY_PATH])
    del expected["data"]["total"]
    assert lenient == expected


def test_trailing_garbage(reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.TrailingGarbage) as server:
        body = fetch(server.url + GATEWAY_PATH).body
    with pytest.raises(MalformedJSON):
        parse_json(body, "gateway")
    assert body == reference_bodies[GATEWAY_PATH] + b"}"


def test_invalid_utf8(reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.InvalidUtf8) as server:
        body = fetch(server.url + REGISTRY_PATH).body
    with pytest.raises(InputError, match="not UTF-8"):
        parse_json(body, "registry")
    assert body.count(b"\xff") == 1
    assert body.replace(b"\xff", b"") == reference_bodies[REGISTRY_PATH]


# -- status -------------------------------------------------------------------------------------
def test_undocumented_status(reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.UndocumentedStatus) as server:
        registry = fetch(server.url + REGISTRY_PATH)
        gateway = fetch(server.url + GATEWAY_PATH)
    assert registry.status == 418
    assert registry.body == reference_bodies[REGISTRY_PATH]
    assert gateway.status == 200


def test_redirect_leads_nowhere() -> None:
    with start_server(faults.Redirect) as server:
        gateway = fetch(server.url + GATEWAY_PATH)
        followed = fetch(server.url + gateway.headers["Location"])
    assert gateway.status == 302
    assert followed.status == 404


def test_gateway_server_error_is_the_documented_500() -> None:
    with start_server(faults.GatewayServerError) as server:
        gateway = fetch(server.url + GATEWAY_PATH)
        registry = fetch(server.url + REGISTRY_PATH)
    assert gateway.status == 500
    ModelListError.model_validate_json(gateway.body, strict=True)
    assert registry.status == 200


# -- transport ----------------------------------------------------------------------------------
def test_slow_answers_after_the_client_gave_up() -> None:
    with start_server(faults.Slow, delay=5.0) as server, pytest.raises(TimeoutError):
        fetch(server.url + GATEWAY_PATH, timeout=0.3)
    # Leaving the block ended the 5 s wait: the server stopped without answering.


def test_slow_answers_a_patient_client() -> None:
    with start_server(faults.Slow, delay=0.2) as server:
        assert fetch(server.url + GATEWAY_PATH, timeout=10).status == 200


@pytest.mark.parametrize(("every", "expected"), [(2, [200, 503, 200, 503]), (3, [200, 200, 503])])
def test_flaky_fails_every_nth_identical_request(every: int, expected: list[int]) -> None:
    with start_server(faults.Flaky, every=every) as server:
        statuses = [fetch(server.url + GATEWAY_PATH).status for _ in expected]
        other = fetch(server.url + REGISTRY_PATH).status  # a different request: its own count
    assert statuses == expected
    assert other == 200


def test_dies_after_n_requests_refuses_new_and_drops_open_connections() -> None:
    with start_server(faults.DiesAfter, requests=2) as server:
        early = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        try:
            early.request("GET", GATEWAY_PATH)
            assert early.getresponse().read()  # request 1, connection kept alive
            assert fetch(server.url + REGISTRY_PATH).status == 200  # request 2: the last
            with pytest.raises(ConnectionRefusedError):
                fetch(server.url + GATEWAY_PATH)
            early.request("GET", GATEWAY_PATH)
            with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
                early.getresponse()
        finally:
            early.close()


# -- hygiene ------------------------------------------------------------------------------------
@pytest.mark.parametrize("path", [REGISTRY_PATH, GATEWAY_PATH])
def test_any_method_answered(path: str, reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.AnyMethodAnswered) as server:
        post = fetch(server.url + path, method="POST", body=b"{}")
        missing = fetch(server.url + "/nowhere", method="POST")
    assert post.status == 200
    assert post.body == reference_bodies[path]
    assert missing.status == 404


def test_registry_without_charset(reference_bodies: dict[str, bytes]) -> None:
    with start_server(faults.RegistryWithoutCharset) as server:
        registry = fetch(server.url + REGISTRY_PATH)
    assert registry.content_type == "application/json"
    assert registry.body == reference_bodies[REGISTRY_PATH]


def test_gateway_without_charset_is_the_real_gateways_header(
    reference_bodies: dict[str, bytes],
) -> None:
    with start_server(faults.GatewayWithoutCharset) as server:
        gateway = fetch(server.url + GATEWAY_PATH)
    assert gateway.content_type == "application/json"
    assert gateway.body == reference_bodies[GATEWAY_PATH]


def test_no_allow_header() -> None:
    with start_server(faults.NoAllowHeader) as server:
        answer = fetch(server.url + GATEWAY_PATH, method="DELETE")
    assert answer.status == 405
    assert "Allow" not in answer.headers


# -- the correct server on the real data ---------------------------------------------------------
def test_real_data_variant_serves_the_real_registry() -> None:
    with start_server(faults.RealData) as server:
        assert fetch(server.url + REGISTRY_PATH).body == REAL_REGISTRY.read_bytes()

"""Starting and stopping servers leaves nothing behind (pytest turns warnings into errors)."""

from __future__ import annotations

import gc
import http.client
import threading

import pytest

from conformance.server import GATEWAY_PATH, ReferenceApp, serving
from tests.support.fetch import fetch


def test_stop_closes_idle_keep_alive_connections_and_threads() -> None:
    before = set(threading.enumerate())
    with serving(ReferenceApp()) as server:
        idle = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        idle.request("GET", GATEWAY_PATH)
        idle.getresponse().read()  # the connection stays open, its server thread waiting
        started = set(threading.enumerate()) - before
        assert len(started) >= 2  # the accept loop and the idle connection's thread
    idle.close()
    gc.collect()
    assert [thread for thread in started if thread.is_alive()] == []


def test_a_stopped_server_refuses_connections() -> None:
    with serving() as server:
        url = server.url
        assert fetch(url + GATEWAY_PATH).status == 200
    with pytest.raises(ConnectionRefusedError):
        fetch(url + GATEWAY_PATH)


def test_stop_is_idempotent_and_the_url_is_loopback() -> None:
    with serving() as server:
        assert server.url.startswith("http://127.0.0.1:")
        assert server.port > 0
        server.stop()
    server.stop()
